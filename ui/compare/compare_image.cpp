#include "compare/compare_image.h"

#include "export/export_formats.h"
#include "timeline/image_export.h"
#include "timeline/lane_rows.h"
#include "timeline/timeline_fonts.h"
#include "timeline/timeline_painter.h"

#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>

namespace loopscope {

namespace {

constexpr int kEndMarkRoom = 28; // as the single-run export: room for the lane-end marks
constexpr int kHeaderTitle = 30;
constexpr int kSummaryLine = 18;
constexpr int kLegendHeight = 30;

int headerHeight(const CompareImageOptions &options)
{
    return kHeaderTitle + kSummaryLine * int(options.summary.size()) + 10;
}

int runHeight(const Trace &trace, bool last)
{
    const TimelineLayout defaults;
    const int lanes = std::max<int>(1, int(trace.lanes.size())) * defaults.laneHeight;
    return TimelineLayout::kTitleHeight + defaults.rulerHeight + lanes + (last ? kLegendHeight : 0);
}

void paintHeader(QPainter &painter, const CompareImageOptions &options, int width,
                 const TimelineTheme &theme)
{
    painter.fillRect(QRect(0, 0, width, headerHeight(options)), theme.background);
    painter.setPen(theme.text);
    painter.setFont(timelineFont(TimelineFontRole::Title));
    painter.drawText(QRect(12, 6, width - 24, kHeaderTitle - 6), Qt::AlignLeft | Qt::AlignTop,
                     options.title);
    painter.setFont(timelineFont(TimelineFontRole::Subtitle));
    for (qsizetype i = 0; i < options.summary.size(); ++i) {
        painter.setPen(i == 0 ? theme.text : theme.mutedText);
        painter.drawText(QRect(12, kHeaderTitle + int(i) * kSummaryLine, width - 24, kSummaryLine),
                         Qt::AlignLeft | Qt::AlignVCenter, options.summary[i]);
    }
}

// Every run is laid out with a legend so that its rows sit where they would alone; all but the
// last have it clipped away, since one legend explains the whole picture.
void paintRun(QPainter &painter, const NamedTrace &run, QRect bounds, double end, bool last,
              const TimelineTheme &theme, bool vectorHatching)
{
    LaneRows rows;
    rows.rebuild(run.trace);
    TimelineLayout layout;
    layout.bounds = last ? bounds : bounds.adjusted(0, 0, 0, kLegendHeight);
    layout.titleHeight = TimelineLayout::kTitleHeight;
    layout.legendHeight = kLegendHeight;
    layout.title = run.name;
    layout.subtitle = timelineSubtitle(run.trace);
    layout.wakeArrows = true;
    layout.vectorHatching = vectorHatching;
    TimelineCoordinates coords;
    layout.applyTo(coords);
    coords.fit(0.0, end, layout.timeAreaWidth() - kEndMarkRoom);
    painter.save();
    painter.setClipRect(bounds);
    TimelinePainter(run.trace, rows, theme).paint(painter, layout, coords);
    painter.restore();
}

bool exportSvg(const std::vector<NamedTrace> &runs, const CompareImageOptions &options,
               const QString &path)
{
    const QSize size = compareImageSize(runs, options);
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(options.title);
    svg.setDescription(options.summary.join(QLatin1Char('\n')));
    svg.setResolution(96);
    QPainter painter;
    if (!painter.begin(&svg))
        return false;
    paintCompareImage(painter, runs, options, size, true);
    return painter.end();
}

bool exportPng(const std::vector<NamedTrace> &runs, const CompareImageOptions &options,
               const QString &path)
{
    const QSize size = compareImageSize(runs, options);
    const double scale = std::clamp(options.scale, 0.25, 8.0);
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    {
        QPainter painter(&image);
        paintCompareImage(painter, runs, options, size, false);
    }
    return image.save(path, "PNG");
}

// One page as large as the picture: a comparison is read as a whole, not page by page.
bool exportPdf(const std::vector<NamedTrace> &runs, const CompareImageOptions &options,
               const QString &path)
{
    const QSize size = compareImageSize(runs, options);
    QPdfWriter pdf(path);
    pdf.setResolution(96);
    pdf.setPageSize(QPageSize(QSizeF(size) * 72.0 / 96.0, QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle(options.title);
    pdf.setCreator(QStringLiteral("Loopscope"));
    QPainter painter;
    if (!painter.begin(&pdf))
        return false;
    paintCompareImage(painter, runs, options, size, true);
    return painter.end();
}

bool writeImage(ExportFormat format, const std::vector<NamedTrace> &runs,
                const CompareImageOptions &options, const QString &path)
{
    switch (format) {
    case ExportFormat::Svg:
        return exportSvg(runs, options, path);
    case ExportFormat::Png:
        return exportPng(runs, options, path);
    case ExportFormat::Pdf:
        return exportPdf(runs, options, path);
    case ExportFormat::Mermaid: // text: written by the table's comparisonText
    case ExportFormat::Perfetto:
    case ExportFormat::PerfettoProto:
    case ExportFormat::Python:
    case ExportFormat::TraceJson:
    case ExportFormat::TraceBinary:
        break;
    }
    return false;
}

bool writeText(const QByteArray &text, const QString &path)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size() && file.commit();
}

} // namespace

double sharedDuration(const std::vector<NamedTrace> &runs)
{
    double end = 0.0;
    for (const NamedTrace &run : runs)
        end = std::max(end, run.trace.duration);
    return end > 0.0 ? end : 1.0;
}

QSize compareImageSize(const std::vector<NamedTrace> &runs, const CompareImageOptions &options)
{
    int height = headerHeight(options);
    for (std::size_t i = 0; i < runs.size(); ++i)
        height += runHeight(runs[i].trace, i + 1 == runs.size());
    return {std::max(400, options.width), height};
}

void paintCompareImage(QPainter &painter, const std::vector<NamedTrace> &runs,
                       const CompareImageOptions &options, QSize size, bool vectorHatching)
{
    const TimelineTheme theme = TimelineTheme::forKind(options.theme);
    paintHeader(painter, options, size.width(), theme);
    const double end = sharedDuration(runs);
    int top = headerHeight(options);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const bool last = i + 1 == runs.size();
        const int height = runHeight(runs[i].trace, last);
        paintRun(painter, runs[i], QRect(0, top, size.width(), height), end, last, theme,
                 vectorHatching);
        top += height;
    }
}

bool exportCompare(const std::vector<NamedTrace> &runs, const CompareImageOptions &options,
                   const QString &path, QString *error)
{
    const std::optional<ExportFormat> format = exportFormatOf(path, ExportUse::Comparison);
    if (!format) {
        if (error)
            *error = QStringLiteral("%1: unknown type \"%2\"; use %3")
                         .arg(path, QFileInfo(path).suffix().toLower(),
                              exportSuffixList(ExportUse::Comparison));
        return false;
    }
    const bool written
        = isImageFormat(*format)
              ? writeImage(*format, runs, options, path)
              : writeText(exportFormatInfo(*format).comparisonText(runs, options.lesson), path);
    if (!written && error)
        *error = QStringLiteral("%1: could not be written (check the folder exists and is "
                                "writable)")
                     .arg(path);
    return written;
}

} // namespace loopscope
