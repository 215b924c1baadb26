#include "canvas/card_layout.h"

#include <cmath>

namespace loopscope {

namespace {

constexpr qreal kMargin = 8;
constexpr qreal kGap = 4;
constexpr qreal kCaptionHeight = 18;
constexpr qreal kEmptyBody = 14;

class CardLayouter
{
public:
    explicit CardLayouter(CardGeometry &geometry)
        : m_geometry(geometry)
    {}

    // Lays out `steps` from y in [left, right]; returns the y after them.
    qreal layoutSteps(const Steps &steps, const StepBody &body, qreal left, qreal right, qreal y,
                      int depth)
    {
        if (steps.empty()) {
            addSlot(body, 0, left, right, y + kEmptyBody / 2);
            return y + kEmptyBody;
        }
        for (std::size_t i = 0; i < steps.size(); ++i) {
            addSlot(body, int(i), left, right, y - kGap / 2);
            y = layoutStep(steps[i], left, right, y, depth) + kGap;
        }
        addSlot(body, int(steps.size()), left, right, y - kGap / 2);
        return y;
    }

private:
    qreal layoutStep(const Step &step, qreal left, qreal right, qreal y, int depth)
    {
        const std::size_t index = m_geometry.blocks.size();
        BlockBox box{step.id, {}, QRectF(left, y, right - left, kBlockHeight), depth};
        m_geometry.blocks.push_back(box);
        qreal bottom = y + kBlockHeight;
        const qreal innerLeft = left + kIndent;
        const qreal innerRight = right - kGap;
        if (hasBody(step.kind)) {
            bottom = layoutSteps(step.steps, {m_geometry.coroutine, step.id, 0}, innerLeft,
                                 innerRight, bottom + kGap, depth + 1);
        }
        for (std::size_t i = 0; i < step.excepts.size(); ++i) {
            const ExceptClause &clause = step.excepts[i];
            const QString as = clause.as.isEmpty() ? QString() : QStringLiteral(" as ") + clause.as;
            bottom = caption(QStringLiteral("except %1%2:").arg(clause.error, as), left, right,
                             bottom);
            bottom = layoutSteps(step.excepts[i].steps, {m_geometry.coroutine, step.id, int(i) + 1},
                                 innerLeft, innerRight, bottom, depth + 1);
        }
        if (step.finallySteps) {
            bottom = caption(QStringLiteral("finally:"), left, right, bottom);
            bottom = layoutSteps(*step.finallySteps, {m_geometry.coroutine, step.id, -1}, innerLeft,
                                 innerRight, bottom, depth + 1);
        }
        m_geometry.blocks[index].rect = QRectF(left, y, right - left, bottom - y);
        return bottom;
    }

    qreal caption(const QString &text, qreal left, qreal right, qreal y)
    {
        m_geometry.captions.push_back(
            {QRectF(left + 4, y, right - left - 8, kCaptionHeight), text});
        return y + kCaptionHeight;
    }

    void addSlot(const StepBody &body, int index, qreal left, qreal right, qreal y)
    {
        m_geometry.slots.push_back({{body, index}, QLineF(left, y, right, y)});
    }

    CardGeometry &m_geometry;
};

} // namespace

CardGeometry layoutCard(const Coroutine &coroutine)
{
    CardGeometry geometry;
    geometry.coroutine = coroutine.name;
    geometry.title = QRectF(0, 0, kCardWidth, kTitleHeight);
    qreal y = kTitleHeight;
    if (!coroutine.params.empty()) {
        geometry.params = QRectF(kMargin, y, kCardWidth - 2 * kMargin, 18);
        y += 18;
    }
    CardLayouter layouter(geometry);
    y = layouter.layoutSteps(coroutine.steps, {coroutine.name, {}, 0}, kMargin,
                             kCardWidth - kMargin, y + kMargin, 0);
    geometry.bounds = QRectF(0, 0, kCardWidth, y + kMargin);
    return geometry;
}

QString CardGeometry::stepAt(QPointF point) const
{
    QString found;
    int depth = -1;
    for (const BlockBox &box : blocks)
        if (box.rect.contains(point) && box.depth > depth) {
            found = box.stepId;
            depth = box.depth;
        }
    return found;
}

const BlockBox *CardGeometry::block(const QString &stepId) const
{
    for (const BlockBox &box : blocks)
        if (box.stepId == stepId)
            return &box;
    return nullptr;
}

const DropSlot *CardGeometry::slotNear(QPointF point) const
{
    const DropSlot *best = nullptr;
    qreal bestDistance = 0;
    for (const DropSlot &slot : slots) {
        if (point.x() < slot.line.x1() || point.x() > slot.line.x2())
            continue;
        // A nested slot wins ties: it is narrower, so the pointer is deliberately inside it.
        const qreal distance = std::abs(point.y() - slot.line.y1());
        if (!best || distance < bestDistance
            || (distance == bestDistance && slot.line.x1() > best->line.x1())) {
            best = &slot;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace loopscope
