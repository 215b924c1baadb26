// What differs between runs of one lesson (variants, or files side by side): how long each took,
// which lanes ended differently, and the first printed line that differs. The command line and
// the compare view show the same text.
#pragma once

#include "trace/trace.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace loopscope {

struct NamedTrace
{
    QString name; // the variant's name, or the file's title
    Trace trace;
};

struct CompareSummary
{
    // "TaskGroup: 5.0 s, for loop: 25.0 s, 5.0× faster": fastest first; with three or more
    // runs the ratio names the fastest and the slowest; "same duration" when all are equal.
    QString durations;
    // One line per group of lanes (matched by name) whose result differs between runs:
    // "sleeper-1, sleeper-2: done in TaskGroup, not run in for loop".
    QStringList lanes;
    // "first print that differs: #2, for loop: \"Loop end 0\" at 5.0 s; TaskGroup: ..." or
    // "prints: the same 3 lines in every run".
    QString prints;
    // A scenario's run beside a recording of its program (one of two runs recorded): the
    // first span that differs per lane (span_differences.h), or "spans: the same, lane by lane".
    QStringList spans;

    QStringList lines() const; // durations, lane lines, prints, spans
};

CompareSummary compareRuns(const std::vector<NamedTrace> &runs);

// "5.0 s", "0.35 s", "120 ms": durations as the summary writes them.
QString formatCompareSeconds(double seconds);

} // namespace loopscope
