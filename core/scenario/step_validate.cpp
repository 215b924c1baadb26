// Checking the steps of one coroutine. Variables follow Python's function scope in document
// order: a create_task `as` or a get `as` is visible to every step written after it; a repeat
// `var` and a drain `as` only inside their body.
#include "scenario/expectations.h"
#include "scenario/json_text.h"
#include "scenario/op_table.h"
#include "scenario/scenario_validate.h"
#include "scenario/scenario_walk.h"
#include "scenario/validation.h"

#include <cmath>

namespace loopscope {

namespace {

QStringList joined(std::initializer_list<const QStringList *> lists)
{
    QStringList names;
    for (const QStringList *list : lists)
        names += *list;
    names.removeDuplicates();
    return names;
}

// The steps a plain function (`def`) may hold: none that awaits.
bool runsInFunction(StepKind kind)
{
    switch (kind) {
    case StepKind::Print:
    case StepKind::Cpu:
    case StepKind::Block:
    case StepKind::Raise:
    case StepKind::EventSet:
    case StepKind::EventClear:
    case StepKind::FutureSet:
    case StepKind::PutNowait:
    case StepKind::GetNowait:
    case StepKind::CallSoon:
    case StepKind::CallLater:
    case StepKind::CreateTask:
    case StepKind::Cancel:
    case StepKind::Release:
    case StepKind::TaskDone:
    case StepKind::Notify:
    case StepKind::NotifyAll:
    case StepKind::Repeat:
    case StepKind::Try:
        return true;
    case StepKind::Sleep:
    case StepKind::Call:
    case StepKind::Await:
    case StepKind::Gather:
    case StepKind::TaskGroup:
    case StepKind::WaitFor:
    case StepKind::With:
    case StepKind::Acquire:
    case StepKind::EventWait:
    case StepKind::Put:
    case StepKind::Get:
    case StepKind::Join:
    case StepKind::FutureAwait:
    case StepKind::Drain:
    case StepKind::ToThread:
    case StepKind::RunInExecutor:
    case StepKind::Wait:
    case StepKind::AsCompleted:
    case StepKind::Shield:
    case StepKind::ConditionWait:
    case StepKind::ConditionWaitFor:
    case StepKind::BarrierWait:
    case StepKind::Timeout:
        return false;
    }
    return false;
}

// An assignment target: a name or a tuple of names ("done, pending").
bool isTarget(const QString &target)
{
    const QStringList names = target.split(QLatin1Char(','));
    return std::all_of(names.begin(), names.end(),
                       [](const QString &n) { return json::isIdentifier(n.trimmed()); });
}

class StepChecker
{
public:
    StepChecker(Validation &validation, const Coroutine &coroutine, bool function = false)
        : v(validation)
        , m_coroutine(coroutine)
        , m_params(coroutine.params.begin(), coroutine.params.end())
        , m_function(function)
    {}

    void steps(const Steps &steps, const QString &path)
    {
        for (std::size_t i = 0; i < steps.size(); ++i)
            step(steps[i], json::indexPath(path, qsizetype(i)));
    }

private:
    QString of() const { return QStringLiteral(" of ") + json::quoted(m_coroutine.name); }

    void step(const Step &s, const QString &path);
    void fields(const Step &s, const QString &path);
    void field(const Step &s, const FieldSpec &field, const QString &at, const QString &stepPath);
    void gather(const Step &s, const QString &path);
    void bodies(const Step &s, const QString &path);
    void duration(const Quantity &q, const QString &path);
    void count(const Quantity &q, const QString &path);
    void valueRefs(const PyValue &value, const QString &path);
    void coroCall(const QString &coro, const PyArgs &args, const QString &path);
    void functionCall(const QString &function, const PyArgs &args, const QString &path);
    void returnWhen(const QString &when, const QString &path);
    void taskRef(const QString &task, const QString &path);
    void resourceRef(const Step &s, const QString &path);
    void identifier(const QString &name, const QString &path);

