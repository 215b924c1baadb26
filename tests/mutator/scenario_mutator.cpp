#include "scenario_mutator.h"

#include "scenario_model_edits.h"

#include "scenario/scenario_validate.h"

#include <QJsonArray>

#include <algorithm>
#include <array>
#include <functional>

namespace loopscope::test {
namespace {

// Arguments for every parameter of `callee`: numbers, which a parameter used as seconds or
// printed takes; a parameter awaited as a task then makes the edit invalid, and it is retried.
QJsonObject argumentsFor(const Coroutine &callee, double value)
{
    QJsonObject args;
    for (const QString &param : callee.params)
        args.insert(param, value);
    return args;
}

// One name of the list, or an empty string when it is empty.
template<typename Pick>
QString pickFrom(const QStringList &names, Pick below)
{
    return names.isEmpty() ? QString() : names.at(below(int(names.size())));
}

// True when a coroutine can start itself again through create_task, gather, wait_for or call:
// such a program makes tasks without end at one instant (a million tasks at time 0 take a
// minute to stop in a Debug build), which says nothing new about the runtime.
bool startsItselfAgain(const Scenario &scenario)
{
    std::map<QString, QStringList> starts;
    for (const Coroutine &coroutine : scenario.coroutines)
        forEachStepIn(coroutine.steps, [&](const Step &step) {
            if (!step.coro.isEmpty())
                starts[coroutine.name] << step.coro;
            for (const GatherItem &item : step.items)
                if (!item.coro.isEmpty())
                    starts[coroutine.name] << item.coro;
        });
    std::map<QString, int> seen; // 1: on the path being walked, 2: done
    std::function<bool(const QString &)> cycleFrom = [&](const QString &name) {
        int &mark = seen[name];
        if (mark != 0)
            return mark == 1;
        mark = 1;
        for (const QString &next : starts[name])
            if (cycleFrom(next))
                return true;
        seen[name] = 2;
        return false;
    };
    return std::any_of(scenario.coroutines.begin(), scenario.coroutines.end(),
                       [&](const Coroutine &coroutine) { return cycleFrom(coroutine.name); });
}

} // namespace

std::optional<Scenario> ScenarioMutator::mutate(const Scenario &scenario, int tries)
{
    for (int i = 0; i < tries; ++i) {
        Scenario mutant = scenario;
        mutant.notes.clear();
        mutant.layout = {};
        mutant.variants.clear();
        m_pendingUse.reset();
        if (!edit(mutant) || mutant == scenario || startsItselfAgain(mutant)
            || !validateScenario(mutant).empty())
            continue;
        if (m_pendingUse)
            ++m_taskUses[*m_pendingUse];
        return mutant;
    }
    return std::nullopt;
}

bool ScenarioMutator::edit(Scenario &scenario)
{
    int stepCount = 0;
    for (Coroutine &coroutine : scenario.coroutines)
        forEachStepIn(coroutine.steps, [&](Step &) { ++stepCount; });
    if (stepCount > 120)
        return deleteStep(scenario); // keep inputs small and runs fast
    switch (below(9)) {
    case 0:
        return insertStep(scenario);
    case 1:
    case 2:
        return insertTaskUse(scenario);
    case 3:
        return deleteStep(scenario);
    case 4:
        return swapSteps(scenario);
    case 5:
        return wrapStep(scenario);
    case 6:
        return retarget(scenario);
    case 7:
        return changeQuantity(scenario);
    default:
        return addCoroutine(scenario);
    }
}

double ScenarioMutator::duration()
{
    static constexpr std::array<double, 9> kDurations{0, 0, 0.001, 0.1, 0.25, 0.5, 1, 1.5, 3};
    return kDurations[std::size_t(below(int(kDurations.size())))];
}

QString ScenarioMutator::freshName(const Scenario &scenario, const QString &prefix)
{
    for (int n = 1;; ++n) {
        const QString name = prefix + QString::number(n);
        bool used = scenario.coroutine(name) || scenario.resource(name);
        for (const Coroutine &coroutine : scenario.coroutines)
            used = used
                   || coroutine.params.end()
                          != std::find(coroutine.params.begin(), coroutine.params.end(), name);
        for (const Coroutine &coroutine : scenario.coroutines)
            used = used || taskNames(coroutine).contains(name);
        if (!used)
            return name;
    }
}

bool ScenarioMutator::insertStep(Scenario &scenario)
{
    std::vector<Body> all = bodies(scenario);
    const Body body = all[std::size_t(below(int(all.size())))];
    const auto pick = [this](int n) { return below(n); };
    const Coroutine &callee
        = scenario.coroutines[std::size_t(below(int(scenario.coroutines.size())))];
    const QString task = pickFrom(taskNames(*body.coroutine), pick);
    Step step;
    int op = below(16);
    while (!m_threads && (op == 1 || op == 2 || op == 14))
        op = below(16);
    switch (op) {
    case 0:
        step = makeStep(StepKind::Sleep);
        step.seconds = Quantity::literal(duration());
        break;
    case 1:
        step = makeStep(StepKind::Cpu);
        step.seconds = Quantity::literal(duration());
        break;
    case 2:
        step = makeStep(StepKind::Block);
        step.seconds = Quantity::literal(duration());
        break;
    case 3:
        step = makeStep(StepKind::Print);
        step.text = QStringLiteral("p%1").arg(below(100));
        break;
    case 4:
        step = makeStep(StepKind::Call);
        step.coro = callee.name;
        step.args = argumentsFor(callee, duration());
        break;
    case 5:
        step = makeStep(StepKind::CreateTask);
        step.coro = callee.name;
        step.args = argumentsFor(callee, duration());
        step.as = chance(70) ? freshName(scenario, QStringLiteral("t")) : QString();
        break;
    case 6:
        step = taskStep(StepKind::Await, task);
        break;
    case 7:
        step = taskStep(StepKind::Cancel, task);
        break;
    case 8:
        step = makeStep(StepKind::Gather);
        step.items.push_back(GatherItem{callee.name, argumentsFor(callee, duration()), {}, {}});
        if (!task.isEmpty())
            step.items.push_back(GatherItem{{}, {}, {}, task});
        step.returnExceptions = chance(50);
        break;
    case 9:
        step = makeStep(StepKind::WaitFor);
        step.timeout = Quantity::literal(duration());
        if (task.isEmpty() || chance(50)) {
            step.coro = callee.name;
            step.args = argumentsFor(callee, duration());
        } else {
            step.task = task;
        }
        break;
    case 10: {
        step = makeStep(StepKind::With);
        step.resource
            = pickFrom(resourcesOf(scenario, {ResourceKind::Lock, ResourceKind::Semaphore}), pick);
        Step inner = makeStep(StepKind::Sleep);
        inner.seconds = Quantity::literal(duration());
        step.steps.push_back(inner);
        break;
    }
    case 11: {
        static constexpr std::array<StepKind, 3> kEventOps{StepKind::EventWait, StepKind::EventSet,
                                                           StepKind::EventClear};
        step = makeStep(kEventOps[std::size_t(below(3))]);
        step.resource = pickFrom(resourcesOf(scenario, {ResourceKind::Event}), pick);
        break;
    }
    case 12: {
        static constexpr std::array<StepKind, 4> kQueueOps{StepKind::Put, StepKind::Get,
                                                           StepKind::TaskDone, StepKind::Join};
        step = makeStep(kQueueOps[std::size_t(below(4))]);
        step.resource = pickFrom(resourcesOf(scenario, {ResourceKind::Queue}), pick);
        if (step.kind == StepKind::Put)
            step.item
                = chance(50) || task.isEmpty() ? QJsonValue(below(10)) : QJsonValue("$" + task);
        break;
    }
    case 13:
        step = makeStep(StepKind::Raise);
        step.error = chance(70) ? QStringLiteral("ValueError") : QStringLiteral("CancelledError");
        step.message = QStringLiteral("boom");
        break;
    case 14:
        step = makeStep(StepKind::ToThread);
        step.work = chance(50) ? WorkKind::Io : WorkKind::Cpu;
        step.seconds = Quantity::literal(duration());
        break;
    default: {
        step = makeStep(StepKind::Repeat);
        step.count = Quantity::literal(below(3));
        Step inner = makeStep(StepKind::Sleep);
        inner.seconds = Quantity::literal(duration());
        step.steps.push_back(inner);
        break;
    }
    }
    body.steps->insert(body.steps->begin() + below(int(body.steps->size()) + 1), step);
    return true;
}

bool ScenarioMutator::deleteStep(Scenario &scenario)
{
    std::vector<Body> all = bodies(scenario);
    std::erase_if(all, [](const Body &body) { return body.steps->empty(); });
    if (all.empty())
        return false;
    Steps &steps = *all[std::size_t(below(int(all.size())))].steps;
    steps.erase(steps.begin() + below(int(steps.size())));
    return true;
}

bool ScenarioMutator::swapSteps(Scenario &scenario)
{
    std::vector<Body> all = bodies(scenario);
    std::erase_if(all, [](const Body &body) { return body.steps->size() < 2; });
    if (all.empty())
        return false;
    Steps &steps = *all[std::size_t(below(int(all.size())))].steps;
    std::swap(steps[std::size_t(below(int(steps.size())))],
              steps[std::size_t(below(int(steps.size())))]);
    return true;
}

// Puts one step inside a try (catching everything but cancellation), a repeat, a `with` on a
// lock or semaphore, or a task group.
bool ScenarioMutator::wrapStep(Scenario &scenario)
{
    std::vector<Body> all = bodies(scenario);
    std::erase_if(all, [](const Body &body) { return body.steps->empty(); });
    if (all.empty())
        return false;
    Steps &steps = *all[std::size_t(below(int(all.size())))].steps;
    Step &inner = steps[std::size_t(below(int(steps.size())))];
    static constexpr std::array<StepKind, 4> kWrappers{StepKind::Try, StepKind::Repeat,
                                                       StepKind::With, StepKind::TaskGroup};
    Step wrapper = makeStep(kWrappers[std::size_t(below(4))]);
    if (wrapper.kind == StepKind::Try)
        wrapper.excepts.push_back(ExceptClause{QStringLiteral("*"), {}});
    if (wrapper.kind == StepKind::Repeat)
        wrapper.count = Quantity::literal(below(3));
    if (wrapper.kind == StepKind::With) {
        const QStringList ids
            = resourcesOf(scenario, {ResourceKind::Lock, ResourceKind::Semaphore});
        if (ids.isEmpty())
            return false;
        wrapper.resource = ids.at(below(int(ids.size())));
    }
    wrapper.steps.push_back(inner);
    inner = wrapper;
    return true;
}

bool ScenarioMutator::retarget(Scenario &scenario)
{
    Coroutine &coroutine = scenario.coroutines[std::size_t(below(int(scenario.coroutines.size())))];
    const QStringList tasks = taskNames(coroutine);
    std::vector<Step *> candidates;
    forEachStepIn(coroutine.steps, [&](Step &step) {
        if (!step.task.isEmpty() || !step.resource.isEmpty() || !step.coro.isEmpty())
            candidates.push_back(&step);
    });
    if (candidates.empty())
        return false;
    Step &step = *candidates[std::size_t(below(int(candidates.size())))];
    const auto pick = [this](int n) { return below(n); };
    if (!step.task.isEmpty())
        step.task = pickFrom(tasks, pick);
    if (!step.coro.isEmpty()) {
        const Coroutine &callee
            = scenario.coroutines[std::size_t(below(int(scenario.coroutines.size())))];
        step.coro = callee.name;
        step.args = argumentsFor(callee, duration());
    }
    if (!step.resource.isEmpty()) {
        const Resource *current = scenario.resource(step.resource);
        if (current)
            step.resource = pickFrom(resourcesOf(scenario, {current->kind}), pick);
    }
    return true;
}

bool ScenarioMutator::changeQuantity(Scenario &scenario)
{
    std::vector<Step *> candidates;
    for (Coroutine &coroutine : scenario.coroutines)
        forEachStepIn(coroutine.steps, [&](Step &step) {
            const bool timed = (step.seconds != Quantity{} || step.timeout != Quantity{}
                                || step.count.has_value());
            if (timed)
                candidates.push_back(&step);
        });
    if (candidates.empty())
        return false;
    Step &step = *candidates[std::size_t(below(int(candidates.size())))];
    if (step.count && !step.count->isParam())
        step.count = Quantity::literal(below(4));
    else if (step.timeout != Quantity{} && !step.timeout.isParam())
        step.timeout = Quantity::literal(duration());
    else if (!step.seconds.isParam())
        step.seconds = Quantity::literal(chance(50) ? duration() : step.seconds.value * 2);
    return true;
}

// A new coroutine that sleeps, then prints, raises or returns; or a new resource.
bool ScenarioMutator::addCoroutine(Scenario &scenario)
{
    if (chance(30)) {
        static constexpr std::array<ResourceKind, 4> kKinds{
            ResourceKind::Lock, ResourceKind::Semaphore, ResourceKind::Event, ResourceKind::Queue};
        Resource resource;
        resource.kind = kKinds[std::size_t(below(4))];
        resource.id = freshName(scenario, QStringLiteral("r"));
        resource.maxsize = resource.kind == ResourceKind::Queue ? below(3) : 0;
        scenario.resources.push_back(resource);
        return true;
    }
    Coroutine coroutine{freshName(scenario, QStringLiteral("c")), {}, {}, {}};
    Step sleep = makeStep(StepKind::Sleep);
    sleep.seconds = Quantity::literal(duration());
    coroutine.steps.push_back(sleep);
    Step last = makeStep(chance(50) ? StepKind::Print : StepKind::Raise);
    if (last.kind == StepKind::Print) {
        last.text = QStringLiteral("done");
    } else {
        last.error = QStringLiteral("RuntimeError");
        last.message = QStringLiteral("bad");
    }
    coroutine.steps.push_back(last);
    scenario.coroutines.push_back(coroutine);
    return true;
}

} // namespace loopscope::test
