// Level of detail: spans turned into pixel runs, sub-pixel spans merged per column.
#include "timeline/span_summary.h"

#include <QTest>

using namespace loopscope;
using S = LaneState;

class TestSpanSummary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runs_data();
    void runs();
    void spanLookup();
    void manySubPixelSpansGiveOneRunPerColumnAtMost();
};

using Runs = std::vector<PixelRun>;
Q_DECLARE_METATYPE(Runs)

static Span span(S state, double start, double end)
{
    Span s;
    s.state = state;
    s.start = start;
    s.end = end;
    return s;
}

void TestSpanSummary::runs_data()
{
    QTest::addColumn<std::vector<Span>>("spans");
    QTest::addColumn<double>("spp");
    QTest::addColumn<Runs>("expected");
    // x = 10 + t / spp; columns [10, 110).
    QTest::newRow("wide_spans_one_run_each")
        << std::vector<Span>{span(S::Running, 0, 1), span(S::Waiting, 1, 3)} << 0.1
        << Runs{{10, 20, S::Running}, {20, 40, S::Waiting}};
    QTest::newRow("touching_same_state_merge")
        << std::vector<Span>{span(S::Running, 0, 1), span(S::Running, 1, 2)} << 0.1
        << Runs{{10, 30, S::Running}};
    QTest::newRow("dominant_state_wins_the_column")
        << std::vector<Span>{span(S::Running, 0, 0.03), span(S::Ready, 0.03, 0.1),
                             span(S::Waiting, 0.1, 0.2)}
        << 0.1 << Runs{{10, 11, S::Ready}, {11, 12, S::Waiting}};
    QTest::newRow("partial_edges")
        << std::vector<Span>{span(S::Blocked, 0.05, 0.35), span(S::Running, 0.35, 0.38)} << 0.1
        << Runs{{10, 11, S::Blocked}, {11, 13, S::Blocked}, {13, 14, S::Blocked}};
    QTest::newRow("tie_goes_to_the_first_state")
        << std::vector<Span>{span(S::Waiting, 0, 0.05), span(S::Running, 0.05, 0.1)} << 0.1
        << Runs{{10, 11, S::Running}};
    QTest::newRow("zero_length_span_is_not_drawn")
        << std::vector<Span>{span(S::Running, 0, 0), span(S::Waiting, 0, 1)} << 0.5
        << Runs{{10, 12, S::Waiting}};
    QTest::newRow("clipped_to_visible_columns")
        << std::vector<Span>{span(S::Waiting, -5, 50)} << 0.1 << Runs{{10, 110, S::Waiting}};
    QTest::newRow("outside_visible_range")
        << std::vector<Span>{span(S::Waiting, 20, 30)} << 0.1 << Runs{};
}

void TestSpanSummary::runs()
{
    QFETCH(std::vector<Span>, spans);
    QFETCH(double, spp);
    QFETCH(Runs, expected);
    TimelineCoordinates coords;
    coords.leftMargin = 10;
    coords.secondsPerPixel = spp;
    Runs out{{1, 2, S::Ready}}; // cleared first
    summariseSpans(spans, coords, 10, 110, out);
    // Touching runs of one state are merged: compare the painted columns, run by run.
    Runs merged;
    for (const PixelRun &r : out) {
        if (!merged.empty() && merged.back().x1 == r.x0 && merged.back().state == r.state)
            merged.back().x1 = r.x1;
        else
            merged.push_back(r);
    }
    QCOMPARE(out, merged); // the builder already merges
    Runs expectedMerged;
    for (const PixelRun &r : expected) {
        if (!expectedMerged.empty() && expectedMerged.back().x1 == r.x0
            && expectedMerged.back().state == r.state)
            expectedMerged.back().x1 = r.x1;
        else
            expectedMerged.push_back(r);
    }
    QCOMPARE(out, expectedMerged);
}

void TestSpanSummary::spanLookup()
{
    const std::vector<Span> spans{span(S::Running, 0, 1), span(S::Waiting, 1, 3),
                                  span(S::Ready, 3, 4)};
    QCOMPARE(spanAt(spans, 0.0), 0);
    QCOMPARE(spanAt(spans, 0.999), 0);
    QCOMPARE(spanAt(spans, 1.0), 1);
    QCOMPARE(spanAt(spans, 3.5), 2);
    QCOMPARE(spanAt(spans, 4.0), -1);
    QCOMPARE(spanAt(spans, -0.1), -1);
    QCOMPARE(firstSpanEndingAfter(spans, 2.0), std::size_t(1));
    QCOMPARE(firstSpanEndingAfter(spans, 9.0), std::size_t(3));
}

void TestSpanSummary::manySubPixelSpansGiveOneRunPerColumnAtMost()
{
    // 100,000 alternating spans of 1 ms over 100 columns of 1 s each: every column is a tie
    // broken the same way, so the whole lane collapses into one run.
    std::vector<Span> spans;
    for (int i = 0; i < 100000; ++i)
        spans.push_back(span(i % 3 == 0 ? S::Running : S::Waiting, i * 1e-3, (i + 1) * 1e-3));
    TimelineCoordinates coords;
    coords.secondsPerPixel = 1.0;
    Runs out;
    summariseSpans(spans, coords, 0, 100, out);
    QCOMPARE(out, (Runs{{0, 100, S::Waiting}}));
}

QTEST_GUILESS_MAIN(TestSpanSummary)
#include "tst_span_summary.moc"