    Validation &v;
    const Coroutine &m_coroutine;
    QStringList m_params;
    QStringList m_tasks;  // create_task `as` written so far
    QStringList m_values; // get `as` written so far
    QStringList m_loops;  // repeat `var` and drain `as` of the bodies we are in
    QStringList m_items;  // drain `as` of the bodies we are in: a queue item, maybe a task
    bool m_function = false; // the steps of a plain function: no await
};

void StepChecker::step(const Step &s, const QString &path)
{
    if (m_function && !runsInFunction(s.kind))
        v.expected(json::childPath(path, QStringLiteral("op")),
                   QStringLiteral("a step a plain function can run (it cannot await)"),
                   json::quoted(opName(s.kind)));
    fields(s, path);
    bodies(s, path);
    if (s.kind == StepKind::CreateTask && !s.as.isEmpty())
        m_tasks << s.as;
    const bool value = s.kind == StepKind::Get || s.kind == StepKind::GetNowait
                       || s.kind == StepKind::ToThread || s.kind == StepKind::RunInExecutor
                       || s.kind == StepKind::Shield || s.kind == StepKind::BarrierWait
                       || s.kind == StepKind::Wait;
    if (value && !s.as.isEmpty())
        for (const QString &name : s.as.split(QLatin1Char(',')))
            (s.kind == StepKind::Shield ? m_tasks : m_values) << name.trimmed();
}

void StepChecker::fields(const Step &s, const QString &path)
{
    const OpSpec &op = opSpec(s.kind);
    for (const FieldSpec &field : op.fields)
        if (fieldTaken(op, field, s))
            this->field(s, field, json::childPath(path, QLatin1String(field.key)), path);
}

// `at` is the field's own path, `stepPath` the step's (a call's problems name `coro` or
// `args` under it).
void StepChecker::field(const Step &s, const FieldSpec &field, const QString &at,
                        const QString &stepPath)
{
    switch (field.type) {
    case FieldType::Duration:
        return duration(s.*std::get<Quantity Step::*>(field.member), at);
    case FieldType::Count:
        if (s.count)
            count(*s.count, at);
        return;
    case FieldType::Coroutine:
        return coroCall(s.coro, s.args, stepPath);
    case FieldType::Task:
        return taskRef(s.task, at);
    case FieldType::Variable:
        return identifier(s.*std::get<QString Step::*>(field.member), at);
    case FieldType::GatherItems:
        return gather(s, at);
    case FieldType::Resource:
        if (field.nullable && s.resource.isEmpty())
            return; // None: the default executor
        return resourceRef(s, at);
    case FieldType::Function:
        return functionCall(s.function, s.args, stepPath);
    case FieldType::Limit:
        if (const auto &limit = s.*std::get<std::optional<Quantity> Step::*>(field.member))
            duration(*limit, at);
        return;
    case FieldType::ReturnWhen:
        return returnWhen(s.returnWhen, at);
    case FieldType::Expression: // its names are checked where expressions are
        if (s.predicate.trimmed().isEmpty())
            v.expected(at, QStringLiteral("a Python expression"), QStringLiteral("\"\""));
        return;
    case FieldType::Value:
        return valueRefs(s.*std::get<PyValue Step::*>(field.member), at);
    case FieldType::ErrorClass:
        if (!isRaisableError(s.error))
            v.expected(at,
                       QStringLiteral("the name of a built-in exception class or CancelledError"),
                       json::quoted(s.error));
        return;
    case FieldType::Work:
    case FieldType::Text:
    case FieldType::Args: // with the coroutine it goes to
    case FieldType::Flag:
    case FieldType::Body: // bodies(), with the scope it opens
    case FieldType::ExceptMap:
    case FieldType::Finally:
        return;
    }
}

void StepChecker::gather(const Step &s, const QString &path)
{
    for (std::size_t i = 0; i < s.items.size(); ++i) {
        const GatherItem &item = s.items[i];
        const QString itemPath = json::indexPath(path, qsizetype(i));
        if (item.isOp())
            step(item.awaitable.front(), itemPath);
        else if (item.isStar())
            continue; // an expression: its names are checked where expressions are
        else if (item.isTask())
            taskRef(item.task, json::childPath(itemPath, QStringLiteral("task")));
        else
            coroCall(item.coro, item.args, itemPath);
    }
}

void StepChecker::bodies(const Step &s, const QString &path)
{
    const QStringList outerLoops = m_loops, outerItems = m_items;
    if (s.kind == StepKind::Repeat && !s.var.isEmpty())
        m_loops << s.var;
    if ((s.kind == StepKind::Drain || s.kind == StepKind::AsCompleted) && !s.as.isEmpty()) {
        m_loops << s.as;
        m_items << s.as;
    }
    steps(s.steps, bodyPath(path));
    m_loops = outerLoops;
    m_items = outerItems;

    const QStringList catchable = catchableErrors();
    for (std::size_t i = 0; i < s.excepts.size(); ++i) {
        const ExceptClause &clause = s.excepts[i];
        const QString clausePath = exceptPath(path, clause.error);
        if (!catchable.contains(clause.error))
            v.expected(clausePath, QStringLiteral("one of ") + catchable.join(QLatin1String(", ")),
                       json::quoted(clause.error));
        else if (clause.error == QLatin1String("*") && i + 1 < s.excepts.size())
            v.expected(clausePath, QStringLiteral("\"*\" to be the last handler"),
                       QStringLiteral("it before ") + json::quoted(s.excepts[i + 1].error));
        steps(clause.steps, clausePath);
    }
    if (s.finallySteps)
        steps(*s.finallySteps, finallyPath(path));
}

void StepChecker::duration(const Quantity &q, const QString &path)
{
    if (!q.isParam()) {
        validateDuration(v, q.value, path, expect::duration());
        return;
    }
    const QStringList numbers = joined({&m_params, &m_values, &m_loops});
    if (!numbers.contains(q.param))
        v.expected(path,
                   QStringLiteral("a parameter or loop variable") + of() + u' ' + choices(numbers),
                   json::quoted(QLatin1Char('$') + q.param));
}

void StepChecker::count(const Quantity &q, const QString &path)
{
    if (q.isParam())
        return duration(q, path); // the same scope rule for "$name"
    if (std::isnan(q.value) || q.value < 0 || q.value != std::floor(q.value))
        v.expected(path, expect::count(), json::formatNumber(q.value));
}

// A string that is exactly "$name" takes the value of a variable: it must name one.
void StepChecker::valueRefs(const PyValue &value, const QString &path)
{
    const auto name = json::parameterReference(value.toString());
    const QStringList all = joined({&m_params, &m_tasks, &m_values, &m_loops});
    if (value.isString() && name && !all.contains(*name))
        v.expected(path, QStringLiteral("a parameter or variable") + of() + u' ' + choices(all),
                   json::quoted(value.toString()));
}

void StepChecker::coroCall(const QString &coro, const PyArgs &args, const QString &path)
{
    const Coroutine *callee = v.scenario.coroutine(coro);
    if (!callee || coro.isEmpty()) {
        QStringList names;
        for (const Coroutine &c : v.scenario.coroutines)
            names << c.name;
        v.expected(json::childPath(path, QStringLiteral("coro")),
                   expect::coroutineName() + u' ' + choices(names), json::quoted(coro));
        return;
    }
    const QString argsPath = json::childPath(path, QStringLiteral("args"));
    const QStringList params(callee->params.begin(), callee->params.end());
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (!params.contains(it.key()))
            v.expected(
                json::childPath(argsPath, it.key()),
                QStringLiteral("a parameter of %1 %2").arg(json::quoted(coro), choices(params)),
                json::quoted(it.key()));
        valueRefs(it.value(), json::childPath(argsPath, it.key()));
    }
    for (const QString &param : params)
        if (!args.contains(param))
            v.expected(argsPath,
                       QStringLiteral("a value for every parameter of %1 %2")
                           .arg(json::quoted(coro), choices(params)),
                       QStringLiteral("none for ") + json::quoted(param));
}

// A queue item (`get` or `drain` `as`) may be a task put as "$t": the run tells.
void StepChecker::taskRef(const QString &task, const QString &path)
{
    const QStringList tasks = joined({&m_tasks, &m_params, &m_values, &m_items});
    if (!tasks.contains(task))
        v.expected(path, QStringLiteral("a task variable") + of() + u' ' + choices(tasks),
                   json::quoted(task));
}

void StepChecker::resourceRef(const Step &s, const QString &path)
{
    const Resource *resource = v.scenario.resource(s.resource);
    const std::vector<ResourceKind> kinds = expect::resourceKindsFor(s.kind);
    if (resource && std::find(kinds.begin(), kinds.end(), resource->kind) != kinds.end())
        return;
    const QString why = resource ? expect::withArticle(resource->kind)
                                 : QStringLiteral("no resource has that id");
    v.expected(path, expect::resourceKindsText(s.kind),
               QStringLiteral("%1 (%2)").arg(json::quoted(s.resource), why));
}

void StepChecker::identifier(const QString &name, const QString &path)
{
    if (!name.isEmpty() && !isTarget(name))
        v.expected(path, QStringLiteral("a Python identifier or names separated by commas"),
                   json::quoted(name));
}

void StepChecker::functionCall(const QString &function, const PyArgs &args, const QString &path)
{
    const Coroutine *callee = v.scenario.function(function);
    if (!callee) {
        QStringList names;
        for (const Coroutine &f : v.scenario.functions)
            names << f.name;
        v.expected(json::childPath(path, QStringLiteral("function")),
                   QStringLiteral("the name of a function ") + choices(names),
                   json::quoted(function));
        return;
    }
    const QString argsPath = json::childPath(path, QStringLiteral("args"));
    const QStringList params(callee->params.begin(), callee->params.end());
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (!params.contains(it.key()))
            v.expected(
                json::childPath(argsPath, it.key()),
                QStringLiteral("a parameter of %1 %2").arg(json::quoted(function), choices(params)),
                json::quoted(it.key()));
        valueRefs(it.value(), json::childPath(argsPath, it.key()));
    }
    for (const QString &param : params)
        if (!args.contains(param))
            v.expected(argsPath,
                       QStringLiteral("a value for every parameter of %1 %2")
                           .arg(json::quoted(function), choices(params)),
                       QStringLiteral("none for ") + json::quoted(param));
}

