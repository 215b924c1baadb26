// The ASCII Gantt chart that `loopscope run` prints: one row per lane, one character per time
// slice, readable in any terminal and in a plain-text note.
#pragma once

#include "trace/trace.h"

#include <QString>

namespace loopscope {

// One character per state, and ' ' where the lane does not exist (before its first or after
// its last span).
QChar asciiStateChar(LaneState state);

// Rows "name |<columns characters>| result", then a time axis with the start and end times
// under the bar's edges, then a legend. Slice i covers [i, i+1) * duration / columns and shows
// the state that covers most of it; on a tie the more telling state wins (running, blocking,
// blocked, ready, waiting, then idle), so a short burst of CPU between two waits still shows
// once it fills half a slice. Names longer than 24 characters are cut with "...". columns is
// kept within 1..10000; non-finite times draw nothing.
QString asciiGantt(const Trace &trace, int columns = 60);

} // namespace loopscope
