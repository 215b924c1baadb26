// ASCII Gantt: exact rows, slice majority and tie rules, axis and legend.
#include "export/ascii_gantt.h"
#include "runtime/runner.h"
#include "sample_traces.h"
#include "scenario/scenario_json.h"

#include <QTest>

#include <limits>

using namespace loopscope;

class TestAsciiGantt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void drawsSmallTrace_data();
    void drawsSmallTrace();
    void cutsLongNames();
    void zeroDurationDrawsEmptyRows();
    void skipsNonFiniteTimes();
    void namesTheStateADeadlockedTaskIsStuckIn();
    void namesTheStuckStateOfALiveDeadlock();
};

void TestAsciiGantt::drawsSmallTrace_data()
{
    QTest::addColumn<int>("columns");
    QTest::addColumn<QString>("expected");
    // Slices of 0.25 s: every span covers whole slices.
    QTest::newRow("quarter_second_slices") << 8
                                           << "main                   |##......| done\n"
                                              "worker-1               |  -#~~XX| done\n"
                                              "ThreadPoolExecutor-0_0 |    #   |\n"
                                              "event loop             |## #  XX|\n"
                                              "                       0 s    2 s\n"
                                              "# running  - ready  X blocking  . waiting  "
                                              "~ blocked\n";
    // Slices of 0.5 s: worker's ready/running tie goes to running, a half-idle slice to the
    // state, and the axis labels keep one space between them.
    QTest::newRow("half_second_slices_and_ties") << 4
                                                 << "main                   |#...| done\n"
                                                    "worker-1               | #~X| done\n"
                                                    "ThreadPoolExecutor-0_0 |  # |\n"
                                                    "event loop             |## X|\n"
                                                    "                       0 s 2 s\n"
                                                    "# running  - ready  X blocking  . waiting  "
                                                    "~ blocked\n";
    // Slices of 0.2 s: [0.4, 0.6) is main's running 0.1 + waiting 0.1 (tie: running), and
    // worker's ready 0.1 + idle 0.1 (tie: ready); [0.6, 0.8) is ready 0.15 against running 0.05;
    // [1.4, 1.6) is worker's blocked 0.1 + blocking 0.1 (tie: blocking, the loop is stuck).
    QTest::newRow("uneven_slices") << 10
                                   << "main                   |###.......| done\n"
                                      "worker-1               |  --#~~XXX| done\n"
                                      "ThreadPoolExecutor-0_0 |     #    |\n"
                                      "event loop             |### #  XXX|\n"
                                      "                       0 s      2 s\n"
                                      "# running  - ready  X blocking  . waiting  ~ blocked\n";
}

void TestAsciiGantt::drawsSmallTrace()
{
    QFETCH(int, columns);
    QFETCH(QString, expected);
    QCOMPARE(asciiGantt(testing::smallTrace(), columns), expected);
}

void TestAsciiGantt::cutsLongNames()
{
    Trace t;
    t.duration = 1.5;
    Lane lane{QStringLiteral("task-1"),
              LaneKind::Task,
              QStringLiteral("a_very_long_task_name_that_goes_on"),
              -1,
              QStringLiteral("main"),
              {},
              LaneResult::Cancelled};
    lane.spans = {testing::span(t, LaneState::Waiting, 0.0, 1.5, QStringLiteral("timer"))};
    t.lanes = {lane};
    QCOMPARE(asciiGantt(t, 3), QStringLiteral("a_very_long_task_name... |...| cancelled\n"
                                              "                         0 s 1.5 s\n"
                                              "# running  - ready  X blocking  . waiting  "
                                              "~ blocked\n"));
}

void TestAsciiGantt::zeroDurationDrawsEmptyRows()
{
    Trace t;
    Lane lane{QStringLiteral("task-1"), LaneKind::Task,
              QStringLiteral("main"),   -1,
              QStringLiteral("main"),   {},
              LaneResult::Done};
    lane.spans = {testing::span(t, LaneState::Running, 0.0, 0.0)};
    t.lanes = {lane};
    QCOMPARE(asciiGantt(t, 5), QStringLiteral("main |     | done\n"
                                              "     0 s 0 s\n"
                                              "# running  - ready  X blocking  . waiting  "
                                              "~ blocked\n"));
}

// The runtime never records these, but a hand-built trace may: nothing drawn, nothing crashes.
void TestAsciiGantt::skipsNonFiniteTimes()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    Trace t;
    t.duration = 1.0;
    Lane lane{QStringLiteral("task-1"), LaneKind::Task,
              QStringLiteral("main"),   -1,
              QStringLiteral("main"),   {},
              LaneResult::None};
    lane.spans = {testing::span(t, LaneState::Running, nan, 0.5),
                  testing::span(t, LaneState::Waiting, 0.5, inf),
                  testing::span(t, LaneState::Blocked, 0.5, 1.0)};
    t.lanes = {lane};
    QCOMPARE(asciiGantt(t, 4).section('\n', 0, 0), QStringLiteral("main |  ~~|"));
    t.duration = nan;
    QCOMPARE(asciiGantt(t, 4).section('\n', 0, 0), QStringLiteral("main |    |"));
    QCOMPARE(asciiGantt(t, -5).section('\n', 0, 0), QStringLiteral("main | |"));
}

// Lesson 21 on the runtime: both transfers ask for the other's lock at 1 s, the last instant,
// so their bars cannot show it; the end of the row says it, and what main waits on.
void TestAsciiGantt::namesTheStateADeadlockedTaskIsStuckIn()
{
    const ScenarioLoad load
        = readScenarioFile(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/21-deadlock.loop.json"));
    QVERIFY(load.ok());
    const QStringList rows = asciiGantt(runScenario(*load.scenario, RunOptions{}), 10).split('\n');
    QCOMPARE(rows.mid(0, 4), QStringList({"main          |..........| pending, waiting on gather",
                                          "transfer_ab-1 |..........| pending, blocked on b",
                                          "transfer_ba-1 |..........| pending, blocked on a",
                                          "event loop    |..........|"}));
}

// The same lesson on the live clock (scale 0.05: 1 s is 50 ms): the run ends a few
// microseconds after the transfers blocked, so their `blocked` spans have a length; the rows
// still name the state each task is stuck in, as for the virtual run.
void TestAsciiGantt::namesTheStuckStateOfALiveDeadlock()
{
    const ScenarioLoad load
        = readScenarioFile(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/21-deadlock.loop.json"));
    QVERIFY(load.ok());
    RunOptions live;
    live.clock = ClockMode::Live;
    live.scale = 0.05;
    const Trace trace = runScenario(*load.scenario, live);
    QCOMPARE(outcomeName(trace.outcome.status), QStringLiteral("deadlock"));
    const Lane &ab = trace.lanes[std::size_t(trace.laneIndex(QStringLiteral("task-2")))];
    QCOMPARE(ab.name, QStringLiteral("transfer_ab-1"));
    QVERIFY2(ab.spans.back().end > ab.spans.back().start, "the live blocked span has a length");
    QStringList ends;
    for (const QString &row : asciiGantt(trace, 10).split('\n').mid(0, 4))
        ends << row.section('|', 2);
    QCOMPARE(ends, QStringList({" pending, waiting on gather", " pending, blocked on b",
                                " pending, blocked on a", ""}));
}

QTEST_GUILESS_MAIN(TestAsciiGantt)
#include "tst_ascii_gantt.moc"
