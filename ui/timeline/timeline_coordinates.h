// Time <-> pixel and lane <-> pixel mapping of the timeline: one small value type, so that the
// screen, the exports and the tests agree on where an instant or a lane is drawn.
#pragma once

namespace loopscope {

struct TimelineCoordinates
{
    double visibleStart = 0.0;      // scenario seconds at x == leftMargin
    double secondsPerPixel = 0.001; // > 0
    int leftMargin = 0;             // width of the lane name column
    int topMargin = 0;              // y of the first lane row (below title and ruler)
    int laneHeight = 22;
    int firstRow = 0;  // index of the row drawn at topMargin (vertical scroll, in rows)
    int rowOffset = 0; // pixels the first row is scrolled up by, 0 <= rowOffset < laneHeight

    static constexpr double kMinSecondsPerPixel = 1e-9;
    static constexpr double kMaxSecondsPerPixel = 1e6;

    double mapTimeToX(double t) const { return leftMargin + (t - visibleStart) / secondsPerPixel; }
    double mapXToTime(double x) const { return visibleStart + (x - leftMargin) * secondsPerPixel; }
    double visibleEnd(int timeAreaWidth) const
    {
        return visibleStart + timeAreaWidth * secondsPerPixel;
    }

    // Zooms by `factor` (> 1 zooms in) keeping the instant under pixel `x` where it is.
    void zoomAround(double x, double factor);
    // Moves the view by `dx` pixels: positive shows later times.
    void pan(double dx) { visibleStart += dx * secondsPerPixel; }
    // Shows [start, end) across `timeAreaWidth` pixels.
    void fit(double start, double end, int timeAreaWidth);

    // Row <-> y. rowAt answers -1 above the first lane.
    int rowTop(int row) const { return topMargin + (row - firstRow) * laneHeight - rowOffset; }
    int rowAt(double y) const;
    // Vertical scroll position in pixels over all rows, and back.
    int scrollY() const { return firstRow * laneHeight + rowOffset; }
    void setScrollY(int pixels);
};

} // namespace loopscope
