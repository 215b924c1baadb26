// loopscope export TRACE OUT.ext [OUT.ext...]: a trace already on disk (recorded by `loopscope
// record`, or saved by `run --trace` or Save Trace) written to each format of the export table,
// with the writers `run --export` uses. A trace has no scenario: the export stands in an empty
// one titled as the trace (as File ▸ Export does for an open trace), so `.py` is refused.
#include "commands.h"

#include "export/export_formats.h"
#include "trace/trace_json.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>
#include <cstdlib>

namespace loopscope::app {

namespace {

constexpr const char *kExportUsage = "usage: loopscope export TRACE OUT.ext [OUT.ext...] [--quiet]";

struct ExportArgs
{
    QString trace;
    QStringList outputs;
    bool quiet = false;
};

// ".svg, .png, ... or .lstrace": the table's suffixes of the formats that show a trace (a run's
// list less .py, which shows a scenario).
QString traceSuffixList()
{
    QStringList suffixes;
    for (const ExportFormatInfo &info : exportFormatTable())
        if (info.subjects & ExportsTrace)
            suffixes << QString::fromLatin1(info.suffix);
    const QString last = suffixes.takeLast();
    return suffixes.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

// Why `path` cannot be written from a trace, or an empty string when it can.
QString outputProblem(const QString &path)
{
    const std::optional<ExportFormat> format = exportFormatOf(path, ExportUse::Run);
    if (!format)
        return QStringLiteral("%1: unknown format (expected %2)").arg(path, traceSuffixList());
    if (!(exportFormatInfo(*format).subjects & ExportsTrace))
        return QStringLiteral("%1: a Python program is made from a scenario, and a trace has "
                              "none; export it from the scenario: loopscope run SCENARIO "
                              "--export %1")
            .arg(path);
    return {};
}

bool parseExportArgs(const QStringList &args, ExportArgs *out, QString *error)
{
    for (const QString &a : args) {
        if (a == QLatin1String("--quiet")) {
            out->quiet = true;
        } else if (a.startsWith(QLatin1Char('-'))) {
            *error = QStringLiteral("unknown option %1").arg(a);
            return false;
        } else if (out->trace.isEmpty()) {
            out->trace = a;
        } else if (const QString problem = outputProblem(a); !problem.isEmpty()) {
            *error = problem;
            return false;
        } else {
            out->outputs << a;
        }
    }
    if (out->outputs.isEmpty()) {
        *error = out->trace.isEmpty() ? QStringLiteral("expected a TRACE file and an OUT file")
                                      : QStringLiteral("expected an OUT file after the TRACE");
        return false;
    }
    return true;
}

// The trace in `path`, read and parsed once (a recorded trace may hold millions of spans);
// nullopt with *error naming the file and what was expected.
std::optional<Trace> readTraceToExport(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    TraceFileRead read = readIfTrace(file.readAll());
    if (!read.isTrace) {
        *error = QStringLiteral("%1: not a trace (expected a Loopscope trace: JSON with "
                                "\"format\": \"loopscope-trace\", or a binary .lstrace); a "
                                "scenario is exported with loopscope run FILE --export OUT")
                     .arg(path);
        return std::nullopt;
    }
    if (!read.trace)
        *error = QStringLiteral("%1: %2").arg(path, read.error);
    return std::move(read.trace);
}

// As `loopscope run` ends: a trace of millions of spans is left to the system to drop.
[[noreturn]] void endExport(int status)
{
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(status);
}

} // namespace

int exportCommand(int argc, char **argv, const QStringList &args)
{
    ExportArgs ea;
    QString error;
    if (!parseExportArgs(args, &ea, &error)) {
        std::fprintf(stderr, "loopscope export: %s\n%s\n", qPrintable(error), kExportUsage);
        return ExitInvalid;
    }
    const std::unique_ptr<QCoreApplication> app = runApplication(argc, argv, ea.outputs);
    const std::optional<Trace> trace = readTraceToExport(ea.trace, &error);
    if (!trace) {
        std::fprintf(stderr, "loopscope export: %s\n", qPrintable(error));
        return ExitInvalid;
    }
    Scenario scenario; // none stands behind a trace: its title names the exports
    scenario.title = trace->scenario;
    int status = ExitCompleted;
    for (const QString &path : ea.outputs) {
        if (!writeRunFile(path, scenario, *trace, &error)) {
            std::fprintf(stderr, "loopscope export: %s\n", qPrintable(error));
            status = ExitInvalid;
        } else if (!ea.quiet) {
            std::printf("wrote %s\n", qPrintable(path));
        }
    }
    endExport(status);
}

} // namespace loopscope::app
