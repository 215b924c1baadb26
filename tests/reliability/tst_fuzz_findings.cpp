// What the fuzzers found, kept as inputs under tests/fuzz/regressions/ and run the way the fuzz
// target ran them: each must end cleanly. Leaks show under the asan preset (LeakSanitizer at
// exit), so these rows matter most there.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"

#include <QTest>

using namespace loopscope;

class TestFuzzFindings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runtimeInputs_data();
    void runtimeInputs();
    void stoppedGatherIsFreed();
};

void TestFuzzFindings::runtimeInputs_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<OutcomeStatus>("status");
    QTest::addColumn<QString>("error");
    // fuzz_runtime, leak: a gather whose children deadlock kept itself and them (and their
    // coroutine frames) alive after the run; Runtime's destructor now abandons it.
    QTest::newRow("deadlocked gather leaked its children")
        << "runtime-leak-deadlock-gather.loop.json" << OutcomeStatus::Deadlock
        << "deadlock: transfer_ab-1 waits for b held by transfer_ba-1, transfer_ba-1 waits for "
           "a held by transfer_ab-1";
    // fuzz_runtime, timeout: a `cpu` of 0 s on the loop while a process pool exists spun
    // forever in the virtual pools (VirtualPools::cpuOnLoop advanced time with the loop
    // already marked busy).
    QTest::newRow("cpu 0 beside a process pool hung")
        << "runtime-timeout-cpu-zero-with-pool.loop.json" << OutcomeStatus::Completed << QString();
    // fuzz_runtime, ASan stack-use-after-scope: after a SystemExit in main, asyncio.run's
    // shutdown cancels main with the rest, and main's done callback wrote to a local of
    // RunCore::run() that had gone out of scope.
    QTest::newRow("main done in the shutdown after SystemExit")
        << "runtime-stack-use-after-scope-system-exit.loop.json" << OutcomeStatus::Failed
        << "SystemExit";
}

void TestFuzzFindings::runtimeInputs()
{
    QFETCH(QString, file);
    QFETCH(OutcomeStatus, status);
    QFETCH(QString, error);
    const ScenarioLoad load
        = readScenarioFile(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/fuzz/regressions/") + file);
    QVERIFY(load.ok());
    RunOptions options; // as fuzz_runtime runs them
    options.clock = ClockMode::Virtual;
    options.scenarioLimit = 1000;
    options.wallLimit = 2;
    const Trace trace = runScenario(*load.scenario, options);
    QCOMPARE(trace.outcome.status, status);
    QCOMPARE(trace.outcome.error, error);
}

// The same cycle when the user stops a run during a gather (under ASan: no leak at exit).
void TestFuzzFindings::stoppedGatherIsFreed()
{
    const ScenarioLoad load = readScenario(R"({"format": "loopscope-scenario", "version": 1,
      "coroutines": [{"name": "job", "steps": [{"op": "sleep", "seconds": 100}]},
        {"name": "main", "steps": [{"op": "gather", "items": [{"coro": "job"}, {"coro": "job"}]}]}]})",
                                           QStringLiteral("inline"));
    QVERIFY(load.ok());
    RunOptions options;
    options.scenarioLimit = 10;
    const Trace trace = runScenario(*load.scenario, options);
    QCOMPARE(trace.outcome.status, OutcomeStatus::Stopped);
    QCOMPARE(trace.outcome.error, QStringLiteral("stopped at the limit of 10 scenario seconds"));
}

QTEST_GUILESS_MAIN(TestFuzzFindings)
#include "tst_fuzz_findings.moc"
