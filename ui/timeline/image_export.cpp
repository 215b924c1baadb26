#include "timeline/image_export.h"

#include "export/export_formats.h"

#include "timeline/lane_rows.h"
#include "timeline/time_ruler.h"
#include "timeline/timeline_painter.h"

#include <QFileInfo>
#include <QImage>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <algorithm>

namespace loopscope {

namespace {

TimeRange rangeFor(const Trace &trace, const ImageExportOptions &options)
{
    if (options.range && options.range->end > options.range->start)
        return *options.range;
    return {0.0, trace.duration > 0.0 ? trace.duration : 1.0};
}

TimelineLayout layoutFor(const Trace &trace, const ImageExportOptions &options, QSize size,
                         int notesHeight)
{
    TimelineLayout layout;
    layout.bounds = QRect(QPoint(0, 0), size);
    layout.titleHeight = TimelineLayout::kTitleHeight;
    layout.notesHeight = notesHeight;
    layout.title = options.title.isEmpty() ? trace.scenario : options.title;
    layout.subtitle = timelineSubtitle(trace);
    layout.notes = options.notes;
    layout.wakeArrows = options.wakeArrows;
    return layout;
}

TimelineCoordinates coordinatesFor(const Trace &trace, const ImageExportOptions &options,
                                   const TimelineLayout &layout)
{
    TimelineCoordinates coords;
    layout.applyTo(coords);
    const TimeRange range = rangeFor(trace, options);
    coords.fit(range.start, range.end, layout.timeAreaWidth() - TimelineLayout::kEndMarkRoom);
    return coords;
}

bool fail(QString *error, const QString &path, const QString &why)
{
    if (error)
        *error = QStringLiteral("%1: %2").arg(path, why);
    return false;
}

bool exportSvg(const Trace &trace, const ImageExportOptions &options, const QString &path)
{
    const QSize size = timelineImageSize(trace, options);
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(options.title.isEmpty() ? trace.scenario : options.title);
    svg.setDescription(timelineSubtitle(trace));
    svg.setResolution(96);
    QPainter painter;
    if (!painter.begin(&svg))
        return false;
    paintTimelineImage(painter, trace, options, size, true);
    return painter.end();
}

bool exportPng(const Trace &trace, const ImageExportOptions &options, const QString &path)
{
    const QSize size = timelineImageSize(trace, options);
    const double scale = std::clamp(options.scale, 0.25, 8.0);
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    {
        QPainter painter(&image);
        paintTimelineImage(painter, trace, options, size, false);
    }
    return image.save(path, "PNG");
}

} // namespace

QString timelineSubtitle(const Trace &trace)
{
    // A recording says so in words ("cpython-virtual" is the trace file's name for its clock).
    const QString clock = !trace.recorded ? clockName(trace) + QStringLiteral(" clock")
                          : trace.liveClock
                              ? QStringLiteral("recorded under CPython, real clock")
                              : QStringLiteral("recorded under CPython, virtual clock");
    QString line
        = QStringLiteral("%1 \u00b7 %2 \u00b7 %3")
              .arg(clock, formatSeconds(trace.duration), outcomeName(trace.outcome.status));
    QString error = trace.outcome.error;
    // Some errors already start with the outcome ("deadlock: a waits for b"): say it once.
    const QString prefix = outcomeName(trace.outcome.status) + QLatin1Char(':');
    if (error.startsWith(prefix))
        error = error.mid(prefix.size()).trimmed();
    if (!error.isEmpty())
        line += QStringLiteral(": ") + error;
    return line;
}

LaneRows timelineImageRows(const Trace &trace, const ImageExportOptions &options)
{
    LaneRows rows;
    if (options.folds)
        rows.setFoldChoices(*options.folds);
    rows.rebuild(trace);
    if (!options.folds)
        rows.autoFold(trace, ImageExportOptions::kScreenfulRows);
    return rows;
}

QSize timelineImageSize(const Trace &trace, const ImageExportOptions &options)
{
    const int width = std::max(400, options.width);
    TimelineLayout layout = layoutFor(trace, options, QSize(width, 0), 0);
    const int notes = TimelineLayout::notesHeightFor(options.notes, width);
    const int lanes = std::max(1, timelineImageRows(trace, options).rowCount()) * layout.laneHeight;
    return {width, layout.titleHeight + layout.rulerHeight + lanes + layout.legendHeight + notes};
}

void paintTimelineImage(QPainter &painter, const Trace &trace, const ImageExportOptions &options,
                        QSize size, bool vectorHatching)
{
    const LaneRows rows = timelineImageRows(trace, options);
    const TimelineTheme theme = TimelineTheme::forKind(options.theme);
    TimelineLayout layout = layoutFor(trace, options, size,
                                      TimelineLayout::notesHeightFor(options.notes, size.width()));
    layout.vectorHatching = vectorHatching;
    const TimelineCoordinates coords = coordinatesFor(trace, options, layout);
    TimelinePainter(trace, rows, theme).paint(painter, layout, coords);
}

bool exportTimelinePdf(const Trace &trace, const ImageExportOptions &options, const QString &path);

bool exportTimelineImage(const Trace &trace, const ImageExportOptions &options, const QString &path,
                         QString *error)
{
    const std::optional<ExportFormat> format = exportFormatOf(path);
    if (!format || !isImageFormat(*format))
        return fail(
            error, path,
            QStringLiteral("unknown image type \"%1\"; use %2")
                .arg(QFileInfo(path).suffix().toLower(), exportSuffixList(ExportUse::Run, true)));
    bool written = false;
    switch (*format) {
    case ExportFormat::Svg:
        written = exportSvg(trace, options, path);
        break;
    case ExportFormat::Png:
        written = exportPng(trace, options, path);
        break;
    case ExportFormat::Pdf:
        written = exportTimelinePdf(trace, options, path);
        break;
    case ExportFormat::Mermaid: // text formats: refused above
    case ExportFormat::Perfetto:
    case ExportFormat::PerfettoProto:
    case ExportFormat::Python:
    case ExportFormat::TraceJson:
    case ExportFormat::TraceBinary:
        break;
    }
    if (!written)
        return fail(error, path,
                    QStringLiteral("could not be written (check the folder exists "
                                   "and is writable)"));
    return true;
}

} // namespace loopscope