void StepChecker::returnWhen(const QString &when, const QString &path)
{
    static const QStringList kinds{QStringLiteral("FIRST_COMPLETED"),
                                   QStringLiteral("FIRST_EXCEPTION"),
                                   QStringLiteral("ALL_COMPLETED")};
    if (!when.isEmpty() && !kinds.contains(when))
        v.expected(path,
                   QStringLiteral("\"FIRST_COMPLETED\", \"FIRST_EXCEPTION\" or \"ALL_COMPLETED\""),
                   json::quoted(when));
}

} // namespace

void validateCoroutineSteps(Validation &validation, const Coroutine &coroutine,
                            const QString &coroutinePath)
{
    StepChecker(validation, coroutine).steps(coroutine.steps, bodyPath(coroutinePath));
}

void validateFunctionSteps(Validation &validation, const Coroutine &function,
                           const QString &functionPath)
{
    StepChecker(validation, function, true).steps(function.steps, bodyPath(functionPath));
}

void validateDuration(Validation &validation, double seconds, const QString &path,
                      const QString &expected)
{
    if (std::isnan(seconds) || seconds < 0)
        validation.expected(path, expected, json::formatNumber(seconds));
    else if (seconds > kMaxDuration)
        validation.expected(path, QStringLiteral("at most 1e6 seconds"),
                            json::formatNumber(seconds));
}

} // namespace loopscope
