// The painter, pixel by pixel: state colours, the hatching of `blocked`, end marks, wake arrows,
// the legend and the themes, on a hand-built trace rendered into a QImage.
#include "runtime/runner.h"
#include "sample_trace.h"
#include "scenario/scenario_json.h"
#include "timeline/lane_rows.h"
#include "timeline/timeline_marks.h"
#include "timeline/timeline_painter.h"

#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QTest>

#include <set>

using namespace loopscope;

class TestTimelinePainter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral(".*"))); }
    void stateColours_data();
    void stateColours();
    void blockedIsHatched();
    void endMarks();
    void aTaskStuckAtTheEndShowsItsState();
    void aLiveDeadlockShowsTheBlockedStubToo();
    void wakeArrows();
    void legendSwatches();
    void darkTheme();
    void onlyVisibleRowsArePainted();

private:
    // Lanes from y = 26 (below the ruler), 22 px each; x = 100 + 100 * t.
    QImage render(TimelineThemeKind theme = TimelineThemeKind::Light, bool arrows = false,
                  int scrollY = 0);
    static QPoint at(double t, int row) { return {int(100 + 100 * t) + 1, 26 + 22 * row + 11}; }
};

QImage TestTimelinePainter::render(TimelineThemeKind themeKind, bool arrows, int scrollY)
{
    const Trace trace = testing::sampleTrace();
    LaneRows rows;
    rows.rebuild(trace);
    const TimelineTheme theme = TimelineTheme::forKind(themeKind);
    TimelineLayout layout;
    layout.bounds = QRect(0, 0, 620, 26 + 5 * 22 + 30);
    layout.nameColumnWidth = 100;
    layout.wakeArrows = arrows;
    TimelineCoordinates coords;
    layout.applyTo(coords);
    coords.fit(0.0, 4.0, 400);
    coords.setScrollY(scrollY);
    QImage image(layout.bounds.size(), QImage::Format_RGB32);
    image.fill(Qt::magenta);
    QPainter painter(&image);
    TimelinePainter(trace, rows, theme).paint(painter, layout, coords);
    return image;
}

static std::set<QRgb> coloursIn(const QImage &image, const QRect &rect)
{
    std::set<QRgb> colours;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x)
            colours.insert(image.pixel(x, y) & 0xFFFFFF);
    return colours;
}

static QRgb rgb(const QColor &c)
{
    return c.rgb() & 0xFFFFFF;
}

void TestTimelinePainter::stateColours_data()
{
    QTest::addColumn<double>("t");
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("colour");
    QTest::newRow("main_running") << 0.25 << 0 << "#009e73";
    QTest::newRow("main_waiting") << 2.0 << 0 << "#56b4e9";
    QTest::newRow("worker1_blocking") << 1.5 << 1 << "#d55e00";
    QTest::newRow("worker2_ready") << 0.75 << 2 << "#f0e442";
    QTest::newRow("worker2_running") << 3.5 << 2 << "#009e73";
    QTest::newRow("worker3_waiting") << 3.9 << 3 << "#56b4e9";
    QTest::newRow("before_worker3_starts_odd_row") << 0.2 << 3 << "#f7f7f9";
    QTest::newRow("after_the_run_even_row") << 4.8 << 2 << "#ffffff";
    QTest::newRow("after_worker1_ends_odd_row") << 3.5 << 1 << "#f7f7f9";
}

void TestTimelinePainter::stateColours()
{
    QFETCH(double, t);
    QFETCH(int, row);
    QFETCH(QString, colour);
    const QImage image = render();
    QCOMPARE(QColor(image.pixel(at(t, row))).name(), colour);
}

void TestTimelinePainter::blockedIsHatched()
{
    const QImage image = render();
    // worker-2 is blocked over [1, 3): x 200..399, its bar y 73..88.
    const std::set<QRgb> colours = coloursIn(image, QRect(200, 73, 200, 16));
    const std::set<QRgb> expected{rgb(stateColor(LaneState::Blocked)),
                                  rgb(TimelineTheme::light().hatch)};
    QCOMPARE(colours, expected);
    // Hatch lines go up to the right: one row lower, the line is one pixel to the left.
    const QRgb hatch = rgb(TimelineTheme::light().hatch);
    int x = 200;
    while ((image.pixel(x, 80) & 0xFFFFFF) != hatch)
        ++x;
    QCOMPARE(image.pixel(x - 1, 81) & 0xFFFFFF, hatch);
}

