#include "timeline/timeline_painter.h"

#include "timeline/time_ruler.h"
#include "timeline/timeline_fonts.h"
#include "timeline/timeline_marks.h"
#include "timeline/timeline_notes.h"

#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace loopscope {

namespace {

constexpr int kMinTickPixels = 90;
constexpr int kInstantWidth = 2; // pixels of a zero-length running span

} // namespace

QRectF stuckStateRect(const Trace &trace, const Lane &lane, const TimelineLayout &layout,
                      const TimelineCoordinates &coords, int top)
{
    const Span *stuck = stuckSpan(trace, lane);
    if (!stuck)
        return {};
    const int size = layout.laneHeight - 2 * kSpanInset;
    return QRectF(int(coords.mapTimeToX(stuck->end) + 3), top + kSpanInset, kStuckStubWidths * size,
                  size);
}

std::pair<int, int> visibleRowRange(const TimelineLayout &layout, const TimelineCoordinates &coords,
                                    int rowCount)
{
    const QRect area = layout.laneArea();
    const int first = std::clamp(coords.firstRow, 0, rowCount);
    const int last = std::clamp(coords.rowAt(area.bottom()) + 1, first, rowCount);
    return {first, last};
}

TimelinePainter::TimelinePainter(const Trace &trace, const LaneRows &rows,
                                 const TimelineTheme &theme)
    : m_trace(trace)
    , m_rows(rows)
    , m_theme(theme)
{}

void TimelinePainter::paint(QPainter &painter, const TimelineLayout &layout,
                            const TimelineCoordinates &coords) const
{
    painter.save();
    painter.fillRect(layout.bounds, m_theme.background);
    if (layout.titleHeight > 0)
        paintTitle(painter, layout);
    m_holdings.clear();
    if (!layout.highlightResource.isEmpty())
        m_holdings = resourceHoldings(m_trace, layout.highlightResource);
    paintRows(painter, layout, coords);
    if (layout.wakeArrows)
        paintWakeArrows(painter, layout, coords);
    paintSelection(painter, layout, coords);
    paintRuler(painter, layout, coords);
    paintLegend(painter, layout.legendRect(), m_theme, layout.vectorHatching);
    if (layout.notesHeight > 0)
        paintNotes(painter, layout);
    painter.restore();
}

void TimelinePainter::paintTitle(QPainter &painter, const TimelineLayout &layout) const
{
    const QRect rect = layout.titleRect().adjusted(12, 6, -12, -4);
    painter.setPen(m_theme.text);
    painter.setFont(timelineFont(TimelineFontRole::Title));
    painter.drawText(rect, Qt::AlignLeft | Qt::AlignTop, layout.title);
    painter.setPen(m_theme.mutedText);
    painter.setFont(timelineFont(TimelineFontRole::Subtitle));
    painter.drawText(rect, Qt::AlignLeft | Qt::AlignBottom, layout.subtitle);
}

void TimelinePainter::paintRuler(QPainter &painter, const TimelineLayout &layout,
                                 const TimelineCoordinates &coords) const
{
    const QRect ruler = layout.rulerRect();
    const QRect corner(layout.bounds.left(), ruler.top(), layout.nameColumnWidth, ruler.height());
    painter.fillRect(ruler, m_theme.nameColumn);
    painter.fillRect(corner, m_theme.nameColumn);
    painter.setPen(m_theme.grid);
    painter.drawLine(layout.bounds.left(), ruler.bottom(), ruler.right(), ruler.bottom());

    const double step = rulerTickStep(coords.secondsPerPixel, kMinTickPixels);
    const double start = coords.mapXToTime(ruler.left());
    const double end = coords.mapXToTime(ruler.right());
    painter.setFont(timelineFont(TimelineFontRole::Ruler));
    for (double t : rulerTicks(start, end, step)) {
        const int x = int(std::lround(coords.mapTimeToX(t)));
        painter.setPen(m_theme.mutedText);
        painter.drawLine(x, ruler.bottom() - 6, x, ruler.bottom());
        painter.setPen(m_theme.text);
        painter.drawText(QRect(x + 3, ruler.top(), kMinTickPixels, ruler.height() - 4),
                         Qt::AlignLeft | Qt::AlignVCenter, formatTickLabel(t, step));
    }
}

