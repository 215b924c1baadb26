// loopscope import PROGRAM.py [-o OUT.loop.json] [--no-measure]: an asyncio program as a
// scenario file (docs/python-import.md), written only when the whole program imports.
#include "commands.h"

#include "record/python_import.h"
#include "scenario/scenario_json.h"

#include <QDir>
#include <QFileInfo>

#include <cstdio>

namespace loopscope::app {

namespace {

constexpr const char *kImportUsage
    = "usage: loopscope import PROGRAM.py [-o OUT.loop.json] [--no-measure]\n";

QString defaultOutput(const QString &program)
{
    const QFileInfo info(program);
    const QString name = info.completeBaseName() + QStringLiteral(".loop.json");
    return info.path() == QLatin1String(".") ? name : info.dir().filePath(name);
}

} // namespace

int importCommand(const QStringList &args)
{
    QString program, out;
    PythonImportOptions options;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if ((a == QLatin1String("-o") || a == QLatin1String("--out")) && i + 1 < args.size())
            out = args.at(++i);
        else if (a == QLatin1String("--no-measure"))
            options.measure = false;
        else if (a.startsWith(QLatin1Char('-')) || !program.isEmpty()) {
            std::fprintf(stderr, "loopscope import: unexpected %s\n%s", qPrintable(a),
                         kImportUsage);
            return ExitInvalid;
        } else
            program = a;
    }
    if (program.isEmpty()) {
        std::fputs(kImportUsage, stderr);
        return ExitInvalid;
    }
    const ScenarioLoad load = importPythonFile(program, options);
    for (const ScenarioProblem &p : load.problems)
        std::fprintf(stderr, "%s\n", qPrintable(p.toString()));
    if (!load.ok())
        return ExitInvalid;
    if (out.isEmpty())
        out = defaultOutput(program);
    QString error;
    if (!saveScenarioFile(*load.scenario, out, &error)) {
        std::fprintf(stderr, "loopscope import: %s\n", qPrintable(error));
        return ExitInvalid;
    }
    std::printf("%s: imported as %s\n", qPrintable(program), qPrintable(out));
    return ExitCompleted;
}

} // namespace loopscope::app
