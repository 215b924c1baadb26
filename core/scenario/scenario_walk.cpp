#include "scenario/scenario_walk.h"

#include "scenario/json_text.h"

namespace loopscope {

namespace {

void walk(Steps &steps, const QString &path, const StepVisitor &visit)
{
    for (std::size_t i = 0; i < steps.size(); ++i) {
        Step &step = steps[i];
        const QString stepPath = json::indexPath(path, qsizetype(i));
        visit(step, stepPath);
        for (std::size_t k = 0; k < step.items.size(); ++k) // an awaitable op as an item
            for (Step &item : step.items[k].awaitable)
                visit(item, json::indexPath(stepPath + QLatin1String(".items"), qsizetype(k)));
        walk(step.steps, bodyPath(stepPath), visit);
        for (ExceptClause &clause : step.excepts)
            walk(clause.steps, handlerStepsPath(stepPath, clause), visit);
        if (step.finallySteps)
            walk(*step.finallySteps, finallyPath(stepPath), visit);
        for (std::size_t k = 0; k < step.elifs.size(); ++k)
            walk(step.elifs[k].steps,
                 bodyPath(json::indexPath(stepPath + QLatin1String(".elif"), qsizetype(k))), visit);
        if (step.elseSteps)
            walk(*step.elseSteps, stepPath + QLatin1String(".else"), visit);
    }
}

} // namespace

QString bodyPath(const QString &stepPath)
{
    return stepPath + QLatin1String(".steps");
}

QString exceptPath(const QString &stepPath, const QString &error)
{
    return json::childPath(stepPath + QLatin1String(".except"), error);
}

QString handlerStepsPath(const QString &stepPath, const ExceptClause &clause)
{
    const QString path = exceptPath(stepPath, clause.error);
    return clause.as.isEmpty() ? path : bodyPath(path);
}

QString finallyPath(const QString &stepPath)
{
    return stepPath + QLatin1String(".finally");
}

void forEachStep(Scenario &scenario, const StepVisitor &visit)
{
    for (std::size_t i = 0; i < scenario.functions.size(); ++i) {
        const QString path = json::indexPath(QStringLiteral("functions"), qsizetype(i));
        walk(scenario.functions[i].steps, bodyPath(path), visit);
    }
    for (std::size_t i = 0; i < scenario.coroutines.size(); ++i) {
        const QString path = json::indexPath(QStringLiteral("coroutines"), qsizetype(i));
        walk(scenario.coroutines[i].steps, bodyPath(path), visit);
    }
    if (scenario.program)
        walk(*scenario.program, QStringLiteral("program"), visit);
}

void forEachStep(const Steps &steps, const std::function<void(const Step &)> &visit)
{
    walk(const_cast<Steps &>(steps), QString(),
         [&visit](Step &step, const QString &) { visit(step); });
}

void forEachStep(const Scenario &scenario, const ConstStepVisitor &visit)
{
    // The mutable walk never changes anything itself; the visitor gets a const step.
    forEachStep(const_cast<Scenario &>(scenario),
                [&visit](Step &step, const QString &path) { visit(step, path); });
}

} // namespace loopscope