void TimelinePainter::paintRows(QPainter &painter, const TimelineLayout &layout,
                                const TimelineCoordinates &coords) const
{
    const QRect area = layout.laneArea();
    painter.save();
    painter.setClipRect(area);
    painter.fillRect(QRect(area.left(), area.top(), layout.nameColumnWidth, area.height()),
                     m_theme.nameColumn);
    // Grid lines at the ruler's ticks, under the spans.
    const double step = rulerTickStep(coords.secondsPerPixel, kMinTickPixels);
    painter.setPen(m_theme.grid);
    for (double t :
         rulerTicks(coords.mapXToTime(coords.leftMargin), coords.mapXToTime(area.right()), step)) {
        const int x = int(std::lround(coords.mapTimeToX(t)));
        painter.drawLine(x, area.top(), x, area.bottom());
    }
    const auto [first, last] = visibleRowRange(layout, coords, m_rows.rowCount());
    prepareFoldTimelines(first, last);
    for (int row = first; row < last; ++row) {
        const int top = coords.rowTop(row);
        const int lane = m_rows.laneAt(row);
        const QRect rowRect(coords.leftMargin, top, area.right() - coords.leftMargin + 1,
                            layout.laneHeight);
        if (row == layout.hoveredRow)
            painter.fillRect(rowRect, m_theme.hoveredRow);
        else if (row % 2 == 1)
            painter.fillRect(rowRect, m_theme.alternateRow);
        if (lane < 0) {
            paintFoldBand(painter, layout, coords, m_rows.foldAt(row), top);
            paintFoldName(painter, layout, m_rows.foldAt(row), top);
            continue;
        }
        paintLaneSpans(painter, layout, coords, lane, top);
        paintLaneName(painter, layout, lane, top);
    }
    painter.setPen(m_theme.grid);
    painter.drawLine(coords.leftMargin - 1, area.top(), coords.leftMargin - 1, area.bottom());
    painter.restore();
}

void TimelinePainter::paintLaneSpans(QPainter &painter, const TimelineLayout &layout,
                                     const TimelineCoordinates &coords, int lane, int top) const
{
    const Lane &l = m_trace.lanes[lane];
    const QRect area = layout.laneArea();
    summariseSpans(l.spans, coords, coords.leftMargin, area.right() + 1, m_runs);
    const int height = layout.laneHeight - 2 * kSpanInset;
    for (const PixelRun &run : m_runs)
        paintStateSwatch(painter, QRect(run.x0, top + kSpanInset, run.x1 - run.x0, height),
                         run.state, m_theme, layout.vectorHatching);
    paintInstants(painter, l.spans, coords, top + kSpanInset, height, area.right());
    if (!layout.highlightResource.isEmpty())
        paintResourceHighlight(painter, layout, coords, lane, top);
    if (l.result == LaneResult::None || l.spans.empty())
        return;
    double x = coords.mapTimeToX(l.spans.back().end) + 3;
    const int size = layout.laneHeight - 2 * kSpanInset;
    // A task that never ended, stuck for good in its last state (stuckSpan: in a deadlock,
    // blocked on a lock, a span of no length on the virtual clock and of microseconds on the
    // live one), shows that state before its mark: the span alone would not be seen.
    if (const QRectF stuck = stuckStateRect(m_trace, l, layout, coords, top); !stuck.isEmpty()) {
        if (stuck.left() >= coords.leftMargin && stuck.right() <= area.right() + 1)
            paintStateSwatch(painter, stuck.toRect(), l.spans.back().state, m_theme,
                             layout.vectorHatching);
        x = stuck.right() + 3;
    }
    if (x >= coords.leftMargin && x <= area.right())
        paintEndMark(painter, QRectF(x, top + kSpanInset, size, size), l.result, m_theme);
}

