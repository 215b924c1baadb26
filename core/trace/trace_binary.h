// The compact binary trace (trace-format.md, "Binary traces"): the same model as the JSON trace,
// for runs of millions of spans, about 10 bytes a span where JSON takes about 80. The JSON trace
// stays the format for small runs and for interchange; both open everywhere a trace opens.
#pragma once

#include "trace/trace.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <optional>

namespace loopscope {

// The trace, exactly: reading the bytes back gives an equal Trace (every double bit for bit,
// the string table in its order).
QByteArray writeTraceBinary(const Trace &trace);
// The same bytes written to `out` as they are made, a MiB at a time (a big run's trace file);
// false if a write failed.
bool writeTraceBinary(const Trace &trace, QIODevice &out);

// Reads a binary trace and checks what readTraceJson checks (known enum values, finite times,
// each lane's spans in order and not overlapping, lane references naming a lane, unique lane
// ids, string references naming a string). On refusal returns nullopt and sets *error to
// "byte <offset>: <where>: <what was expected>", e.g.
// "byte 97: lanes[1].spans[0].end: expected a time >= start (2), got 1.5".
std::optional<Trace> readTraceBinary(const QByteArray &bytes, QString *error = nullptr);

// Whether `bytes` start with the binary trace's magic.
bool isTraceBinary(const QByteArray &bytes);

} // namespace loopscope
