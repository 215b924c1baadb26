// Edits of a scenario model as pure functions: where a step lives, inserting, moving and removing
// steps, renaming resources with their references, card positions in `layout`. The document
// wraps each in an undo command; the canvas and panels compute the new model with these.
#pragma once

#include "scenario/scenario.h"

#include <QPointF>
#include <QStringList>

#include <optional>

namespace loopscope {

// A list of steps: a coroutine's own steps, or a body of the step `parentStep`
// (body 0 = `steps`, 1..n = the n-th `except` clause, -1 = `finally`).
struct StepBody
{
    QString coroutine;
    QString parentStep; // empty: the coroutine's top level
    int body = 0;
    friend bool operator==(const StepBody &, const StepBody &) = default;
};

// Where a step is: its body and its index in it.
struct StepPlace
{
    StepBody body;
    int index = 0;
};

Steps *stepsOf(Scenario &scenario, const StepBody &body);
const Steps *stepsOf(const Scenario &scenario, const StepBody &body);
const Step *findStep(const Scenario &scenario, const QString &id);
Step *findStep(Scenario &scenario, const QString &id);
std::optional<StepPlace> placeOf(const Scenario &scenario, const QString &id);
// The coroutine whose card shows the step.
QString coroutineOf(const Scenario &scenario, const QString &stepId);
// The JSON path of a step ("coroutines[1].steps[0].steps[2]"), empty when there is none.
QString stepPath(const Scenario &scenario, const QString &id);

// "s<N>", N the smallest positive number no step id uses (as the reader numbers steps).
QString freshStepId(const Scenario &scenario);
// Gives the step and its nested steps new ids that the scenario does not use yet.
void renumberSteps(const Scenario &scenario, Step &step);
// A new step of `kind` whose fields refer to things the scenario has, so it validates when it can.
Step defaultStep(const Scenario &scenario, StepKind kind);

bool insertStep(Scenario &scenario, const StepPlace &place, Step step);
std::optional<Step> removeStep(Scenario &scenario, const QString &id);
// Moves the step; `place.index` counts positions before the move. False if the place is inside
// the step itself or does not exist.
bool moveStep(Scenario &scenario, const QString &id, StepPlace place);

// Resources: how many steps name `id`, and renaming with every reference.
int resourceUses(const Scenario &scenario, const QString &id);
void renameResource(Scenario &scenario, const QString &from, const QString &to);
QString freshName(const QStringList &taken, const QString &stem);
QStringList resourceIds(const Scenario &scenario);
QStringList coroutineNames(const Scenario &scenario);
// Renames a coroutine and every call, task and gather item that names it.
void renameCoroutine(Scenario &scenario, const QString &from, const QString &to);

// layout.cards.<name> = {"x": .., "y": ..}
std::optional<QPointF> cardPosition(const Scenario &scenario, const QString &coroutine);
void setCardPosition(Scenario &scenario, const QString &coroutine, QPointF position);
void removeCardPosition(Scenario &scenario, const QString &coroutine);

} // namespace loopscope
