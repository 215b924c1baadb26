// Names inside a scenario: defaults for new steps, renaming resources and coroutines with their
// references, card positions in `layout`.
#include "document/scenario_edits.h"

#include "scenario/scenario_walk.h"

#include <QJsonObject>

namespace loopscope {

namespace {

QString firstResource(const Scenario &scenario, std::initializer_list<ResourceKind> kinds)
{
    for (const Resource &resource : scenario.resources)
        for (ResourceKind kind : kinds)
            if (resource.kind == kind)
                return resource.id;
    return {};
}

// A coroutine other than main to call, with a zero for each of its parameters.
std::pair<QString, QJsonObject> someCallee(const Scenario &scenario)
{
    for (const Coroutine &coroutine : scenario.coroutines) {
        if (coroutine.name == QLatin1String("main"))
            continue;
        QJsonObject args;
        for (const QString &param : coroutine.params)
            args.insert(param, 0);
        return {coroutine.name, args};
    }
    return {};
}

QString someTaskVariable(const Scenario &scenario)
{
    QString task;
    forEachStep(scenario, [&](const Step &step, const QString &) {
        if (task.isEmpty() && step.kind == StepKind::CreateTask)
            task = step.as;
    });
    return task;
}

QString resourceFor(const Scenario &scenario, StepKind kind)
{
    using R = ResourceKind;
    switch (kind) {
    case StepKind::With:
    case StepKind::Acquire:
    case StepKind::Release:
        return firstResource(scenario, {R::Lock, R::Semaphore});
    case StepKind::EventWait:
    case StepKind::EventSet:
    case StepKind::EventClear:
        return firstResource(scenario, {R::Event});
    case StepKind::Put:
    case StepKind::Get:
    case StepKind::TaskDone:
    case StepKind::Join:
    case StepKind::Drain:
        return firstResource(scenario, {R::Queue});
    case StepKind::FutureSet:
    case StepKind::FutureAwait:
        return firstResource(scenario, {R::Future});
    case StepKind::RunInExecutor:
        return firstResource(scenario, {R::ThreadPool, R::ProcessPool});
    default:
        return {};
    }
}

} // namespace

Step defaultStep(const Scenario &scenario, StepKind kind)
{
    Step step;
    step.kind = kind;
    step.id = freshStepId(scenario);
    // Only the fields the op uses: a field the writer leaves out would not survive a save.
    if (kind == StepKind::Sleep || kind == StepKind::Cpu || kind == StepKind::Block
        || kind == StepKind::ToThread || kind == StepKind::RunInExecutor)
        step.seconds = Quantity::literal(1.0);
    step.resource = resourceFor(scenario, kind);
    const auto [coro, args] = someCallee(scenario);
    switch (kind) {
    case StepKind::Print:
        step.text = QStringLiteral("hello");
        break;
    case StepKind::CreateTask:
        step.as = QStringLiteral("task");
        [[fallthrough]];
    case StepKind::Call:
        step.coro = coro;
        step.args = args;
        break;
    case StepKind::WaitFor:
        step.coro = coro;
        step.args = args;
        step.timeout = Quantity::literal(1.0);
        break;
    case StepKind::Await:
    case StepKind::Cancel:
        step.task = someTaskVariable(scenario);
        break;
    case StepKind::Gather:
        step.items.push_back(GatherItem{coro, args, {}, {}});
        break;
    case StepKind::Get:
    case StepKind::Drain:
        step.as = QStringLiteral("item");
        break;
    case StepKind::Put:
        step.item = 1;
        break;
    case StepKind::FutureSet:
        step.value = 1;
        break;
    case StepKind::Repeat:
        step.count = Quantity::literal(2);
        step.var = QStringLiteral("i");
        break;
    case StepKind::Raise:
        step.error = QStringLiteral("ValueError");
        step.message = QStringLiteral("boom");
        break;
    case StepKind::If:
    case StepKind::While:
        step.cond = QStringLiteral("False");
        break;
    case StepKind::For:
        step.var = QStringLiteral("i");
        step.iterable = QStringLiteral("range(3)");
        break;
    case StepKind::Set:
        step.name = QStringLiteral("x");
        step.value = 0;
        break;
    default:
        break;
    }
    return step;
}

int resourceUses(const Scenario &scenario, const QString &id)
{
    int uses = 0;
    forEachStep(scenario, [&](const Step &step, const QString &) {
        if (!resourceKeyFor(step.kind).isEmpty() && step.resource == id)
            ++uses;
    });
    return uses;
}

void renameResource(Scenario &scenario, const QString &from, const QString &to)
{
    for (Resource &resource : scenario.resources)
        if (resource.id == from)
            resource.id = to;
    forEachStep(scenario, [&](Step &step, const QString &) {
        if (!resourceKeyFor(step.kind).isEmpty() && step.resource == from)
            step.resource = to;
    });
}

void renameCoroutine(Scenario &scenario, const QString &from, const QString &to)
{
    for (Coroutine &coroutine : scenario.coroutines)
        if (coroutine.name == from)
            coroutine.name = to;
    forEachStep(scenario, [&](Step &step, const QString &) {
        if (step.coro == from)
            step.coro = to;
        for (GatherItem &item : step.items)
            if (item.coro == from)
                item.coro = to;
    });
    if (const auto position = cardPosition(scenario, from)) {
        removeCardPosition(scenario, from);
        setCardPosition(scenario, to, *position);
    }
}

QString freshName(const QStringList &taken, const QString &stem)
{
    if (!taken.contains(stem))
        return stem;
    for (int n = 2;; ++n)
        if (!taken.contains(stem + QString::number(n)))
            return stem + QString::number(n);
}

QStringList resourceIds(const Scenario &scenario)
{
    QStringList ids;
    for (const Resource &resource : scenario.resources)
        ids << resource.id;
    return ids;
}

QStringList coroutineNames(const Scenario &scenario)
{
    QStringList names;
    for (const Coroutine &coroutine : scenario.coroutines)
        names << coroutine.name;
    return names;
}

std::optional<QPointF> cardPosition(const Scenario &scenario, const QString &coroutine)
{
    const QJsonObject cards = scenario.layout.value(QLatin1String("cards")).toObject();
    if (!cards.contains(coroutine))
        return std::nullopt;
    const QJsonObject at = cards.value(coroutine).toObject();
    return QPointF(at.value(QLatin1String("x")).toDouble(),
                   at.value(QLatin1String("y")).toDouble());
}

void setCardPosition(Scenario &scenario, const QString &coroutine, QPointF position)
{
    QJsonObject cards = scenario.layout.value(QLatin1String("cards")).toObject();
    // Whole pixels: the file stays readable and a drag does not write noise.
    cards.insert(coroutine, QJsonObject{{QStringLiteral("x"), qRound(position.x())},
                                        {QStringLiteral("y"), qRound(position.y())}});
    scenario.layout.insert(QStringLiteral("cards"), cards);
}

void removeCardPosition(Scenario &scenario, const QString &coroutine)
{
    QJsonObject cards = scenario.layout.value(QLatin1String("cards")).toObject();
    cards.remove(coroutine);
    scenario.layout.insert(QStringLiteral("cards"), cards);
}

} // namespace loopscope
