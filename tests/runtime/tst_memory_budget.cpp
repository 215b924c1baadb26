// The recording's memory budget (memory_budget.h): how a budget is written and shown, a run
// that reaches it stops saying which budget and how to raise it, and the recording packs a
// long run of switches into a few bytes a state change (byte_log.h).
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace/trace_binary.h"

#include <QTest>

#include <thread>

using namespace loopscope;

namespace {

// `tasks` tasks of `sleeps` sleep(`seconds`) each.
Scenario switches(int tasks, int sleeps, double seconds)
{
    const QByteArray json = QStringLiteral(R"({"format": "loopscope-scenario", "version": 1,
      "coroutines": [
        {"name": "worker", "steps": [
          {"op": "repeat", "count": %2, "steps": [{"op": "sleep", "seconds": %3}]}]},
        {"name": "main", "steps": [
          {"op": "task_group", "steps": [
            {"op": "repeat", "count": %1, "steps": [{"op": "create_task", "coro": "worker"}]}]}]}]})")
                                .arg(tasks)
                                .arg(sleeps)
                                .arg(seconds)
                                .toUtf8();
    const ScenarioLoad load = readScenario(json, QStringLiteral("inline"));
    if (!load.ok())
        qFatal("inline scenario invalid: %s", qPrintable(load.problems.front().toString()));
    return *load.scenario;
}

// A file that keeps only how much was written to it, and the largest write.
class WriteSizes : public QIODevice
{
public:
    qint64 written = 0;
    qint64 largest = 0;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 size) override
    {
        written += size;
        largest = std::max(largest, size);
        return size;
    }
};

} // namespace

