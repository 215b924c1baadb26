// Time <-> pixel and row <-> pixel mapping of the timeline.
#include "timeline/timeline_coordinates.h"

#include <QTest>

using loopscope::TimelineCoordinates;

class TestTimelineCoordinates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mapTimeToX_data();
    void mapTimeToX();
    void zoomAround_data();
    void zoomAround();
    void panAndFit();
    void rows_data();
    void rows();
};

static TimelineCoordinates coords(double start, double spp, int left)
{
    TimelineCoordinates c;
    c.visibleStart = start;
    c.secondsPerPixel = spp;
    c.leftMargin = left;
    return c;
}

void TestTimelineCoordinates::mapTimeToX_data()
{
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("spp");
    QTest::addColumn<int>("left");
    QTest::addColumn<double>("t");
    QTest::addColumn<double>("x");
    QTest::newRow("origin_at_margin") << 0.0 << 0.01 << 100 << 0.0 << 100.0;
    QTest::newRow("one_second_at_100px") << 0.0 << 0.01 << 100 << 1.0 << 200.0;
    QTest::newRow("zoomed_second_half") << 2.0 << 0.004 << 180 << 3.0 << 430.0;
    QTest::newRow("before_visible_start") << 2.0 << 0.5 << 0 << 1.0 << -2.0;
    QTest::newRow("microseconds") << 1.0 << 1e-6 << 10 << 1.0005 << 510.0;
}

void TestTimelineCoordinates::mapTimeToX()
{
    QFETCH(double, start);
    QFETCH(double, spp);
    QFETCH(int, left);
    QFETCH(double, t);
    QFETCH(double, x);
    const TimelineCoordinates c = coords(start, spp, left);
    QCOMPARE(c.mapTimeToX(t), x);
    QCOMPARE(c.mapXToTime(x), t);
}

void TestTimelineCoordinates::zoomAround_data()
{
    QTest::addColumn<double>("anchorX");
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("expectedStart");
    QTest::addColumn<double>("expectedSpp");
    // 0..10 s over 1000 px right of a 100 px margin.
    QTest::newRow("in_2x_at_middle") << 600.0 << 2.0 << 2.5 << 0.005;
    QTest::newRow("in_2x_at_left_edge") << 100.0 << 2.0 << 0.0 << 0.005;
    QTest::newRow("in_2x_at_right_edge") << 1100.0 << 2.0 << 5.0 << 0.005;
    QTest::newRow("out_2x_at_middle") << 600.0 << 0.5 << -5.0 << 0.02;
    QTest::newRow("in_4x_at_quarter") << 350.0 << 4.0 << 1.875 << 0.0025;
}

void TestTimelineCoordinates::zoomAround()
{
    QFETCH(double, anchorX);
    QFETCH(double, factor);
    QFETCH(double, expectedStart);
    QFETCH(double, expectedSpp);
    TimelineCoordinates c = coords(0.0, 0.01, 100);
    const double anchorTime = c.mapXToTime(anchorX);
    c.zoomAround(anchorX, factor);
    QCOMPARE(c.secondsPerPixel, expectedSpp);
    QCOMPARE(c.visibleStart, expectedStart);
    QCOMPARE(c.mapXToTime(anchorX), anchorTime);
}

void TestTimelineCoordinates::panAndFit()
{
    TimelineCoordinates c = coords(0.0, 0.01, 100);
    c.pan(50);
    QCOMPARE(c.visibleStart, 0.5);
    c.pan(-100);
    QCOMPARE(c.visibleStart, -0.5);
    c.fit(2.0, 6.0, 800);
    QCOMPARE(c.visibleStart, 2.0);
    QCOMPARE(c.secondsPerPixel, 0.005);
    QCOMPARE(c.visibleEnd(800), 6.0);
    c.fit(3.0, 3.0, 800); // an empty range shows one second
    QCOMPARE(c.secondsPerPixel, 1.0 / 800);
    c.zoomAround(100, 1e20); // zoom stops at the limit
    QCOMPARE(c.secondsPerPixel, TimelineCoordinates::kMinSecondsPerPixel);
}

void TestTimelineCoordinates::rows_data()
{
    QTest::addColumn<int>("scrollY");
    QTest::addColumn<double>("y");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("rowTopOfThatRow");
    // Lanes start at y = 50, 20 px each.
    QTest::newRow("first_row_top") << 0 << 50.0 << 0 << 50;
    QTest::newRow("first_row_bottom") << 0 << 69.9 << 0 << 50;
    QTest::newRow("third_row") << 0 << 95.0 << 2 << 90;
    QTest::newRow("above_lanes") << 0 << 49.0 << -1 << 0;
    QTest::newRow("scrolled_two_rows") << 40 << 50.0 << 2 << 50;
    QTest::newRow("scrolled_half_row") << 10 << 50.0 << 0 << 40;
    QTest::newRow("scrolled_half_row_next") << 10 << 60.0 << 1 << 60;
}

void TestTimelineCoordinates::rows()
{
    QFETCH(int, scrollY);
    QFETCH(double, y);
    QFETCH(int, row);
    QFETCH(int, rowTopOfThatRow);
    TimelineCoordinates c;
    c.topMargin = 50;
    c.laneHeight = 20;
    c.setScrollY(scrollY);
    QCOMPARE(c.scrollY(), scrollY);
    QCOMPARE(c.rowAt(y), row);
    if (row >= 0)
        QCOMPARE(c.rowTop(row), rowTopOfThatRow);
}

QTEST_GUILESS_MAIN(TestTimelineCoordinates)
#include "tst_timeline_coordinates.moc"
