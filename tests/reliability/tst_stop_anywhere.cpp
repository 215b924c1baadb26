// Stop ends any run within 100 ms, including those tst_runtime_stop does not cover: loops that
// never suspend on the virtual clock, many GIL-bound threads, a busy process pool, a paused
// run. And a loop that never suspends still meets the wall limit.
#include "hostile_scenarios.h"
#include "runtime/runner.h"

#include <QElapsedTimer>
#include <QTest>

#include <thread>

using namespace loopscope;
using namespace loopscope::test;

namespace {

const QByteArray kPools = R"({"id": "procs", "kind": "process_pool", "workers": 8},
                             {"id": "q", "kind": "queue", "items": [1]})";

// `n` tasks, each running `steps`, then main waits for them.
QByteArray manyTasks(int n, const QByteArray &steps)
{
    return scenarioText(R"({"name": "job", "steps": [)" + steps + R"(]},
        {"name": "main", "steps": [{"op": "task_group", "steps": [
          {"op": "repeat", "count": )"
                            + QByteArray::number(n) + R"(, "steps": [
            {"op": "create_task", "coro": "job"}]}]}]})",
                        kPools);
}

} // namespace

class TestStopAnywhere : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stopEndsRun_data();
    void stopEndsRun();
    void loopThatNeverSuspendsMeetsWallLimit();
};

void TestStopAnywhere::stopEndsRun_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("live");
    QTest::addColumn<bool>("paused");
    const QByteArray forever = R"({"op": "repeat", "count": null, "steps": [)";
    QTest::newRow("virtual: repeat forever, empty body")
        << mainText(forever + "]}", kPools) << false << false;
    QTest::newRow("virtual: repeat forever of an empty repeat")
        << mainText(forever + R"({"op": "repeat", "count": 0, "steps": []}]})", kPools) << false
        << false;
    QTest::newRow("virtual: drain that puts back what it gets")
        << mainText(R"({"op": "drain", "queue": "q", "as": "x", "steps": [
                        {"op": "put", "queue": "q", "item": 1}]})",
                    kPools)
        << false << false;
    QTest::newRow("live: 16 GIL-bound to_thread cpu jobs")
        << manyTasks(16, R"({"op": "to_thread", "work": "cpu", "seconds": 100})") << true << false;
    QTest::newRow("live: 8 busy worker processes") << manyTasks(
        8, R"({"op": "run_in_executor", "pool": "procs", "work": "cpu", "seconds": 100})")
                                                   << true << false;
    QTest::newRow("live: block hogging the loop while threads compute")
        << manyTasks(4, R"({"op": "to_thread", "work": "cpu", "seconds": 100},
                           {"op": "block", "seconds": 100})")
        << true << false;
    QTest::newRow("live: paused") << manyTasks(4, R"({"op": "sleep", "seconds": 100})") << true
                                  << true;
}

void TestStopAnywhere::stopEndsRun()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, live);
    QFETCH(bool, paused);
    RunOptions options;
    options.clock = live ? ClockMode::Live : ClockMode::Virtual;
    options.scale = 1.0;
    options.workerProgram = QStringLiteral(LOOPSCOPE_BINARY);
    ScenarioRun run(loadOrFail(json), options);
    run.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    if (paused)
        run.pause();
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
    QCOMPARE(trace.outcome.error, QStringLiteral("stopped by the user"));
}

void TestStopAnywhere::loopThatNeverSuspendsMeetsWallLimit()
{
    RunOptions options;
    options.wallLimit = 0.5;
    QElapsedTimer timer;
    timer.start();
    const Trace trace = runScenario(
        loadOrFail(mainText(R"({"op": "repeat", "count": null, "steps": []})")), options);
    QCOMPARE(trace.outcome.status, OutcomeStatus::Stopped);
    QCOMPARE(trace.outcome.error, QStringLiteral("stopped at the limit of 0.5 wall seconds"));
    QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestStopAnywhere)
#include "tst_stop_anywhere.moc"
