// Tick placement and time labels of the timeline ruler: 1-2-5 steps in s, ms or µs at any zoom.
#pragma once

#include <QString>

#include <vector>

namespace loopscope {

// The smallest 1, 2 or 5 x 10^k seconds that spans at least `minPixels` pixels.
double rulerTickStep(double secondsPerPixel, double minPixels);

// Multiples of `step` in [start, end], as k * step so that labels never drift.
std::vector<double> rulerTicks(double start, double end, double step);

// A tick label: the unit (s, ms, µs, ns) is the largest that neither the instant nor ten steps
// fall below, with just enough decimals to tell neighbouring ticks apart ("0.5 s", "250 ms",
// "12.5 µs", "1.000002 s").
QString formatTickLabel(double t, double step);

// A duration or instant for people: unit by magnitude, at most 3 decimals, trailing zeros
// trimmed ("3 s", "1.5 s", "250 ms", "12.5 µs", "0 s").
QString formatSeconds(double seconds);

} // namespace loopscope
