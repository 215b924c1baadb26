// Stop and limits: a run ends promptly from another thread, mid-`block`, mid-`cpu`, in pool
// threads and worker processes, and runaway scenarios end with outcome `stopped`.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QElapsedTimer>
#include <QTest>

#include <thread>

using namespace loopscope;
using namespace loopscope::test;

namespace {

Scenario parse(const char *json)
{
    const ScenarioLoad l = readScenario(QByteArray(json), QStringLiteral("inline"));
    if (!l.ok())
        qFatal("inline scenario invalid: %s", qPrintable(l.problems.front().toString()));
    return *l.scenario;
}

const char *kMainOnly = R"({"format": "loopscope-scenario", "version": 1,
  "resources": [{"id": "procs", "kind": "process_pool", "workers": 1}],
  "coroutines": [{"name": "main", "steps": [%1]}]})";

Scenario mainDoing(const QString &steps)
{
    return parse(QString::fromLatin1(kMainOnly).arg(steps).toUtf8().constData());
}

} // namespace

class TestRuntimeStop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stopLiveRun_data();
    void stopLiveRun();
    void runawayRepeatHitsScenarioLimit();
    void printLoopHitsMemoryBudget();
    void pauseAndStep();
    void pauseShowsReadyOnVirtualClock();
    void stopWhileWaitForZeroReleasesItsWaiter();
};

void TestRuntimeStop::stopLiveRun_data()
{
    QTest::addColumn<QString>("steps");
    QTest::newRow("block") << R"({"op": "block", "seconds": 100})";
    QTest::newRow("cpu") << R"({"op": "cpu", "seconds": 100})";
    QTest::newRow("sleep") << R"({"op": "sleep", "seconds": 100})";
    QTest::newRow("thread_cpu") << R"({"op": "to_thread", "work": "cpu", "seconds": 100})";
    QTest::newRow("thread_io") << R"({"op": "to_thread", "work": "io", "seconds": 100})";
    QTest::newRow("process")
        << R"({"op": "run_in_executor", "pool": "procs", "work": "cpu", "seconds": 100})";
}

void TestRuntimeStop::stopLiveRun()
{
    QFETCH(QString, steps);
    RunOptions options;
    options.clock = ClockMode::Live;
    options.scale = 1.0;
    options.workerProgram = QStringLiteral(LOOPSCOPE_BINARY);
    ScenarioRun run(mainDoing(steps), options);
    run.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    QVERIFY(!run.isFinished());
    QElapsedTimer timer;
    timer.start();
    run.stop();
    while (!run.isFinished() && timer.elapsed() < 5000)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const qint64 took = timer.elapsed();
    QVERIFY2(took <= 100, qPrintable(QStringLiteral("stop took %1 ms").arg(took)));
    const Trace trace = run.snapshot();
    QCOMPARE(trace.outcome.status, OutcomeStatus::Stopped);
    QCOMPARE(trace.outcome.error, "stopped by the user");
    QCOMPARE(resultsText(trace), "main=pending");
    QCOMPARE(invariantProblem(trace), QString());
}

void TestRuntimeStop::runawayRepeatHitsScenarioLimit()
{
    RunOptions options;
    options.scenarioLimit = 100;
    const Trace trace = runScenario(
        mainDoing(R"({"op": "repeat", "count": null, "steps": [{"op": "sleep", "seconds": 1}]})"),
        options);
    QCOMPARE(trace.outcome.status, OutcomeStatus::Stopped);
    QCOMPARE(trace.outcome.error, "stopped at the limit of 100 scenario seconds");
    QCOMPARE(trace.duration, 101.0);
}

// Events count against the recording's memory budget: a print loop stops at it, and every
// print made before is kept.
void TestRuntimeStop::printLoopHitsMemoryBudget()
{
    RunOptions options;
    options.memoryBudget = std::size_t(4) << 20;
    const Trace trace = runScenario(
        mainDoing(
            R"({"op": "repeat", "count": null, "steps": [{"op": "print", "text": "again"}]})"),
        options);
    QCOMPARE(trace.outcome.status, OutcomeStatus::Stopped);
    QCOMPARE(trace.outcome.error,
             "stopped at the memory budget of 4 MiB for recording (after 1 state changes and "
             "32767 events); raise it with --memory-budget (e.g. --memory-budget 1G) or Run > "
             "Memory Budget");
    QCOMPARE(trace.events.size(), std::size_t(32767));
}