void TestTimelinePainter::endMarks()
{
    const QImage image = render();
    // Marks sit 3 px right of the lane's end (t = 4, or 3 for worker-1), 16 px square.
    const auto markColours = [&](double end, int row) {
        return coloursIn(image, QRect(int(100 + 100 * end) + 3, 26 + 22 * row + 3, 16, 16));
    };
    QVERIFY(markColours(4.0, 0).count(rgb(TimelineTheme::light().text)));       // done
    QVERIFY(markColours(3.0, 1).count(rgb(TimelineTheme::light().text)));       // done
    QVERIFY(markColours(4.0, 2).count(rgb(TimelineTheme::light().failedMark))); // failed
    QVERIFY(markColours(4.0, 3).count(rgb(TimelineTheme::light().mutedText)));  // cancelled
    // The loop lane has no result: nothing but its row background after its end.
    QCOMPARE(markColours(4.0, 4), (std::set<QRgb>{rgb(TimelineTheme::light().background)}));
}

// Lesson 21 deadlocks at 1 s: each transfer task has just asked for the other's lock and stays
// blocked for good. That state has no length yet; it is drawn between the lane's end and its
// pending mark, hatched as `blocked` is everywhere. main, waiting on the gather, likewise.
void TestTimelinePainter::aTaskStuckAtTheEndShowsItsState()
{
    const ScenarioLoad load
        = readScenarioFile(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/21-deadlock.loop.json"));
    QVERIFY(load.ok());
    const Trace trace = runScenario(*load.scenario, RunOptions{});
    QCOMPARE(trace.outcome.status, OutcomeStatus::Deadlock);
    LaneRows rows;
    rows.rebuild(trace);
    TimelineLayout layout;
    layout.bounds = QRect(0, 0, 100 + 400 + TimelineLayout::kEndMarkRoom, 26 + 4 * 22 + 30);
    layout.nameColumnWidth = 100;
    TimelineCoordinates coords;
    layout.applyTo(coords);
    coords.fit(0.0, trace.duration, 400); // x = 100 + 400 * t: the end at 500
    QImage image(layout.bounds.size(), QImage::Format_RGB32);
    QPainter painter(&image);
    const TimelineTheme theme = TimelineTheme::light();
    TimelinePainter(trace, rows, theme).paint(painter, layout, coords);
    painter.end();
    const QRgb blocked = rgb(stateColor(LaneState::Blocked));
    for (int row : {1, 2}) { // transfer_ab-1, transfer_ba-1
        QCOMPARE(trace.lanes[std::size_t(row)].spans.back().state, LaneState::Blocked);
        // A stub two lane heights wide (32 px), not a square one could take for a mark.
        const std::set<QRgb> stub = coloursIn(image, QRect(503, 26 + 22 * row + 3, 32, 16));
        QCOMPARE(stub, (std::set<QRgb>{blocked, rgb(theme.hatch)}));
        QVERIFY(coloursIn(image, QRect(538, 26 + 22 * row + 3, 16, 16)).count(rgb(theme.text)));
    }
    // main waits on the gather for good too (stuckSpan, core/trace: every pending task of a
    // deadlocked run): a `waiting` stub, then its pending mark.
    const std::set<QRgb> mainStub = coloursIn(image, QRect(503, 26 + 3, 32, 16));
    QVERIFY(mainStub.count(rgb(stateColor(LaneState::Waiting))));
    QVERIFY(!mainStub.count(blocked));
    QVERIFY(coloursIn(image, QRect(538, 26 + 3, 16, 16)).count(rgb(theme.text)));
}

// On the live clock the run ends a few microseconds after the last task blocked: the blocked
// spans have a length, after a `ready` one. The stub still shows `blocked`, not the `ready`.
void TestTimelinePainter::aLiveDeadlockShowsTheBlockedStubToo()
{
    const ScenarioLoad load
        = readScenarioFile(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/21-deadlock.loop.json"));
    QVERIFY(load.ok());
    Trace trace = runScenario(*load.scenario, RunOptions{});
    // As the live run of lesson 21 recorded it (loopscope run --live): ready for 0.57 ms
    // before running, then blocked for 31 microseconds until the run ended.
    trace.liveClock = true;
    const double end = trace.duration + 0.0017;
    for (Lane &lane : trace.lanes) {
        if (lane.result != LaneResult::Pending || lane.spans.back().state != LaneState::Blocked)
            continue;
        Span blocked = lane.spans.back();
        lane.spans.pop_back();
        lane.spans.push_back({trace.duration, end - 0.0006, 0, blocked.step, LaneState::Ready});
        lane.spans.push_back({end - 0.0006, end - 0.00003, 0, blocked.step, LaneState::Running});
        lane.spans.push_back({end - 0.00003, end, blocked.on, blocked.step, LaneState::Blocked});
    }
    for (Lane &lane : trace.lanes)
        if (!lane.spans.empty() && lane.spans.back().end == trace.duration)
            lane.spans.back().end = end;
    trace.duration = end;
    LaneRows rows;
    rows.rebuild(trace);
    TimelineLayout layout;
    layout.bounds = QRect(0, 0, 100 + 400 + TimelineLayout::kEndMarkRoom, 26 + 4 * 22 + 30);
    layout.nameColumnWidth = 100;
    TimelineCoordinates coords;
    layout.applyTo(coords);
    coords.fit(0.0, trace.duration, 400); // the end at x = 500
    QImage image(layout.bounds.size(), QImage::Format_RGB32);
    QPainter painter(&image);
    const TimelineTheme theme = TimelineTheme::light();
    TimelinePainter(trace, rows, theme).paint(painter, layout, coords);
    painter.end();
    for (int row : {1, 2}) {
        const std::set<QRgb> stub = coloursIn(image, QRect(503, 26 + 22 * row + 3, 32, 16));
        QCOMPARE(stub, (std::set<QRgb>{rgb(stateColor(LaneState::Blocked)), rgb(theme.hatch)}));
    }
}

void TestTimelinePainter::wakeArrows()
{
    // worker-1 wakes worker-2 at t = 3 (x = 400): a vertical arrow between their rows.
    const QPoint between(400, 26 + 22 * 1 + 15);
    QCOMPARE(render(TimelineThemeKind::Light, true).pixel(between) & 0xFFFFFF,
             rgb(TimelineTheme::light().wakeArrow));
    QCOMPARE(render(TimelineThemeKind::Light, false).pixel(between) & 0xFFFFFF,
             rgb(TimelineTheme::light().alternateRow));
}

void TestTimelinePainter::legendSwatches()
{
    const QImage image = render();
    const QRect legend(0, 26 + 5 * 22, 620, 30);
    const std::vector<LegendItem> items = legendItems(legend);
    QCOMPARE(items.size(), std::size_t(10));
    for (const LegendItem &item : items) {
        if (item.kind != LegendItem::State)
            continue;
        const std::set<QRgb> colours = coloursIn(image, item.swatch);
        if (item.state == LaneState::Blocked) {
            QCOMPARE(colours, (std::set<QRgb>{rgb(stateColor(LaneState::Blocked)),
                                              rgb(TimelineTheme::light().hatch)}));
        } else {
            QCOMPARE(colours, std::set<QRgb>{rgb(stateColor(item.state))});
        }
    }
    QCOMPARE(items[4].label, QStringLiteral("blocked"));
    QCOMPARE(items[5].label, QStringLiteral("wake"));
    QCOMPARE(items[9].label, QStringLiteral("pending"));
}

void TestTimelinePainter::darkTheme()
{
    const QImage image = render(TimelineThemeKind::Dark);
    QCOMPARE(QColor(image.pixel(at(0.25, 0))).name(), QStringLiteral("#009e73"));
    QCOMPARE(QColor(image.pixel(at(4.8, 0))).name(), TimelineTheme::dark().background.name());
    QCOMPARE(QColor(image.pixel(5, 5)).name(), TimelineTheme::dark().nameColumn.name());
}

void TestTimelinePainter::onlyVisibleRowsArePainted()
{
    // Scrolled down by two rows: worker-2 (row 2) is now the first row under the ruler.
    const QImage image = render(TimelineThemeKind::Light, false, 44);
    QCOMPARE(QColor(image.pixel(at(0.75, 0))).name(), QStringLiteral("#f0e442"));
    QCOMPARE(QColor(image.pixel(at(0.25, 2))).name(), QStringLiteral("#009e73")); // the loop
    // Below the last lane and above the legend: plain background, no lane.
    QCOMPARE(QColor(image.pixel(at(0.25, 3))).name(), QStringLiteral("#ffffff"));
    // The ruler stays on top.
    QCOMPARE(QColor(image.pixel(300, 2)).name(), TimelineTheme::light().nameColumn.name());
}

QTEST_MAIN(TestTimelinePainter)
#include "tst_timeline_painter.moc"
