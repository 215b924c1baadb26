#include "timeline/timeline_marks.h"

#include "timeline/timeline_fonts.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace loopscope {

namespace {

QPointF at(const QRectF &box, double fx, double fy)
{
    return {box.left() + fx * box.width(), box.top() + fy * box.height()};
}

} // namespace

void paintEndMark(QPainter &painter, const QRectF &box, LaneResult result,
                  const TimelineTheme &theme)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(Qt::NoBrush);
    const double width = std::max(1.5, box.width() / 7.0);
    switch (result) {
    case LaneResult::Done: {
        painter.setPen(QPen(theme.text, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        const QPointF check[] = {at(box, 0.12, 0.55), at(box, 0.4, 0.82), at(box, 0.9, 0.18)};
        painter.drawPolyline(check, 3);
        break;
    }
    case LaneResult::Failed:
        painter.setPen(QPen(theme.failedMark, width, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(at(box, 0.15, 0.15), at(box, 0.85, 0.85));
        painter.drawLine(at(box, 0.85, 0.15), at(box, 0.15, 0.85));
        break;
    case LaneResult::Cancelled:
        painter.setPen(QPen(theme.mutedText, width * 0.8));
        painter.drawEllipse(box.adjusted(width, width, -width, -width));
        painter.drawLine(at(box, 0.25, 0.75), at(box, 0.75, 0.25));
        break;
    case LaneResult::Pending:
        painter.setPen(Qt::NoPen);
        painter.setBrush(theme.text);
        for (double fx : {0.15, 0.5, 0.85})
            painter.drawEllipse(at(box, fx, 0.6), width * 0.6, width * 0.6);
        break;
    case LaneResult::None:
        break;
    }
    painter.restore();
}

void paintWakeArrow(QPainter &painter, QPointF from, QPointF to, const TimelineTheme &theme)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(theme.wakeArrow, 1.0));
    painter.drawLine(from, to);
    const double angle = std::atan2(to.y() - from.y(), to.x() - from.x());
    const double size = 5.0;
    QPainterPath head;
    head.moveTo(to);
    head.lineTo(to - QPointF(size * std::cos(angle - 0.45), size * std::sin(angle - 0.45)));
    head.lineTo(to - QPointF(size * std::cos(angle + 0.45), size * std::sin(angle + 0.45)));
    head.closeSubpath();
    painter.fillPath(head, theme.wakeArrow);
    painter.restore();
}

void paintHatchLines(QPainter &painter, const QRect &rect, const TimelineTheme &theme)
{
    painter.save();
    painter.setClipRect(rect, Qt::IntersectClip);
    painter.setPen(QPen(theme.hatch, 1.0));
    const int step = 6;
    // Lines of slope -1 (like Qt::BDiagPattern), aligned to the page so neighbours join up.
    // Each line x + y = c is cut to the rectangle here, not only by the clip: an SVG has no
    // clipping (QSvgGenerator writes none), and uncut lines ran into names and legend labels.
    const double left = rect.left(), right = rect.right() + 1.0;
    const double top = rect.top(), bottom = rect.bottom() + 1.0;
    const int first = ((rect.left() + rect.top()) / step) * step;
    for (int c = first; c <= rect.right() + rect.bottom() + step; c += step) {
        const double yHigh = std::max(top, c - right);
        const double yLow = std::min(bottom, c - left);
        if (yLow > yHigh)
            painter.drawLine(QPointF(c - yLow, yLow), QPointF(c - yHigh, yHigh));
    }
    painter.restore();
}

void paintStateSwatch(QPainter &painter, const QRect &rect, LaneState state,
                      const TimelineTheme &theme, bool vectorHatching)
{
    painter.fillRect(rect, stateColor(state));
    if (state != LaneState::Blocked)
        return;
    if (vectorHatching)
        paintHatchLines(painter, rect, theme);
    else
        painter.fillRect(rect, QBrush(theme.hatch, Qt::BDiagPattern));
}

std::vector<LegendItem> legendItems(const QRect &rect)
{
    std::vector<LegendItem> items;
    for (LaneState s : {LaneState::Running, LaneState::Ready, LaneState::Blocking,
                        LaneState::Waiting, LaneState::Blocked})
        items.push_back({LegendItem::State, s, LaneResult::None, {}, stateName(s)});
    items.push_back({LegendItem::WakeArrow, {}, LaneResult::None, {}, QStringLiteral("wake")});
    for (LaneResult r :
         {LaneResult::Done, LaneResult::Failed, LaneResult::Cancelled, LaneResult::Pending})
        items.push_back({LegendItem::EndMark, {}, r, {}, laneResultName(r)});

    const QFontMetrics metrics(timelineFont(TimelineFontRole::Legend));
    const int swatch = 14;
    int x = rect.left() + 12;
    const int y = rect.top() + (rect.height() - swatch) / 2;
    for (LegendItem &item : items) {
        item.swatch = QRect(x, y, item.kind == LegendItem::WakeArrow ? 22 : swatch, swatch);
        x = item.swatch.right() + 6 + metrics.horizontalAdvance(item.label) + 16;
    }
    return items;
}

void paintLegend(QPainter &painter, const QRect &rect, const TimelineTheme &theme,
                 bool vectorHatching)
{
    painter.fillRect(rect, theme.nameColumn);
    painter.setPen(theme.grid);
    painter.drawLine(rect.topLeft(), rect.topRight());
    painter.setFont(timelineFont(TimelineFontRole::Legend));
    for (const LegendItem &item : legendItems(rect)) {
        const QRect &box = item.swatch;
        switch (item.kind) {
        case LegendItem::State:
            paintStateSwatch(painter, box, item.state, theme, vectorHatching);
            break;
        case LegendItem::WakeArrow:
            paintWakeArrow(painter, QPointF(box.left(), box.center().y() + 0.5),
                           QPointF(box.right() + 1, box.center().y() + 0.5), theme);
            break;
        case LegendItem::EndMark:
            paintEndMark(painter, box, item.result, theme);
            break;
        }
        painter.setPen(theme.text);
        painter.drawText(QRect(box.right() + 7, rect.top(), 200, rect.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, item.label);
    }
}

QRect paintStaleVeil(QPainter &painter, const QRect &area, const QString &note,
                     const TimelineTheme &theme)
{
    painter.save();
    QColor veil = theme.background;
    veil.setAlpha(kStaleVeilAlpha);
    painter.fillRect(area, veil);
    QFont font = painter.font();
    font.setBold(true);
    painter.setFont(font);
    QRect box = QFontMetrics(font).boundingRect(note).adjusted(-12, -6, 12, 6);
    box.moveCenter(QPoint(area.center().x(), area.top() + 8 + box.height() / 2));
    painter.setPen(theme.text);
    painter.setBrush(theme.background);
    painter.drawRoundedRect(box, 4, 4);
    painter.drawText(box, Qt::AlignCenter, note);
    painter.restore();
    return box;
}

} // namespace loopscope
