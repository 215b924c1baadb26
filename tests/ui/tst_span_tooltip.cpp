// What a hovered span says: holders of the resource it waits on, who holds the loop, who woke it.
#include "sample_trace.h"
#include "timeline/span_tooltip.h"

#include <QTest>

using namespace loopscope;

class TestSpanToolTip : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resourceHolders_data();
    void resourceHolders();
    void loopHolders();
    void toolTips_data();
    void toolTips();
};

// The sample trace plus a second permit holder: worker-3 acquires `sem` at 0.5 and releases
// it at 2.
static Trace semaphoreTrace()
{
    Trace trace = testing::sampleTrace();
    TraceEvent acquire{0.5, 3, EventKind::Acquire, {}, QStringLiteral("sem"), -1, {}};
    TraceEvent release{2.0, 3, EventKind::Release, {}, QStringLiteral("sem"), -1, {}};
    trace.events.insert(trace.events.begin() + 1, acquire);
    trace.events.insert(trace.events.begin() + 2, release);
    return trace;
}

void TestSpanToolTip::resourceHolders_data()
{
    QTest::addColumn<double>("t");
    QTest::addColumn<int>("except");
    QTest::addColumn<QStringList>("holders");
    QTest::newRow("before_anyone") << 0.2 << -1 << QStringList{};
    QTest::newRow("two_permits_held") << 1.0 << -1 << QStringList{"worker-1", "worker-3"};
    QTest::newRow("at_the_release_instant") << 2.0 << -1 << QStringList{"worker-1"};
    QTest::newRow("asker_left_out") << 1.0 << 1 << QStringList{"worker-3"};
    QTest::newRow("all_released") << 3.5 << -1 << QStringList{};
}

void TestSpanToolTip::resourceHolders()
{
    QFETCH(double, t);
    QFETCH(int, except);
    QFETCH(QStringList, holders);
    QCOMPARE(loopscope::resourceHolders(semaphoreTrace(), QStringLiteral("sem"), t, except),
             holders);
}

void TestSpanToolTip::loopHolders()
{
    const Trace trace = testing::sampleTrace();
    QCOMPARE(loopscope::loopHolders(trace, 0.25), QStringList{"main"});
    QCOMPARE(loopscope::loopHolders(trace, 1.5), QStringList{"worker-1"}); // blocking
    QCOMPARE(loopscope::loopHolders(trace, 2.5), QStringList{});
    QCOMPARE(loopscope::loopHolders(trace, 3.5), QStringList{"worker-2"});
    QCOMPARE(loopscope::loopHolders(trace, 3.5, 2), QStringList{});
}

void TestSpanToolTip::toolTips_data()
{
    QTest::addColumn<int>("lane");
    QTest::addColumn<int>("span");
    QTest::addColumn<double>("t");
    QTest::addColumn<QString>("text");
    QTest::newRow("running_with_step")
        << 0 << 0 << 0.1 << "main \u00b7 running\n0 s \u2013 500 ms (500 ms)\ngather \u00d73";
    QTest::newRow("waiting_on_gather")
        << 0 << 1 << 2.0
        << "main \u00b7 waiting on gather\n500 ms \u2013 4 s (3.5 s)\ngather \u00d73";
    QTest::newRow("blocked_held_and_woken")
        << 2 << 1 << 1.5
        << "worker-2 \u00b7 blocked on sem\n1 s \u2013 3 s (2 s)\nwith sem\nheld by worker-1, "
           "worker-3\nwoken by worker-1 via sem";
    QTest::newRow("ready_waits_for_the_loop")
        << 2 << 0 << 0.75 << "worker-2 \u00b7 ready\n500 ms \u2013 1 s (500 ms)\nheld by worker-1";
    QTest::newRow("waiting_not_woken")
        << 3 << 0 << 1.0 << "worker-3 \u00b7 waiting on timer\n500 ms \u2013 4 s (3.5 s)";
}

void TestSpanToolTip::toolTips()
{
    QFETCH(int, lane);
    QFETCH(int, span);
    QFETCH(double, t);
    QFETCH(QString, text);
    // What the user wrote for the steps; s7 has none here, and its id is never shown instead.
    const StepTexts steps{{QStringLiteral("s1"), QStringLiteral("gather \u00d73")},
                          {QStringLiteral("s5"), QStringLiteral("with sem")}};
    QCOMPARE(spanToolTip(semaphoreTrace(), lane, span, t, steps), text);
}

QTEST_GUILESS_MAIN(TestSpanToolTip)
#include "tst_span_tooltip.moc"
