// Mouse, wheel and gesture handling of the timeline view.
#include "timeline/timeline_view.h"

#include <QApplication>
#include <QGestureEvent>
#include <QHelpEvent>
#include <QNativeGestureEvent>
#include <QPinchGesture>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace loopscope {

namespace {

// One wheel notch (120) zooms by sqrt(2): two notches double the magnification.
double wheelZoomFactor(int angleDelta)
{
    return std::pow(2.0, angleDelta / 240.0);
}

} // namespace

void TimelineView::zoomAt(double x, double factor)
{
    m_coords.zoomAround(x, factor);
    if (m_follow)
        followPresentNow();
    coordinatesChanged();
}

void TimelineView::panBy(double dx, int dy)
{
    stopFollowingOnUserScroll();
    m_coords.pan(dx);
    m_coords.setScrollY(m_coords.scrollY() + dy);
    coordinatesChanged();
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        if (delta.y() != 0)
            zoomAt(event->position().x(), wheelZoomFactor(delta.y()));
        event->accept();
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier) { // Shift+wheel pans in time
        const int steps = delta.y() != 0 ? delta.y() : delta.x();
        panBy(-steps / 120.0 * frameLayout().timeAreaWidth() / 10.0, 0);
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

// A click in the name column of a fold's row folds or opens it; in a lane's, collapses its tree.
bool TimelineView::toggleTreeAt(QPoint pos)
{
    const int row = m_coords.rowAt(pos.y());
    if (const int group = m_rows.foldAt(row); group >= 0 && pos.x() < m_coords.leftMargin) {
        const bool folded = m_rows.foldState(group) == FoldState::Folded;
        setFoldState(group, folded ? FoldState::Open : FoldState::Folded);
        return true;
    }
    const int lane = m_rows.laneAt(row);
    if (pos.x() >= m_coords.leftMargin || lane < 0 || !m_rows.hasChildren(lane))
        return false;
    setLaneCollapsed(lane, !m_rows.isCollapsed(m_trace.lanes[lane].id));
    return true;
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    const QPoint pos = event->position().toPoint();
    if (frameLayout().laneArea().contains(pos) && toggleTreeAt(pos))
        return;
    m_pressPos = pos;
    m_pressCoords = m_coords;
    m_drag = (event->modifiers() & Qt::ShiftModifier) ? Drag::Select : Drag::Pending;
    if (m_drag == Drag::Select)
        setSelection(TimeRange{m_coords.mapXToTime(pos.x()), m_coords.mapXToTime(pos.x())});
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_drag == Drag::Pending
        && (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance())
        m_drag = Drag::Pan;
    if (m_drag == Drag::Pan) {
        stopFollowingOnUserScroll();
        m_coords.visibleStart = m_pressCoords.visibleStart;
        m_coords.pan(m_pressPos.x() - pos.x());
        m_coords.setScrollY(m_pressCoords.scrollY() + m_pressPos.y() - pos.y());
        coordinatesChanged();
    } else if (m_drag == Drag::Select) {
        setSelection(TimeRange{m_coords.mapXToTime(m_pressPos.x()), m_coords.mapXToTime(pos.x())});
    }
    const QRect area = frameLayout().laneArea();
    const int row = area.contains(pos) ? m_coords.rowAt(pos.y()) : -1;
    const int hovered = row < m_rows.rowCount() ? row : -1;
    if (hovered != m_hoveredRow) {
        m_hoveredRow = hovered;
        viewport()->update();
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mouseReleaseEvent(event);
    const Drag drag = m_drag;
    m_drag = Drag::None;
    if (drag != Drag::Pending)
        return;
    if (const auto hit = spanAt(event->position().toPoint())) {
        const Span &span = m_trace.lanes[hit->lane].spans[hit->span];
        Q_EMIT spanClicked(hit->lane, hit->span, m_trace.str(span.step));
    }
}

void TimelineView::leaveEvent(QEvent *event)
{
    m_hoveredRow = -1;
    viewport()->update();
    QAbstractScrollArea::leaveEvent(event);
}

bool TimelineView::handleGesture(QEvent *event)
{
    if (event->type() == QEvent::NativeGesture) {
        auto *gesture = static_cast<QNativeGestureEvent *>(event);
        if (gesture->gestureType() != Qt::ZoomNativeGesture)
            return false;
        zoomAt(gesture->position().x(), 1.0 + gesture->value());
        return true;
    }
    auto *gestures = static_cast<QGestureEvent *>(event);
    auto *pinch = static_cast<QPinchGesture *>(gestures->gesture(Qt::PinchGesture));
    if (!pinch)
        return false;
    if (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged) {
        const QPointF centre = viewport()->mapFromGlobal(pinch->centerPoint().toPoint());
        zoomAt(centre.x(), pinch->scaleFactor());
    }
    gestures->accept(pinch);
    return true;
}

bool TimelineView::viewportEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ToolTip: {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    case QEvent::NativeGesture:
    case QEvent::Gesture:
        if (handleGesture(event))
            return true;
        break;
    default:
        break;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace loopscope
