// The pieces of a scenario the mutator edits: the lists of steps it may insert into, the steps
// inside bodies, the task variables in scope, and new steps. Shared by scenario_mutator.cpp and
// task_use_mutation.cpp.
#pragma once

#include "scenario/scenario.h"

#include <QStringList>

#include <algorithm>
#include <initializer_list>
#include <vector>

namespace loopscope::test {

// A list of steps the mutator may edit, and the coroutine it belongs to.
struct Body
{
    Coroutine *coroutine;
    Steps *steps;
};

inline void collectBodies(Coroutine &coroutine, Steps &steps, std::vector<Body> &out)
{
    out.push_back({&coroutine, &steps});
    for (Step &step : steps) {
        if (hasBody(step.kind))
            collectBodies(coroutine, step.steps, out);
        for (ExceptClause &clause : step.excepts)
            collectBodies(coroutine, clause.steps, out);
        if (step.finallySteps)
            collectBodies(coroutine, *step.finallySteps, out);
    }
}

inline std::vector<Body> bodies(Scenario &scenario)
{
    std::vector<Body> out;
    for (Coroutine &coroutine : scenario.coroutines)
        collectBodies(coroutine, coroutine.steps, out);
    return out;
}

// Every step of `steps` and of the bodies inside them; StepList is Steps or const Steps.
template<typename StepList, typename Visit>
void forEachStepIn(StepList &steps, const Visit &visit)
{
    for (auto &step : steps) {
        visit(step);
        if (hasBody(step.kind))
            forEachStepIn(step.steps, visit);
        for (auto &clause : step.excepts)
            forEachStepIn(clause.steps, visit);
        if (step.finallySteps)
            forEachStepIn(*step.finallySteps, visit);
    }
}

// The task variables a coroutine's steps may name: what its create_tasks bind, its parameters.
inline QStringList taskNames(const Coroutine &coroutine)
{
    QStringList names;
    forEachStepIn(coroutine.steps, [&](const Step &step) {
        if (step.kind == StepKind::CreateTask && !step.as.isEmpty())
            names << step.as;
    });
    for (const QString &param : coroutine.params)
        names << param;
    return names;
}

inline QStringList resourcesOf(const Scenario &scenario, std::initializer_list<ResourceKind> kinds)
{
    QStringList ids;
    for (const Resource &resource : scenario.resources)
        if (std::find(kinds.begin(), kinds.end(), resource.kind) != kinds.end())
            ids << resource.id;
    return ids;
}

inline Step makeStep(StepKind kind)
{
    Step step;
    step.kind = kind;
    return step;
}

inline Step taskStep(StepKind kind, const QString &task)
{
    Step step = makeStep(kind);
    step.task = task;
    return step;
}

} // namespace loopscope::test