class TestMemoryBudget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qulonglong>("bytes"); // 0: refused
        QTest::newRow("G") << "8G" << (qulonglong(8) << 30);
        QTest::newRow("GiB") << "8GiB" << (qulonglong(8) << 30);
        QTest::newRow("gb lower case") << "8gb" << (qulonglong(8) << 30);
        QTest::newRow("M") << "512M" << (qulonglong(512) << 20);
        QTest::newRow("fraction") << "1.5G" << (qulonglong(3) << 29);
        QTest::newRow("T") << "1T" << (qulonglong(1) << 40);
        QTest::newRow("bytes") << "2000000" << qulonglong(2000000);
        QTest::newRow("spaces") << " 64 M " << (qulonglong(64) << 20);
        QTest::newRow("below 1 MiB") << "1000K" << qulonglong(0);
        QTest::newRow("unknown unit") << "8X" << qulonglong(0);
        QTest::newRow("negative") << "-1G" << qulonglong(0);
        QTest::newRow("empty") << "" << qulonglong(0);
        QTest::newRow("too big") << "9999999T" << qulonglong(0);
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(qulonglong, bytes);
        const std::optional<std::size_t> budget = parseMemoryBudget(text);
        QCOMPARE(budget.value_or(0), std::size_t(bytes));
    }

    void shows()
    {
        QCOMPARE(memoryBudgetText(std::size_t(8) << 30), "8 GiB");
        QCOMPARE(memoryBudgetText(std::size_t(3) << 29), "1.5 GiB");
        QCOMPARE(memoryBudgetText(std::size_t(512) << 20), "512 MiB");
        QCOMPARE(memoryBudgetText(2000000), "1.91 MiB");
        QCOMPARE(memoryBudgetText(kDefaultMemoryBudget), "4 GiB");
    }

    // Not a silent cap: the outcome names the budget and the two ways to raise it.
    void runStopsAtItsBudget()
    {
        RunOptions options;
        options.memoryBudget = std::size_t(2) << 20;
        const Trace trace = runScenario(switches(100, 100000, 0), options);
        QCOMPARE(trace.outcome.status, OutcomeStatus::Stopped);
        QCOMPARE(trace.outcome.error, kStoppedAt2MiB);
        // What it kept is there: every task ran up to where the run stopped.
        QCOMPARE(trace.lanes.size(), std::size_t(102)); // main, 100 workers, the loop
    }

    // The same run with the default budget goes on past the old limit of 4,000,000 state
    // changes; this one stops it at a few MiB to stay quick.
    void budgetRaisedRunsLonger()
    {
        RunOptions options;
        options.memoryBudget = std::size_t(8) << 20;
        const Trace trace = runScenario(switches(100, 100000, 0), options);
        QCOMPARE(trace.outcome.error, kStoppedAt8MiB);
    }

    // 1,002,004 state changes of 1,000 tasks x 1,000 sleep(0) (one each: the `ready` between,
    // of no length on the virtual clock, is not recorded), and the callback the loop ran for
    // each: what the recording holds per state change, in whole 64 KiB chunks.
    void recordingBytesPerStateChange()
    {
        ScenarioRun run(switches(1000, 1000, 0), RunOptions{});
        run.start();
        while (!run.isFinished())
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        QCOMPARE(run.stateChanges(), std::size_t(kChanges));
        const double perChange = double(run.recordingBytes()) / double(run.stateChanges());
        qInfo("recording: %zu bytes, %.2f bytes per state change", run.recordingBytes(), perChange);
        QCOMPARE(run.recordingBytes(), std::size_t(kRecordingBytes));
        QVERIFY(perChange < 11.0); // the issue asks for <= 16 with the trace built
        const Trace trace = run.takeTrace();
        QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
        QCOMPARE(trace.loop.ran.size(), std::size_t(1002003)); // first steps, sleeps, wake-ups
        QCOMPARE(run.recordingBytes(), std::size_t(kEmpty));   // given back as it was read
    }

    // The same run traced (`loopscope run --trace out.lstrace`): the loop's insides are built,
    // packed (loop_callbacks.h), as the recording's chunks are read and given back, and the
    // file is written through a MiB at a time. The peak is at most the recording and the
    // built loop section together; each is counted exactly, in whole chunks and pages.
    void tracedRunBytesPerStateChange()
    {
        ScenarioRun run(switches(1000, 1000, 0), RunOptions{});
        run.start();
        while (!run.isFinished())
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const std::size_t recording = run.recordingBytes();
        QCOMPARE(recording, std::size_t(kRecordingBytes));
        const Trace trace = run.takeTrace(true);
        QCOMPARE(trace.loop.ran.size(), std::size_t(1002003));
        QCOMPARE(trace.loop.bytes(), std::size_t(kLoopSectionBytes));
        const double perChange = double(recording + trace.loop.bytes()) / double(kChanges);
        qInfo("traced: recording %zu bytes + loop section %zu bytes, %.2f bytes per state change",
              recording, trace.loop.bytes(), perChange);
        QVERIFY(perChange <= 16.0);
        WriteSizes file;
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(writeTraceBinary(trace, file));
        QCOMPARE(file.written, writeTraceBinary(trace).size());
        QVERIFY(file.written > 4 * kSpill);          // in pieces,
        QVERIFY(file.largest <= kSpill + 64 * 1024); // none much bigger than a MiB
    }

    // loopscope run --quiet with nothing to write: the trace without the loop's insides, which
    // would take about 3 more bytes for each callback the loop ran (loop_callbacks.h).
    void traceWithoutLoopInsides()
    {
        ScenarioRun run(switches(10, 10, 0), RunOptions{});
        run.start();
        while (!run.isFinished())
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const Trace trace = run.takeTrace(false);
        QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
        QCOMPARE(trace.lanes.size(), std::size_t(12)); // main, 10 workers, the loop
        QVERIFY(trace.loop.empty());
        QVERIFY(trace.loop.ran.empty());
    }

private:
    static constexpr const char *kStoppedAt2MiB
        = "stopped at the memory budget of 2 MiB for recording (after 311297 state changes and 100 "
          "events); raise it with --memory-budget (e.g. --memory-budget 1G) or Run > Memory Budget";
    static constexpr const char *kStoppedAt8MiB
        = "stopped at the memory budget of 8 MiB for recording (after 1310721 state changes and "
          "100 "
          "events); raise it with --memory-budget (e.g. --memory-budget 1G) or Run > Memory Budget";
    static constexpr std::size_t kChanges = 1002004;
    static constexpr std::size_t kRecordingBytes = 7279944;
    static constexpr std::size_t kLoopSectionBytes = 3359952; // 3.35 bytes a callback
    static constexpr qint64 kSpill = 1 << 20;
    static constexpr std::size_t kEmpty = 464200; // a chunk a log, and the few-kept logs whole
};

QTEST_GUILESS_MAIN(TestMemoryBudget)
#include "tst_memory_budget.moc"
