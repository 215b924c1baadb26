// loopscope examples: lists the bundled example scenarios with a one-line summary each.
#include "commands.h"

#include "scenario/scenario_json.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>

#include <cstdio>

namespace loopscope::app {
namespace {

// Where the examples may be, most specific first: an explicit override, an installed share
// dir, the source tree seen from a build dir (build/<preset>/app/ or build/<preset>/), and the
// source tree this binary was configured from.
QStringList candidateDirs()
{
    const QString appDir = QCoreApplication::applicationDirPath();
    QStringList dirs;
    const QString fromEnv = qEnvironmentVariable("LOOPSCOPE_EXAMPLES_DIR");
    if (!fromEnv.isEmpty())
        dirs << fromEnv;
    dirs << appDir + QStringLiteral("/../share/loopscope/examples")
         << appDir + QStringLiteral("/../../../examples")
         << appDir + QStringLiteral("/../../examples");
#ifdef LOOPSCOPE_EXAMPLES_DIR
    dirs << QStringLiteral(LOOPSCOPE_EXAMPLES_DIR);
#endif
    return dirs;
}

QStringList scenarioFiles(const QDir &dir)
{
    return dir.entryList({QStringLiteral("*.loop.json")}, QDir::Files, QDir::Name);
}

std::optional<QDir> findExamplesDir()
{
    for (const QString &path : candidateDirs()) {
        const QDir dir(QDir::cleanPath(path));
        if (dir.exists() && !scenarioFiles(dir).isEmpty())
            return dir;
    }
    return std::nullopt;
}

// The first sentence of the notes, without Markdown emphasis or code marks.
QString summary(const QString &notes)
{
    QString text = notes.section(QStringLiteral("\n\n"), 0, 0).simplified();
    static const QRegularExpression sentenceEnd(QStringLiteral("[.!?](\\s|$)"));
    const QRegularExpressionMatch end = sentenceEnd.match(text);
    if (end.hasMatch())
        text.truncate(end.capturedStart() + 1);
    text.remove(u'`');
    text.remove(QStringLiteral("**"));
    return text;
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
                qPrintable(load.scenario->title), qPrintable(summary(load.scenario->notes)));
}

} // namespace

int examplesCommand(const QStringList &args)
{
    if (!args.isEmpty()) {
        std::fputs("usage: loopscope examples\n", stderr);
        return ExitInvalid;
    }
    const std::optional<QDir> dir = findExamplesDir();
    if (!dir) {
        std::fprintf(stderr,
                     "loopscope examples: no examples found (looked in %s); set "
                     "LOOPSCOPE_EXAMPLES_DIR to the folder of the *.loop.json files\n",
                     qPrintable(candidateDirs().join(QStringLiteral(", "))));
        return ExitInvalid;
    }
    std::printf("Examples in %s (open one with: loopscope FILE, or run it with: loopscope run "
                "FILE)\n\n",
                qPrintable(QDir::toNativeSeparators(dir->absolutePath())));
    for (const QString &fileName : scenarioFiles(*dir))
        printExample(*dir, fileName);
    return ExitCompleted;
}

} // namespace loopscope::app
