// Chrome Trace Event Format JSON of a trace: opens in ui.perfetto.dev and chrome://tracing.
#pragma once

#include "trace/trace.h"

#include <QByteArray>
#include <QIODevice>

namespace loopscope {

// {"traceEvents": [...], "displayTimeUnit": "ms"} with, in this order:
// - metadata ("ph":"M"): the process named after the scenario, then per lane a thread_name
//   and a thread_sort_index (tid = lane index + 1, sort index = lane index), so that Perfetto
//   shows one track per lane in lane order;
// - one complete event ("ph":"X") per span: name = state, plus " (step)" when the span has a
//   step id; ts and dur in microseconds; args {on, step} when set; cat = the state;
// - one flow pair ("ph":"s" on the `by` lane, "ph":"f" with "bp":"e" on the woken lane, both at
//   the wake's time, the same id) per wake event that names who woke the lane;
// - one thread-scoped instant ("ph":"i", "s":"t") per other event: prints named by their
//   text, the rest by kind and detail ("acquire sem", "wake via timer", "raise ValueError...").
QByteArray perfettoJson(const Trace &trace);
// The same bytes written to `out` as they are made, a MiB at a time (a big run's export); false
// if a write failed.
bool perfettoJson(const Trace &trace, QIODevice &out);

// The names both Perfetto exports give: a span's state, plus " (step)" when it has one; an
// event's as above (a wake with a waker: "wake" or "wake via X").
QString perfettoSpanName(const Trace &trace, const Span &span);
QString perfettoEventName(const TraceEvent &e);

} // namespace loopscope
