#include "timeline/timeline_coordinates.h"

#include <algorithm>
#include <cmath>

namespace loopscope {

void TimelineCoordinates::zoomAround(double x, double factor)
{
    if (!(factor > 0.0))
        return;
    const double anchor = mapXToTime(x);
    secondsPerPixel
        = std::clamp(secondsPerPixel / factor, kMinSecondsPerPixel, kMaxSecondsPerPixel);
    visibleStart = anchor - (x - leftMargin) * secondsPerPixel;
}

void TimelineCoordinates::fit(double start, double end, int timeAreaWidth)
{
    const double span = end > start ? end - start : 1.0;
    visibleStart = start;
    secondsPerPixel
        = std::clamp(span / std::max(1, timeAreaWidth), kMinSecondsPerPixel, kMaxSecondsPerPixel);
}

int TimelineCoordinates::rowAt(double y) const
{
    if (y < topMargin)
        return -1;
    return firstRow + static_cast<int>(std::floor((y - topMargin + rowOffset) / laneHeight));
}

void TimelineCoordinates::setScrollY(int pixels)
{
    pixels = std::max(0, pixels);
    firstRow = pixels / laneHeight;
    rowOffset = pixels % laneHeight;
}

} // namespace loopscope
