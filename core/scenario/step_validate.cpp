// Checking the steps of coroutines, plain functions and the program (StepChecker, in
// step_checker.h), the program's own rules, and durations.
#include "scenario/json_text.h"
#include "scenario/op_table.h"
#include "scenario/scenario_validate.h"
#include "scenario/scenario_walk.h"
#include "scenario/step_checker.h"
#include "scenario/validation.h"

#include <cmath>
#include <set>

namespace loopscope {

void validateCoroutineSteps(Validation &validation, const Coroutine &coroutine,
                            const QString &coroutinePath)
{
    StepChecker(validation, coroutine).steps(coroutine.steps, bodyPath(coroutinePath));
}

void validateFunctionSteps(Validation &validation, const Coroutine &function,
                           const QString &functionPath)
{
    StepChecker(validation, function, false, true).steps(function.steps, bodyPath(functionPath));
}

void validateProgram(Validation &validation)
{
    if (!validation.scenario.program)
        return;
    const Steps &program = *validation.scenario.program;
    Coroutine module; // the module's code: its names are all globals
    module.steps = program;
    StepChecker(validation, module, true).steps(program, QStringLiteral("program"));
    int runs = 0;
    for (const Step &s : program)
        runs += s.kind == StepKind::Run ? 1 : 0;
    bool ownLoop = false; // loop.run_forever() or run_until_complete(): the program's own loop
    forEachStep(program, [&ownLoop](const Step &s) {
        ownLoop |= s.kind == StepKind::RunForever || s.kind == StepKind::RunUntilComplete;
    });
    if (ownLoop && runs > 0)
        validation.expected(QStringLiteral("program"),
                            QStringLiteral("either one run step or run_forever / "
                                           "run_until_complete steps (asyncio.run makes a loop "
                                           "of its own)"),
                            QStringLiteral("both"));
    else if (runs != 1 && !ownLoop)
        validation.expected(
            QStringLiteral("program"),
            QStringLiteral("exactly one run step among the program's top-level steps"),
            QString::number(runs));
    forEachStep(program, [&validation](const Step &s) {
        static const std::set<StepKind> sync{
            StepKind::Set,   StepKind::Print, StepKind::If,         StepKind::For,
            StepKind::While, StepKind::Break, StepKind::Continue,   StepKind::Raise,
            StepKind::Try,   StepKind::Run,   StepKind::CallSoon,   StepKind::CallLater,
            StepKind::Stop,  StepKind::Close, StepKind::RunForever, StepKind::RunUntilComplete,
            StepKind::Return}; // return: refused as outside a function
        if (!sync.contains(s.kind))
            validation.report(
                QStringLiteral("program"),
                QStringLiteral("expected only set, print, if, for, while, break, "
                               "continue, raise, try, run, and the loop's "
                               "call_soon, call_later, run_forever, run_until_complete, "
                               "stop and close "
                               "in the program (no task runs there, and the "
                               "trace's clock is the loop's: no cpu or block), "
                               "got %1")
                    .arg(opName(s.kind)));
    });
}

void validateDuration(Validation &validation, double seconds, const QString &path,
                      const QString &expected)
{
    if (std::isnan(seconds) || seconds < 0)
        validation.expected(path, expected, json::formatNumber(seconds));
    else if (seconds > kMaxDuration)
        validation.expected(path, QStringLiteral("at most 1e6 seconds"),
                            json::formatNumber(seconds));
}

} // namespace loopscope
