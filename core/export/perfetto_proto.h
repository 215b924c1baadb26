// Perfetto's native protobuf trace of a run: the format Perfetto's UI and trace_processor load
// fastest, for traces of millions of spans where its JSON importer struggles. Written by hand (a
// few wire-format primitives, no protobuf library), from the field numbers of Perfetto's
// protos/perfetto/trace/trace_packet.proto and track_event/*.proto.
#pragma once

#include "trace/trace.h"

#include <QByteArray>
#include <QIODevice>

namespace loopscope {

// A `Trace` message: a sequence of TracePackets.
// - Track descriptors: a root track named after the scenario (uuid 1, explicit child order),
//   then one track per lane (uuid = lane index + 2, parent 1, sibling_order_rank = lane index)
//   named after the lane.
// - Track events on trusted sequence 1, in time order, names interned (event_names; the first
//   event packet clears the incremental state): per span a SLICE_BEGIN and a SLICE_END named
//   as the JSON export names it ("waiting (s3)"), category = state, a debug annotation "on"
//   when the span waits for something; per wake with a waker an INSTANT "wake[ via X]" on the
//   waker's track with a flow id and one on the woken lane's track terminating it; per other
//   event an INSTANT named as the JSON export names it.
// Timestamps are nanoseconds of scenario time.
QByteArray perfettoProtobuf(const Trace &trace);
// The same bytes written to `out` as they are made, a MiB at a time (a big run's export); false
// if a write failed.
bool perfettoProtobuf(const Trace &trace, QIODevice &out);

} // namespace loopscope
