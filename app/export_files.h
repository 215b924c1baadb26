// Writing a run's exports, with the format taken from the file name.
#pragma once

#include "scenario/scenario.h"
#include "trace/trace.h"

#include <QString>

namespace loopscope::app {

// .svg .png .pdf (the timeline picture), .mmd (Mermaid gantt), .perfetto.json (Chrome trace
// events), .py (the Python program), .json (the trace). False with *error on failure.
bool writeExport(const QString &path, const Scenario &scenario, const Trace &trace, QString *error);
bool isImageExport(const QString &path);
bool isKnownExport(const QString &path);

} // namespace loopscope::app
