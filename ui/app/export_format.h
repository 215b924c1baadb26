// The formats File ▸ Export writes, and the file names that go with them: the suffix follows the
// chosen format, a typed suffix chooses the format, and a fresh export is named after the
// scenario.
#pragma once

#include <QString>

#include <optional>
#include <span>

namespace loopscope {

enum class ExportFormat { Svg, Png, Pdf, Mermaid, Perfetto, Python, TraceJson };

// In the order the dialog offers them: pictures first.
std::span<const ExportFormat> exportFormats();
QString exportFormatName(ExportFormat format); // "PNG image"
QString exportSuffix(ExportFormat format);     // ".perfetto.json"
bool isImageFormat(ExportFormat format);       // drawn by the timeline painter

// The format a path's suffix names (".perfetto.json" before ".json"); nullopt if none.
std::optional<ExportFormat> exportFormatOf(const QString &path);
// `path` with its known export suffix replaced by `format`'s ("a.png" → "a.svg"); a path
// without one keeps its name and gains the suffix ("run.v2" → "run.v2.svg").
QString withExportSuffix(const QString &path, ExportFormat format);

// The file name (no suffix) of an export of the scenario at `scenarioPath` ("14-semaphore" for
// 14-semaphore.loop.json) or, for an unsaved scenario, of its title ("semaphore-two-at-a-time").
QString exportBaseName(const QString &scenarioPath, const QString &title);

} // namespace loopscope
