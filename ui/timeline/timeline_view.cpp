#include "timeline/timeline_view.h"

#include "timeline/span_summary.h"
#include "timeline/span_tooltip.h"
#include "timeline/timeline_marks.h"
#include "timeline/timeline_painter.h"

#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cmath>

namespace loopscope {

namespace {

constexpr double kEmptyTraceSeconds = 10; // what an empty (just started) trace shows
constexpr double kFollowAt = 0.9;         // the present sits at 90% of the width
constexpr double kMaxScrollSteps = 1e8;   // keeps scroll bar values inside int

} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->grabGesture(Qt::PinchGesture);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(320, 160);
    frameLayout().applyTo(m_coords);
    m_coords.fit(0.0, kEmptyTraceSeconds, std::max(1, frameLayout().timeAreaWidth()));
}

void TimelineView::setTrace(Trace trace)
{
    m_trace = std::move(trace);
    m_rows.setFoldChoices({}); // another run: its groups fold afresh
    rebuildRows(true);
    m_selection.reset();
    m_marker.reset();
    m_hoveredRow = -1;
    m_coords.setScrollY(0);
    fitAll();
    Q_EMIT selectionChanged();
}

void TimelineView::updateTrace(Trace trace)
{
    m_trace = std::move(trace);
    rebuildRows(true);
    if (m_follow)
        followPresentNow();
    coordinatesChanged();
}

TimelineLayout TimelineView::frameLayout() const
{
    TimelineLayout layout;
    layout.bounds = viewport()->rect();
    layout.treeControls = true;
    layout.wakeArrows = m_wakeArrows;
    layout.hoveredRow = m_hoveredRow;
    layout.selection = m_selection;
    layout.marker = m_marker;
    layout.highlightResource = m_highlight;
    return layout;
}

TimeRange TimelineView::visibleRange() const
{
    return {m_coords.visibleStart, m_coords.visibleEnd(frameLayout().timeAreaWidth())};
}

void TimelineView::setVisibleRange(TimeRange range)
{
    m_coords.fit(range.start, range.end, std::max(1, frameLayout().timeAreaWidth()));
    coordinatesChanged();
}

void TimelineView::setSelection(std::optional<TimeRange> selection)
{
    if (selection && selection->end < selection->start)
        std::swap(selection->start, selection->end);
    m_selection = selection;
    viewport()->update();
    Q_EMIT selectionChanged();
}

void TimelineView::setTheme(TimelineThemeKind kind)
{
    m_themeKind = kind;
    m_theme = TimelineTheme::forKind(kind);
    viewport()->update();
}

void TimelineView::setLaneFilter(const LaneFilter &filter)
{
    m_rows.setFilter(filter);
    m_rows.rebuild(m_trace);
    coordinatesChanged();
}

void TimelineView::setLaneCollapsed(int lane, bool collapsed)
{
    if (lane < 0 || lane >= int(m_trace.lanes.size()))
        return;
    m_rows.setCollapsed(m_trace.lanes[lane].id, collapsed);
    m_rows.rebuild(m_trace);
    coordinatesChanged();
}

void TimelineView::expandAll()
{
    m_rows.expandAll();
    m_rows.rebuild(m_trace);
    coordinatesChanged();
}

void TimelineView::collapseAll()
{
    for (int lane = 0; lane < int(m_trace.lanes.size()); ++lane) {
        if (m_rows.hasChildren(lane))
            m_rows.setCollapsed(m_trace.lanes[lane].id, true);
    }
    m_rows.rebuild(m_trace);
    coordinatesChanged();
}

void TimelineView::fitAll()
{
    const double end = m_trace.duration > 0.0 ? m_trace.duration : kEmptyTraceSeconds;
    m_coords.fit(0.0, end,
                 std::max(1, frameLayout().timeAreaWidth() - TimelineLayout::kEndMarkRoom));
    coordinatesChanged();
}

void TimelineView::zoomIn()
{
    zoomAt(m_coords.leftMargin + frameLayout().timeAreaWidth() / 2.0, 2.0);
}

