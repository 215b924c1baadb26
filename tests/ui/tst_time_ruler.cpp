// Ruler ticks (1-2-5 steps) and time labels at every zoom.
#include "timeline/time_ruler.h"

#include <QTest>

using namespace loopscope;

class TestTimeRuler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tickStep_data();
    void tickStep();
    void ticks();
    void tickLabel_data();
    void tickLabel();
    void formatSeconds_data();
    void formatSeconds();
};

void TestTimeRuler::tickStep_data()
{
    QTest::addColumn<double>("spp");
    QTest::addColumn<double>("minPixels");
    QTest::addColumn<double>("step");
    QTest::newRow("seconds_exact_one") << 0.01 << 100.0 << 1.0;
    QTest::newRow("rounds_up_to_two") << 0.011 << 100.0 << 2.0;
    QTest::newRow("rounds_up_to_five") << 0.03 << 100.0 << 5.0;
    QTest::newRow("next_decade") << 0.06 << 100.0 << 10.0;
    QTest::newRow("milliseconds") << 2e-5 << 90.0 << 2e-3;
    QTest::newRow("microseconds") << 4e-9 << 90.0 << 5e-7;
    QTest::newRow("long_run") << 2.0 << 90.0 << 200.0;
}

void TestTimeRuler::tickStep()
{
    QFETCH(double, spp);
    QFETCH(double, minPixels);
    QFETCH(double, step);
    QCOMPARE(rulerTickStep(spp, minPixels), step);
}

void TestTimeRuler::ticks()
{
    QCOMPARE(rulerTicks(0.0, 2.0, 0.5), (std::vector<double>{0.0, 0.5, 1.0, 1.5, 2.0}));
    QCOMPARE(rulerTicks(0.3, 1.1, 0.2), (std::vector<double>{0.4, 0.6000000000000001, 0.8, 1.0}));
    QCOMPARE(rulerTicks(-1.5, 0.0, 1.0), (std::vector<double>{-1.0, 0.0}));
    QCOMPARE(rulerTicks(1.0, 0.0, 1.0), std::vector<double>{});
}

void TestTimeRuler::tickLabel_data()
{
    QTest::addColumn<double>("t");
    QTest::addColumn<double>("step");
    QTest::addColumn<QString>("label");
    QTest::newRow("whole_seconds") << 3.0 << 1.0 << "3 s";
    QTest::newRow("half_seconds") << 2.5 << 0.5 << "2.5 s";
    QTest::newRow("zero") << 0.0 << 0.5 << "0 s";
    QTest::newRow("milliseconds") << 0.25 << 0.05 << "250 ms";
    QTest::newRow("tenths_of_seconds") << 0.4 << 0.2 << "0.4 s";
    QTest::newRow("tenths_of_ms") << 0.0125 << 0.0001 << "12.5 ms";
    QTest::newRow("fractional_ms") << 0.0125 << 0.0005 << "12.5 ms";
    QTest::newRow("nanoseconds") << 2e-8 << 1e-8 << "20 ns";
    QTest::newRow("deep_zoom_far_from_zero") << 1.000002 << 2e-6 << "1.000002 s";
    QTest::newRow("microseconds") << 12e-6 << 2e-6 << "12 \u00b5s";
    QTest::newRow("ms_then_s_across_one_second") << 1.05 << 0.05 << "1.05 s";
    QTest::newRow("ms_before_one_second") << 0.95 << 0.05 << "950 ms";
    QTest::newRow("big") << 200.0 << 100.0 << "200 s";
}

void TestTimeRuler::tickLabel()
{
    QFETCH(double, t);
    QFETCH(double, step);
    QFETCH(QString, label);
    QCOMPARE(formatTickLabel(t, step), label);
}

void TestTimeRuler::formatSeconds_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0.0 << "0 s";
    QTest::newRow("whole") << 3.0 << "3 s";
    QTest::newRow("one_and_half") << 1.5 << "1.5 s";
    QTest::newRow("three_decimals") << 1.2345 << "1.234 s";
    QTest::newRow("ms") << 0.25 << "250 ms";
    QTest::newRow("us") << 12.5e-6 << "12.5 \u00b5s";
    QTest::newRow("negative") << -0.5 << "-500 ms";
}

void TestTimeRuler::formatSeconds()
{
    QFETCH(double, seconds);
    QFETCH(QString, text);
    QCOMPARE(loopscope::formatSeconds(seconds), text);
}

QTEST_GUILESS_MAIN(TestTimeRuler)
#include "tst_time_ruler.moc"
