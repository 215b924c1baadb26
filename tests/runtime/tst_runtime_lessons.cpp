// Exact virtual-clock traces of the classic lessons: state sequences with span boundaries,
// print order, task results and outcomes.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

Trace runFile(const QString &relative)
{
    const QString path = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/") + relative;
    const ScenarioLoad load = readScenarioFile(path);
    if (!load.ok()) {
        for (const auto &p : load.problems)
            qWarning("%s", qPrintable(p.toString()));
        return {};
    }
    return runScenario(*load.scenario);
}

QString lesson(const char *name)
{
    return QStringLiteral("examples/%1.loop.json").arg(QLatin1String(name));
}
QString scenario(const char *name)
{
    return QStringLiteral("tests/runtime/scenarios/%1.loop.json").arg(QLatin1String(name));
}

// Every wake edge, "<t> <lane name> by <lane name> via <on>", in the trace's order.
QStringList wakesText(const Trace &trace)
{
    QStringList out;
    for (const TraceEvent &e : trace.events)
        if (e.kind == EventKind::Wake)
            out << QStringLiteral("%1 %2 by %3 via %4")
                       .arg(QString::number(e.t), trace.lanes[std::size_t(e.lane)].name,
                            e.by >= 0 ? trace.lanes[std::size_t(e.by)].name : QStringLiteral("-"),
                            e.via);
    return out;
}

} // namespace

class TestRuntimeLessons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outcomes_data();
    void outcomes();
    void sequentialCallsTakeTheSum();
    void tasksOverlap();
    void gatherThreeSleeps();
    void blockingCallsFreezeTheLoop();
    void gilSerialisesCpuThreads();
    void freeThreadedCpuThreadsRunTogether();
    void processPoolOfTwoRunsFourJobs();
    void lockSerialises();
    void semaphoreLetsTwoIn();
    void eventWakesTheWaiter();
    void awaitedTaskWakesItsAwaiter();
    void queueWorkersDrainThreeItems();
    void waitForTimesOut();
    void waitForZeroTimeoutCancelsBeforeTheTaskRuns();
    void waitForParameterTimeout();
    void taskGroupCancelsSiblings();
    void gatherReturnExceptions();
    void cancellationInsideWithReleasesTheLock();
    void fireAndForgetIsCancelledAtShutdown();
    void twoLocksDeadlock();
    void shutdownWaitsForATaskThatSwallowedItsCancellation();
};

// Every scenario: outcome, duration and the trace-format invariants.
void TestRuntimeLessons::outcomes_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<double>("duration");
    QTest::newRow("sequential_calls") << scenario("sequential-calls") << "completed" << 3.0;
    QTest::newRow("create_tasks") << scenario("create-tasks") << "completed" << 2.0;
    QTest::newRow("gather") << lesson("03-asyncio-gather") << "completed" << 2.0;
    QTest::newRow("block") << lesson("04-time-sleep-freezes") << "completed" << 6.0;
    QTest::newRow("gil") << scenario("gil-two-threads") << "completed" << 2.0;
    QTest::newRow("no_gil") << scenario("nogil-two-threads") << "completed" << 1.0;
    QTest::newRow("process_pool") << scenario("process-pool") << "completed" << 2.5;
    QTest::newRow("lock") << lesson("13-lock-counter") << "completed" << 5.0;
    QTest::newRow("semaphore") << lesson("14-semaphore") << "completed" << 3.0;
    QTest::newRow("event") << lesson("15-event") << "completed" << 2.0;
    QTest::newRow("queue") << lesson("16-queue-workers") << "completed" << 4.0;
    QTest::newRow("wait_for") << lesson("18-wait-for-timeout") << "completed" << 1.0;
    QTest::newRow("task_group") << lesson("12-taskgroup-fails-fast") << "failed" << 1.5;
    QTest::newRow("cancel_in_lock") << scenario("cancel-inside-lock") << "completed" << 2.0;
    QTest::newRow("fire_and_forget") << lesson("19-fire-and-forget") << "completed" << 1.0;
    QTest::newRow("deadlock") << lesson("21-deadlock") << "deadlock" << 1.0;
}

