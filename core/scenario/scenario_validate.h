// The checks of scenario-format.md that need the whole model: references that name nothing
// (coroutines, resources of the right kind, task variables, parameters), `main`, duplicate
// names and ids, durations, inline call cycles, queue and semaphore sizes. readScenario()
// runs them; the editor can run them on a model it built.
#pragma once

#include "scenario/scenario.h"
#include "scenario/scenario_problem.h"

#include <QStringList>

#include <vector>

namespace loopscope {

// Problems carry `fileName` and a JSON path, but no line (the model has no text).
std::vector<ScenarioProblem> validateScenario(const Scenario &scenario,
                                              const QString &fileName = {});

// The names a `try` step's `except` maps most often, in the order of scenario-format.md ("*"
// last): the properties panel's hint.
QStringList catchableErrors();
// Whether a `try` step's `except` may map the name: any built-in exception class of CPython
// 3.12 (an expression's KeyError or ZeroDivisionError too), asyncio's, or "*".
bool isCatchableError(const QString &name);
// Python built-in exception classes a `raise` step may name (every one of CPython 3.12, aliases
// too), and CancelledError.
bool isRaisableError(const QString &name);

// The longest duration a step or pool may take, in scenario seconds.
inline constexpr double kMaxDuration = 1e6;

} // namespace loopscope
