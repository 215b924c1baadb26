// The lane tree: nesting by parent, collapsing, filtering by name and state.
#include "sample_trace.h"
#include "timeline/lane_rows.h"

#include <QTest>

using namespace loopscope;

class TestLaneRows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nestsTasksUnderTheirCreator();
    void collapsedSubtreeIsHidden();
    void filter_data();
    void filter();
    void runningInstantsCountForTheStateFilter();
};

static std::vector<int> lanesShown(const LaneRows &rows)
{
    std::vector<int> lanes;
    for (int r = 0; r < rows.rowCount(); ++r)
        lanes.push_back(rows.laneAt(r));
    return lanes;
}

void TestLaneRows::nestsTasksUnderTheirCreator()
{
    Trace trace = testing::sampleTrace();
    // A grandchild created after its uncle: it must follow its parent, not its creation rank.
    Lane grandchild = testing::lane("task-5", "nested", 1, LaneResult::Done);
    trace.lanes.push_back(grandchild);
    LaneRows rows;
    rows.rebuild(trace);
    QCOMPARE(lanesShown(rows), (std::vector<int>{0, 1, 5, 2, 3, 4}));
    QCOMPARE(rows.depth(0), 0);
    QCOMPARE(rows.depth(1), 1);
    QCOMPARE(rows.depth(5), 2);
    QCOMPARE(rows.depth(4), 0);
    QVERIFY(rows.hasChildren(0));
    QVERIFY(!rows.hasChildren(3));
    QCOMPARE(rows.rowOfLane(5), 2);
}

void TestLaneRows::collapsedSubtreeIsHidden()
{
    const Trace trace = testing::sampleTrace();
    LaneRows rows;
    rows.setCollapsed(QStringLiteral("task-1"), true);
    rows.rebuild(trace);
    QCOMPARE(lanesShown(rows), (std::vector<int>{0, 4}));
    QCOMPARE(rows.rowOfLane(2), -1);
    rows.expandAll();
    rows.rebuild(trace);
    QCOMPARE(rows.rowCount(), 5);
}

void TestLaneRows::filter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("states");
    QTest::addColumn<std::vector<int>>("lanes");
    QTest::newRow("no_filter") << QString() << QList<int>{} << std::vector<int>{0, 1, 2, 3, 4};
    QTest::newRow("name_keeps_ancestors") << "WORKER-2" << QList<int>{} << std::vector<int>{0, 2};
    QTest::newRow("state_blocked")
        << QString() << QList<int>{int(LaneState::Blocked)} << std::vector<int>{0, 2};
    QTest::newRow("state_blocking_or_blocked")
        << QString() << QList<int>{int(LaneState::Blocking), int(LaneState::Blocked)}
        << std::vector<int>{0, 1, 2};
    QTest::newRow("name_and_state")
        << "loop" << QList<int>{int(LaneState::Running)} << std::vector<int>{4};
    QTest::newRow("nothing") << "nobody" << QList<int>{} << std::vector<int>{};
}

void TestLaneRows::filter()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, states);
    QFETCH(std::vector<int>, lanes);
    LaneFilter f;
    f.text = text;
    for (int s : states)
        f.states.insert(LaneState(s));
    LaneRows rows;
    rows.setFilter(f);
    rows.rebuild(testing::sampleTrace());
    QCOMPARE(lanesShown(rows), lanes);
}

void TestLaneRows::runningInstantsCountForTheStateFilter()
{
    Trace trace = testing::sampleTrace();
    // worker-3 ran only for an instant before waiting.
    trace.lanes[3].spans.insert(trace.lanes[3].spans.begin(),
                                testing::span(trace, LaneState::Running, 0.5, 0.5));
    LaneFilter f;
    f.text = QStringLiteral("worker-3");
    f.states = {LaneState::Running};
    LaneRows rows;
    rows.setFilter(f);
    rows.rebuild(trace);
    QCOMPARE(lanesShown(rows), (std::vector<int>{0, 3}));
}

QTEST_GUILESS_MAIN(TestLaneRows)
#include "tst_lane_rows.moc"
