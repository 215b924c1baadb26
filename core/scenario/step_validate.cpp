// Checking the steps of one coroutine. Variables follow Python's function scope in document
// order: a create_task `as` or a get `as` is visible to every step written after it; a repeat
// `var` and a drain `as` only inside their body.
#include "scenario/expectations.h"
#include "scenario/expression_check.h"
#include "scenario/json_text.h"
#include "scenario/op_table.h"
#include "scenario/scenario_validate.h"
#include "scenario/scenario_walk.h"
#include "scenario/validation.h"

#include <cmath>
#include <set>

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
    case StepKind::Return:
    case StepKind::If:
    case StepKind::For:
    case StepKind::While:
    case StepKind::Break:
    case StepKind::Continue:
    case StepKind::Set:
    case StepKind::Stop:
    case StepKind::RunForever: // refused as the program's own (controlFlow), not here
    case StepKind::Close:
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
    case StepKind::Run:
        return false;
    }
    return false;
}

bool bindsResult(const Step &s)
{
    return s.kind != StepKind::CreateTask && s.kind != StepKind::Get && s.kind != StepKind::Drain;
}

// The names the steps bind, at any depth. allOps: the `as` and `var` of the ops that had them
// before values (create_task, get, drain, repeat) too, which the checks in document order see.
void addBoundNames(QStringList &names, const Steps &steps, bool allOps)
{
    forEachStep(steps, [&names, allOps](const Step &s) {
        if (s.kind == StepKind::Set)
            names << targetNames(s.name);
        if (s.kind == StepKind::For)
            names << targetNames(s.var);
        if (!s.as.isEmpty() && (allOps || bindsResult(s)))
            names << targetNames(s.as);
        if (allOps && s.kind == StepKind::Repeat && !s.var.isEmpty())
            names << s.var;
        for (const ExceptClause &clause : s.excepts)
            if (!clause.as.isEmpty())
                names << clause.as;
    });
}

// The module's globals: what the program binds, and what a coroutine declares global.
QStringList moduleNames(const Scenario &scenario)
{
    QStringList names;
    if (scenario.program)
        addBoundNames(names, *scenario.program, true);
    for (const Coroutine &c : scenario.coroutines)
        names += QStringList(c.globals.begin(), c.globals.end());
    return names;
}

class StepChecker
{
public:
    StepChecker(Validation &validation, const Coroutine &coroutine, bool module = false,
                bool function = false)
        : v(validation)
        , m_coroutine(coroutine)
        , m_params(coroutine.params.begin(), coroutine.params.end())
        , m_module(module)
        , m_function(function)
    {
        addBoundNames(m_bound, coroutine.steps, false);
        m_bound += moduleNames(validation.scenario);
        m_bound.removeDuplicates();
        addBoundNames(m_visible, coroutine.steps, true);
        for (const Resource &r : validation.scenario.resources)
            m_visible << r.id;
        for (const Coroutine &c : validation.scenario.coroutines) // `f(i)`: a coroutine object
            m_visible << c.name;
        m_visible << QStringLiteral("loop"); // the running loop, as the export binds it
    }

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
    void star(const QString &text, const QString &path);
    void bodies(const Step &s, const QString &path);
    void duration(const Quantity &q, const QString &path);
    void count(const Quantity &q, const QString &path);
    void valueRefs(const PyValue &value, const QString &path);
    void coroCall(const QString &coro, const PyArgs &args, const QString &path);
    void functionCall(const QString &function, const PyArgs &args, const QString &path);
    void callArgs(const Coroutine &callee, const PyArgs &args, const QString &path);
    void returnWhen(const QString &when, const QString &path);
    void taskRef(const QString &task, const QString &path);
    void resourceRef(const Step &s, const QString &path);
    void identifier(const QString &name, const QString &path);
    void expression(const QString &text, const QString &path, bool fstring = false);
    void target(const QString &text, const QString &path);
    void controlFlow(const Step &s, const QString &path);
    QStringList known() const;

