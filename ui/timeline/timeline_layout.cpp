#include "timeline/timeline_layout.h"

#include "timeline/timeline_notes.h"

namespace loopscope {

QRect TimelineLayout::titleRect() const
{
    return {bounds.left(), bounds.top(), bounds.width(), titleHeight};
}

QRect TimelineLayout::rulerRect() const
{
    return {bounds.left() + nameColumnWidth, bounds.top() + titleHeight, timeAreaWidth(),
            rulerHeight};
}

QRect TimelineLayout::laneArea() const
{
    const int top = bounds.top() + titleHeight + rulerHeight;
    const int bottom = bounds.bottom() + 1 - legendHeight - notesHeight;
    return {bounds.left(), top, bounds.width(), std::max(0, bottom - top)};
}

QRect TimelineLayout::legendRect() const
{
    const QRect lanes = laneArea();
    return {bounds.left(), lanes.bottom() + 1, bounds.width(), legendHeight};
}

QRect TimelineLayout::notesRect() const
{
    return {bounds.left(), bounds.bottom() + 1 - notesHeight, bounds.width(), notesHeight};
}

void TimelineLayout::applyTo(TimelineCoordinates &coords) const
{
    coords.leftMargin = bounds.left() + nameColumnWidth;
    coords.topMargin = laneArea().top();
    coords.laneHeight = laneHeight;
}

int TimelineLayout::notesHeightFor(const QString &notes, int width)
{
    return loopscope::notesHeight(notes, width);
}

} // namespace loopscope
