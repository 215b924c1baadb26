// Where two traces of one program disagree span by span: a scenario's run in Loopscope and its
// program recorded under CPython (Run > Compare with CPython). Each CPython difference is a bug
// on one side or the other, so the first one per lane is named with its times.
#pragma once

#include "trace/compare_summary.h"

#include <QStringList>

namespace loopscope {

// One line per lane (matched by name, the loop lane left out) whose spans differ, at its first
// differing span: "worker-2: blocked 1.000–2.000 s in Loopscope, 1.000–2.004 s in CPython";
// "x: only in CPython" for a lane one side lacks. At most `limit` lanes, then "… and N more".
// States and boundaries are compared exactly; what a span waits on is not (the two sides name
// objects differently).
QStringList spanDifferences(const NamedTrace &a, const NamedTrace &b, int limit = 10);

} // namespace loopscope