    Validation &v;
    const Coroutine &m_coroutine;
    QStringList m_params;
    QStringList m_tasks;  // create_task `as` written so far
    QStringList m_values; // get `as` written so far
    QStringList m_loops;  // repeat `var` and drain `as` of the bodies we are in
    QStringList m_items;  // drain `as` of the bodies we are in: a queue item, maybe a task
    // What expressions may read: every name the coroutine binds anywhere (Python's function
    // scope: read before it is bound, it fails when it runs), the module's globals, the
    // resources.
    QStringList m_bound;
    QStringList m_visible;   // and every other name the coroutine binds, and the resources
    bool m_module;           // the program's steps, not a coroutine's
    int m_loopDepth = 0;     // for, while, repeat, drain: where break and continue may be
    bool m_function = false; // the steps of a plain function: no await
};

void StepChecker::expression(const QString &text, const QString &path, bool fstring)
{
    if (const auto problem = expressionProblem(text, fstring, known()))
        v.report(path, *problem);
}

void StepChecker::target(const QString &text, const QString &path)
{
    if (text.isEmpty())
        return;
    // Whatever the parser made of "my item" or "1x", what the field wants is plainer to read.
    if (targetProblem(text))
        v.expected(path, QStringLiteral("a variable name or names separated by commas"),
                   json::quoted(text));
}

QStringList StepChecker::known() const
{
    return joined({&m_params, &m_tasks, &m_values, &m_loops, &m_items, &m_bound, &m_visible});
}

// break and continue belong in a loop, return in a coroutine, run in the program.
void StepChecker::controlFlow(const Step &s, const QString &path)
{
    if ((s.kind == StepKind::Break || s.kind == StepKind::Continue) && m_loopDepth == 0)
        v.report(path, QStringLiteral("SyntaxError: '%1' outside loop").arg(opName(s.kind)));
    if (s.kind == StepKind::Return && m_module)
        v.report(path, QStringLiteral("SyntaxError: 'return' outside function"));
    if (s.kind == StepKind::Run && !m_module)
        v.report(path, QStringLiteral("expected run only among the program's steps (asyncio.run() "
                                      "inside a coroutine raises RuntimeError)"));
    if ((s.kind == StepKind::RunForever || s.kind == StepKind::Close) && !m_module)
        v.report(path, QStringLiteral("expected %1 only among the program's steps (the loop is "
                                      "running there: RuntimeError)")
                           .arg(opName(s.kind)));
}