void TestRuntimeLessons::outcomes()
{
    QFETCH(QString, file);
    QFETCH(QString, outcome);
    QFETCH(double, duration);
    const Trace trace = runFile(file);
    QCOMPARE(outcomeName(trace.outcome.status), outcome);
    QCOMPARE(trace.duration, duration);
    QCOMPARE(invariantProblem(trace), QString());
    QVERIFY(!trace.liveClock);
    QCOMPARE(trace.lanes.back().kind, LaneKind::Loop);
}

void TestRuntimeLessons::sequentialCallsTakeTheSum()
{
    const Trace trace = runFile(scenario("sequential-calls"));
    // `call` runs inline: one lane, two timer waits back to back.
    QCOMPARE(trace.lanes.size(), std::size_t(2));
    QCOMPARE(spansText(trace, "main"),
             "running 0-0 | waiting 0-1 timer | running 1-1 | waiting 1-3 timer | running 3-3");
    QCOMPARE(printsText(trace), QStringList({"0 main: fetch 1", "1 main: fetch 2"}));
}

void TestRuntimeLessons::tasksOverlap()
{
    const Trace trace = runFile(scenario("create-tasks"));
    QCOMPARE(spansText(trace, "main"),
             "running 0-0 | waiting 0-1 task-2 | running 1-1 | waiting 1-2 task-3 | running 2-2");
    QCOMPARE(spansText(trace, "fetch-1"), "running 0-0 | waiting 0-1 timer | running 1-1");
    QCOMPARE(spansText(trace, "fetch-2"), "running 0-0 | waiting 0-2 timer | running 2-2");
    QCOMPARE(resultsText(trace), "main=done fetch-1=done fetch-2=done");
    QCOMPARE(trace.lanes[1].parent, 0);
}

void TestRuntimeLessons::gatherThreeSleeps()
{
    const Trace trace = runFile(lesson("03-asyncio-gather"));
    QCOMPARE(spansText(trace, "main"), "running 0-0 | waiting 0-2 gather | running 2-2");
    for (const char *name : {"fetch-1", "fetch-2", "fetch-3"})
        QCOMPARE(spansText(trace, name), "running 0-0 | waiting 0-2 timer | running 2-2");
}

void TestRuntimeLessons::blockingCallsFreezeTheLoop()
{
    const Trace trace = runFile(lesson("04-time-sleep-freezes"));
    // Each task blocks the loop for 2 s; the others are ready but cannot run.
    QCOMPARE(spansText(trace, "fetch-1"), "running 0-0 | blocking 0-2 | running 2-2");
    QCOMPARE(spansText(trace, "fetch-2"), "ready 0-2 | running 2-2 | blocking 2-4 | running 4-4");
    QCOMPARE(spansText(trace, "fetch-3"), "ready 0-4 | running 4-4 | blocking 4-6 | running 6-6");
    QCOMPARE(spansText(trace, "event loop"),
             "blocking 0-2 task-2 | blocking 2-4 task-3 | blocking 4-6 task-4");
    QCOMPARE(trace.diagnostics.size(), std::size_t(3));
    QCOMPARE(trace.diagnostics[1].code, "slow-step");
    QCOMPARE(trace.diagnostics[1].t, 2.0);
    QCOMPARE(trace.diagnostics[1].message, "Executing <Task fetch-2> took 2.000 seconds");
}

