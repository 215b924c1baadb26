// Timeline pictures: SVG keeps its text, PNG has the state colours at @2x, PDF is one A4 page
// for a teaching-sized trace and paginates long ones.
#include "sample_trace.h"
#include "timeline/image_export.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace loopscope;

class TestImageExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral(".*"))); }
    void svgKeepsTextAndParses();
    void svgHatchingStaysInsideBlockedSpans();
    void aRecordingsSubtitleSaysSoInWords();
    void pngHasStateColoursAtScale();
    void pngDarkTheme();
    void pdfIsOneLandscapePage();
    void pdfPaginatesLongTraces_data();
    void pdfPaginatesLongTraces();
    void unknownSuffixIsRefused();
    void unwritablePathIsRefused();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

static QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

static Trace manyLanes(int count)
{
    Trace trace;
    trace.scenario = QStringLiteral("Many lanes");
    trace.duration = 2.0;
    for (int i = 0; i < count; ++i) {
        Lane lane = testing::lane(QStringLiteral("task-%1").arg(i + 1),
                                  QStringLiteral("worker-%1").arg(i + 1), -1, LaneResult::Done);
        lane.spans = {testing::span(trace, LaneState::Running, 0, 1),
                      testing::span(trace, LaneState::Waiting, 1, 2)};
        trace.lanes.push_back(lane);
    }
    return trace;
}

static int pdfPageCount(const QByteArray &pdf)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?!s)"));
    return int(QString::fromLatin1(pdf).count(page));
}

void TestImageExport::svgKeepsTextAndParses()
{
    ImageExportOptions options;
    options.notes = QStringLiteral("Two workers share one permit.");
    QString error;
    QVERIFY2(exportTimelineImage(testing::sampleTrace(), options, path("t.svg"), &error),
             qPrintable(error));
    QSvgRenderer renderer(path("t.svg"));
    QVERIFY(renderer.isValid());
    const QSize size = timelineImageSize(testing::sampleTrace(), options);
    QCOMPARE(renderer.viewBox(), QRect(QPoint(0, 0), size));
    const QString svg = QString::fromUtf8(readAll(path("t.svg")));
    for (const char *text : {"main", "worker-1", "worker-2", "worker-3", "event loop",
                             "Semaphore sample", "Two workers share one permit.", "blocked"})
        QVERIFY2(svg.contains(QStringLiteral(">%1</text>").arg(QLatin1String(text))), text);
    // Rendered back, the running span of main has its colour (x = 180 + 0.25 s * 248 px/s).
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    QCOMPARE(QColor(image.pixel(242, 50 + 26 + 11)).name(), QStringLiteral("#009e73"));
}

