// The geometry of a coroutine card, computed from the model alone: the title, the parameter
// line, one box per step (bodies nested inside) and the slots where a dragged block may land.
// Coordinates are the card's own, (0, 0) at its top-left corner.
#pragma once

#include "document/scenario_edits.h"

#include <QLineF>
#include <QRectF>

#include <vector>

namespace loopscope {

struct BlockBox
{
    QString stepId;
    QRectF rect;   // the whole block, body included
    QRectF header; // the line with the block's text
    int depth = 0;
};

// A caption inside a block: "except ValueError:", "finally:".
struct BodyCaption
{
    QRectF rect;
    QString text;
};

struct DropSlot
{
    StepPlace place;
    QLineF line; // where the drop indicator is drawn
};

struct CardGeometry
{
    QString coroutine;
    QRectF bounds;
    QRectF title;
    QRectF params;                // empty when the coroutine has none
    std::vector<BlockBox> blocks; // document order: a parent before its body
    std::vector<BodyCaption> captions;
    std::vector<DropSlot> slots;

    // The innermost block at `point`, or empty.
    QString stepAt(QPointF point) const;
    const BlockBox *block(const QString &stepId) const;
    // The slot nearest to `point` among those whose width covers point.x().
    const DropSlot *slotNear(QPointF point) const;
};

inline constexpr qreal kCardWidth = 280;
inline constexpr qreal kTitleHeight = 28;
inline constexpr qreal kBlockHeight = 24;
inline constexpr qreal kIndent = 14;

CardGeometry layoutCard(const Coroutine &coroutine);

} // namespace loopscope
