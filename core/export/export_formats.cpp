#include "export/export_formats.h"

#include "export/mermaid.h"
#include "export/perfetto.h"
#include "export/perfetto_proto.h"
#include "export/python_program.h"
#include "trace/trace_binary.h"
#include "trace/trace_json.h"

#include <QCoreApplication>

#include <array>

namespace loopscope {

namespace {

QByteArray mermaidOfRun(const Scenario &scenario, const Trace &trace)
{
    return mermaidGantt(trace, scenario.title).toUtf8();
}

QByteArray mermaidOfComparison(const std::vector<NamedTrace> &runs, const QString &lesson)
{
    return compareMermaid(runs, lesson).toUtf8();
}

QByteArray perfettoOfRun(const Scenario &, const Trace &trace)
{
    return perfettoJson(trace);
}

QByteArray perfettoProtoOfRun(const Scenario &, const Trace &trace)
{
    return perfettoProtobuf(trace);
}

QByteArray pythonOfRun(const Scenario &scenario, const Trace &)
{
    return pythonProgram(scenario).toUtf8();
}

QByteArray traceJsonOfRun(const Scenario &, const Trace &trace)
{
    return writeTraceJson(trace);
}

QByteArray traceBinaryOfRun(const Scenario &, const Trace &trace)
{
    return writeTraceBinary(trace);
}

bool traceBinaryToFile(const Trace &trace, QIODevice &out)
{
    return writeTraceBinary(trace, out);
}

// The writers that stream: a big run's trace or export is written as it is made, never held
// whole beside the trace (the overloads of perfettoJson, perfettoProtobuf, writeTraceJson).
bool perfettoToFile(const Trace &trace, QIODevice &out)
{
    return perfettoJson(trace, out);
}

bool perfettoProtoToFile(const Trace &trace, QIODevice &out)
{
    return perfettoProtobuf(trace, out);
}

bool traceJsonToFile(const Trace &trace, QIODevice &out)
{
    return writeTraceJson(trace, out);
}

constexpr unsigned kPicture = ExportsTrace | ExportsComparison;

constexpr std::array kTable{
    ExportFormatInfo{ExportFormat::Svg, QT_TRANSLATE_NOOP("ExportFormat", "SVG image"), ".svg",
                     true, kPicture, nullptr, nullptr},
    ExportFormatInfo{ExportFormat::Png, QT_TRANSLATE_NOOP("ExportFormat", "PNG image"), ".png",
                     true, kPicture, nullptr, nullptr},
    ExportFormatInfo{ExportFormat::Pdf, QT_TRANSLATE_NOOP("ExportFormat", "PDF document"), ".pdf",
                     true, kPicture, nullptr, nullptr},
    ExportFormatInfo{ExportFormat::Mermaid, QT_TRANSLATE_NOOP("ExportFormat", "Mermaid gantt"),
                     ".mmd", false, ExportsTrace | ExportsComparison, mermaidOfRun,
                     mermaidOfComparison},
    ExportFormatInfo{ExportFormat::Perfetto,
                     QT_TRANSLATE_NOOP("ExportFormat", "Perfetto / Chrome trace"), ".perfetto.json",
                     false, ExportsTrace, perfettoOfRun, nullptr, false, perfettoToFile},
    ExportFormatInfo{ExportFormat::PerfettoProto,
                     QT_TRANSLATE_NOOP("ExportFormat", "Perfetto trace (protobuf, for big runs)"),
                     ".perfetto-trace", false, ExportsTrace, perfettoProtoOfRun, nullptr, true,
                     perfettoProtoToFile},
    ExportFormatInfo{ExportFormat::Python, QT_TRANSLATE_NOOP("ExportFormat", "Python program"),
                     ".py", false, ExportsScenario, pythonOfRun, nullptr},
    ExportFormatInfo{ExportFormat::TraceJson, QT_TRANSLATE_NOOP("ExportFormat", "Loopscope trace"),
                     ".json", false, ExportsTrace, traceJsonOfRun, nullptr, false, traceJsonToFile},
    ExportFormatInfo{ExportFormat::TraceBinary,
                     QT_TRANSLATE_NOOP("ExportFormat", "Loopscope binary trace (for big runs)"),
                     ".lstrace", false, ExportsTrace, traceBinaryOfRun, nullptr, true,
                     traceBinaryToFile},
};

unsigned subjectsOf(ExportUse use)
{
    switch (use) {
    case ExportUse::Run:
        return ExportsTrace | ExportsScenario;
    case ExportUse::Comparison:
        return ExportsComparison;
    }
    return 0;
}

} // namespace

std::span<const ExportFormatInfo> exportFormatTable()
{
    return kTable;
}

const ExportFormatInfo &exportFormatInfo(ExportFormat format)
{
    for (const ExportFormatInfo &info : kTable)
        if (info.format == format)
            return info;
    return kTable.front(); // unreachable: every format has an entry (tst_export_formats)
}

bool canExport(ExportFormat format, ExportUse use)
{
    return (exportFormatInfo(format).subjects & subjectsOf(use)) != 0;
}

std::vector<ExportFormat> exportFormats(ExportUse use)
{
    std::vector<ExportFormat> formats;
    for (const ExportFormatInfo &info : kTable)
        if (canExport(info.format, use))
            formats.push_back(info.format);
    return formats;
}

QString exportFormatName(ExportFormat format)
{
    return QCoreApplication::translate("ExportFormat", exportFormatInfo(format).name);
}

QString exportSuffix(ExportFormat format)
{
    return QString::fromLatin1(exportFormatInfo(format).suffix);
}

bool isImageFormat(ExportFormat format)
{
    return exportFormatInfo(format).image;
}

std::optional<ExportFormat> exportFormatOf(const QString &path)
{
    for (const ExportFormatInfo &info : kTable)
        if (path.endsWith(QLatin1String(info.suffix), Qt::CaseInsensitive))
            return info.format;
    return std::nullopt;
}

std::optional<ExportFormat> exportFormatOf(const QString &path, ExportUse use)
{
    const std::optional<ExportFormat> format = exportFormatOf(path);
    if (format && canExport(*format, use))
        return format;
    return std::nullopt;
}

QString withExportSuffix(const QString &path, ExportFormat format)
{
    QString stem = path;
    if (const std::optional<ExportFormat> current = exportFormatOf(path))
        stem.chop(exportSuffix(*current).size());
    return stem + exportSuffix(format);
}

QString exportSuffixList(ExportUse use, bool imagesOnly)
{
    QStringList suffixes;
    for (const ExportFormat format : exportFormats(use))
        if (!imagesOnly || isImageFormat(format))
            suffixes << exportSuffix(format);
    if (suffixes.size() < 2)
        return suffixes.join(QString());
    const QString last = suffixes.takeLast();
    return suffixes.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

QStringList exportFileFilters(ExportUse use)
{
    QStringList filters;
    for (const ExportFormat format : exportFormats(use))
        filters << QStringLiteral("%1 (*%2)").arg(exportFormatName(format), exportSuffix(format));
    return filters;
}

} // namespace loopscope