void TestRuntimeLessons::gilSerialisesCpuThreads()
{
    const Trace trace = runFile(scenario("gil-two-threads"));
    const Lane *a = laneNamed(trace, "asyncio_0");
    const Lane *b = laneNamed(trace, "asyncio_1");
    QVERIFY(a && b);
    QCOMPARE(a->kind, LaneKind::Thread);
    // The GIL changes hands every switch interval: 200 turns of 5 ms each for 1 s of CPU,
    // then asyncio_0, done first, idles for the last 5 ms.
    QCOMPARE(a->spans.size(), std::size_t(400));
    QCOMPARE(b->spans.size(), std::size_t(400));
    QVERIFY(spansText(trace, "asyncio_0")
                .startsWith("running 0-0.005 | ready 0.005-0.01 GIL | running 0.01-0.015 | "));
    QVERIFY(spansText(trace, "asyncio_1")
                .startsWith("ready 0-0.005 GIL | running 0.005-0.01 | ready 0.01-0.015 GIL | "));
    QCOMPARE(a->spans[398].end, 1.995);
    QCOMPARE(trace.str(a->spans.back().on), "work queue");
    QCOMPARE(b->spans.back().end, 2.0);
    QCOMPARE(spansText(trace, "main"), "running 0-0 | waiting 0-2 gather | running 2-2");
}

void TestRuntimeLessons::freeThreadedCpuThreadsRunTogether()
{
    const Trace trace = runFile(scenario("nogil-two-threads"));
    QCOMPARE(spansText(trace, "asyncio_0"), "running 0-1");
    QCOMPARE(spansText(trace, "asyncio_1"), "running 0-1");
    QCOMPARE(spansText(trace, "main"), "running 0-0 | waiting 0-1 gather | running 1-1");
}

void TestRuntimeLessons::processPoolOfTwoRunsFourJobs()
{
    const Trace trace = runFile(scenario("process-pool"));
    // Both workers start at the first submit and are ready 0.5 s later; two jobs at a time.
    QCOMPARE(spansText(trace, "Process-1"), "waiting 0-0.5 startup | running 0.5-2.5");
    QCOMPARE(spansText(trace, "Process-2"), "waiting 0-0.5 startup | running 0.5-2.5");
    QCOMPARE(laneNamed(trace, "Process-1")->kind, LaneKind::Process);
    QCOMPARE(printsText(trace), QStringList({"1.5 job-1: job 1 done", "1.5 job-2: job 2 done",
                                             "2.5 job-3: job 3 done", "2.5 job-4: job 4 done"}));
}

void TestRuntimeLessons::lockSerialises()
{
    const Trace trace = runFile(lesson("13-lock-counter"));
    QCOMPARE(spansText(trace, "modify-3"),
             "running 0-0 | blocked 0-2 lock | running 2-2 | waiting 2-3 timer | running 3-3");
    QCOMPARE(printsText(trace).size(), 10);
    QCOMPARE(printsText(trace).last(), "5 modify-5: Counter after: 5");
}

void TestRuntimeLessons::semaphoreLetsTwoIn()
{
    const Trace trace = runFile(lesson("14-semaphore"));
    // CPython's order: both holders release before the woken waiters run.
    QCOMPARE(printsText(trace), QStringList({"0 access_resource-1: Accessing resource 0",
                                             "0 access_resource-2: Accessing resource 1",
                                             "1 access_resource-1: Releasing resource 0",
                                             "1 access_resource-2: Releasing resource 1",
                                             "1 access_resource-3: Accessing resource 2",
                                             "1 access_resource-4: Accessing resource 3",
                                             "2 access_resource-3: Releasing resource 2",
                                             "2 access_resource-4: Releasing resource 3",
                                             "2 access_resource-5: Accessing resource 4",
                                             "3 access_resource-5: Releasing resource 4"}));
    QCOMPARE(spansText(trace, "access_resource-5"),
             "running 0-0 | blocked 0-2 sem | running 2-2 | waiting 2-3 timer | running 3-3");
    int wakes = 0;
    for (const TraceEvent &e : trace.events)
        if (e.kind == EventKind::Wake && e.via == "sem")
            ++wakes;
    QCOMPARE(wakes, 3);
}

void TestRuntimeLessons::eventWakesTheWaiter()
{
    const Trace trace = runFile(lesson("15-event"));
    QCOMPARE(printsText(trace),
             QStringList({"0 waiter-1: Waiting for the event", "2 setter-1: Event set",
                          "2 waiter-1: Event is set, carrying on"}));
    QVERIFY(spansText(trace, "waiter-1").contains("waiting 0-2 ready"));
}

