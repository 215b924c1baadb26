// Trace JSON (trace-format.md, version 1): what `loopscope run --trace` writes and every
// exporter and test reads back.
#pragma once

#include "trace/trace.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <optional>

namespace loopscope {

// The trace in trace-format.md's shape and key order, one span or event per line so that a
// diff of two traces reads well. Doubles are written in their shortest exact form, so reading
// the text back gives the same bits. Optional keys (`on`, `step`, `result`, ...) are left out
// when empty; a non-finite time is written as null (and refused on reading).
QByteArray writeTraceJson(const Trace &trace);
// The same bytes written to `out` as they are made, a MiB at a time (a big run's trace file);
// false if a write failed.
bool writeTraceJson(const Trace &trace, QIODevice &out);

// Reads a trace and checks what every consumer relies on: known names, finite times,
// 0 <= start <= end with each lane's spans in order and not overlapping, lane references
// (`parent`, event `lane`/`by`, diagnostic `lane`) naming a lane of the file, unique lane ids.
// On refusal returns nullopt and sets *error (when given) to "<JSON path>: <what was expected>",
// e.g. "$.lanes[1].spans[0].end: expected a number >= start (2), got 1.5". Unknown keys are
// ignored so that a later minor addition does not break older readers; a newer version is
// refused as a whole.
std::optional<Trace> readTraceJson(const QByteArray &json, QString *error = nullptr);
// The same for a file, JSON or binary (trace_binary.h): *error is the file's own error when it
// cannot be read.
std::optional<Trace> readTraceFile(const QString &path, QString *error = nullptr);
// A file's bytes, JSON or binary, as readTraceFile reads them (for a caller that has read the
// file already: a big trace is read once).
std::optional<Trace> readTraceBytes(const QByteArray &bytes, QString *error = nullptr);

// A file's bytes as one Open reads them, parsed once: a trace (binary by its magic, JSON by its
// "format": "loopscope-trace") is read whole, or refused with its error; anything else is not a
// trace and is left to be read as a scenario. A trace of millions of spans is not parsed twice.
struct TraceFileRead
{
    bool isTrace = false;       // the bytes say they are a trace, read or refused
    std::optional<Trace> trace; // the trace, when it was read
    QString error;              // why a trace was refused (readTraceBytes' words)
};
TraceFileRead readIfTrace(const QByteArray &bytes);

// Whether `json` says it is a trace ("format": "loopscope-trace") rather than a scenario, so
// that one Open takes either. Nothing else is checked: readTraceJson says what is wrong.
bool isTraceJson(const QByteArray &json);
// A trace in either form (JSON or binary), as readTraceFile reads it.
bool isTraceFile(const QByteArray &bytes);

} // namespace loopscope