void StepChecker::step(const Step &s, const QString &path)
{
    if (m_function && !runsInFunction(s.kind))
        v.expected(json::childPath(path, QStringLiteral("op")),
                   QStringLiteral("a step a plain function can run (it cannot await)"),
                   json::quoted(opName(s.kind)));
    controlFlow(s, path);
    fields(s, path);
    bodies(s, path);
    if (s.kind == StepKind::Set)
        m_values << targetNames(s.name);
    else if (bindsResult(s) && !s.as.isEmpty())
        m_values << targetNames(s.as);
    if (s.kind == StepKind::CreateTask && !s.as.isEmpty())
        m_tasks << s.as;
    if (s.kind == StepKind::Get && !s.as.isEmpty())
        m_values << targetNames(s.as);
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

void StepChecker::bodies(const Step &s, const QString &path)
{
    const QStringList outerLoops = m_loops, outerItems = m_items;
    if (s.kind == StepKind::Repeat && !s.var.isEmpty())
        m_loops << s.var;
    if (s.kind == StepKind::For)
        m_loops << targetNames(s.var);
    if ((s.kind == StepKind::Drain || s.kind == StepKind::AsCompleted) && !s.as.isEmpty()) {
        m_loops << s.as;
        m_items << s.as;
    }
    const bool loop = s.kind == StepKind::Repeat || s.kind == StepKind::For
                      || s.kind == StepKind::While || s.kind == StepKind::Drain;
    m_loopDepth += loop ? 1 : 0;
    steps(s.steps, bodyPath(path));
    m_loopDepth -= loop ? 1 : 0;
    m_loops = outerLoops;
    m_items = outerItems;
    for (std::size_t i = 0; i < s.elifs.size(); ++i) {
        const QString elifPath
            = json::indexPath(json::childPath(path, QStringLiteral("elif")), qsizetype(i));
        expression(s.elifs[i].cond, json::childPath(elifPath, QStringLiteral("cond")));
        steps(s.elifs[i].steps, json::childPath(elifPath, QStringLiteral("steps")));
    }
    if (s.elseSteps)
        steps(*s.elseSteps, json::childPath(path, QStringLiteral("else")));

    for (std::size_t i = 0; i < s.excepts.size(); ++i) {
        const ExceptClause &clause = s.excepts[i];
        const QString clausePath = exceptPath(path, clause.error);
        if (!isCatchableError(clause.error))
            v.expected(clausePath,
                       QStringLiteral("a built-in exception class, one of asyncio's "
                                      "(CancelledError, QueueFull, QueueEmpty, "
                                      "BrokenBarrierError) or \"*\""),
                       json::quoted(clause.error));
        else if (clause.error == QLatin1String("*") && i + 1 < s.excepts.size())
            v.expected(clausePath, QStringLiteral("\"*\" to be the last handler"),
                       QStringLiteral("it before ") + json::quoted(s.excepts[i + 1].error));
        if (!clause.as.isEmpty())
            identifier(clause.as, json::childPath(clausePath, QStringLiteral("as")));
        steps(clause.steps, handlerStepsPath(path, clause));
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

} // namespace

void validateCoroutineSteps(Validation &validation, const Coroutine &coroutine,
                            const QString &coroutinePath)
{
    StepChecker(validation, coroutine).steps(coroutine.steps, bodyPath(coroutinePath));
}

void validateFunctionSteps(Validation &validation, const Coroutine &function,
                           const QString &functionPath)
{
    StepChecker(validation, function, false, true).steps(function.steps, bodyPath(functionPath));
}

void validateProgram(Validation &validation)
{
    if (!validation.scenario.program)
        return;
    const Steps &program = *validation.scenario.program;
    Coroutine module; // the module's code: its names are all globals
    module.steps = program;
    StepChecker(validation, module, true).steps(program, QStringLiteral("program"));
    int runs = 0;
    for (const Step &s : program)
        runs += s.kind == StepKind::Run ? 1 : 0;
    bool ownLoop = false; // loop.run_forever(): the program runs the loop itself
    forEachStep(program, [&ownLoop](const Step &s) { ownLoop |= s.kind == StepKind::RunForever; });
    if (ownLoop && runs > 0)
        validation.expected(QStringLiteral("program"),
                            QStringLiteral("either one run step or run_forever steps (asyncio.run "
                                           "makes a loop of its own)"),
                            QStringLiteral("both"));
    else if (runs != 1 && !ownLoop)
        validation.expected(
            QStringLiteral("program"),
            QStringLiteral("exactly one run step among the program's top-level steps"),
            QString::number(runs));
    forEachStep(program, [&validation](const Step &s) {
        static const std::set<StepKind> sync{
            StepKind::Set,      StepKind::Print,    StepKind::If,
            StepKind::For,      StepKind::While,    StepKind::Break,
            StepKind::Continue, StepKind::Raise,    StepKind::Try,
            StepKind::Run,      StepKind::CallSoon, StepKind::CallLater,
            StepKind::Stop,     StepKind::Close,    StepKind::RunForever,
            StepKind::Return}; // return: refused as outside a function
        if (!sync.contains(s.kind))
            validation.report(QStringLiteral("program"),
                              QStringLiteral("expected only set, print, if, for, while, break, "
                                             "continue, raise, try, run, and the loop's "
                                             "call_soon, call_later, run_forever, stop and close "
                                             "in the program (no task runs there, and the "
                                             "trace's clock is the loop's: no cpu or block), "
                                             "got %1")
                                  .arg(opName(s.kind)));
    });
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