// `await task`: the task's last step wakes the awaiter, as CPython's recorder shows (by and via
// the awaited task, whether it is done, failed or cancelled); a task already done when awaited
// wakes nobody (lesson 08's `await t1`).
void TestRuntimeLessons::awaitedTaskWakesItsAwaiter()
{
    QCOMPARE(
        wakesText(runFile(lesson("07-sequential-vs-tasks"))),
        QStringList({"4 main by fetch_data-1 via task-2", "5 main by fetch_data-2 via task-3"}));
    QCOMPARE(wakesText(runFile(lesson("08-await-order"))),
             QStringList({"2 main by fetch_data-2 via task-3"}));
    const Trace failedAndCancelled = runFile(scenario("awaited-task-wakes"));
    QCOMPARE(printsText(failedAndCancelled), QStringList({"1 main: caught", "2 main: cancelled"}));
    QCOMPARE(wakesText(failedAndCancelled),
             QStringList({"1 main by w-1 via task-2", "2 main by c-1 via task-3"}));
}

void TestRuntimeLessons::queueWorkersDrainThreeItems()
{
    const Trace trace = runFile(lesson("16-queue-workers"));
    QCOMPARE(printsText(trace),
             QStringList({"0 worker-1: Processing file1", "0 worker-2: Processing file2",
                          "2 worker-1: Finished file1", "2 worker-1: Processing file3",
                          "2 worker-2: Finished file2", "4 worker-1: Finished file3"}));
}

void TestRuntimeLessons::waitForTimesOut()
{
    const Trace trace = runFile(lesson("18-wait-for-timeout"));
    QCOMPARE(printsText(trace),
             QStringList({"0 main: Operation started", "1 main: Operation cleaned up",
                          "1 main: Timed out after 1 s"}));
    bool timeoutEvent = false;
    for (const TraceEvent &e : trace.events)
        timeoutEvent |= e.kind == EventKind::Timeout && e.t == 1.0;
    QVERIFY(timeoutEvent);
}

// Found by tests/fidelity/differential.py: wait_for(aw, 0) cancels a task that has not started
// (its body never runs) and waits one more iteration, on _cancel_and_wait's waiter, than an
// await of the task; the coroutine form gets a task of its own. The ticker's sleep(0)s count
// the iterations; the order is CPython 3.12's.
void TestRuntimeLessons::waitForZeroTimeoutCancelsBeforeTheTaskRuns()
{
    const Trace trace = runFile(scenario("wait-for-zero-timeout"));
    QCOMPARE(
        printsText(trace),
        QStringList({"0 ticker-1: tick 1", "0 ticker-1: tick 2", "0 ticker-1: tick 3",
                     "0 main: task timed out", "0 ticker-1: tick 4", "0 ticker-1: tick 5",
                     "0 ticker-1: tick 6", "0 main: coroutine timed out", "0 main: main done"}));
    QCOMPARE(resultsText(trace), "main=done ticker-1=done job-1=cancelled job-2=cancelled");
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
}

// The same wait_for with timeouts from a parameter: 0 and -1 cancel the coroutine's task before
// it starts, 1 cuts it short, 3 lets it finish. CPython 3.11 and 3.12 print exactly this.
void TestRuntimeLessons::waitForParameterTimeout()
{
    const Trace trace = runFile(scenario("wait-for-parameter-timeout"));
    QCOMPARE(printsText(trace),
             QStringList({"0 main: limit 0", "0 main: timed out at 0", "0 main: limit 1",
                          "0 main: Operation started", "1 main: Operation cleaned up",
                          "1 main: timed out at 1", "1 main: limit -1", "1 main: timed out at -1",
                          "1 main: limit 3", "1 main: Operation started",
                          "3 main: Operation finished", "3 main: Operation cleaned up"}));
    QCOMPARE(resultsText(trace), "main=done slow_operation-1=cancelled slow_operation-2=cancelled");
    QCOMPARE(trace.duration, 3.0);
}