void TimelineView::zoomOut()
{
    zoomAt(m_coords.leftMargin + frameLayout().timeAreaWidth() / 2.0, 0.5);
}

void TimelineView::zoomToSelection()
{
    if (!m_selection || !(m_selection->length() > 0.0))
        return;
    setFollowPresent(false);
    setVisibleRange(*m_selection);
}

void TimelineView::panLeft()
{
    panBy(-frameLayout().timeAreaWidth() / 4.0, 0);
}

void TimelineView::panRight()
{
    panBy(frameLayout().timeAreaWidth() / 4.0, 0);
}

void TimelineView::setHighlightedResource(const QString &resource)
{
    m_highlight = resource;
    viewport()->update();
}

void TimelineView::setWakeArrowsVisible(bool visible)
{
    m_wakeArrows = visible;
    viewport()->update();
}

void TimelineView::setFollowPresent(bool follow)
{
    if (m_follow == follow)
        return;
    m_follow = follow;
    if (follow) {
        followPresentNow();
        coordinatesChanged();
    }
    Q_EMIT followPresentChanged(follow);
}

void TimelineView::revealTime(double t, int lane)
{
    setFollowPresent(false);
    const TimelineLayout layout = frameLayout();
    m_coords.visibleStart = t - layout.timeAreaWidth() / 2.0 * m_coords.secondsPerPixel;
    const int row = m_rows.rowOfLane(lane);
    if (row >= 0) {
        const int rowY = row * m_coords.laneHeight;
        const int height = layout.laneArea().height();
        if (rowY < m_coords.scrollY() || rowY + m_coords.laneHeight > m_coords.scrollY() + height)
            m_coords.setScrollY(rowY - height / 2);
    }
    m_marker = t;
    coordinatesChanged();
}

void TimelineView::setCursorTime(double t)
{
    const TimeRange visible = visibleRange();
    if (t < visible.start || t > visible.end)
        return revealTime(t);
    m_marker = t;
    viewport()->update();
}

QPoint TimelineView::pointAt(double t, int lane) const
{
    const int row = m_rows.rowOfLane(lane);
    return {int(std::lround(m_coords.mapTimeToX(t))),
            m_coords.rowTop(row) + m_coords.laneHeight / 2};
}

std::optional<TimelineView::SpanHit> TimelineView::spanAt(QPoint pos) const
{
    const QRect area = frameLayout().laneArea();
    if (!area.contains(pos) || pos.x() < m_coords.leftMargin)
        return std::nullopt;
    const int lane = m_rows.laneAt(m_coords.rowAt(pos.y()));
    if (lane < 0)
        return std::nullopt;
    const double t = m_coords.mapXToTime(pos.x() + 0.5); // the middle of the pixel
    const Lane &l = m_trace.lanes[lane];
    const int span = loopscope::spanAt(l.spans, t);
    if (span >= 0)
        return SpanHit{lane, span, t};
    // The state a deadlocked task is stuck in, drawn right of its end.
    if (stuckStateRect(m_trace, l, frameLayout(), m_coords,
                       m_coords.rowTop(m_coords.rowAt(pos.y())))
            .contains(pos))
        return SpanHit{lane, int(l.spans.size()) - 1, l.spans.back().end};
    return std::nullopt;
}

