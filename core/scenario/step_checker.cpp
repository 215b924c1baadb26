// StepChecker's walk: each step in document order, the names it binds, and the bodies it opens
// with their scopes (loops, elif, else, except handlers, finally).
#include "scenario/step_checker.h"
#include "scenario/expression_check.h"
#include "scenario/op_table.h"
#include "scenario/scenario_validate.h"
#include "scenario/scenario_walk.h"

namespace loopscope {

namespace {

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
    case StepKind::RunUntilComplete:
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

} // namespace

StepChecker::StepChecker(Validation &validation, const Coroutine &coroutine, bool module,
                         bool function)
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

QStringList StepChecker::joined(std::initializer_list<const QStringList *> lists)
{
    QStringList names;
    for (const QStringList *list : lists)
        names += *list;
    names.removeDuplicates();
    return names;
}

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
    if ((s.kind == StepKind::RunForever || s.kind == StepKind::Close
         || s.kind == StepKind::RunUntilComplete)
        && !m_module)
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
                                      "BrokenBarrierError, InvalidStateError) or \"*\""),
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

} // namespace loopscope
