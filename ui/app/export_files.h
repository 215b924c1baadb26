// Writing a run's exports, with the format taken from the file name: shared by
// `loopscope run --export` and File ▸ Export.
#pragma once

#include "scenario/scenario.h"
#include "timeline/image_export.h"
#include "trace/trace.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace loopscope {

// .svg .png .pdf (the timeline picture, drawn with `image`), .mmd (Mermaid gantt),
// .perfetto.json (Chrome trace events), .py (the Python program), .json (the trace).
// False with *error (naming the file) on failure.
bool writeExport(const QString &path, const Scenario &scenario, const Trace &trace,
                 const ImageExportOptions &image, QString *error);
bool isImageExport(const QString &path);
// The bytes a text export (.mmd, .perfetto.json, .py, .json) of `path` holds; nullopt for
// pictures and unknown suffixes. writeExport writes exactly these; the export dialog shows them.
std::optional<QByteArray> textExport(const QString &path, const Scenario &scenario,
                                     const Trace &trace);
bool isKnownExport(const QString &path);
// File dialog filters, one per format, images first.
QString exportFileFilters();

} // namespace loopscope