void TestRuntimeLessons::taskGroupCancelsSiblings()
{
    const Trace trace = runFile(lesson("12-taskgroup-fails-fast"));
    QCOMPARE(trace.outcome.error,
             "ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)");
    QCOMPARE(resultsText(trace), "main=failed fetch-1=done broken-1=failed fetch-2=cancelled");
    QCOMPARE(printsText(trace).last(), "1.5 fetch-2: Fetch 2 cancelled by the group");
}

void TestRuntimeLessons::gatherReturnExceptions()
{
    const Trace trace = runFile(lesson("11-gather-exceptions"));
    QCOMPARE(printsText(trace).at(6),
             "2 main: All three finished; the error came back as a result");
    QCOMPARE(printsText(trace).at(12),
             "3.5 main: Default gather: the ValueError came straight through");
}

void TestRuntimeLessons::cancellationInsideWithReleasesTheLock()
{
    const Trace trace = runFile(scenario("cancel-inside-lock"));
    QCOMPARE(printsText(trace),
             QStringList({"0 holder-1: holder has the lock", "1 holder-1: holder cancelled",
                          "1 waiter-1: waiter has the lock", "2 main: main done"}));
    QCOMPARE(spansText(trace, "waiter-1"),
             "running 0-0 | blocked 0-1 lock | running 1-1 | waiting 1-2 timer | running 2-2");
    QCOMPARE(resultsText(trace), "main=done holder-1=cancelled waiter-1=done");
}

void TestRuntimeLessons::fireAndForgetIsCancelledAtShutdown()
{
    const Trace trace = runFile(lesson("19-fire-and-forget"));
    QCOMPARE(resultsText(trace), "main=done upload-1=cancelled");
    QCOMPARE(trace.diagnostics.size(), std::size_t(1));
    QCOMPARE(trace.diagnostics[0].code, "pending-at-shutdown");
    QCOMPARE(trace.diagnostics[0].message,
             "Task upload-1 was still pending when main returned; asyncio.run() cancelled it");
}

void TestRuntimeLessons::twoLocksDeadlock()
{
    const Trace trace = runFile(lesson("21-deadlock"));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Deadlock);
    QCOMPARE(trace.outcome.error, "deadlock: transfer_ab-1 waits for b held by transfer_ba-1, "
                                  "transfer_ba-1 waits for a held by transfer_ab-1");
    QCOMPARE(resultsText(trace), "main=pending transfer_ab-1=pending transfer_ba-1=pending");
    // Each ends blocked on the lock the other holds: kept though it lasts no time.
    QVERIFY(spansText(trace, "transfer_ab-1").endsWith("running 1-1 | blocked 1-1 b"));
    QVERIFY(spansText(trace, "transfer_ba-1").endsWith("running 1-1 | blocked 1-1 a"));
}

// Found by tests/fidelity/differential.py: asyncio.run cancels the task left when main returns;
// the task catches CancelledError and waits for an event nothing sets. CPython's asyncio.run
// waits for it forever: a hang, not a completed run.
void TestRuntimeLessons::shutdownWaitsForATaskThatSwallowedItsCancellation()
{
    const Trace trace = runFile(scenario("shutdown-cancel-swallowed"));
    QCOMPARE(printsText(trace),
             QStringList({"0.5 main: main done", "0.5 stubborn-1: cancelled, waiting anyway"}));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Deadlock);
    QCOMPARE(trace.outcome.error,
             "every task waits and nothing can wake it: stubborn-1 waits for ev");
    QCOMPARE(resultsText(trace), "main=done stubborn-1=pending");
    QCOMPARE(spansText(trace, "stubborn-1"),
             "running 0-0 | waiting 0-0.5 timer | running 0.5-0.5 | waiting 0.5-0.5 ev");
    QCOMPARE(trace.duration, 0.5);
}

QTEST_GUILESS_MAIN(TestRuntimeLessons)
#include "tst_runtime_lessons.moc"
