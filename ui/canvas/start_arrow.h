// The arrow from a block that starts a coroutine (call, create_task, gather, wait_for) to the
// card of that coroutine, routed so that it passes over no card's title.
#pragma once

#include <QPainterPath>
#include <QRectF>

#include <vector>

namespace loopscope {

// `block` is the starting block's header and `source` its card, `target` the started card, and
// `titles` every card's title (all in scene coordinates). The arrow leaves the block on the
// side facing the target and enters the target's title from that side, or, when another title
// is in the way, goes up beside the source card, over every card between and down onto the
// target's title.
QPainterPath startArrow(QRectF block, QRectF source, QRectF target,
                        const std::vector<QRectF> &titles);

} // namespace loopscope