// Zero-length `running` spans are the instants a coroutine ran between two awaits (on the
// virtual clock nearly all running is instant): a thin tick, so that they are not lost.
void TimelinePainter::paintInstants(QPainter &painter, const std::vector<Span> &spans,
                                    const TimelineCoordinates &coords, int top, int height,
                                    int right) const
{
    const double start = coords.mapXToTime(coords.leftMargin);
    const double end = coords.mapXToTime(right);
    auto it = std::partition_point(spans.begin(), spans.end(),
                                   [start](const Span &s) { return s.end < start; });
    int lastX = std::numeric_limits<int>::min();
    const QColor running = stateColor(LaneState::Running);
    for (; it != spans.end() && it->start <= end; ++it) {
        if (it->end != it->start || it->state != LaneState::Running)
            continue;
        const int x = int(std::floor(coords.mapTimeToX(it->start)));
        if (x == lastX)
            continue;
        lastX = x;
        painter.fillRect(QRect(x, top, kInstantWidth, height), running);
    }
}

void TimelinePainter::paintLaneName(QPainter &painter, const TimelineLayout &layout, int lane,
                                    int top) const
{
    const Lane &l = m_trace.lanes[lane];
    const int left = layout.bounds.left() + 6 + m_rows.depth(lane) * kTreeIndent;
    const QRect nameRect(layout.bounds.left(), top, layout.nameColumnWidth, layout.laneHeight);
    painter.fillRect(nameRect, m_theme.nameColumn);
    if (layout.treeControls && m_rows.hasChildren(lane))
        paintDisclosure(painter, QPointF(left + 4, top + layout.laneHeight / 2.0),
                        m_rows.isCollapsed(l.id));
    const int textLeft = left + (layout.treeControls ? 12 : 0);
    const QFont font = timelineFont(TimelineFontRole::Lane);
    painter.setFont(font);
    painter.setPen(l.kind == LaneKind::Task ? m_theme.text : m_theme.mutedText);
    const int width = layout.bounds.left() + layout.nameColumnWidth - textLeft - 4;
    const QString name = QFontMetrics(font).elidedText(l.name, Qt::ElideRight, width);
    painter.drawText(QRect(textLeft, top, width, layout.laneHeight),
                     Qt::AlignLeft | Qt::AlignVCenter, name);
}

void TimelinePainter::paintWakeArrows(QPainter &painter, const TimelineLayout &layout,
                                      const TimelineCoordinates &coords) const
{
    const QRect area = layout.laneArea();
    const double start = coords.mapXToTime(coords.leftMargin);
    const double end = coords.mapXToTime(area.right());
    // Events are in time order (the recorder appends them as they happen).
    const auto &events = m_trace.events;
    auto it = std::partition_point(events.begin(), events.end(),
                                   [start](const TraceEvent &e) { return e.t < start; });
    painter.save();
    painter.setClipRect(
        QRect(coords.leftMargin, area.top(), area.right() - coords.leftMargin + 1, area.height()));
    const double half = layout.laneHeight / 2.0;
    for (; it != events.end() && it->t <= end; ++it) {
        if (it->kind != EventKind::Wake)
            continue;
        const int toRow = m_rows.rowOfLane(it->lane);
        const int fromRow = m_rows.rowOfLane(it->by);
        if (toRow < 0 || fromRow < 0 || toRow == fromRow)
            continue;
        // On a pixel centre: a 1 px line stays one crisp pixel wide.
        const double x = std::floor(coords.mapTimeToX(it->t)) + 0.5;
        const double y0 = coords.rowTop(fromRow) + half;
        const double y1
            = coords.rowTop(toRow) + (toRow > fromRow ? kSpanInset : 2 * half - kSpanInset);
        if (std::max(y0, y1) < area.top() || std::min(y0, y1) > area.bottom())
            continue;
        paintWakeArrow(painter, QPointF(x, y0), QPointF(x, y1), m_theme);
    }
    painter.restore();
}

