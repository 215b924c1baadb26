// Writing a scenario: the fields of each op in the order of its row in the op table, then the keys
// this version does not know, so that read → write → read gives the same model.
#include "scenario/json_text.h"
#include "scenario/op_table.h"
#include "scenario/ordered_json.h"
#include "scenario/question_io.h"
#include "scenario/scenario_json.h"

#include <QJsonArray>
#include <QSaveFile>

#include <cmath>

namespace loopscope {

namespace {

using J = OrderedJson;
QString k(const char *key)
{
    return QLatin1String(key);
}

J quantity(const Quantity &q)
{
    if (!q.isParam())
        return J(q.value);
    // A bare name is written in the "$name" form old readers know; expressions as written.
    return json::isIdentifier(q.param) ? J(QLatin1Char('$') + q.param) : J(q.param);
}

// Unknown keys go last; a key the model already wrote wins over an `extra` of the same name.
void appendExtra(J &object, const QJsonObject &extra)
{
    for (auto it = extra.begin(); it != extra.end(); ++it)
        if (!object.contains(it.key()))
            object.set(it.key(), it.value());
}

void setIfAny(J &object, const char *key, const QString &text)
{
    if (!text.isEmpty())
        object.set(k(key), text);
}

J steps(const Steps &steps);
J step(const Step &s);

J gatherItems(const std::vector<GatherItem> &items)
{
    J array = J::array();
    for (const GatherItem &item : items) {
        if (item.isOp()) { // an awaitable op stands as the item, written as a step is
            array.append(step(item.awaitable.front()));
            continue;
        }
        // Every field that is set, so that reading it back gives the same item.
        J object = J::object();
        setIfAny(object, "star", item.star);
        setIfAny(object, "coro", item.coro);
        if (!item.args.isEmpty())
            object.set(k("args"), item.args);
        setIfAny(object, "name", item.name);
        setIfAny(object, "task", item.task);
        array.append(std::move(object));
    }
    return array;
}

J exceptHandlers(const std::vector<ExceptClause> &excepts)
{
    J handlers = J::object();
    for (const ExceptClause &clause : excepts) {
        if (clause.as.isEmpty()) {
            handlers.set(clause.error, steps(clause.steps));
            continue;
        }
        J handler = J::object();
        handler.set(QStringLiteral("as"), J(clause.as));
        handler.set(QStringLiteral("steps"), steps(clause.steps));
        handlers.set(clause.error, std::move(handler));
    }
    return handlers;
}

// False for a field left out: one written only when it differs from a new Step's, or the side
// of a `coro` or `task` choice the step did not take.
bool written(const OpSpec &op, const FieldSpec &field, const Step &s)
{
    if (!fieldTaken(op, field, s))
        return false;
    if (field.write == FieldWrite::Always)
        return true;
    const Step fresh;
    switch (field.type) {
    case FieldType::Text:
    case FieldType::ErrorClass:
    case FieldType::Coroutine:
    case FieldType::Variable:
    case FieldType::Task:
    case FieldType::Function:
    case FieldType::ReturnWhen: { // empty, or print's `end` "\n"
        QString Step::*const member = std::get<QString Step::*>(field.member);
        return s.*member != fresh.*member;
    }
    case FieldType::Limit:
        return (s.*std::get<std::optional<Quantity> Step::*>(field.member)).has_value();
    case FieldType::Expression:
    case FieldType::Target:
        return !(s.*std::get<QString Step::*>(field.member)).isEmpty();
    case FieldType::Elifs:
        return !s.elifs.empty();
    case FieldType::Else:
        return s.elseSteps.has_value();
    case FieldType::Flag: {
        bool Step::*const member = std::get<bool Step::*>(field.member);
        return s.*member != fresh.*member;
    }
    case FieldType::Value: {
        const PyValue &value = s.*std::get<PyValue Step::*>(field.member);
        return !value.isNone() && !value.isAbsent();
    }
    case FieldType::Args:
        return !s.args.isEmpty();
    case FieldType::ExceptMap:
        return !s.excepts.empty();
    case FieldType::Finally:
        return s.finallySteps.has_value();
    case FieldType::Duration: // notify's n: written when not 1
        return s.*std::get<Quantity Step::*>(field.member)
               != fresh.*std::get<Quantity Step::*>(field.member);
    case FieldType::Count:
    case FieldType::Work:
    case FieldType::GatherItems:
    case FieldType::Resource:
    case FieldType::Body:
        return true;
    }
    return true;
}

J fieldValue(const FieldSpec &field, const Step &s)
{
    switch (field.type) {
    case FieldType::Duration: {
        const Quantity &q = s.*std::get<Quantity Step::*>(field.member);
        return field.nullable && !q.isParam() && std::isinf(q.value) ? J(QJsonValue::Null)
                                                                     : quantity(q);
    }
    case FieldType::Count:
        return s.count ? quantity(*s.count) : J(QJsonValue::Null);
    case FieldType::Work:
        return J(s.work == WorkKind::Cpu ? k("cpu") : k("io"));
    case FieldType::Text:
    case FieldType::ErrorClass:
    case FieldType::Coroutine:
    case FieldType::Variable:
    case FieldType::Task:
    case FieldType::Function:
    case FieldType::ReturnWhen:
        return J(s.*std::get<QString Step::*>(field.member));
    case FieldType::Limit: {
        const auto &limit = s.*std::get<std::optional<Quantity> Step::*>(field.member);
        return limit ? quantity(*limit) : J(QJsonValue::Null);
    }
    case FieldType::Expression:
    case FieldType::Target:
        return J(s.*std::get<QString Step::*>(field.member));
    case FieldType::Elifs: {
        J clauses = J::array();
        for (const ElifClause &clause : s.elifs) {
            J o = J::object();
            o.set(k("cond"), clause.cond);
            o.set(k("steps"), steps(clause.steps));
            clauses.append(std::move(o));
        }
        return clauses;
    }
    case FieldType::Else:
        return steps(s.elseSteps.value_or(Steps{}));
    case FieldType::Args:
        return J(s.args);
    case FieldType::Flag:
        return J(s.*std::get<bool Step::*>(field.member));
    case FieldType::GatherItems:
        return gatherItems(s.items);
    case FieldType::Resource:
        if (field.nullable && s.resource.isEmpty())
            return J(QJsonValue::Null);
        return J(s.resource);
    case FieldType::Value:
        return J(s.*std::get<PyValue Step::*>(field.member));
    case FieldType::Body:
        return steps(s.steps);
    case FieldType::ExceptMap:
        return exceptHandlers(s.excepts);
    case FieldType::Finally:
        return steps(s.finallySteps.value_or(Steps{}));
    }
    return {};
}

// The fields of the op's row in the table, in its order.
void writeFields(J &o, const Step &s)
{
    const OpSpec &op = opSpec(s.kind);
    for (const FieldSpec &field : op.fields)
        if (written(op, field, s))
            o.set(QLatin1String(field.key), fieldValue(field, s));
}

J step(const Step &s)
{
    J o = J::object();
    o.set(k("op"), opName(s.kind));
    setIfAny(o, "id", s.id);
    setIfAny(o, "label", s.label);
    writeFields(o, s);
    appendExtra(o, s.extra);
    return o;
}

J steps(const Steps &steps)
{
    J array = J::array();
    for (const Step &s : steps)
        array.append(step(s));
    return array;
}

J resource(const Resource &r)
{
    J o = J::object();
    o.set(k("id"), r.id).set(k("kind"), resourceKindName(r.kind));
    if (r.kind == ResourceKind::Semaphore)
        o.set(k("value"), r.value).set(k("bounded"), r.bounded);
    if (r.kind == ResourceKind::Queue) {
        o.set(k("maxsize"), r.maxsize);
        J items = J::array();
        for (const PyValue &item : r.items)
            items.append(item);
        if (!r.items.empty())
            o.set(k("items"), std::move(items));
    }
    if ((r.kind == ResourceKind::ThreadPool || r.kind == ResourceKind::ProcessPool) && r.workers)
        o.set(k("workers"), *r.workers);
    if (r.kind == ResourceKind::ProcessPool)
        o.set(k("startup"), r.startup);
    if (r.kind == ResourceKind::Condition && !r.lock.isEmpty())
        o.set(k("lock"), r.lock);
    if (r.kind == ResourceKind::Barrier)
        o.set(k("parties"), r.parties);
    appendExtra(o, r.extra);
    return o;
}

J coroutine(const Coroutine &c)
{
    J o = J::object();
    o.set(k("name"), c.name);
    if (!c.params.empty()) {
        J params = J::array();
        for (const QString &param : c.params)
            params.append(param);
        o.set(k("params"), std::move(params));
    }
    if (!c.globals.empty()) {
        J globals = J::array();
        for (const QString &name : c.globals)
            globals.append(name);
        o.set(k("globals"), std::move(globals));
    }
    if (!c.defaults.isEmpty())
        o.set(k("defaults"), J(c.defaults));
    o.set(k("steps"), steps(c.steps));
    appendExtra(o, c.extra);
    return o;
}

// A variant writes only what it overrides.
J variant(const Variant &v)
{
    J o = J::object();
    o.set(k("name"), v.name);
    setIfAny(o, "notes", v.notes);
    J py = J::object();
    if (v.python.gil)
        py.set(k("gil"), *v.python.gil);
    if (v.python.switchInterval)
        py.set(k("switch_interval"), *v.python.switchInterval);
    if (v.python.cpuCount)
        py.set(k("cpu_count"), *v.python.cpuCount);
    if (v.python != PythonOverride{})
        o.set(k("python"), std::move(py));
    J resources = J::array();
    for (const ResourceOverride &r : v.resources) {
        J ro = J::object();
        ro.set(k("id"), r.id);
        if (r.value)
            ro.set(k("value"), *r.value);
        if (r.bounded)
            ro.set(k("bounded"), *r.bounded);
        if (r.maxsize)
            ro.set(k("maxsize"), *r.maxsize);
        if (r.items) {
            J items = J::array();
            for (const PyValue &item : *r.items)
                items.append(item);
            ro.set(k("items"), std::move(items));
        }
        if (r.workers)
            ro.set(k("workers"), *r.workers);
        if (r.startup)
            ro.set(k("startup"), *r.startup);
        resources.append(std::move(ro));
    }
    if (!v.resources.empty())
        o.set(k("resources"), std::move(resources));
    J coroutines = J::array();
    for (const Coroutine &c : v.coroutines)
        coroutines.append(coroutine(c));
    if (!v.coroutines.empty())
        o.set(k("coroutines"), std::move(coroutines));
    return o;
}

J clock(const ClockSettings &c)
{
    J o = J::object();
    o.set(k("mode"), c.mode == ClockMode::Live ? k("live") : k("virtual"));
    return o.set(k("scale"), c.scale);
}

J python(const PythonSettings &p)
{
    J o = J::object();
    o.set(k("gil"), p.gil).set(k("switch_interval"), p.switchInterval);
    return o.set(k("cpu_count"), p.cpuCount);
}

} // namespace

QByteArray writeScenario(const Scenario &scenario)
{
    J root = J::object();
    root.set(k("format"), k("loopscope-scenario")).set(k("version"), kScenarioFormatVersion);
    setIfAny(root, "title", scenario.title);
    setIfAny(root, "notes", scenario.notes);
    root.set(k("clock"), clock(scenario.clock)).set(k("python"), python(scenario.python));
    J resources = J::array();
    for (const Resource &r : scenario.resources)
        resources.append(resource(r));
    J coroutines = J::array();
    for (const Coroutine &c : scenario.coroutines)
        coroutines.append(coroutine(c));
    root.set(k("resources"), std::move(resources));
    if (!scenario.functions.empty()) {
        J functions = J::array();
        for (const Coroutine &f : scenario.functions)
            functions.append(coroutine(f));
        root.set(k("functions"), std::move(functions));
    }
    root.set(k("coroutines"), std::move(coroutines));
    if (scenario.program)
        root.set(k("program"), steps(*scenario.program));
    if (scenario.seed)
        root.set(k("seed"), double(*scenario.seed));
    if (!scenario.variants.empty()) {
        J variants = J::array();
        for (const Variant &v : scenario.variants)
            variants.append(variant(v));
        root.set(k("variants"), std::move(variants));
    }
    if (!scenario.questions.empty()) {
        J questions = J::array();
        for (const Question &q : scenario.questions)
            questions.append(questionJson(q));
        root.set(k("questions"), std::move(questions));
    }
    root.set(k("layout"), scenario.layout);
    appendExtra(root, scenario.extra);
    return root.toIndentedJson();
}

QByteArray writeStepJson(const Step &s)
{
    return step(s).toIndentedJson();
}

QByteArray writeCoroutineJson(const Coroutine &c)
{
    return coroutine(c).toIndentedJson();
}

bool saveScenarioFile(const Scenario &scenario, const QString &path, QString *error)
{
    QSaveFile file(path);
    const QByteArray data = writeScenario(scenario);
    const bool saved
        = file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit();
    if (!saved && error)
        *error = QStringLiteral("cannot save \"%1\": %2").arg(path, file.errorString());
    return saved;
}

} // namespace loopscope
