// Visiting every step of a scenario in document order (a step, then its body, its `except`
// handlers as written, its `finally`), with the JSON path each step has in the file.
#pragma once

#include "scenario/scenario.h"

#include <functional>

namespace loopscope {

using StepVisitor = std::function<void(Step &step, const QString &path)>;
using ConstStepVisitor = std::function<void(const Step &step, const QString &path)>;

void forEachStep(Scenario &scenario, const StepVisitor &visit);
void forEachStep(const Scenario &scenario, const ConstStepVisitor &visit);
// Every step of these steps and their bodies, in document order.
void forEachStep(const Steps &steps, const std::function<void(const Step &)> &visit);

// Paths of a step's nested bodies: "<step>.steps", "<step>.except.ValueError"
// ("<step>.except[\"*\"]"),
// "<step>.finally".
QString bodyPath(const QString &stepPath);
QString exceptPath(const QString &stepPath, const QString &error);
// The path of a handler's steps: its exceptPath, or "<that>.steps" for `{"as": ..., "steps": ...}`.
QString handlerStepsPath(const QString &stepPath, const ExceptClause &clause);
QString finallyPath(const QString &stepPath);

} // namespace loopscope
