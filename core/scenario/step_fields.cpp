// StepChecker's checks of a step's fields, by type: durations and counts, the names and
// values they refer to, calls and their arguments, resources, gather's items.
#include "scenario/expectations.h"
#include "scenario/expression_check.h"
#include "scenario/json_text.h"
#include "scenario/op_table.h"
#include "scenario/scenario_validate.h"
#include "scenario/step_checker.h"

#include <algorithm>
#include <cmath>

namespace loopscope {

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
    case FieldType::Duration: {
        const Quantity &q = s.*std::get<Quantity Step::*>(field.member);
        if (field.nullable && !q.isParam() && std::isinf(q.value))
            return; // null: None
        return duration(q, at);
    }
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
    case FieldType::Expression:
        if (field.need == FieldNeed::Optional
            && (s.*std::get<QString Step::*>(field.member)).isEmpty())
            return; // absent (call_soon's loop: the running loop)
        return expression(s.*std::get<QString Step::*>(field.member), at);
    case FieldType::Target:
        return target(s.*std::get<QString Step::*>(field.member), at);
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
    case FieldType::Value:
        return valueRefs(s.*std::get<PyValue Step::*>(field.member), at);
    case FieldType::ErrorClass:
        if (s.error.isEmpty() && !s.message.isEmpty())
            v.expected(at,
                       QStringLiteral("an exception class for the message (a bare raise "
                                      "re-raises the exception being handled as it is)"),
                       QStringLiteral("none"));
        else if (!s.error.isEmpty() && !isRaisableError(s.error))
            v.expected(at,
                       QStringLiteral("the name of a built-in exception class or CancelledError"),
                       json::quoted(s.error));
        return;
    case FieldType::Text: // print's text is an f-string body; its `end` is plain text
        if (s.kind == StepKind::Print && field.member == StepMember(&Step::text))
            expression(s.text, at, true);
        return;
    case FieldType::Elifs: // bodies(), with the scope they open
    case FieldType::Else:
    case FieldType::Work:
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
            star(item.star, json::childPath(itemPath, QStringLiteral("star")));
        else if (item.isTask())
            taskRef(item.task, json::childPath(itemPath, QStringLiteral("task")));
        else
            coroCall(item.coro, item.args, itemPath);
    }
}

// `*expr`: its names, and what its text says it gives (an iterable of awaitables).
void StepChecker::star(const QString &text, const QString &path)
{
    expression(text, path);
    if (const auto problem = starProblem(text))
        v.expected(path,
                   QStringLiteral("an iterable of tasks or coroutine objects (*tasks, "
                                  "*(f(i) for i in range(3)))"),
                   *problem);
}

void StepChecker::duration(const Quantity &q, const QString &path)
{
    if (!q.isParam()) {
        validateDuration(v, q.value, path, expect::duration());
        return;
    }
    if (!json::isIdentifier(q.param)) {
        // Text that is no expression ("2s") gets the message it always had.
        if (isNonNumericLiteral(q.param)
            || expressionProblem(q.param, false, {})
                   .value_or(QString())
                   .contains(QLatin1String("SyntaxError")))
            v.expected(path, expect::duration(), json::quoted(q.param));
        else
            expression(q.param, path);
        return;
    }
    const QStringList numbers = joined({&m_params, &m_values, &m_loops, &m_bound});
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
    const QString text = value.toString();
    if (value.isString() && text.startsWith(QLatin1Char('$'))
        && !text.startsWith(QLatin1String("$$")) && !json::parameterReference(text)) {
        expression(text.mid(1), path); // "$i * 2"
        return;
    }
    const auto name = json::parameterReference(value.toString());
    const QStringList all = joined({&m_params, &m_tasks, &m_values, &m_loops, &m_bound});
    if (value.isString() && name && !all.contains(*name))
        v.expected(path, QStringLiteral("a parameter or variable") + of() + u' ' + choices(all),
                   json::quoted(value.toString()));
}

// The arguments of a call to a coroutine or a plain function: each names a parameter, and
// every parameter has one.
void StepChecker::callArgs(const Coroutine &callee, const PyArgs &args, const QString &path)
{
    const QString argsPath = json::childPath(path, QStringLiteral("args"));
    const QString name = json::quoted(callee.name);
    const QStringList params(callee.params.begin(), callee.params.end());
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (!params.contains(it.key()))
            v.expected(json::childPath(argsPath, it.key()),
                       QStringLiteral("a parameter of %1 %2").arg(name, choices(params)),
                       json::quoted(it.key()));
        valueRefs(it.value(), json::childPath(argsPath, it.key()));
    }
    for (const QString &param : params)
        if (!args.contains(param) && !callee.defaults.contains(param))
            v.expected(
                argsPath,
                QStringLiteral("a value for every parameter of %1 %2").arg(name, choices(params)),
                QStringLiteral("none for ") + json::quoted(param));
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
    callArgs(*callee, args, path);
}

// A queue item (`get` or `drain` `as`) may be a task put as "$t": the run tells.
void StepChecker::taskRef(const QString &task, const QString &path)
{
    if (!json::isIdentifier(task)) { // an expression: `tasks[0]`; the run tells a task
        expression(task, path);
        return;
    }
    const QStringList tasks = joined({&m_tasks, &m_params, &m_values, &m_items, &m_bound});
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
    if (!name.isEmpty() && !json::isIdentifier(name))
        v.expected(path, QStringLiteral("a Python identifier"), json::quoted(name));
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
    callArgs(*callee, args, path);
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

} // namespace loopscope
