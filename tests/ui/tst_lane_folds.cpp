// Folded lane groups on real runs: which lanes group, where a fold's row goes, the counts per
// state at known instants (from the count timeline and from the pixels of the painted band),
// the filter inside a fold, and folding past a screenful.
#include "../trace/sample_traces.h"
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "timeline/fold_timeline.h"
#include "timeline/lane_rows.h"
#include "timeline/timeline_marks.h"
#include "timeline/timeline_painter.h"

#include <QImage>
#include <QPainter>
#include <QTest>

using namespace loopscope;

class TestLaneFolds : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void groupsTasksOfOneCoroutineAndThreadsOfOnePool();
    void aFoldTakesTheRowOfItsFirstLane();
    void countsAtKnownInstants_data();
    void countsAtKnownInstants();
    void meanOverAColumnWeighsTheCountsByTime();
    void meanOverManyChangesMatchesTheSpans();
    void columnsWalkedForwardAgreeWithMeanOver();
    void theBandStacksTheCountsInPixels();
    void aStateOfFewLanesAmongManyKeepsAPixel();
    void aFilterMatchInsideAFoldIsCountedAndShownWhenOpen();
    void foldsTheBiggestGroupsPastAScreenful();
    void timelinesBuiltSideBySideEqualThoseBuiltOneByOne();

private:
    Trace m_semaphore; // examples/14: five access_resource tasks through a semaphore of 2
    Trace m_fetches;   // tests/ui/data/many-fetches: 200 fetch tasks through 20 connections
};

static Trace run(const QString &path)
{
    const ScenarioLoad load = readScenarioFile(path);
    if (!load.ok())
        qFatal("%s does not load", qPrintable(path));
    return runScenario(*load.scenario, RunOptions{});
}

static std::vector<int> rowsOf(const LaneRows &rows)
{
    std::vector<int> shown; // lane index, or -(group + 1) for a fold's row
    for (int r = 0; r < rows.rowCount(); ++r)
        shown.push_back(rows.foldAt(r) >= 0 ? -(rows.foldAt(r) + 1) : rows.laneAt(r));
    return shown;
}

// The same counts from the spans themselves, one lane at a time.
static StateCounts countSpans(const Trace &trace, const std::vector<int> &lanes, double t)
{
    StateCounts counts{};
    for (int lane : lanes)
        for (const Span &s : trace.lanes[std::size_t(lane)].spans)
            if (s.start <= t && t < s.end)
                ++counts[std::size_t(s.state)];
    return counts;
}

