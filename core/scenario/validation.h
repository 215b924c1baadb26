// Shared by the validator's files: where problems are collected.
#pragma once

#include "scenario/scenario.h"
#include "scenario/scenario_problem.h"

#include <QStringList>

#include <vector>

namespace loopscope {

struct Validation
{
    const Scenario &scenario;
    std::vector<ScenarioProblem> problems;

    void report(const QString &path, const QString &message)
    {
        ScenarioProblem problem;
        problem.path = path;
        problem.message = message;
        problems.push_back(problem);
    }
    // "expected <what>, got <got>"
    void expected(const QString &path, const QString &what, const QString &got)
    {
        report(path, QStringLiteral("expected %1, got %2").arg(what, got));
    }
};

// "(a, b)" or "(it has none)": the choices a message offers.
inline QString choices(const QStringList &names)
{
    return names.isEmpty() ? QStringLiteral("(it has none)")
                           : QLatin1Char('(') + names.join(QLatin1String(", ")) + QLatin1Char(')');
}

// step_validate.cpp: the steps of one coroutine, with its variables in scope.
void validateCoroutineSteps(Validation &validation, const Coroutine &coroutine,
                            const QString &coroutinePath);
// The steps of a plain function (`functions`): those of a coroutine less every await.
void validateFunctionSteps(Validation &validation, const Coroutine &function,
                           const QString &functionPath);
// step_validate.cpp: the module-level program: sync ops and exactly one run.
void validateProgram(Validation &validation);
// call_cycles.cpp: `call` (and `wait_for` with `coro`) run inline in the caller's task, so a
// cycle of them recurses without bound.
void validateCallCycles(Validation &validation);
// argument_types.cpp: an argument passed to a parameter used as a number (`seconds`, ...) or
// as a task (awaited, cancelled, ...) must be one.
void validateArgumentTypes(Validation &validation);
// A duration field of a resource or step: ≥ 0, not NaN, ≤ 1e6.
void validateDuration(Validation &validation, double seconds, const QString &path,
                      const QString &expected);

} // namespace loopscope