void TestRuntimeStop::pauseAndStep()
{
    RunOptions options;
    options.clock = ClockMode::Live;
    options.scale = 0.1;
    ScenarioRun run(mainDoing(R"({"op": "sleep", "seconds": 1}, {"op": "sleep", "seconds": 1})"),
                    options);
    run.pause();
    run.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    QVERIFY(run.isPaused());
    // Made, but its first step waits; the clock stands still while paused.
    const Trace paused = run.snapshot();
    const Lane *main = laneNamed(paused, "main");
    QVERIFY(main && main->spans.size() == 1);
    QCOMPARE(main->spans[0].state, LaneState::Ready);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    QCOMPARE(spansText(run.snapshot(), "main"), spansText(paused, "main"));
    // Step: the loop runs until the next state change (main's first step: it runs, then
    // waits on its timer) and pauses again; the clock stands still, so the timer never fires.
    run.step();
    auto states = [&run] {
        const Trace trace = run.snapshot(); // kept: laneNamed points into it
        QStringList out;
        for (const Span &span : laneNamed(trace, "main")->spans)
            out << stateName(span.state) + QLatin1Char(' ') + trace.str(span.on);
        return out;
    };
    const QStringList afterStep{"ready ", "running ", "waiting timer"};
    QTRY_COMPARE_WITH_TIMEOUT(states(), afterStep, 2000);
    std::this_thread::sleep_for(std::chrono::milliseconds(300)); // longer than its sleep
    QVERIFY(run.isPaused());
    QCOMPARE(states(), afterStep);
    run.resume();
    QTRY_VERIFY_WITH_TIMEOUT(run.isFinished(), 2000);
    const Trace trace = run.snapshot();
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QVERIFY2(std::abs(trace.duration - 2.0) < 0.2, qPrintable(QString::number(trace.duration)));
}

// The virtual clock records `ready` only when a task runs later than it became ready (a ready
// span of zero length is not drawn); a pause must still show a task that is ready as ready, and
// the run goes on to exactly the trace it has without the pause.
void TestRuntimeStop::pauseShowsReadyOnVirtualClock()
{
    const Scenario scenario
        = mainDoing(R"({"op": "sleep", "seconds": 1}, {"op": "cpu", "seconds": 0.5})");
    RunOptions options;
    options.clock = ClockMode::Virtual;
    ScenarioRun run(scenario, options);
    run.pause();
    run.start();
    // main is made, ready for its first step, and the loop pauses before running it.
    QTRY_COMPARE_WITH_TIMEOUT(spansText(run.snapshot(), "main"), QStringLiteral("ready 0-0"), 2000);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    QCOMPARE(spansText(run.snapshot(), "main"), QStringLiteral("ready 0-0"));
    run.resume();
    QTRY_VERIFY_WITH_TIMEOUT(run.isFinished(), 2000);
    QCOMPARE(spansText(run.snapshot(), "main"), spansText(runScenario(scenario, options), "main"));
}

// wait_for(worker(), 0) waits on a waiter that the cancelled worker's done callback releases.
// Here the run stops (hog's `cpu` passes the scenario limit) in the very iteration the worker
// ends, with that callback still queued: the waiter must not leak (LeakSanitizer in CI).
void TestRuntimeStop::stopWhileWaitForZeroReleasesItsWaiter()
{
    const Scenario scenario = parse(R"({"format": "loopscope-scenario", "version": 1,
      "coroutines": [
        {"name": "hog", "steps": [{"op": "cpu", "seconds": 2}]},
        {"name": "worker", "steps": [{"op": "print", "text": "never"}]},
        {"name": "main", "steps": [
          {"op": "create_task", "coro": "hog"},
          {"op": "wait_for", "coro": "worker", "timeout": 0}]}]})");
    RunOptions options;
    options.clock = ClockMode::Virtual;
    options.scenarioLimit = 1.0;
    const Trace trace = runScenario(scenario, options);
    QCOMPARE(trace.outcome.status, OutcomeStatus::Stopped);
    QCOMPARE(trace.outcome.error, QStringLiteral("stopped at the limit of 1 scenario seconds"));
    QCOMPARE(trace.duration, 2.0);
    QCOMPARE(printsText(trace), QStringList()); // the worker never ran its body
    QCOMPARE(resultsText(trace), QStringLiteral("main=pending hog-1=done worker-1=cancelled"));
}

QTEST_GUILESS_MAIN(TestRuntimeStop)
#include "tst_runtime_stop.moc"
