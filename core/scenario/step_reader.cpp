// Reading steps: each op reads the fields of its row in the op table (op_table.h, as
// scenario-format.md lists them); a key it does not know is refused (a typo would otherwise be
// ignored), except extension keys ("x-..."), which stay in Step::extra.
#include "scenario/json_source_map.h"
#include "scenario/json_text.h"
#include "scenario/object_reader.h"
#include "scenario/op_table.h"

#include <limits>

namespace loopscope {

namespace {

using P = Presence;

QString allOps()
{
    QStringList names;
    for (const OpSpec &op : opSpecs())
        names << QLatin1String(op.name);
    return names.join(QLatin1String(", "));
}

Steps readBody(ReadContext &context, ObjectReader &r, const QString &key, Presence presence)
{
    const auto array = r.array(key, presence, expect::steps());
    return array ? readSteps(context, *array, r.pathOf(key)) : Steps{};
}

WorkKind readWork(ReadContext &context, ObjectReader &r, FieldNeed need)
{
    const QString expected = QStringLiteral("\"io\" or \"cpu\"");
    const QJsonValue value = r.raw(QStringLiteral("work"));
    if (value.isUndefined() && need == FieldNeed::Optional)
        return WorkKind::Io;
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
    else if (value.isString() && !value.toString().trimmed().isEmpty())
        return Quantity::ref(value.toString()); // an expression: check parses it
    else
        context.wrongType(path, expect::count(), value);
    return Quantity{};
}

// The ops that are awaitables of their own and may stand as an item of gather, wait or
// as_completed.
bool isAwaitableItemOp(StepKind kind)
{
    return kind == StepKind::Sleep || kind == StepKind::ToThread || kind == StepKind::RunInExecutor
           || kind == StepKind::Shield;
}

GatherItem readGatherItem(ReadContext &context, const QJsonValue &value, const QString &path)
{
    GatherItem item;
    const QString expected
        = QStringLiteral("an object with \"coro\", \"task\", \"star\" or an awaitable \"op\"");
    if (!value.isObject()) {
        context.wrongType(path, expected, value);
        return item;
    }
    if (value.toObject().contains(QStringLiteral("op"))) {
        Step step = readStep(context, value, path);
        if (!isAwaitableItemOp(step.kind))
            context.report(
                json::childPath(path, QStringLiteral("op")),
                QStringLiteral("expected \"sleep\", \"to_thread\", "
                               "\"run_in_executor\" or \"shield\" (an awaitable), got %1")
                    .arg(json::quoted(opName(step.kind))));
        item.awaitable.push_back(std::move(step));
        return item;
    }
    ObjectReader r(context, value.toObject(), path);
    if (r.has(QStringLiteral("star"))) {
        item.star = r.string(QStringLiteral("star"), P::Required,
                             QStringLiteral("a Python expression giving awaitables"));
        if (item.star.trimmed().isEmpty())
            context.report(r.pathOf(QStringLiteral("star")),
                           QStringLiteral("expected a Python expression giving awaitables, got "
                                          "\"\""));
        r.refuseUnusedKeys(QStringLiteral("star"));
        return item;
    }
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

// `except Error as e:` is {"as": "e", "steps": [...]} where `except Error:` is the steps alone.
ExceptClause readBoundHandler(ReadContext &context, const QString &error, const QJsonObject &body,
                              const QString &path)
{
    ObjectReader handler(context, body, path);
    ExceptClause clause{error, {}, {}};
    clause.as = handler.string(QStringLiteral("as"), P::Required, QStringLiteral("a name"));
    clause.steps = readBody(context, handler, QStringLiteral("steps"), P::Required);
    handler.refuseUnusedKeys(QStringLiteral("as, steps"));
    return clause;
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
        if (body.isObject() && body.toObject().contains(QLatin1String("as"))) {
            clauses.push_back(readBoundHandler(context, error, body.toObject(), path));
            continue;
        }
        if (!body.isArray())
            context.wrongType(path, expect::steps(), body);
        clauses.push_back({error, readSteps(context, body.toArray(), path), {}});
    }
    return clauses;
}

// if's `elif`: [{"cond": "x > 1", "steps": [...]}, ...], tried in order.
std::vector<ElifClause> readElifs(ReadContext &context, ObjectReader &r)
{
    std::vector<ElifClause> clauses;
    const QString key = QStringLiteral("elif");
    const auto array = r.array(key, P::Optional, QStringLiteral("an array of {cond, steps}"));
    for (qsizetype i = 0; array && i < array->size(); ++i) {
        const QString path = json::indexPath(r.pathOf(key), i);
        if (!array->at(i).isObject()) {
            context.wrongType(path, QStringLiteral("an object with \"cond\" and \"steps\""),
                              array->at(i));
            continue;
        }
        ObjectReader clause(context, array->at(i).toObject(), path);
        ElifClause elif;
        elif.cond = clause.string(QStringLiteral("cond"), P::Required,
                                  QStringLiteral("a Python expression"));
        elif.steps = readBody(context, clause, QStringLiteral("steps"), P::Required);
        clause.refuseUnusedKeys(QStringLiteral("cond, steps"));
        clauses.push_back(std::move(elif));
    }
    return clauses;
}

// A string member (text, names, variables): its expected words for messages.
QString expectedText(FieldType type)
{
    switch (type) {
    case FieldType::ErrorClass:
        return QStringLiteral("the name of an exception class");
    case FieldType::Coroutine:
        return expect::coroutineName();
    case FieldType::Task:
        return expect::taskVariable();
    case FieldType::Function:
        return QStringLiteral("the name of a function");
    case FieldType::Limit:
        return QString::fromUtf8("a number ≥ 0, \"$param\" or null");
    case FieldType::ReturnWhen:
        return QStringLiteral("\"FIRST_COMPLETED\", \"FIRST_EXCEPTION\" or \"ALL_COMPLETED\"");
    case FieldType::Expression:
        return QStringLiteral("a Python expression");
    case FieldType::Target:
        return QStringLiteral("a name, or names separated by commas");
    case FieldType::Duration:
    case FieldType::Count:
    case FieldType::Work:
    case FieldType::Text:
    case FieldType::Args:
    case FieldType::Flag:
    case FieldType::Variable:
    case FieldType::GatherItems:
    case FieldType::Resource:
    case FieldType::Value:
    case FieldType::Body:
    case FieldType::ExceptMap:
    case FieldType::Finally:
    case FieldType::Elifs:
    case FieldType::Else:
        break;
    }
    return {};
}

PyValue readValue(ReadContext &context, ObjectReader &r, const FieldSpec &field)
{
    const QString key = QLatin1String(field.key);
    if (field.need == FieldNeed::Required && !r.has(key))
        context.missing(r.pathOf(key), QStringLiteral("a JSON value"));
    PyValue value = readPyValue(context, r.raw(key), r.pathOf(key));
    if (field.need == FieldNeed::Optional && value.isAbsent()) // e.g. set_result(None)
        value = nullptr;
    return value;
}

void readField(ReadContext &context, ObjectReader &r, Step &s, const FieldSpec &field)
{
    const QString key = QLatin1String(field.key);
    const Presence presence = field.need == FieldNeed::Required ? P::Required : P::Optional;
    switch (field.type) {
    case FieldType::Duration:
        if (field.nullable && r.has(key) && r.raw(key).isNull()) // None: no limit
            s.*std::get<Quantity Step::*>(field.member)
                = Quantity::literal(std::numeric_limits<double>::infinity());
        else if (presence == P::Required || r.has(key)) // notify's n keeps its default of 1
            s.*std::get<Quantity Step::*>(field.member) = r.quantity(
                key, presence,
                expect::duration() + (field.nullable ? QStringLiteral(" or null") : QString()));
        else
            r.raw(key); // a known key, for messages about unknown ones
        return;
    case FieldType::Count:
        s.count = readCount(context, r);
        return;
    case FieldType::Work:
        s.work = readWork(context, r, field.need);
        return;
    case FieldType::Text:
    case FieldType::ErrorClass:
    case FieldType::Coroutine:
    case FieldType::Variable:
    case FieldType::Task:
    case FieldType::Function:
    case FieldType::ReturnWhen:
        if (presence == P::Optional && !r.has(key)) {
            r.raw(key); // a known key, for messages about unknown ones
            return;     // the model's default stays (print's `end` is "\n")
        }
        s.*std::get<QString Step::*>(field.member)
            = r.string(key, presence, expectedText(field.type));
        return;
    case FieldType::Limit: {
        auto &limit = s.*std::get<std::optional<Quantity> Step::*>(field.member);
        if (r.has(key) && r.raw(key).isNull())
            limit.reset();
        else if (r.has(key) || presence == P::Required)
            limit = r.quantity(key, presence, expectedText(field.type));
        return;
    }
    case FieldType::Expression:
    case FieldType::Target:
        s.*std::get<QString Step::*>(field.member)
            = r.string(key, presence, expectedText(field.type));
        return;
    case FieldType::Elifs:
        s.elifs = readElifs(context, r);
        return;
    case FieldType::Else:
        if (r.has(key))
            s.elseSteps = readBody(context, r, key, P::Optional);
        else
            r.raw(key);
        return;
    case FieldType::Args:
        s.args = readPyArgs(context, r.object(key, P::Optional, QStringLiteral("an object")),
                            r.pathOf(key));
        return;
    case FieldType::Flag: {
        bool Step::*const member = std::get<bool Step::*>(field.member);
        s.*member = r.boolean(key, Step{}.*member);
        return;
    }
    case FieldType::GatherItems:
        s.items = readGatherItems(context, r);
        return;
    case FieldType::Resource:
        if (field.nullable && r.has(key) && r.raw(key).isNull()) {
            s.resource.clear(); // None: the default executor
            return;
        }
        s.resource = r.string(key, P::Required,
                              QStringLiteral("the id of ") + expect::resourceKindsText(s.kind)
                                  + (field.nullable ? QStringLiteral(" or null") : QString()));
        return;
    case FieldType::Value:
        s.*std::get<PyValue Step::*>(field.member) = readValue(context, r, field);
        return;
    case FieldType::Body:
        s.steps = readBody(context, r, key, presence);
        return;
    case FieldType::ExceptMap:
        s.excepts = readExcepts(context, r);
        return;
    case FieldType::Finally:
        if (r.has(key))
            s.finallySteps = readBody(context, r, key, P::Optional);
        else
            r.raw(key); // a known key, for messages about unknown ones
        return;
    }
}

// The fields of the op's row in the table, in its order.
void readFields(ReadContext &context, ObjectReader &r, Step &s)
{
    const OpSpec &op = opSpec(s.kind);
    for (const FieldSpec &field : op.fields)
        readField(context, r, s, field);
    const bool coro = r.has(QStringLiteral("coro")), task = r.has(QStringLiteral("task"));
    if (op.coroOrTask && coro == task)
        context.report(r.path(),
                       QStringLiteral("expected \"coro\" or \"task\", got %1")
                           .arg(coro ? QStringLiteral("both") : QStringLiteral("neither")));
    if (op.functionOrWork) {
        const bool function = r.has(QStringLiteral("function"));
        const bool work = r.has(QStringLiteral("work")), seconds = r.has(QStringLiteral("seconds"));
        if (function && (work || seconds))
            context.report(r.path(), QStringLiteral("expected \"function\" or \"work\" and "
                                                    "\"seconds\", got both"));
        else if (!function && !(work && seconds))
            context.missing(r.pathOf(QLatin1String(work ? "seconds" : "work")),
                            work ? expect::duration() : QStringLiteral("\"io\" or \"cpu\""));
        if (!function && r.has(QStringLiteral("args")))
            context.report(r.pathOf(QStringLiteral("args")),
                           QStringLiteral("expected no \"args\" without a \"function\""));
    }
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
