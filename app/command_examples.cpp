// loopscope examples: lists the bundled example scenarios with a one-line summary each.
#include "commands.h"

#include "app/examples_gallery.h"

#include "scenario/scenario_json.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>

#include <cstdio>

namespace loopscope::app {
namespace {

QStringList scenarioFiles(const QDir &dir)
{
    return dir.entryList({QStringLiteral("*.loop.json")}, QDir::Files, QDir::Name);
}

void printExample(const QDir &dir, const QString &fileName)
{
    const QString number = fileName.section(u'-', 0, 0);
    const ScenarioLoad load = readScenarioFile(dir.filePath(fileName));
    if (!load.ok()) {
        const QString why = load.problems.empty() ? QString() : load.problems.front().toString();
        std::printf("%-3s %s\n    (invalid: %s)\n", qPrintable(number), qPrintable(fileName),
                    qPrintable(why));
        return;
    }
    std::printf("%-3s %-32s %s\n    %s\n", qPrintable(number), qPrintable(fileName),
                qPrintable(load.scenario->title), qPrintable(exampleSummary(load.scenario->notes)));
}

} // namespace

int examplesCommand(const QStringList &args)
{
    if (!args.isEmpty()) {
        std::fputs("usage: loopscope examples\n", stderr);
        return ExitInvalid;
    }
    const QString found = examplesDirectory();
    if (found.isEmpty()) {
        std::fputs("loopscope examples: no examples found; set LOOPSCOPE_EXAMPLES_DIR to the "
                   "folder of the *.loop.json files\n",
                   stderr);
        return ExitInvalid;
    }
    const std::optional<QDir> dir = QDir(found);
    std::printf("Examples in %s (open one with: loopscope FILE, or run it with: loopscope run "
                "FILE)\n\n",
                qPrintable(QDir::toNativeSeparators(dir->absolutePath())));
    for (const QString &fileName : scenarioFiles(*dir))
        printExample(*dir, fileName);
    return ExitCompleted;
}

} // namespace loopscope::app
