// Hostile but valid scenarios: each runs to its end within the documented limits, or stops
// with outcome `stopped` and the message of the limit it hit, or (past the nesting limit) is
// refused on reading. Never a crash, an out-of-memory or a hang.
#include "hostile_scenarios.h"
#include "runtime/runner.h"

#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

class TestHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hundredThousandTasks();
    void deepWithNesting_data();
    void deepWithNesting();
    void deepCallChain();
    void tenMillionRepeats_data();
    void tenMillionRepeats();
    void durationsAtTheLimit_data();
    void durationsAtTheLimit();
    void durationPastTheLimitIsRefused();
    void hugePrint_data();
    void hugePrint();
};

void TestHostile::hundredThousandTasks()
{
    const Trace trace = runScenario(loadOrFail(scenarioText(
        R"({"name": "worker", "steps": [{"op": "sleep", "seconds": 1}]},
           {"name": "main", "steps": [
             {"op": "repeat", "count": 100000, "steps": [{"op": "create_task", "coro": "worker"}]},
             {"op": "sleep", "seconds": 2}]})")));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QCOMPARE(trace.lanes.size(), std::size_t(100002)); // the event loop, main, 100,000 workers
    QCOMPARE(trace.lanes.at(100000).name, QStringLiteral("worker-100000"));
    QCOMPARE(trace.duration, 2.0);
}

void TestHostile::deepWithNesting_data()
{
    QTest::addColumn<int>("levels");
    QTest::addColumn<bool>("runs");
    // Each level is two JSON levels (the step object and its `steps` array); Qt's JSON parser
    // refuses documents nested deeper than 1024.
    QTest::newRow("500 levels run") << 500 << true;
    QTest::newRow("1000 levels are refused") << 1000 << false;
}

void TestHostile::deepWithNesting()
{
    QFETCH(int, levels);
    QFETCH(bool, runs);
    const ScenarioLoad load = readScenario(nestedWithText(levels), QStringLiteral("deep"));
    if (!runs) {
        QCOMPARE(load.problems.size(), std::size_t(1));
        QCOMPARE(load.problems.front().message,
                 QStringLiteral("not JSON: too deeply nested document"));
        return;
    }
    QVERIFY(load.ok());
    const Trace trace = runScenario(*load.scenario);
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QCOMPARE(trace.duration, 1.0);
}

void TestHostile::deepCallChain()
{
    const Trace trace = runScenario(loadOrFail(callChainText(1000)));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    // `call` runs inline: no task, no lane besides the event loop's and main's.
    QCOMPARE(trace.lanes.size(), std::size_t(2));
    QCOMPARE(trace.duration, 1.0);
}

void TestHostile::tenMillionRepeats_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("budget"); // MiB for the recording (the default 4 GiB holds them all)
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<double>("duration");
    QTest::newRow("print: memory budget")
        << QByteArray(R"({"op": "print", "text": "x"})") << 64
        << "stopped at the memory budget of 64 MiB for recording (after 1 state changes and "
           "557055 events); raise it with --memory-budget (e.g. --memory-budget 1G) or Run > "
           "Memory Budget"
        << 0.0;
    QTest::newRow("sleep 0: memory budget")
        << QByteArray(R"({"op": "sleep", "seconds": 0})") << 64
        << "stopped at the memory budget of 64 MiB for recording (after 3342337 state changes "
           "and 0 events); raise it with --memory-budget (e.g. --memory-budget 1G) or Run > "
           "Memory Budget"
        << 0.0;
    QTest::newRow("sleep 1: scenario-time limit")
        << QByteArray(R"({"op": "sleep", "seconds": 1})") << 256
        << "stopped at the limit of 1e+06 scenario seconds" << 1000001.0;
    QTest::newRow("empty body: completes") << QByteArray() << 64 << QString() << 0.0;
}

void TestHostile::tenMillionRepeats()
{
    QFETCH(QByteArray, body);
    QFETCH(int, budget);
    QFETCH(QString, outcome);
    QFETCH(double, duration);
    RunOptions options;
    options.memoryBudget = std::size_t(budget) << 20;
    const Trace trace = runScenario(
        loadOrFail(mainText(R"({"op": "repeat", "count": 10000000, "steps": [)" + body + "]}")),
        options);
    QCOMPARE(trace.outcome.error, outcome);
    QCOMPARE(trace.outcome.status,
             outcome.isEmpty() ? OutcomeStatus::Completed : OutcomeStatus::Stopped);
    QCOMPARE(trace.duration, duration);
}

void TestHostile::durationsAtTheLimit_data()
{
    QTest::addColumn<QByteArray>("steps");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<double>("duration");
    QTest::addColumn<int>("events");
    QTest::newRow("sleep 1e6") << QByteArray(R"({"op": "sleep", "seconds": 1e6})") << QString()
                               << 1e6 << 0;
    QTest::newRow("cpu 1e6") << QByteArray(R"({"op": "cpu", "seconds": 1e6})") << QString() << 1e6
                             << 0;
    QTest::newRow("to_thread 1e6: the thread's create event")
        << QByteArray(R"({"op": "to_thread", "work": "cpu", "seconds": 1e6})") << QString() << 1e6
        << 1;
    // The limit is looked at between steps: the second step starts past it and is not run.
    QTest::newRow("sleep 1e6 then cpu 1e6 then print")
        << QByteArray(R"({"op": "sleep", "seconds": 1e6}, {"op": "cpu", "seconds": 1e6},
                         {"op": "print", "text": "never"})")
        << "stopped at the limit of 1e+06 scenario seconds" << 2e6 << 0;
}

void TestHostile::durationsAtTheLimit()
{
    QFETCH(QByteArray, steps);
    QFETCH(QString, outcome);
    QFETCH(double, duration);
    QFETCH(int, events);
    const Trace trace = runScenario(loadOrFail(mainText(steps)));
    QCOMPARE(trace.outcome.error, outcome);
    QCOMPARE(trace.outcome.status,
             outcome.isEmpty() ? OutcomeStatus::Completed : OutcomeStatus::Stopped);
    QCOMPARE(trace.duration, duration);
    QCOMPARE(trace.events.size(), std::size_t(events));
}

void TestHostile::durationPastTheLimitIsRefused()
{
    const ScenarioLoad load
        = readScenario(mainText(R"({"op": "sleep", "seconds": 1000001})"), QStringLiteral("h"));
    QCOMPARE(load.problems.size(), std::size_t(1));
    QCOMPARE(load.problems.front().path, QStringLiteral("coroutines[0].steps[0].seconds"));
}

void TestHostile::hugePrint_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("once") << 1;
    QTest::newRow("a hundred times") << 100; // a gigabyte of text if each print copied it
}

void TestHostile::hugePrint()
{
    QFETCH(int, count);
    const QByteArray text(10 * 1000 * 1000, 'y');
    const Trace trace = runScenario(
        loadOrFail(mainText(R"({"op": "repeat", "count": )" + QByteArray::number(count)
                            + R"(, "steps": [{"op": "print", "text": ")" + text + R"("}]})")));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QCOMPARE(trace.events.size(), std::size_t(count));
    QCOMPARE(trace.events.back().text.size(), text.size());
}

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
