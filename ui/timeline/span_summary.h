// Level of detail for one lane: the spans that fall in the visible time range, turned into
// pixel-aligned runs of one state. Spans narrower than a pixel are merged into a per-column
// summary (the state that covers most of the column wins), so a lane costs at most one run per
// pixel column whatever its span count, and no per-span memory is added to the trace.
#pragma once

#include "timeline/timeline_coordinates.h"
#include "trace/trace.h"

#include <vector>

namespace loopscope {

struct PixelRun
{
    int x0 = 0; // [x0, x1) in pixels
    int x1 = 0;
    LaneState state = LaneState::Running;
    friend bool operator==(const PixelRun &, const PixelRun &) = default;
};

// Index of the first span ending after t (spans are sorted and do not overlap).
std::size_t firstSpanEndingAfter(const std::vector<Span> &spans, double t);
// Index of the span containing t, or -1.
int spanAt(const std::vector<Span> &spans, double t);

// Runs for the pixel columns [xMin, xMax) of `spans` drawn with `coords`; `out` is cleared.
void summariseSpans(const std::vector<Span> &spans, const TimelineCoordinates &coords, int xMin,
                    int xMax, std::vector<PixelRun> &out);

} // namespace loopscope
