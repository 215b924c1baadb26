// The loop's insides as Loopscope records them (trace.loop, read through loopAt as the loop view
// reads it) against CPython 3.12's own BaseEventLoop._run_once: for each lesson (and the
// scenarios of tests/runtime/scenarios that asyncio.wait's timer needs), iteration by
// iteration, the ready queue in FIFO order and the live timers by deadline, each named by task.
// The expected files are CPython's, written by tests/fidelity/loop_insides.py from the lesson's
// fidelity program (regenerate with `python3.12 loop_insides.py NN-name.py`, with `--pools` for
// the lessons with pools: 02, 05, 06, 20, 22; prims/wait from
// prims-wait.py, wait-timeout-cancelled from loop-wait-timeout-cancelled.py). CPython goes on
// for a few iterations after main has finished (asyncio.run's shutdown: the stop callback,
// shutdown_asyncgens, shutdown_default_executor), which Loopscope does not run; those, and only
// those, may follow the iterations both have.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace/loop_state.h"
#include "trace/trace_json.h"

#include <QFile>
#include <QTest>

using namespace loopscope;

namespace {

Trace runLesson(const QString &name)
{
    // A lesson ("08-await-order"), or a scenario of tests/runtime/scenarios ("prims/wait").
    const QString path
        = name.front().isDigit()
              ? QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/%1.loop.json")
              : QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/runtime/scenarios/%1.loop.json");
    const ScenarioLoad load = readScenarioFile(path.arg(name));
    if (!load.scenario)
        qFatal("cannot read lesson %s", qPrintable(name));
    return runScenario(*load.scenario);
}

QString laneName(const Trace &trace, int lane)
{
    return lane >= 0 ? trace.lanes[std::size_t(lane)].name : QStringLiteral("-");
}

// Loopscope's labels, as CPython's handles are described by loop_insides.py: a call_soon
// function of the scenario is a plain callback there.
QString label(const Trace &trace, StringId what)
{
    const QString text = trace.str(what);
    return text.endsWith(QLatin1String("()")) ? QStringLiteral("callback") : text;
}

// The blocks loop_insides.py writes, one per iteration of Loopscope's run.
QStringList loopscopeBlocks(const Trace &trace)
{
    QStringList blocks;
    for (std::size_t i = 0; i < trace.loop.iterations.size(); ++i) {
        const LoopSnapshot s = loopAt(trace, LoopPosition{i, 0});
        QString block = QStringLiteral("iteration %1 t=%2\n").arg(i).arg(s.t);
        std::vector<LoopCallback> ready = s.ready;
        if (s.running)
            ready.insert(ready.begin(), *s.running);
        for (const LoopCallback &cb : ready)
            block += QStringLiteral("  ready %1 %2\n")
                         .arg(laneName(trace, cb.lane), label(trace, cb.what));
        for (const LoopTimer &timer : s.timers)
            block += QStringLiteral("  timer %1 %2 %3\n")
                         .arg(timer.when)
                         .arg(laneName(trace, timer.lane), label(trace, timer.what));
        for (const LoopWait &wait : s.waits)
            block += QStringLiteral("  wait %1 %2\n")
                         .arg(laneName(trace, wait.lane), trace.str(wait.on));
        blocks << block;
    }
    return blocks;
}

QStringList cpythonBlocks(const QString &name)
{
    QFile file(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/fidelity/expected/loop-insides/%1.txt")
                   .arg(QString(name).replace(QLatin1Char('/'), QLatin1Char('-'))));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no CPython record for %s", qPrintable(name));
    QStringList blocks;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("iteration")))
            blocks << QString();
        if (!line.isEmpty())
            blocks.last() += line + QLatin1Char('\n');
    }
    return blocks;
}

bool isShutdown(const QString &block)
{
    for (const QString &line : block.split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(1))
        if (line != QLatin1String("  ready - callback")
            && !line.startsWith(QLatin1String("  ready shutdown_")))
            return false;
    return true;
}

} // namespace

class TestLoopInsides : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesCpythonRunOnce_data();
    void matchesCpythonRunOnce();
    void positionsBetweenCallbacks();
    void traceJsonKeepsTheLoop();
    void sleepTimersNameTheirTasks();
};

void TestLoopInsides::matchesCpythonRunOnce_data()
{
    QTest::addColumn<QString>("lesson");
    for (const char *lesson : {"03-asyncio-gather",      "07-sequential-vs-tasks",
                               "08-await-order",         "09-early-task",
                               "10-loop-vs-taskgroup",   "13-lock-counter",
                               "14-semaphore",           "15-event",
                               "16-queue-workers",       "17-future",
                               "18-wait-for-timeout",    "24-race-condition",
                               "11-gather-exceptions",   "12-taskgroup-fails-fast",
                               "19-fire-and-forget",     "23-forgotten-await",
                               "25-gather-factorial",    "prims/wait",
                               "wait-timeout-cancelled", "02-threads",
                               "22-web-server",          "05-gil-cpu-threads",
                               "06-process-pool",        "20-cpu-blocks-loop"})
        QTest::newRow(lesson) << QString::fromLatin1(lesson);
}

void TestLoopInsides::matchesCpythonRunOnce()
{
    QFETCH(QString, lesson);
    const Trace trace = runLesson(lesson);
    const QStringList ours = loopscopeBlocks(trace);
    const QStringList theirs = cpythonBlocks(lesson);
    QVERIFY(!ours.isEmpty());
    QVERIFY2(theirs.size() >= ours.size(),
             qPrintable(QStringLiteral("%1 iterations here, %2 in CPython")
                            .arg(ours.size())
                            .arg(theirs.size())));
    for (qsizetype i = 0; i < ours.size(); ++i)
        QCOMPARE(ours[i], theirs[i]);
    for (qsizetype i = ours.size(); i < theirs.size(); ++i)
        QVERIFY2(isShutdown(theirs[i]),
                 qPrintable(QStringLiteral("CPython goes on with\n") + theirs[i]));
}

