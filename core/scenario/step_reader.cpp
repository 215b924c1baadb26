// Reading steps: each op reads the fields of its row in scenario-format.md; a key it does not
// know is refused (a typo would otherwise be ignored), except extension keys ("x-..."), which
// stay in Step::extra.
#include "scenario/json_source_map.h"
#include "scenario/json_text.h"
#include "scenario/object_reader.h"

namespace loopscope {

namespace {

using P = Presence;

QString allOps()
{
    QStringList names;
    for (int k = 0; k <= int(StepKind::RunInExecutor); ++k)
        names << opName(StepKind(k));
    return names.join(QLatin1String(", "));
}

Steps readBody(ReadContext &context, ObjectReader &r, const QString &key, Presence presence)
{
    const auto array = r.array(key, presence, expect::steps());
    return array ? readSteps(context, *array, r.pathOf(key)) : Steps{};
}

WorkKind readWork(ReadContext &context, ObjectReader &r)
{
    const QString expected = QStringLiteral("\"io\" or \"cpu\"");
    const QJsonValue value = r.raw(QStringLiteral("work"));
    if (value.isUndefined())
        context.missing(r.pathOf(QStringLiteral("work")), expected);
    else if (value == QLatin1String("cpu"))
        return WorkKind::Cpu;
    else if (value != QLatin1String("io"))
        context.wrongType(r.pathOf(QStringLiteral("work")), expected, value);
    return WorkKind::Io;
}

std::optional<Quantity> readCount(ReadContext &context, ObjectReader &r)
{
    const QString path = r.pathOf(QStringLiteral("count"));
    const QJsonValue value = r.raw(QStringLiteral("count"));
    if (value.isNull())
        return std::nullopt;
    if (value.isUndefined())
        context.missing(path, expect::count());
    else if (value.isDouble())
        return Quantity::literal(value.toDouble());
    else if (const auto name = json::parameterReference(value.toString()); name && value.isString())
        return Quantity::ref(*name);
    else
        context.wrongType(path, expect::count(), value);
    return Quantity{};
}

GatherItem readGatherItem(ReadContext &context, const QJsonValue &value, const QString &path)
{
    GatherItem item;
    if (!value.isObject()) {
        context.wrongType(path, QStringLiteral("an object with \"coro\" or \"task\""), value);
        return item;
    }
    ObjectReader r(context, value.toObject(), path);
    item.coro = r.string(QStringLiteral("coro"), P::Optional, expect::coroutineName());
    item.args = readPyArgs(
        context, r.object(QStringLiteral("args"), P::Optional, QStringLiteral("an object")),
        r.pathOf(QStringLiteral("args")));
    item.name = r.string(QStringLiteral("name"), P::Optional);
    item.task = r.string(QStringLiteral("task"), P::Optional, expect::taskVariable());
    const bool coro = r.has(QStringLiteral("coro")), task = r.has(QStringLiteral("task"));
    if (coro == task)
        context.report(path, QStringLiteral("expected \"coro\" or \"task\", got %1")
                                 .arg(coro ? QStringLiteral("both") : QStringLiteral("neither")));
    r.refuseUnusedKeys(QStringLiteral("coro, args, name, task"));
    return item;
}

std::vector<GatherItem> readGatherItems(ReadContext &context, ObjectReader &r)
{
    std::vector<GatherItem> items;
    const auto array = r.array(QStringLiteral("items"), P::Required, QStringLiteral("an array"));
    for (qsizetype i = 0; array && i < array->size(); ++i)
        items.push_back(readGatherItem(context, array->at(i),
                                       json::indexPath(r.pathOf(QStringLiteral("items")), i)));
    return items;
}

std::vector<ExceptClause> readExcepts(ReadContext &context, ObjectReader &r)
{
    const QString key = QStringLiteral("except");
    const QJsonObject handlers
        = r.object(key, P::Optional, QStringLiteral("an object mapping error names to steps"));
    // QJsonObject sorts its keys, but handlers are tried in the order written.
    QStringList order = context.source ? context.source->keysInOrder(r.pathOf(key)) : QStringList{};
    for (const QString &k : handlers.keys())
        if (!order.contains(k))
            order << k;
    std::vector<ExceptClause> clauses;
    for (const QString &error : std::as_const(order)) {
        const QString path = json::childPath(r.pathOf(key), error);
        const QJsonValue body = handlers.value(error);
        if (body.isUndefined())
            continue;
        if (!body.isArray())
            context.wrongType(path, expect::steps(), body);
        clauses.push_back({error, readSteps(context, body.toArray(), path)});
    }
    return clauses;
}

void readCoroCall(ReadContext &context, ObjectReader &r, Step &s, Presence presence)
{
    s.coro = r.string(QStringLiteral("coro"), presence, expect::coroutineName());
    s.args = readPyArgs(context,
                        r.object(QStringLiteral("args"), P::Optional, QStringLiteral("an object")),
                        r.pathOf(QStringLiteral("args")));
}

void readTask(ObjectReader &r, Step &s, Presence presence)
{
    s.task = r.string(QStringLiteral("task"), presence, expect::taskVariable());
}

void readResource(ObjectReader &r, Step &s)
{
    s.resource = r.string(resourceKeyFor(s.kind), P::Required,
                          QStringLiteral("the id of ") + expect::resourceKindsText(s.kind));
}

void readWaitFor(ReadContext &context, ObjectReader &r, Step &s)
{
    s.timeout = r.quantity(QStringLiteral("timeout"), P::Required, expect::duration());
    readCoroCall(context, r, s, P::Optional);
    readTask(r, s, P::Optional);
    const bool coro = r.has(QStringLiteral("coro")), task = r.has(QStringLiteral("task"));
    if (coro == task)
        context.report(r.path(),
                       QStringLiteral("expected \"coro\" or \"task\", got %1")
                           .arg(coro ? QStringLiteral("both") : QStringLiteral("neither")));
}

void readTry(ReadContext &context, ObjectReader &r, Step &s)
{
    s.steps = readBody(context, r, QStringLiteral("steps"), P::Required);
    s.excepts = readExcepts(context, r);
    if (r.has(QStringLiteral("finally")))
        s.finallySteps = readBody(context, r, QStringLiteral("finally"), P::Optional);
    else
        r.raw(QStringLiteral("finally"));
}

// sleep, cpu, block, to_thread, run_in_executor, wait_for, print, raise: the ops without a
// body or a task. False for the others.
bool readTimedOrTextFields(ReadContext &context, ObjectReader &r, Step &s)
{
    switch (s.kind) {
    case StepKind::Sleep:
    case StepKind::Cpu:
    case StepKind::Block:
        s.seconds = r.quantity(QStringLiteral("seconds"), P::Required, expect::duration());
        return true;
    case StepKind::ToThread:
    case StepKind::RunInExecutor:
        s.work = readWork(context, r);
        s.seconds = r.quantity(QStringLiteral("seconds"), P::Required, expect::duration());
        return true;
    case StepKind::WaitFor:
        readWaitFor(context, r, s);
        return true;
    case StepKind::Print:
        s.text = r.string(QStringLiteral("text"), P::Required);
        return true;
    case StepKind::Raise:
        s.error = r.string(QStringLiteral("error"), P::Required,
                           QStringLiteral("the name of an exception class"));
        s.message = r.string(QStringLiteral("message"), P::Optional);
        return true;
    default:
        return false;
    }
}

// call, create_task, await, cancel, gather. False for the others.
bool readTaskFields(ReadContext &context, ObjectReader &r, Step &s)
{
    switch (s.kind) {
    case StepKind::Call:
        readCoroCall(context, r, s, P::Required);
        s.awaited = r.boolean(QStringLiteral("await"), true);
        return true;
    case StepKind::CreateTask:
        readCoroCall(context, r, s, P::Required);
        s.name = r.string(QStringLiteral("name"), P::Optional);
        s.as = r.string(QStringLiteral("as"), P::Optional);
        return true;
    case StepKind::Await:
    case StepKind::Cancel:
        readTask(r, s, P::Required);
        return true;
    case StepKind::Gather:
        s.items = readGatherItems(context, r);
        s.returnExceptions = r.boolean(QStringLiteral("return_exceptions"), false);
        return true;
    default:
        return false;
    }
}

// The queue and future values, and the ops with a body.
void readDataOrBodyFields(ReadContext &context, ObjectReader &r, Step &s)
{
    switch (s.kind) {
    case StepKind::Put:
        if (!r.has(QStringLiteral("item")))
            context.missing(r.pathOf(QStringLiteral("item")), QStringLiteral("a JSON value"));
        s.item
            = readPyValue(context, r.raw(QStringLiteral("item")), r.pathOf(QStringLiteral("item")));
        break;
    case StepKind::Get:
    case StepKind::Drain:
        s.as = r.string(QStringLiteral("as"), P::Optional);
        break;
    case StepKind::FutureSet:
        s.value = readPyValue(context, r.raw(QStringLiteral("value")),
                              r.pathOf(QStringLiteral("value")));
        if (s.value.isAbsent()) // set_result(None)
            s.value = nullptr;
        break;
    case StepKind::Repeat:
        s.count = readCount(context, r);
        s.var = r.string(QStringLiteral("var"), P::Optional);
        break;
    default:
        break;
    }
    if (s.kind == StepKind::Try)
        readTry(context, r, s);
    else if (hasBody(s.kind))
        s.steps = readBody(context, r, QStringLiteral("steps"), P::Required);
}

void readFields(ReadContext &context, ObjectReader &r, Step &s)
{
    if (!resourceKeyFor(s.kind).isEmpty())
        readResource(r, s);
    if (!readTimedOrTextFields(context, r, s) && !readTaskFields(context, r, s))
        readDataOrBodyFields(context, r, s);
}

} // namespace

Step readStep(ReadContext &context, const QJsonValue &value, const QString &path)
{
    Step step;
    if (!value.isObject()) {
        context.wrongType(path, QStringLiteral("a step object"), value);
        return step;
    }
    ObjectReader r(context, value.toObject(), path);
    const QString op = r.string(QStringLiteral("op"), P::Required, QStringLiteral("an op name"));
    const std::optional<StepKind> kind = stepKindFromOp(op);
    if (!kind) {
        if (r.has(QStringLiteral("op")) && r.raw(QStringLiteral("op")).isString())
            context.report(
                r.pathOf(QStringLiteral("op")),
                QStringLiteral("expected one of %1, got %2").arg(allOps(), json::quoted(op)));
        return step;
    }
    step.kind = *kind;
    step.id = r.string(QStringLiteral("id"), P::Optional);
    step.label = r.string(QStringLiteral("label"), P::Optional);
    readFields(context, r, step);
    r.refuseUnknownKeys();
    step.extra = r.unusedKeys();
    return step;
}

Steps readSteps(ReadContext &context, const QJsonArray &array, const QString &path)
{
    Steps steps;
    steps.reserve(std::size_t(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i)
        steps.push_back(readStep(context, array.at(i), json::indexPath(path, i)));
    return steps;
}

} // namespace loopscope
