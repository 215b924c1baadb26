#include "canvas/start_arrow.h"

#include "canvas/card_layout.h"

#include <QLineF>

#include <algorithm>
#include <cmath>

namespace loopscope {

namespace {

constexpr qreal kHeadLength = 9;
constexpr qreal kHeadHalfWidth = 5;
constexpr qreal kClearance = 22; // between a detour and the cards it goes around
constexpr qreal kCorner = 10;

// Two strokes at `tip`, pointing along `direction` (a unit vector).
void addHead(QPainterPath &path, QPointF tip, QPointF direction)
{
    const QPointF back = tip - direction * kHeadLength;
    const QPointF side(-direction.y() * kHeadHalfWidth, direction.x() * kHeadHalfWidth);
    path.moveTo(tip);
    path.lineTo(back + side);
    path.moveTo(tip);
    path.lineTo(back - side);
}

// Leaves `from` going `out` (+1 right, -1 left) and arrives at `to` heading `in`.
QPainterPath sideArrow(QPointF from, qreal out, QPointF to, qreal in)
{
    QPainterPath path(from);
    const qreal bend = std::max(40.0, std::abs(to.x() - from.x()) / 2);
    path.cubicTo(from + QPointF(out * bend, 0), to - QPointF(in * bend, 0), to);
    addHead(path, to, {in, 0});
    return path;
}

// Through `points` with rounded corners, ending in a head along the last stretch.
QPainterPath polyline(const std::vector<QPointF> &points)
{
    QPainterPath path(points.front());
    for (size_t i = 1; i + 1 < points.size(); ++i) {
        const QLineF in(points[i], points[i - 1]), out(points[i], points[i + 1]);
        const qreal r = std::min({kCorner, in.length() / 2, out.length() / 2});
        path.lineTo(in.pointAt(r / in.length()));
        path.quadTo(points[i], out.pointAt(r / out.length()));
    }
    path.lineTo(points.back());
    const QLineF last(points[points.size() - 2], points.back());
    addHead(path, points.back(), (points.back() - points[points.size() - 2]) / last.length());
    return path;
}

QPainterPath facingSides(QRectF block, QRectF target)
{
    const qreal y = target.top() + kTitleHeight / 2;
    if (target.left() >= block.right())
        return sideArrow({block.right(), block.center().y()}, 1, {target.left(), y}, 1);
    if (target.right() <= block.left())
        return sideArrow({block.left(), block.center().y()}, -1, {target.right(), y}, -1);
    // Above or below in the same column: out to the right of both and back in.
    return sideArrow({block.right(), block.center().y()}, 1, {target.right(), y}, -1);
}

// Whether the line of `path` (sampled) passes inside one of `titles`.
bool crossesATitle(const QPainterPath &path, const std::vector<QRectF> &titles)
{
    constexpr int kSamples = 200;
    for (int i = 0; i <= kSamples; ++i) {
        const QPointF p = path.pointAtPercent(qreal(i) / kSamples);
        for (const QRectF &title : titles)
            if (title.adjusted(1, 1, -1, -1).contains(p))
                return true;
    }
    return false;
}

} // namespace

QPainterPath startArrow(QRectF block, QRectF source, QRectF target,
                        const std::vector<QRectF> &titles)
{
    QPainterPath direct = facingSides(block, target);
    if (!crossesATitle(direct, titles))
        return direct;
    const bool leftward = target.center().x() < source.center().x();
    const qreal gapX = leftward ? source.left() - kClearance : source.right() + kClearance;
    const qreal targetX = target.center().x();
    qreal top = std::min(source.top(), target.top());
    const qreal lo = std::min(gapX, targetX), hi = std::max(gapX, targetX);
    for (const QRectF &title : titles)
        if (title.right() >= lo && title.left() <= hi)
            top = std::min(top, title.top());
    const qreal overY = top - kClearance;
    const QPointF from(leftward ? block.left() : block.right(), block.center().y());
    return polyline(
        {from, {gapX, from.y()}, {gapX, overY}, {targetX, overY}, {targetX, target.top()}});
}

} // namespace loopscope