// An SVG has no clipping (QSvgGenerator writes none): every hatch line must end inside the
// blocked rectangle it hatches itself, not run into the names or the legend's labels.
void TestImageExport::svgHatchingStaysInsideBlockedSpans()
{
    QString error;
    QVERIFY2(exportTimelineImage(testing::sampleTrace(), {}, path("hatch.svg"), &error),
             qPrintable(error));
    const QString svg = QString::fromUtf8(readAll(path("hatch.svg")));
    static const QRegularExpression group(
        QStringLiteral("<g fill=\"([^\"]*)\"[^>]*stroke=\"([^\"]*)\"[^>]*>(.*?)</g>"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression rect(QStringLiteral(
        "<rect x=\"([-\\d.]+)\" y=\"([-\\d.]+)\" width=\"([\\d.]+)\" height=\"([\\d.]+)\""));
    static const QRegularExpression line(
        QStringLiteral("<polyline[^>]*points=\"([-\\d.]+),([-\\d.]+) ([-\\d.]+),([-\\d.]+) \""));
    QList<QRectF> blocked;
    QList<QLineF> hatch;
    for (const QRegularExpressionMatch &g : group.globalMatch(svg)) {
        if (g.captured(1) == QLatin1String("#e69f00"))
            for (const QRegularExpressionMatch &r : rect.globalMatch(g.captured(3)))
                blocked << QRectF(r.captured(1).toDouble(), r.captured(2).toDouble(),
                                  r.captured(3).toDouble(), r.captured(4).toDouble());
        if (g.captured(2) == QLatin1String("#5c3c00"))
            for (const QRegularExpressionMatch &l : line.globalMatch(g.captured(3)))
                hatch << QLineF(l.captured(1).toDouble(), l.captured(2).toDouble(),
                                l.captured(3).toDouble(), l.captured(4).toDouble());
    }
    QVERIFY(blocked.size() >= 2); // worker-2's span and the legend's swatch
    QVERIFY(hatch.size() > 20);
    for (const QLineF &stroke : hatch) {
        const bool inside = std::any_of(blocked.begin(), blocked.end(), [&](const QRectF &box) {
            const QRectF edge = box.adjusted(-0.5, -0.5, 0.5, 0.5);
            return edge.contains(stroke.p1()) && edge.contains(stroke.p2());
        });
        QVERIFY2(inside, qPrintable(QStringLiteral("(%1,%2)-(%3,%4)")
                                        .arg(stroke.x1())
                                        .arg(stroke.y1())
                                        .arg(stroke.x2())
                                        .arg(stroke.y2())));
    }
}

// The line under a picture's title (and the compare view's run headers).
void TestImageExport::aRecordingsSubtitleSaysSoInWords()
{
    Trace trace = testing::sampleTrace();
    QCOMPARE(timelineSubtitle(trace), QStringLiteral("virtual clock \u00b7 4 s \u00b7 completed"));
    trace.recorded = true;
    QCOMPARE(timelineSubtitle(trace),
             QStringLiteral("recorded under CPython, virtual clock \u00b7 4 s \u00b7 completed"));
    trace.liveClock = true;
    QCOMPARE(timelineSubtitle(trace),
             QStringLiteral("recorded under CPython, real clock \u00b7 4 s \u00b7 completed"));
}

void TestImageExport::pngHasStateColoursAtScale()
{
    ImageExportOptions options; // 1200 px wide, @2x
    QString error;
    QVERIFY2(exportTimelineImage(testing::sampleTrace(), options, path("t.png"), &error),
             qPrintable(error));
    const QImage image(path("t.png"));
    // 50 title + 26 ruler + 5 lanes of 22 + 30 legend, times 2.
    QCOMPARE(image.size(), QSize(2400, 2 * (50 + 26 + 110 + 30)));
    // [0, 4] s over 1200 - 180 - 28 = 992 px: 248 px per second, lanes from y = 76.
    const auto colourAt = [&](double t, int row) {
        return QColor(image.pixel(2 * int(180 + 248 * t + 1), 2 * (76 + 22 * row + 11))).name();
    };
    QCOMPARE(colourAt(0.25, 0), QStringLiteral("#009e73"));
    QCOMPARE(colourAt(2.0, 0), QStringLiteral("#56b4e9"));
    QCOMPARE(colourAt(1.5, 1), QStringLiteral("#d55e00"));
    QCOMPARE(colourAt(0.75, 2), QStringLiteral("#f0e442"));
    QCOMPARE(colourAt(3.5, 2), QStringLiteral("#009e73"));
    // Blocked: the orange and its hatch lines, nothing else.
    QSet<QString> blocked;
    for (int x = 2 * 430; x < 2 * 670; ++x)
        blocked.insert(QColor(image.pixel(x, 2 * (76 + 44 + 11))).name());
    QCOMPARE(blocked, (QSet<QString>{QStringLiteral("#e69f00"), QStringLiteral("#5c3c00")}));
}

void TestImageExport::pngDarkTheme()
{
    ImageExportOptions options;
    options.theme = TimelineThemeKind::Dark;
    options.scale = 1.0;
    options.range = TimeRange{1.0, 3.0}; // 496 px per second from x = 180
    QVERIFY(exportTimelineImage(testing::sampleTrace(), options, path("dark.png"), nullptr));
    const QImage image(path("dark.png"));
    QCOMPARE(image.width(), 1200);
    QCOMPARE(QColor(image.pixel(600, 5)).name(), QStringLiteral("#1e1e1e"));
    QCOMPARE(QColor(image.pixel(int(180 + 496 * 0.5), 76 + 22 + 11)).name(),
             QStringLiteral("#d55e00")); // worker-1 blocking at 1.5 s
    QCOMPARE(QColor(image.pixel(int(180 + 496 * 1.5), 76 + 22 + 11)).name(),
             QStringLiteral("#56b4e9")); // worker-1 waiting at 2.5 s
}

void TestImageExport::pdfIsOneLandscapePage()
{
    QString error;
    QVERIFY2(exportTimelineImage(testing::sampleTrace(), {}, path("t.pdf"), &error),
             qPrintable(error));
    const QByteArray pdf = readAll(path("t.pdf"));
    QVERIFY(pdf.startsWith("%PDF"));
    QCOMPARE(pdfPageCount(pdf), 1);
    // A4 landscape in points: 842 x 595.
    static const QRegularExpression a4(
        QStringLiteral("/MediaBox \\[0 0 842(\\.0+)? 595(\\.0+)?\\]"));
    QVERIFY(QString::fromLatin1(pdf).contains(a4));
}

void TestImageExport::pdfPaginatesLongTraces_data()
{
    QTest::addColumn<int>("lanes");
    QTest::addColumn<int>("pages");
    QTest::newRow("thirty_lanes_fit") << 30 << 1;
    QTest::newRow("hundred_lanes") << 100 << 3;
}

void TestImageExport::pdfPaginatesLongTraces()
{
    QFETCH(int, lanes);
    QFETCH(int, pages);
    QVERIFY(exportTimelineImage(manyLanes(lanes), {}, path("long.pdf"), nullptr));
    QCOMPARE(pdfPageCount(readAll(path("long.pdf"))), pages);
}

void TestImageExport::unknownSuffixIsRefused()
{
    QString error;
    QVERIFY(!exportTimelineImage(testing::sampleTrace(), {}, path("t.bmp"), &error));
    QCOMPARE(error, path("t.bmp")
                        + QStringLiteral(": unknown image type \"bmp\"; use .svg, "
                                         ".png or .pdf"));
}

void TestImageExport::unwritablePathIsRefused()
{
    QString error;
    const QString missing = path("no/such/folder/t.png");
    QVERIFY(!exportTimelineImage(testing::sampleTrace(), {}, missing, &error));
    QVERIFY(error.startsWith(missing + QStringLiteral(": could not be written")));
}

QTEST_MAIN(TestImageExport)
#include "tst_image_export.moc"