// 08: at iteration 1 both tasks' first steps are ready; while fetch_data-1's runs, fetch_data-2's
// waits behind it; once it has run (position 2), its sleep's timer is in the heap.
void TestLoopInsides::positionsBetweenCallbacks()
{
    const Trace trace = runLesson(QStringLiteral("08-await-order"));
    const LoopSnapshot first = loopAt(trace, {1, 0});
    QVERIFY(first.running);
    QCOMPARE(laneName(trace, first.running->lane), QStringLiteral("fetch_data-1"));
    QCOMPARE(first.ready.size(), std::size_t(1));
    QCOMPARE(laneName(trace, first.ready[0].lane), QStringLiteral("fetch_data-2"));
    QVERIFY(first.timers.empty());
    const LoopSnapshot second = loopAt(trace, {1, 1});
    QCOMPARE(laneName(trace, second.running->lane), QStringLiteral("fetch_data-2"));
    QVERIFY(second.ready.empty());
    QCOMPARE(second.timers.size(), std::size_t(1));
    QCOMPARE(second.timers[0].when, 1.0);
    QCOMPARE(trace.str(second.timers[0].step), QStringLiteral("s2"));
    // Stepping: by task step through both callbacks of iteration 1, by iteration past them.
    QCOMPARE(stepForward(trace.loop, {1, 0}, LoopStride::TaskStep),
             std::optional(LoopPosition{1, 1}));
    QCOMPARE(stepForward(trace.loop, {1, 0}, LoopStride::Iteration),
             std::optional(LoopPosition{2, 0}));
    QCOMPARE(stepBack(trace.loop, {2, 0}, LoopStride::TaskStep), std::optional(LoopPosition{1, 1}));
    QCOMPARE(stepBack(trace.loop, {1, 1}, LoopStride::Iteration),
             std::optional(LoopPosition{1, 0}));
    QCOMPARE(stepBack(trace.loop, {0, 0}, LoopStride::TaskStep), std::nullopt);
    const int main = trace.laneIndex(QStringLiteral("task-1"));
    QCOMPARE(laneCallback(trace.loop, {1, 0}, main, true), std::optional(LoopPosition{6, 0}));
    QCOMPARE(laneCallback(trace.loop, {6, 0}, main, false), std::optional(LoopPosition{0, 0}));
    QCOMPARE(positionAtTime(trace.loop, 1.5), (LoopPosition{3, 0}));
}

void TestLoopInsides::traceJsonKeepsTheLoop()
{
    const Trace trace = runLesson(QStringLiteral("18-wait-for-timeout"));
    QVERIFY(!trace.loop.empty());
    const QByteArray json = writeTraceJson(trace);
    QString error;
    const std::optional<Trace> back = readTraceJson(json, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(writeTraceJson(*back), json);
    QCOMPARE(loopscopeBlocks(*back), loopscopeBlocks(trace));
}

// A sleep's timer callback is recorded by its timer's id as it runs and named from the timer
// when the trace is built: 3,000 tasks of three sleeps, enough callbacks to fill more than one
// chunk of the loop's log. Each set_result names the task it wakes and the sleep it waits at,
// and that task's wake-up runs at the same place in the next iteration.
void TestLoopInsides::sleepTimersNameTheirTasks()
{
    const QByteArray json = R"({"format": "loopscope-scenario", "version": 1,
      "coroutines": [
        {"name": "worker", "steps": [{"op": "sleep", "seconds": 0.001},
          {"op": "sleep", "seconds": 0.001}, {"op": "sleep", "seconds": 0.001}]},
        {"name": "main", "steps": [{"op": "task_group", "steps": [
          {"op": "repeat", "count": 3000, "steps": [{"op": "create_task", "coro": "worker"}]}]}]}]})";
    const Trace trace = runScenario(*readScenario(json, QStringLiteral("sleeps")).scenario);
    const LoopTrace &loop = trace.loop;
    QVERIFY(loop.ran.size() > 20'000);
    std::vector<int> sleeps(trace.lanes.size(), 0);
    std::size_t named = 0;
    for (std::size_t i = 0; i + 1 < loop.iterations.size(); ++i) {
        const LoopIteration &it = loop.iterations[i];
        for (std::uint32_t k = 0; k < it.ready; ++k) {
            const LoopCallback &cb = loop.ran[it.firstRan + k];
            if (trace.str(cb.what) != QLatin1String("set_result"))
                continue;
            QVERIFY(cb.lane >= 0);
            QCOMPARE(trace.lanes[std::size_t(cb.lane)].name.section(QLatin1Char('-'), 0, 0),
                     QStringLiteral("worker"));
            const int nth = ++sleeps[std::size_t(cb.lane)];
            QCOMPARE(trace.str(cb.step), QStringLiteral("s%1").arg(nth));
            const LoopCallback &woken = loop.ran[loop.iterations[i + 1].firstRan + k];
            QCOMPARE(woken.lane, cb.lane);
            QCOMPARE(woken.step, cb.step);
            QCOMPARE(trace.str(woken.what), QStringLiteral("wakeup"));
            ++named;
        }
    }
    QCOMPARE(named, std::size_t(9000));
}

QTEST_GUILESS_MAIN(TestLoopInsides)
#include "tst_loop_insides.moc"
