// loopscope compare FILE [FILE...] [--variant NAME...] [--export OUT]: runs the variants of a
// scenario (or several files) on the virtual clock, prints what differs and one ASCII Gantt per
// run on a shared time axis, and writes the stacked picture or the Mermaid charts.
#include "commands.h"

#include "compare/compare_image.h"
#include "export/ascii_gantt.h"
#include "export/export_formats.h"
#include "record/python_import.h"
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "scenario/variants.h"
#include "trace/compare_summary.h"

#include <QFileInfo>
#include <QGuiApplication>

#include <cstdio>
#include <memory>

namespace loopscope::app {

namespace {

struct CompareArgs
{
    QStringList files;
    QStringList variants;
    QStringList exports;
};

bool parseCompareArgs(const QStringList &args, CompareArgs *out, QString *error)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        const bool takesValue = a == QLatin1String("--variant") || a == QLatin1String("--export");
        if (takesValue && i + 1 >= args.size()) {
            *error = QStringLiteral("%1 needs a value").arg(a);
            return false;
        }
        if (a == QLatin1String("--variant")) {
            out->variants << args[++i];
        } else if (a == QLatin1String("--export")) {
            const QString path = args[++i];
            if (!exportFormatOf(path, ExportUse::Comparison)) {
                *error = QStringLiteral("--export %1: unknown format (expected %2)")
                             .arg(path, exportSuffixList(ExportUse::Comparison));
                return false;
            }
            out->exports << path;
        } else if (a.startsWith(QLatin1Char('-'))) {
            *error = QStringLiteral("unknown option %1").arg(a);
            return false;
        } else {
            out->files << a;
        }
    }
    if (out->files.isEmpty())
        *error = QStringLiteral("expected a scenario FILE");
    return !out->files.isEmpty();
}

QString fileLabel(const QString &path)
{
    QString name = QFileInfo(path).fileName();
    if (name.endsWith(QLatin1String(".loop.json")))
        name.chop(10);
    return name;
}

// One file: its variants (or those named). Several files: each file's base, or its variants
// named by --variant, labelled with the file.
bool collectScenarios(const CompareArgs &ca, std::vector<NamedScenario> *out, QString *title)
{
    for (const QString &path : ca.files) {
        const ScenarioLoad load = readScenarioOrProgram(path);
        if (!load.ok()) {
            for (const ScenarioProblem &p : load.problems)
                std::fprintf(stderr, "%s\n", qPrintable(p.toString()));
            return false;
        }
        if (title->isEmpty())
            *title = load.scenario->title;
        if (ca.files.size() > 1 && ca.variants.isEmpty()) {
            out->push_back({fileLabel(path), *load.scenario});
            continue;
        }
        QStringList unknown;
        for (NamedScenario &entry : scenariosToCompare(*load.scenario, ca.variants, &unknown)) {
            if (ca.files.size() > 1)
                entry.name = fileLabel(path) + QStringLiteral(": ") + entry.name;
            out->push_back(std::move(entry));
        }
        for (const QString &name : unknown)
            std::fprintf(stderr, "loopscope compare: %s has no variant \"%s\"\n", qPrintable(path),
                         qPrintable(name));
        if (!unknown.isEmpty())
            return false;
    }
    return true;
}

void printText(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
}

// ASCII Gantts on one axis: every trace is drawn over the longest run's duration.
void printGantts(const std::vector<NamedTrace> &runs)
{
    const double end = sharedDuration(runs);
    for (const NamedTrace &run : runs) {
        Trace padded = run.trace;
        padded.duration = end;
        printText(QString());
        printText(QStringLiteral("== %1 (%2, %3)")
                      .arg(run.name, formatCompareSeconds(run.trace.duration),
                           outcomeName(run.trace.outcome.status)));
        printText(asciiGantt(padded, 60));
    }
}

} // namespace

int compareCommand(int argc, char **argv, const QStringList &args)
{
    CompareArgs ca;
    QString error;
    if (!parseCompareArgs(args, &ca, &error)) {
        std::fprintf(stderr, "loopscope compare: %s\n", qPrintable(error));
        return ExitInvalid;
    }
    if (!ca.exports.isEmpty() && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (!ca.exports.isEmpty())
        quietRuntimeDir(); // on a display too (Xvfb, ssh -X): Qt warns the same there
    std::unique_ptr<QCoreApplication> app(ca.exports.isEmpty() ? new QCoreApplication(argc, argv)
                                                               : new QGuiApplication(argc, argv));
    std::vector<NamedScenario> scenarios;
    QString title;
    if (!collectScenarios(ca, &scenarios, &title))
        return ExitInvalid;
    RunOptions options;
    options.clock = ClockMode::Virtual;
    options.workerProgram = QCoreApplication::applicationFilePath();
    std::vector<NamedTrace> runs;
    for (const NamedScenario &entry : scenarios)
        runs.push_back({entry.name, runScenario(entry.scenario, options)});
    const CompareSummary summary = compareRuns(runs);
    for (const QString &line : summary.lines())
        printText(line);
    printGantts(runs);
    int status = ExitCompleted;
    CompareImageOptions image;
    image.title = QStringLiteral("Compare: %1").arg(title);
    image.lesson = title;
    image.summary = summary.lines();
    for (const QString &path : ca.exports) {
        if (!exportCompare(runs, image, path, &error)) {
            std::fprintf(stderr, "loopscope compare: %s\n", qPrintable(error));
            status = ExitInvalid;
        } else {
            printText(QStringLiteral("wrote %1").arg(path));
        }
    }
    return status;
}

} // namespace loopscope::app
