#include "document/scenario_edits.h"

#include "scenario/scenario_walk.h"

#include <QJsonObject>
#include <QSet>

#include <functional>

namespace loopscope {

namespace {

// Visits every body (steps list) of a coroutine, depth first, with its address.
using BodyVisitor = std::function<bool(Steps &, const StepBody &)>;

bool walkBodies(Steps &steps, const StepBody &where, const BodyVisitor &visit)
{
    if (visit(steps, where))
        return true;
    for (Step &step : steps) {
        StepBody inner{where.coroutine, step.id, 0};
        if (walkBodies(step.steps, inner, visit))
            return true;
        for (std::size_t i = 0; i < step.excepts.size(); ++i) {
            inner.body = int(i) + 1;
            if (walkBodies(step.excepts[i].steps, inner, visit))
                return true;
        }
        inner.body = -1;
        if (step.finallySteps && walkBodies(*step.finallySteps, inner, visit))
            return true;
    }
    return false;
}

void walkAllBodies(Scenario &scenario, const BodyVisitor &visit)
{
    for (Coroutine &coroutine : scenario.coroutines)
        if (walkBodies(coroutine.steps, {coroutine.name, {}, 0}, visit))
            return;
}

bool contains(const Step &step, const QString &id)
{
    if (step.id == id)
        return true;
    for (const Step &inner : step.steps)
        if (contains(inner, id))
            return true;
    for (const ExceptClause &clause : step.excepts)
        for (const Step &inner : clause.steps)
            if (contains(inner, id))
                return true;
    if (step.finallySteps)
        for (const Step &inner : *step.finallySteps)
            if (contains(inner, id))
                return true;
    return false;
}

} // namespace

Steps *stepsOf(Scenario &scenario, const StepBody &body)
{
    Coroutine *coroutine = nullptr;
    for (Coroutine &c : scenario.coroutines)
        if (c.name == body.coroutine)
            coroutine = &c;
    if (!coroutine)
        return nullptr;
    if (body.parentStep.isEmpty())
        return &coroutine->steps;
    Step *parent = findStep(scenario, body.parentStep);
    if (!parent)
        return nullptr;
    if (body.body == 0)
        return hasBody(parent->kind) ? &parent->steps : nullptr;
    if (body.body == -1)
        return parent->finallySteps ? &*parent->finallySteps : nullptr;
    if (body.body <= int(parent->excepts.size()))
        return &parent->excepts[std::size_t(body.body - 1)].steps;
    return nullptr;
}

const Steps *stepsOf(const Scenario &scenario, const StepBody &body)
{
    return stepsOf(const_cast<Scenario &>(scenario), body);
}

Step *findStep(Scenario &scenario, const QString &id)
{
    Step *found = nullptr;
    forEachStep(scenario, [&](Step &step, const QString &) {
        if (!found && step.id == id)
            found = &step;
    });
    return found;
}

const Step *findStep(const Scenario &scenario, const QString &id)
{
    return findStep(const_cast<Scenario &>(scenario), id);
}

std::optional<StepPlace> placeOf(const Scenario &scenario, const QString &id)
{
    std::optional<StepPlace> place;
    walkAllBodies(const_cast<Scenario &>(scenario), [&](Steps &steps, const StepBody &where) {
        for (std::size_t i = 0; i < steps.size(); ++i)
            if (steps[i].id == id)
                place = StepPlace{where, int(i)};
        return place.has_value();
    });
    return place;
}

QString coroutineOf(const Scenario &scenario, const QString &stepId)
{
    const auto place = placeOf(scenario, stepId);
    return place ? place->body.coroutine : QString();
}

QString stepPath(const Scenario &scenario, const QString &id)
{
    QString path;
    forEachStep(scenario, [&](const Step &step, const QString &p) {
        if (path.isEmpty() && step.id == id)
            path = p;
    });
    return path;
}

QString freshStepId(const Scenario &scenario)
{
    QSet<QString> used;
    forEachStep(scenario, [&](const Step &step, const QString &) { used.insert(step.id); });
    for (int n = 1;; ++n)
        if (!used.contains(QStringLiteral("s%1").arg(n)))
            return QStringLiteral("s%1").arg(n);
}

void renumberSteps(const Scenario &scenario, Step &step)
{
    QSet<QString> used;
    forEachStep(scenario, [&](const Step &s, const QString &) { used.insert(s.id); });
    int next = 1;
    std::function<void(Step &)> renumber = [&](Step &s) {
        while (used.contains(QStringLiteral("s%1").arg(next)))
            ++next;
        s.id = QStringLiteral("s%1").arg(next);
        used.insert(s.id);
        for (Step &inner : s.steps)
            renumber(inner);
        for (ExceptClause &clause : s.excepts)
            for (Step &inner : clause.steps)
                renumber(inner);
        if (s.finallySteps)
            for (Step &inner : *s.finallySteps)
                renumber(inner);
    };
    renumber(step);
}

bool insertStep(Scenario &scenario, const StepPlace &place, Step step)
{
    Steps *steps = stepsOf(scenario, place.body);
    if (!steps || place.index < 0 || place.index > int(steps->size()))
        return false;
    steps->insert(steps->begin() + place.index, std::move(step));
    return true;
}

std::optional<Step> removeStep(Scenario &scenario, const QString &id)
{
    const auto place = placeOf(scenario, id);
    if (!place)
        return std::nullopt;
    Steps *steps = stepsOf(scenario, place->body);
    Step step = std::move((*steps)[std::size_t(place->index)]);
    steps->erase(steps->begin() + place->index);
    return step;
}

bool moveStep(Scenario &scenario, const QString &id, StepPlace place)
{
    const Step *step = findStep(scenario, id);
    const auto from = placeOf(scenario, id);
    if (!step || !from || !stepsOf(scenario, place.body))
        return false;
    if (!place.body.parentStep.isEmpty() && contains(*step, place.body.parentStep))
        return false;
    if (from->body == place.body && place.index > from->index)
        --place.index;
    Scenario edited = scenario;
    std::optional<Step> taken = removeStep(edited, id);
    if (!insertStep(edited, place, std::move(*taken)))
        return false;
    scenario = std::move(edited);
    return true;
}

} // namespace loopscope