std::vector<std::vector<TimeRange>> resourceHoldings(const Trace &trace, const QString &resource)
{
    std::vector<std::vector<TimeRange>> holdings(trace.lanes.size());
    std::vector<std::vector<double>> open(trace.lanes.size()); // acquire times not released yet
    for (const TraceEvent &e : trace.events) {
        if (e.resource != resource || e.lane < 0 || std::size_t(e.lane) >= trace.lanes.size())
            continue;
        auto &starts = open[std::size_t(e.lane)];
        if (e.kind == EventKind::Acquire) {
            starts.push_back(e.t);
        } else if (e.kind == EventKind::Release && !starts.empty()) {
            holdings[std::size_t(e.lane)].push_back({starts.front(), e.t});
            starts.erase(starts.begin());
        }
    }
    for (std::size_t lane = 0; lane < open.size(); ++lane)
        for (double start : open[lane])
            holdings[lane].push_back({start, trace.duration});
    return holdings;
}

// Holders of the highlighted resource get a bar under their lane; lanes waiting for it (spans
// whose `on` is the resource) get an outline, so who blocks whom reads over time.
void TimelinePainter::paintResourceHighlight(QPainter &painter, const TimelineLayout &layout,
                                             const TimelineCoordinates &coords, int lane,
                                             int top) const
{
    const QRect area = layout.laneArea();
    const double left = coords.leftMargin;
    const double right = area.right();
    auto clipped = [&](double t0, double t1) {
        const double x0 = std::max(coords.mapTimeToX(t0), left);
        const double x1 = std::min(coords.mapTimeToX(t1), right);
        return std::pair{x0, x1};
    };
    painter.save();
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(m_theme.text, 2.0));
    const Lane &l = m_trace.lanes[std::size_t(lane)];
    for (const Span &span : l.spans) {
        if (span.end <= span.start || m_trace.str(span.on) != layout.highlightResource)
            continue;
        const auto [x0, x1] = clipped(span.start, span.end);
        if (x1 > x0)
            painter.drawRect(QRectF(x0 + 1, top + kSpanInset + 1, x1 - x0 - 2,
                                    layout.laneHeight - 2 * kSpanInset - 2));
    }
    if (std::size_t(lane) < m_holdings.size()) {
        for (const TimeRange &held : m_holdings[std::size_t(lane)]) {
            const auto [x0, x1] = clipped(held.start, held.end);
            if (x1 > x0)
                painter.fillRect(QRectF(x0, top + layout.laneHeight - 4, x1 - x0, 3), m_theme.text);
        }
    }
    painter.restore();
}

void TimelinePainter::paintSelection(QPainter &painter, const TimelineLayout &layout,
                                     const TimelineCoordinates &coords) const
{
    const QRect area = layout.laneArea();
    if (layout.marker) {
        const double x = coords.mapTimeToX(*layout.marker);
        if (x >= coords.leftMargin && x <= area.right()) {
            painter.setPen(QPen(m_theme.text, 1.0, Qt::DashLine));
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
        }
    }
    if (!layout.selection)
        return;
    const double x0
        = std::max<double>(coords.mapTimeToX(layout.selection->start), coords.leftMargin);
    const double x1 = std::min<double>(coords.mapTimeToX(layout.selection->end), area.right());
    if (x1 <= x0)
        return;
    const QRectF band(x0, area.top(), x1 - x0, area.height());
    painter.fillRect(band, m_theme.selection);
    const QString label = formatSeconds(layout.selection->length());
    const QFont font = timelineFont(TimelineFontRole::Ruler);
    const int width = QFontMetrics(font).horizontalAdvance(label) + 10;
    const QRectF box(band.center().x() - width / 2.0, area.top() + 4, width, 18);
    painter.setPen(m_theme.text);
    painter.setBrush(m_theme.background);
    painter.drawRect(box);
    painter.setFont(font);
    painter.drawText(box, Qt::AlignCenter, label);
    painter.setBrush(Qt::NoBrush);
}

void TimelinePainter::paintNotes(QPainter &painter, const TimelineLayout &layout) const
{
    loopscope::paintNotes(painter, layout.notesRect(), layout.notes, m_theme);
}

} // namespace loopscope
