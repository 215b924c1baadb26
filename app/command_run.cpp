// loopscope run FILE: runs a scenario, prints its prints as they happen, then an ASCII Gantt,
// the diagnostics and the outcome.
#include "commands.h"

#include "export/ascii_gantt.h"
#include "export/export_formats.h"
#include "record/python_import.h"
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace/trace_json.h"

#include <QCoreApplication>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

namespace loopscope::app {

namespace {

struct RunArgs
{
    QString file;
    std::optional<ClockMode> clock;
    std::optional<double> scale;
    QString tracePath;
    QStringList exports;
    bool quiet = false;
    std::size_t memoryBudget = kDefaultMemoryBudget;
};

bool parseRunArgs(const QStringList &args, RunArgs *out, QString *error)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto value = [&](QString *v) {
            if (i + 1 >= args.size()) {
                *error = QStringLiteral("%1 needs a value").arg(a);
                return false;
            }
            *v = args[++i];
            return true;
        };
        QString v;
        if (a == QLatin1String("--live")) {
            out->clock = ClockMode::Live;
        } else if (a == QLatin1String("--virtual")) {
            out->clock = ClockMode::Virtual;
        } else if (a == QLatin1String("--quiet")) {
            out->quiet = true;
        } else if (a == QLatin1String("--scale")) {
            if (!value(&v))
                return false;
            bool ok = false;
            const double s = v.toDouble(&ok);
            if (!ok || !(s > 0) || s > 1000) {
                *error = QStringLiteral("--scale expects a number > 0, got \"%1\"").arg(v);
                return false;
            }
            out->scale = s;
        } else if (a == QLatin1String("--memory-budget")) {
            if (!value(&v))
                return false;
            const std::optional<std::size_t> budget = parseMemoryBudget(v);
            if (!budget) {
                *error = QStringLiteral("--memory-budget expects a size of at least 1M, such as "
                                        "512M or 8G, got \"%1\"")
                             .arg(v);
                return false;
            }
            out->memoryBudget = *budget;
        } else if (a == QLatin1String("--trace")) {
            if (!value(&out->tracePath))
                return false;
        } else if (a == QLatin1String("--export")) {
            if (!value(&v))
                return false;
            if (!exportFormatOf(v, ExportUse::Run)) {
                *error = QStringLiteral("--export %1: unknown format (expected %2)")
                             .arg(v, exportSuffixList(ExportUse::Run));
                return false;
            }
            out->exports << v;
        } else if (a.startsWith(QLatin1Char('-'))) {
            *error = QStringLiteral("unknown option %1").arg(a);
            return false;
        } else if (out->file.isEmpty()) {
            out->file = a;
        } else {
            *error = QStringLiteral("expected one FILE, got \"%1\" too").arg(a);
            return false;
        }
    }
    if (out->file.isEmpty()) {
        *error = QStringLiteral("expected a scenario FILE");
        return false;
    }
    return true;
}

QString laneName(const Trace &trace, int lane)
{
    return lane >= 0 && std::size_t(lane) < trace.lanes.size() ? trace.lanes[std::size_t(lane)].name
                                                               : QStringLiteral("?");
}

void printLine(const QString &line)
{
    std::fputs(line.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// Prints the print events of `trace` from index *shown on.
void printNewLines(const Trace &trace, std::size_t *shown)
{
    std::size_t seen = 0;
    for (const TraceEvent &e : trace.events) {
        if (e.kind != EventKind::Print)
            continue;
        if (seen++ < *shown)
            continue;
        printLine(
            QStringLiteral("%1  %2: %3").arg(e.t, 8, 'f', 3).arg(laneName(trace, e.lane), e.text));
        ++*shown;
    }
}

// Runs the scenario, printing its prints as they happen unless `quiet`. A quiet run has
// nothing to show while it goes: it runs on this thread, with no thread to start and no
// polling for its end. `written`: a trace file or an export will be written, which may show
// the loop's insides (about 3 bytes a callback the loop ran, packed; built only then).
Trace runWatching(const Scenario &scenario, const RunOptions &options, bool quiet, bool written)
{
    if (quiet)
        return runScenario(scenario, options, written);
    ScenarioRun run(scenario, options);
    run.start();
    std::size_t shown = 0;
    while (!run.isFinished()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (!quiet)
            printNewLines(run.snapshot(), &shown);
    }
    Trace trace = run.takeTrace(written);
    if (!quiet)
        printNewLines(trace, &shown);
    return trace;
}

// Everything is printed and written: the process ends here, leaving the trace, the scenario
// and the application to the system. Freeing a trace of millions of spans piece by piece
// takes longer than the system takes to drop the whole heap.
[[noreturn]] void endProcess(int status)
{
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(status);
}

} // namespace

void printTraceReport(const Trace &trace)
{
    printLine(QString());
    printLine(asciiGantt(trace, 60));
    for (const Diagnostic &d : trace.diagnostics)
        printLine(QStringLiteral("%1 %2 [%3] %4: %5")
                      .arg(d.t, 8, 'f', 3)
                      .arg(severityName(d.severity), d.code, laneName(trace, d.lane), d.message));
    QString outcome = QStringLiteral("outcome: %1 at %2 s (%3 clock)")
                          .arg(outcomeName(trace.outcome.status))
                          .arg(trace.duration, 0, 'f', 3)
                          .arg(clockName(trace));
    if (!trace.outcome.error.isEmpty())
        outcome += QStringLiteral(": ") + trace.outcome.error;
    printLine(outcome);
}

int runCommand(int argc, char **argv, const QStringList &args)
{
    RunArgs ra;
    QString error;
    if (!parseRunArgs(args, &ra, &error)) {
        std::fprintf(stderr, "loopscope run: %s\n", qPrintable(error));
        return ExitInvalid;
    }
    QStringList written = ra.exports;
    if (!ra.tracePath.isEmpty())
        written << ra.tracePath;
    const std::unique_ptr<QCoreApplication> app = runApplication(argc, argv, written);
    const ScenarioLoad load = readScenarioOrProgram(ra.file);
    if (!load.ok()) {
        for (const ScenarioProblem &p : load.problems)
            std::fprintf(stderr, "%s\n", qPrintable(p.toString()));
        return ExitInvalid;
    }
    RunOptions options;
    options.clock = ra.clock;
    options.scale = ra.scale;
    options.memoryBudget = ra.memoryBudget;
    options.workerProgram = QCoreApplication::applicationFilePath();
    if (ra.quiet && written.isEmpty()) // nothing will read its timeline: none is built
        endProcess(exitStatusFor(runScenarioOutcome(*load.scenario, options).status));
    const Trace trace = runWatching(*load.scenario, options, ra.quiet, !written.isEmpty());
    if (!ra.quiet)
        printTraceReport(trace);
    int status = exitStatusFor(trace.outcome.status);
    if (!ra.tracePath.isEmpty() && !writeRunFile(ra.tracePath, *load.scenario, trace, &error)) {
        std::fprintf(stderr, "loopscope run: %s\n", qPrintable(error));
        status = ExitInvalid;
    }
    for (const QString &path : ra.exports) {
        if (!writeRunFile(path, *load.scenario, trace, &error)) {
            std::fprintf(stderr, "loopscope run: %s\n", qPrintable(error));
            status = ExitInvalid;
        } else if (!ra.quiet) {
            printLine(QStringLiteral("wrote %1").arg(path));
        }
    }
    endProcess(status);
}

} // namespace loopscope::app
