// Every file format Loopscope exports to, in one table: its name, suffix, whether it is a picture
// or text, what it can export, and for text its writer. `loopscope run --export` and `loopscope
// compare --export` (and their messages), File ▸ Export, the compare window's Export and every
// file-dialog filter read it; none lists a format of its own.
//
// Pictures are painted by the timeline (QtGui, QtSvg), which core may not link, so an image entry
// carries no writer here: ui's two painters (exportTimelineImage, exportCompare) switch over
// ExportFormat with no `default:`, so the compiler names them when a format is added. A table
// filled in by ui at start-up would hold the same pointers, but would be incomplete for any
// program (or test) that never ran that registration.
#pragma once

#include "scenario/scenario.h"
#include "trace/compare_summary.h"
#include "trace/trace.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <QStringList>

#include <optional>
#include <span>
#include <vector>

namespace loopscope {

enum class ExportFormat {
    Svg,
    Png,
    Pdf,
    Mermaid,
    Perfetto,
    PerfettoProto,
    Python,
    TraceJson,
    TraceBinary
};

// What a format can show. A run's export has both its trace and its scenario to draw from.
enum ExportSubject : unsigned {
    ExportsTrace = 1u << 0,      // one run's timeline
    ExportsScenario = 1u << 1,   // the scenario itself (the Python program)
    ExportsComparison = 1u << 2, // several runs on one time axis
};

// Who is exporting: one run (`run --export`, File ▸ Export) or a comparison of runs.
enum class ExportUse { Run, Comparison };

struct ExportFormatInfo
{
    ExportFormat format;
    const char *name;   // "PNG image" (exportFormatName translates it)
    const char *suffix; // ".perfetto.json"
    bool image;         // painted by ui; false: text, written by the functions below
    unsigned subjects;  // ExportSubject flags
    // Text formats: the bytes of a run's export and of a comparison's; nullptr for pictures and
    // for a subject the format cannot show.
    QByteArray (*runText)(const Scenario &scenario, const Trace &trace);
    QByteArray (*comparisonText)(const std::vector<NamedTrace> &runs, const QString &lesson);
    bool binary = false; // bytes no text view can show (a preview describes them instead)
    // Writes a run's export to `out` as it is made, for formats of big runs that must not be
    // held whole in memory beside the trace; nullptr: runText's bytes are written.
    bool (*runWrite)(const Trace &trace, QIODevice &out) = nullptr;
};

// The table, in the order dialogs offer it (pictures first). A longer suffix comes before any
// shorter one it ends with (".perfetto.json" before ".json").
std::span<const ExportFormatInfo> exportFormatTable();
const ExportFormatInfo &exportFormatInfo(ExportFormat format);

bool canExport(ExportFormat format, ExportUse use);
// The formats `use` offers, in table order.
std::vector<ExportFormat> exportFormats(ExportUse use = ExportUse::Run);

QString exportFormatName(ExportFormat format); // "PNG image"
QString exportSuffix(ExportFormat format);     // ".perfetto.json"
bool isImageFormat(ExportFormat format);       // painted by ui

// The format a path's suffix names (case-insensitive, longest suffix first); nullopt if none.
std::optional<ExportFormat> exportFormatOf(const QString &path);
// The format of `path` if `use` offers it; nullopt for an unknown suffix or one `use` cannot
// write (a comparison as ".py").
std::optional<ExportFormat> exportFormatOf(const QString &path, ExportUse use);
// `path` with its known export suffix replaced by `format`'s ("a.png" → "a.svg"); a path
// without one keeps its name and gains the suffix ("run.v2" → "run.v2.svg").
QString withExportSuffix(const QString &path, ExportFormat format);

// ".svg, .png, .pdf or .mmd": the suffixes `use` offers (pictures only if `imagesOnly`), for
// messages that say what was expected.
QString exportSuffixList(ExportUse use, bool imagesOnly = false);
// File dialog filters, one per format `use` offers: "PNG image (*.png)".
QStringList exportFileFilters(ExportUse use);

} // namespace loopscope
