// Names inside a scenario: defaults for new steps, renaming resources and coroutines with their
// references, card positions in `layout`.
#include "document/scenario_edits.h"

#include "scenario/op_table.h"
#include "scenario/scenario_json.h"
#include "scenario/scenario_walk.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace loopscope {

namespace {

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

QString firstResource(const Scenario &scenario, std::span<const ResourceKind> kinds)
{
    for (const Resource &resource : scenario.resources)
        if (std::find(kinds.begin(), kinds.end(), resource.kind) != kinds.end())
            return resource.id;
    return {};
}

// The field's value in a new step: the table's initial value, or a name the scenario has.
// The field is left out (a default QJsonValue is null, which would be written).
QJsonValue noValue()
{
    return QJsonValue(QJsonValue::Undefined);
}

QJsonValue initialValue(const Scenario &scenario, const FieldSpec &field)
{
    if (field.initial)
        return QJsonDocument::fromJson(QByteArray("[") + field.initial + ']').array().at(0);
    const auto [coro, args] = someCallee(scenario);
    switch (field.type) {
    case FieldType::Coroutine:
        return coro;
    case FieldType::Args:
        return args.isEmpty() ? noValue() : QJsonValue(args);
    case FieldType::Task: // a wait_for's optional task: it calls a coroutine instead
        return field.need == FieldNeed::Required ? QJsonValue(someTaskVariable(scenario))
                                                 : noValue();
    case FieldType::Resource:
        return firstResource(scenario, field.kinds);
    case FieldType::GatherItems: {
        QJsonObject item{{QStringLiteral("coro"), coro}};
        if (!args.isEmpty())
            item.insert(QStringLiteral("args"), args);
        return QJsonArray{item};
    }
    case FieldType::Function: // call_soon's: the first function, if any
        if (field.need == FieldNeed::Required && !scenario.functions.empty())
            return scenario.functions.front().name;
        return noValue();
    case FieldType::Limit:
    case FieldType::ReturnWhen:
    case FieldType::Expression:
    case FieldType::Target:
    case FieldType::Elifs:
    case FieldType::Else:
    case FieldType::Duration:
    case FieldType::Count:
    case FieldType::Work:
    case FieldType::Text:
    case FieldType::ErrorClass:
    case FieldType::Flag:
    case FieldType::Variable:
    case FieldType::Value:
    case FieldType::Body:
    case FieldType::ExceptMap:
    case FieldType::Finally:
        break;
    }
    return noValue();
}

} // namespace

// Written as JSON from the op table's row and read back as a file's step is, so a new step has
// exactly the fields the format gives it.
Step defaultStep(const Scenario &scenario, StepKind kind)
{
    QJsonObject object{{QStringLiteral("op"), opName(kind)}};
    for (const FieldSpec &field : opSpec(kind).fields)
        if (const QJsonValue value = initialValue(scenario, field); !value.isUndefined())
            object.insert(QLatin1String(field.key), value);
    // A plain function's call takes the function's parameters, not a coroutine's.
    const QString function = object.value(QStringLiteral("function")).toString();
    if (const Coroutine *callee = scenario.function(function)) {
        QJsonObject args;
        for (const QString &param : callee->params)
            args.insert(param, 0);
        object.remove(QStringLiteral("args"));
        if (!args.isEmpty())
            object.insert(QStringLiteral("args"), args);
    }
    const ScenarioFragment fragment
        = readScenarioFragment(QJsonDocument(object).toJson(), QStringLiteral("new step"));
    Step step = std::holds_alternative<Step>(fragment.value) ? std::get<Step>(fragment.value)
                                                             : Step{kind};
    step.id = freshStepId(scenario);
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
