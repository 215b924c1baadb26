// PDF pages of the timeline: A4 landscape, as many lanes per page as stay legible (about 30 at
// the smallest lane height); longer traces continue on further pages with the same ruler.
#include "timeline/image_export.h"

#include "timeline/lane_rows.h"
#include "timeline/timeline_painter.h"

#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>

namespace loopscope {

namespace {

constexpr int kPdfResolution = 96; // layout in the same logical pixels as the screen
constexpr int kMinLaneHeight = 16;

TimelineLayout pdfLayout(const Trace &trace, const ImageExportOptions &options, QRect page,
                         int notesHeight)
{
    TimelineLayout layout;
    layout.bounds = page;
    layout.titleHeight = TimelineLayout::kTitleHeight;
    layout.notesHeight = notesHeight;
    layout.title = options.title.isEmpty() ? trace.scenario : options.title;
    layout.subtitle = timelineSubtitle(trace);
    layout.notes = options.notes;
    layout.wakeArrows = options.wakeArrows;
    const int room = layout.laneArea().height();
    const int lanes = std::max<int>(1, int(trace.lanes.size()));
    layout.laneHeight = std::clamp(room / lanes, kMinLaneHeight, layout.laneHeight);
    return layout;
}

QPageLayout pdfPageLayout()
{
    return QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(10, 10, 10, 10),
                       QPageLayout::Millimeter);
}

} // namespace

QSize timelinePdfPageSize()
{
    return pdfPageLayout().paintRectPixels(kPdfResolution).size();
}

bool exportTimelinePdf(const Trace &trace, const ImageExportOptions &options, const QString &path)
{
    QPdfWriter pdf(path);
    pdf.setResolution(kPdfResolution);
    pdf.setPageLayout(pdfPageLayout());
    pdf.setTitle(options.title.isEmpty() ? trace.scenario : options.title);
    pdf.setCreator(QStringLiteral("Loopscope"));
    QPainter painter;
    if (!painter.begin(&pdf))
        return false;
    const QRect page(QPoint(0, 0), timelinePdfPageSize());
    const int notes = TimelineLayout::notesHeightFor(options.notes, page.width());
    TimelineLayout layout = pdfLayout(trace, options, page, notes);
    const LaneRows rows = timelineImageRows(trace, options);
    const TimelineTheme theme = TimelineTheme::forKind(options.theme);
    TimelineCoordinates coords;
    layout.applyTo(coords);
    const TimeRange range = options.range && options.range->end > options.range->start
                                ? *options.range
                                : TimeRange{0.0, trace.duration > 0.0 ? trace.duration : 1.0};
    coords.fit(range.start, range.end, layout.timeAreaWidth() - TimelineLayout::kEndMarkRoom);
    const int perPage = std::max(1, layout.laneArea().height() / layout.laneHeight);
    // The legend follows the last whole row: no row is cut at the bottom of a page.
    const int rowsShown = std::min(perPage, std::max(1, rows.rowCount()));
    layout.bounds.setHeight(page.height() - layout.laneArea().height()
                            + rowsShown * layout.laneHeight);
    const TimelinePainter painterOfTrace(trace, rows, theme);
    for (int first = 0; first < std::max(1, rows.rowCount()); first += perPage) {
        if (first > 0)
            pdf.newPage();
        coords.firstRow = first;
        painterOfTrace.paint(painter, layout, coords);
    }
    return painter.end();
}

} // namespace loopscope
