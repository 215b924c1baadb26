// Compact text forms of traces for exact assertions: "running 0-0 | waiting 0-1 timer | ...".
#pragma once

#include "trace/trace.h"

#include <QString>
#include <QStringList>

namespace loopscope::test {

// Every span of the lane: "<state> <start>-<end>[ <on>]", times with up to 3 decimals.
QString spansText(const Trace &trace, const QString &laneName);
// "<t> <lane name>: <text>" for each print, in order.
QStringList printsText(const Trace &trace);
// "<lane name>=<result>" for each task lane, in order.
QString resultsText(const Trace &trace);
const Lane *laneNamed(const Trace &trace, const QString &name);
// Checks the trace-format invariants: spans of a lane never overlap and leave no gap.
QString invariantProblem(const Trace &trace);
// The trace of a scenario given as JSON text, run on the virtual clock; a scenario the reader
// refuses ends the test program with its first problem.
Trace runJson(const QByteArray &json);
// What the reader says of a scenario given as JSON text: "<path>: <message>" each.
QStringList jsonProblems(const QByteArray &json);

} // namespace loopscope::test
