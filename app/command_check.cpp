// loopscope check FILE...: validates scenario files without running them.
#include "commands.h"

#include "record/python_import.h"
#include "scenario/scenario_json.h"

#include <cstdio>

namespace loopscope::app {

int checkCommand(const QStringList &args)
{
    if (args.isEmpty()) {
        std::fputs("usage: loopscope check FILE...\n", stderr);
        return ExitInvalid;
    }
    bool allValid = true;
    for (const QString &file : args) {
        const ScenarioLoad load = readScenarioOrProgram(file);
        if (load.ok())
            std::printf("%s: OK\n", qPrintable(file));
        for (const ScenarioProblem &problem : load.problems)
            std::fprintf(stderr, "%s\n", qPrintable(problem.toString()));
        allValid = allValid && load.ok();
    }
    return allValid ? ExitCompleted : ExitInvalid;
}

} // namespace loopscope::app