QString TimelineView::toolTipAt(QPoint pos) const
{
    if (QString fold = foldToolTipAt(pos); !fold.isEmpty())
        return fold;
    const auto hit = spanAt(pos);
    return hit ? spanToolTip(m_trace, hit->lane, hit->span, hit->t, m_stepTexts) : QString();
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const TimelineLayout layout = frameLayout();
    TimelinePainter framePainter(m_trace, m_rows, m_theme);
    framePainter.setFoldTimelines(&m_foldTimelines);
    framePainter.paint(painter, layout, m_coords);
    if (!m_staleNote.isEmpty())
        paintStaleVeil(painter, layout.laneArea(), m_staleNote, m_theme);
    if (m_trace.lanes.empty() && !m_emptyHint.isEmpty()) {
        // On a plate of the background, so that the grid does not cross the words.
        const QRect area = layout.laneArea().adjusted(24, 12, -24, -12);
        const int flags = Qt::AlignCenter | Qt::TextWordWrap;
        const QRect text = painter.fontMetrics().boundingRect(area, flags, m_emptyHint);
        painter.fillRect(text.adjusted(-12, -8, 12, 8), m_theme.background);
        painter.setPen(m_theme.mutedText);
        painter.drawText(area, flags, m_emptyHint);
    }
}

void TimelineView::setEmptyHint(const QString &hint)
{
    m_emptyHint = hint;
    viewport()->update();
}

void TimelineView::setStaleNote(const QString &note)
{
    if (note == m_staleNote)
        return;
    m_staleNote = note;
    viewport()->update();
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    frameLayout().applyTo(m_coords);
    if (m_trace.lanes.empty()) // nothing run yet: the empty ruler's 10 s fit the new width
        return fitAll();
    if (m_follow)
        followPresentNow();
    coordinatesChanged();
}

void TimelineView::followPresentNow()
{
    const double width = frameLayout().timeAreaWidth() * m_coords.secondsPerPixel;
    m_coords.visibleStart = std::max(0.0, m_trace.duration - kFollowAt * width);
}

// The horizontal scroll bar covers [0, contentEnd()] (and wherever the user panned beyond).
double TimelineView::contentEnd() const
{
    return std::max(m_trace.duration > 0.0 ? m_trace.duration * 1.05 : kEmptyTraceSeconds,
                    visibleRange().end);
}

double TimelineView::horizontalUnit() const
{
    const double total = contentEnd() - std::min(0.0, m_coords.visibleStart);
    return std::max(m_coords.secondsPerPixel, total / kMaxScrollSteps);
}

void TimelineView::syncScrollBars()
{
    m_syncingScrollBars = true;
    const TimelineLayout layout = frameLayout();
    const double unit = horizontalUnit();
    const double origin = std::min(0.0, m_coords.visibleStart);
    const double visible = layout.timeAreaWidth() * m_coords.secondsPerPixel;
    QScrollBar *h = horizontalScrollBar();
    h->setRange(0, int(std::lround(std::max(0.0, contentEnd() - origin - visible) / unit)));
    h->setPageStep(std::max(1, int(std::lround(visible / unit))));
    h->setSingleStep(std::max(1, h->pageStep() / 20));
    h->setValue(int(std::lround((m_coords.visibleStart - origin) / unit)));
    QScrollBar *v = verticalScrollBar();
    const int height = layout.laneArea().height();
    v->setRange(0, std::max(0, m_rows.rowCount() * m_coords.laneHeight - height));
    v->setPageStep(std::max(1, height));
    v->setSingleStep(m_coords.laneHeight);
    m_coords.setScrollY(std::clamp(m_coords.scrollY(), 0, v->maximum()));
    v->setValue(m_coords.scrollY());
    m_syncingScrollBars = false;
}

void TimelineView::coordinatesChanged()
{
    syncScrollBars();
    viewport()->update();
    Q_EMIT visibleRangeChanged(visibleRange());
}

void TimelineView::scrollContentsBy(int dx, int dy)
{
    if (m_syncingScrollBars)
        return;
    if (dx != 0) {
        const double origin = std::min(0.0, m_coords.visibleStart);
        const double unit = horizontalUnit();
        m_coords.visibleStart = origin + horizontalScrollBar()->value() * unit;
        stopFollowingOnUserScroll();
    }
    if (dy != 0)
        m_coords.setScrollY(verticalScrollBar()->value());
    viewport()->update();
    Q_EMIT visibleRangeChanged(visibleRange());
}

void TimelineView::stopFollowingOnUserScroll()
{
    setFollowPresent(false);
}

} // namespace loopscope