void TestLaneFolds::initTestCase()
{
    m_semaphore = run(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json"));
    m_fetches = run(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/ui/data/many-fetches.loop.json"));
}

void TestLaneFolds::groupsTasksOfOneCoroutineAndThreadsOfOnePool()
{
    const auto groups = laneGroups(m_semaphore);
    QCOMPARE(groups.size(), std::size_t(1)); // main and the loop stay lanes
    QCOMPARE(groups[0].key, QStringLiteral("coro:access_resource"));
    QCOMPARE(groups[0].lanes, (std::vector<int>{1, 2, 3, 4, 5}));
    // Lesson 2: three fetch tasks, each waiting on a thread of the default pool (asyncio_0..2).
    const Trace threads
        = run(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/02-threads.loop.json"));
    const auto pools = laneGroups(threads);
    QCOMPARE(pools.size(), std::size_t(2));
    QCOMPARE(pools[0].name, QStringLiteral("fetch"));
    QCOMPARE(pools[0].lanes, (std::vector<int>{1, 2, 3}));
    QCOMPARE(pools[1].key, QStringLiteral("pool:asyncio"));
    QCOMPARE(pools[1].lanes, (std::vector<int>{4, 5, 6}));
    const FoldTimeline pool(threads, pools[1].lanes);
    QCOMPARE(pool.countsAt(1.0), (StateCounts{0, 0, 3, 0, 0})); // all three blocking in sleep
}

void TestLaneFolds::aFoldTakesTheRowOfItsFirstLane()
{
    LaneRows rows;
    rows.setFoldState(QStringLiteral("coro:access_resource"), FoldState::Folded);
    rows.rebuild(m_semaphore);
    QCOMPARE(rowsOf(rows), (std::vector<int>{0, -1, 6})); // main, the fold, the loop
    QCOMPARE(rows.foldDepth(0), 1);                       // under main, as its tasks were
    QCOMPARE(rows.rowOfLane(3), 1);                       // a folded lane is at its fold
    QCOMPARE(rows.rowOfFold(0), 1);
    rows.setFoldState(QStringLiteral("coro:access_resource"), FoldState::Open);
    rows.rebuild(m_semaphore);
    QCOMPARE(rowsOf(rows), (std::vector<int>{0, -1, 1, 2, 3, 4, 5, 6}));
    QCOMPARE(rows.depth(3), 2); // under the fold's header
    rows.setFoldState(QStringLiteral("coro:access_resource"), FoldState::Plain);
    rows.rebuild(m_semaphore);
    QCOMPARE(rowsOf(rows), (std::vector<int>{0, 1, 2, 3, 4, 5, 6}));
}

void TestLaneFolds::countsAtKnownInstants_data()
{
    QTest::addColumn<double>("t");
    QTest::addColumn<StateCounts>("counts"); // running, ready, blocking, waiting, blocked
    // Two hold the semaphore and sleep 1 s; the others are blocked on it until a holder leaves.
    QTest::newRow("two_in_three_queued") << 0.5 << StateCounts{0, 0, 0, 2, 3};
    QTest::newRow("next_two_in_one_queued") << 1.5 << StateCounts{0, 0, 0, 2, 1};
    QTest::newRow("the_last_alone") << 2.5 << StateCounts{0, 0, 0, 1, 0};
    QTest::newRow("a_span_ending_at_t_is_over") << 1.0 << StateCounts{0, 0, 0, 2, 1};
    QTest::newRow("after_the_end") << 3.0 << StateCounts{0, 0, 0, 0, 0};
}

void TestLaneFolds::countsAtKnownInstants()
{
    QFETCH(double, t);
    QFETCH(StateCounts, counts);
    const std::vector<int> lanes{1, 2, 3, 4, 5};
    const FoldTimeline fold(m_semaphore, lanes);
    QCOMPARE(fold.countsAt(t), counts);
    QCOMPARE(countSpans(m_semaphore, lanes, t), counts);
    QCOMPARE(fold.maxActive(), 5);
    // Every task ran in an instant at 0; tasks 1-4 at 1 s (two leave, two get in); 3-5 at 2 s.
    QCOMPARE(fold.runningInstantsIn(0.0, 1e-9), 5);
    QCOMPARE(fold.runningInstantsIn(1.0, 1.0 + 1e-9), 4);
    QCOMPARE(fold.runningInstantsIn(0.0, 3.0 + 1e-9), 13);
}

void TestLaneFolds::meanOverAColumnWeighsTheCountsByTime()
{
    const FoldTimeline fold(m_semaphore, {1, 2, 3, 4, 5});
    // Over [0.5, 1.5): two waiting throughout; three blocked for 0.5 s, then one for 0.5 s.
    QCOMPARE(fold.meanOver(0.5, 1.5), (StateShares{0, 0, 0, 2.0, 2.0}));
    QCOMPARE(fold.meanOver(0.25, 0.75), (StateShares{0, 0, 0, 2.0, 3.0}));
    QCOMPARE(fold.meanOver(2.5, 3.5), (StateShares{0, 0, 0, 0.5, 0}));
}

// Past 32 changes in a column the mean comes from the area checkpoints: it must agree with the
// spans, integrated lane by lane.
void TestLaneFolds::meanOverManyChangesMatchesTheSpans()
{
    const auto groups = laneGroups(m_fetches);
    QCOMPARE(groups.size(), std::size_t(1));
    QCOMPARE(groups[0].lanes.size(), std::size_t(200));
    const FoldTimeline fold(m_fetches, groups[0].lanes);
    QCOMPARE(fold.maxActive(), 200); // all created at 0, all resolving at once
    QCOMPARE(fold.countsAt(0.01), (StateCounts{0, 0, 0, 200, 0}));
    // At 0.1 s: 20 hold a connection (waiting on the request), 180 are blocked on the semaphore.
    QCOMPARE(fold.countsAt(0.1), (StateCounts{0, 0, 0, 20, 180}));
    QVERIFY(fold.changeCount() > 64);
    for (auto [t0, t1] : {std::pair{0.0, 2.45}, {0.3, 1.7}, {0.251, 0.262}}) {
        StateShares area{};
        for (int lane : groups[0].lanes)
            for (const Span &s : m_fetches.lanes[std::size_t(lane)].spans)
                area[std::size_t(s.state)]
                    += std::max(0.0, std::min(s.end, t1) - std::max(s.start, t0));
        const StateShares mean = fold.meanOver(t0, t1);
        for (std::size_t s = 0; s < mean.size(); ++s)
            QVERIFY2(std::abs(mean[s] - area[s] / (t1 - t0)) < 1e-9,
                     qPrintable(QStringLiteral("%1 over [%2, %3)").arg(s).arg(t0).arg(t1)));
    }
}

// The painter walks a frame's columns forward from one to the next; each must be what the
// column's own search gives, at zooms from many changes a column to many columns a change.
void TestLaneFolds::columnsWalkedForwardAgreeWithMeanOver()
{
    const auto groups = laneGroups(m_fetches);
    const FoldTimeline fold(m_fetches, groups[0].lanes);
    std::vector<FoldTimeline::Column> columns;
    for (auto [start, width] : {std::pair{-0.1, 0.002}, {0.24, 1e-5}, {0.0, 0.5}, {2.4, 0.01}}) {
        fold.columns(start, width, 400, columns);
        QCOMPARE(columns.size(), std::size_t(400));
        for (int i = 0; i < 400; ++i) {
            const double t0 = start + i * width;
            const double t1 = start + (i + 1) * width;
            const StateShares mean = fold.meanOver(t0, t1);
            for (std::size_t s = 0; s < mean.size(); ++s)
                QVERIFY2(std::abs(columns[std::size_t(i)].mean[s] - mean[s]) < 1e-9,
                         qPrintable(QStringLiteral("column %1 from %2").arg(i).arg(start)));
            QCOMPARE(columns[std::size_t(i)].instants, fold.runningInstantsIn(t0, t1));
        }
    }
}

// A 26 px row: a band of 20 px for at most 5 lanes, 4 px a lane, running at the bottom, then
// ready, blocking, waiting, blocked. Counts the pixels of each colour in the column at t.
void TestLaneFolds::theBandStacksTheCountsInPixels()
{
    LaneRows rows;
    rows.setFoldState(QStringLiteral("coro:access_resource"), FoldState::Folded);
    rows.rebuild(m_semaphore);
    TimelineLayout layout;
    layout.laneHeight = 26;
    layout.nameColumnWidth = 100;
    layout.bounds = QRect(0, 0, 100 + 300 + TimelineLayout::kEndMarkRoom, 26 + 3 * 26 + 30);
    TimelineCoordinates coords;
    layout.applyTo(coords);
    coords.fit(0.0, 3.0, 300); // x = 100 + 100 t
    QImage image(layout.bounds.size(), QImage::Format_RGB32);
    QPainter painter(&image);
    const TimelineTheme theme = TimelineTheme::light();
    TimelinePainter(m_semaphore, rows, theme).paint(painter, layout, coords);
    painter.end();
    const int top = 26 + 26; // the fold's row, the second
    const QRgb waiting = stateColor(LaneState::Waiting).rgb();
    const QRgb blocked = stateColor(LaneState::Blocked).rgb();
    const QRgb hatch = theme.hatch.rgb();
    struct Column
    {
        double t;
        int waitingPixels;
        int blockedPixels;
    };
    for (const Column c : {Column{0.5, 8, 12}, Column{1.5, 8, 4}, Column{2.5, 4, 0}}) {
        const int x = 100 + int(c.t * 100);
        int w = 0;
        int b = 0;
        for (int y = top + kSpanInset; y < top + 26 - kSpanInset; ++y) {
            const QRgb pixel = image.pixel(x, y);
            w += pixel == waiting ? 1 : 0;
            b += pixel == blocked || pixel == hatch ? 1 : 0;
        }
        QCOMPARE(w, c.waitingPixels);
        QCOMPARE(b, c.blockedPixels);
        // Blocked stacks on waiting: the band's top pixels are blocked, its bottom ones waiting.
        QCOMPARE(image.pixel(x, top + 26 - kSpanInset - 1), waiting);
    }
    // A running tick above the band where tasks ran in an instant (1 s), none at 0.5 s.
    const QRgb running = stateColor(LaneState::Running).rgb();
    QCOMPARE(image.pixel(100 + 100, top + 1), running);
    QVERIFY(image.pixel(100 + 50, top + 1) != running);
}

// One task parsing (running) among 200: 0.08 px at scale, drawn as one pixel at the band's
// bottom, the states above it still filling the band.
void TestLaneFolds::aStateOfFewLanesAmongManyKeepsAPixel()
{
    LaneRows rows;
    rows.rebuild(m_fetches);
    rows.autoFold(m_fetches, 40);
    const LaneGroup &group = rows.groups()[0];
    const FoldTimeline fold(m_fetches, group.lanes);
    // The first to get a connection parse from 0.25 s (after 0.05 s resolving, 0.2 s request).
    const double t = 0.2505;
    const StateCounts counts = fold.countsAt(t);
    QCOMPARE(counts, countSpans(m_fetches, group.lanes, t));
    QCOMPARE(counts[std::size_t(LaneState::Running)], 1);
    TimelineLayout layout;
    layout.nameColumnWidth = 100;
    layout.bounds = QRect(0, 0, 400, 26 + 3 * 22 + 30);
    TimelineCoordinates coords;
    layout.applyTo(coords);
    coords.fit(t - 1e-6, t + 1e-6, 300); // every column inside the same counts
    QImage image(layout.bounds.size(), QImage::Format_RGB32);
    QPainter painter(&image);
    TimelinePainter(m_fetches, rows, TimelineTheme::light()).paint(painter, layout, coords);
    painter.end();
    const int bottom = 26 + 22 + 22 - kSpanInset - 1; // the fold is the second row
    const QRgb running = stateColor(LaneState::Running).rgb();
    QCOMPARE(image.pixel(250, bottom), running);
    QVERIFY(image.pixel(250, bottom - 1) != running);
    QVERIFY(image.pixel(250, 26 + 22 + kSpanInset) != TimelineTheme::light().background.rgb());
}

void TestLaneFolds::aFilterMatchInsideAFoldIsCountedAndShownWhenOpen()
{
    LaneRows rows;
    rows.setFoldState(QStringLiteral("coro:access_resource"), FoldState::Folded);
    rows.setFilter({QStringLiteral("resource-3"), {}});
    rows.rebuild(m_semaphore);
    QCOMPARE(rowsOf(rows), (std::vector<int>{0, -1})); // main, for context, and the fold
    QCOMPARE(rows.filterMatches(0), 1);
    QCOMPARE(foldLabel(rows, 0), QStringLiteral("access_resource \u00d75 \u00b7 1 match"));
    rows.setFoldState(QStringLiteral("coro:access_resource"), FoldState::Open);
    rows.rebuild(m_semaphore);
    QCOMPARE(rowsOf(rows), (std::vector<int>{0, -1, 3}));
    rows.setFilter({QStringLiteral("nobody"), {}});
    rows.rebuild(m_semaphore);
    QCOMPARE(rows.rowCount(), 0);
}

void TestLaneFolds::foldsTheBiggestGroupsPastAScreenful()
{
    LaneRows rows;
    rows.rebuild(m_fetches);
    QCOMPARE(rows.rowCount(), 202); // main, 200 fetches, the loop
    QVERIFY(rows.autoFold(m_fetches, 40));
    QCOMPARE(rowsOf(rows), (std::vector<int>{0, -1, 201}));
    QCOMPARE(foldLabel(rows, 0), QStringLiteral("fetch \u00d7200"));
    // The user's choice stays: opened, it is not folded again.
    rows.setFoldState(QStringLiteral("coro:fetch"), FoldState::Open);
    rows.rebuild(m_fetches);
    QVERIFY(!rows.autoFold(m_fetches, 40));
    QCOMPARE(rows.rowCount(), 203);
    // A few lanes fit: nothing folds.
    LaneRows few;
    few.rebuild(m_semaphore);
    QVERIFY(!few.autoFold(m_semaphore, 40));
    QCOMPARE(few.rowCount(), 7);
}

// A big trace's first frame builds its folds' count timelines on all cores at once: each must
// be the timeline built alone, change for change.
void TestLaneFolds::timelinesBuiltSideBySideEqualThoseBuiltOneByOne()
{
    Trace trace = testing::bigTrace(1200, 200); // 240,000 spans, past kSpansWorthThreads
    QVERIFY(240000 >= FoldTimelines::kSpansWorthThreads);
    for (std::size_t l = 0; l < trace.lanes.size(); ++l)
        trace.lanes[l].coro = QStringLiteral("coro-%1").arg(l % 3);
    const std::vector<LaneGroup> groups = laneGroups(trace);
    QCOMPARE(groups.size(), std::size_t(3));
    FoldTimelines timelines;
    timelines.prepare(trace, {&groups[0], &groups[1], &groups[2]}, 2); // on any machine
    for (const LaneGroup &group : groups) {
        QVERIFY(timelines.has(group.key));
        const FoldTimeline alone(trace, group.lanes);
        const FoldTimeline &prepared = timelines.of(trace, group.key, group.lanes);
        QCOMPARE(prepared.changeCount(), alone.changeCount());
        QCOMPARE(prepared.maxActive(), alone.maxActive());
        QCOMPARE(prepared.maxActive(), 400);
        for (double t = 0.0; t < trace.duration; t += 0.0007)
            QCOMPARE(prepared.countsAt(t), alone.countsAt(t));
        QCOMPARE(prepared.meanOver(0.01, 0.2), alone.meanOver(0.01, 0.2));
    }
    // Few spans: nothing is built ahead, the painter builds them as it paints.
    FoldTimelines few;
    const std::vector<LaneGroup> small = laneGroups(m_semaphore);
    few.prepare(m_semaphore, {&small[0]});
    QVERIFY(!few.has(small[0].key));
}

QTEST_MAIN(TestLaneFolds)
#include "tst_lane_folds.moc"
