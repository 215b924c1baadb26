// Writing a run's export, with the format taken from the file name (export/export_formats.h):
// shared by `loopscope run --export` and File ▸ Export.
#pragma once

#include "scenario/scenario.h"
#include "timeline/image_export.h"
#include "trace/trace.h"

#include <QString>

namespace loopscope {

// A picture (drawn with `image`) or the table's text for a run. False with *error (naming the
// file) on failure, or when the suffix names no format a run can be exported to.
bool writeExport(const QString &path, const Scenario &scenario, const Trace &trace,
                 const ImageExportOptions &image, QString *error);

} // namespace loopscope
