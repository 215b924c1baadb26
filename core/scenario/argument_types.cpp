// What a parameter must hold, from how its coroutine uses it, checked where it is passed: a
// parameter used as `seconds`, `timeout` or `count` needs a number, one that is awaited,
// cancelled, gathered or waited for needs a task. Without this check a string for `seconds` or
// for an awaited task fails only when the program runs (`TypeError: 'd' is not a number`).
// A parameter passed on as "$p" to such a parameter of another coroutine is used the same way.
#include "scenario/json_text.h"
#include "scenario/py_format.h"
#include "scenario/scenario_walk.h"
#include "scenario/validation.h"

#include <QHash>
#include <QSet>

#include <functional>
#include <optional>

namespace loopscope {

namespace {

enum class Need { Number, Task };

struct Use
{
    Need need = Need::Number;
    QString how; // "used as seconds", "awaited", "cancelled", ...
};

// A parameter may be used both ways (`sleep($d)` then `await d`): no value passes both, and
// each need is checked on its own.
struct ParamUses
{
    std::optional<Use> number;
    std::optional<Use> task;

    std::optional<Use> &slot(Need need) { return need == Need::Number ? number : task; }
    int count() const { return int(number.has_value()) + int(task.has_value()); }
};

using Uses = QHash<QString, ParamUses>; // parameter → its uses

void walk(const Steps &steps, const QString &path,
          const std::function<void(const Step &, const QString &)> &visit)
{
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Step &s = steps[i];
        const QString stepPath = json::indexPath(path, qsizetype(i));
        visit(s, stepPath);
        walk(s.steps, bodyPath(stepPath), visit);
        for (const ExceptClause &clause : s.excepts)
            walk(clause.steps, handlerStepsPath(stepPath, clause), visit);
        if (s.finallySteps)
            walk(*s.finallySteps, finallyPath(stepPath), visit);
    }
}

// The calls a step makes: its coroutine and arguments (gather: one per coroutine item).
std::vector<std::pair<const QString *, const PyArgs *>> callsOf(const Step &s)
{
    std::vector<std::pair<const QString *, const PyArgs *>> calls;
    const bool calls_coro = s.kind == StepKind::Call || s.kind == StepKind::CreateTask
                            || (s.kind == StepKind::WaitFor && s.task.isEmpty());
    if (calls_coro)
        calls.emplace_back(&s.coro, &s.args);
    for (const GatherItem &item : s.items)
        if (!item.isTask())
            calls.emplace_back(&item.coro, &item.args);
    return calls;
}

class ArgumentTypes
{
public:
    explicit ArgumentTypes(Validation &validation)
        : v(validation)
    {
        for (const Coroutine &c : v.scenario.coroutines)
            m_typed[c.name] = typedParams(c);
        while (spreadUses()) { // each round types at least one more parameter
        }
    }

    void check()
    {
        const auto &coroutines = v.scenario.coroutines;
        for (std::size_t i = 0; i < coroutines.size(); ++i) {
            const QString path
                = bodyPath(json::indexPath(QStringLiteral("coroutines"), qsizetype(i)));
            walk(coroutines[i].steps, path,
                 [&](const Step &s, const QString &p) { checkCalls(coroutines[i], s, p); });
        }
    }

private:
    // Parameters no step rebinds (a repeat `var`, an `as` of the same name): only those say
    // what the caller must pass.
    static QSet<QString> typedParams(const Coroutine &c)
    {
        QSet<QString> params(c.params.begin(), c.params.end());
        walk(c.steps, {}, [&](const Step &s, const QString &) {
            params.remove(s.var);
            params.remove(s.as);
        });
        return params;
    }

    void use(const Coroutine &c, const QString &param, Need need, const QString &how)
    {
        if (!m_typed[c.name].contains(param))
            return;
        std::optional<Use> &slot = m_uses[c.name][param].slot(need);
        if (!slot)
            slot = Use{need, how};
    }

    // Direct uses, then uses through "$p" arguments; true when a parameter got typed.
    bool spreadUses()
    {
        const qsizetype before = usesCount();
        for (const Coroutine &c : v.scenario.coroutines)
            walk(c.steps, {}, [&](const Step &s, const QString &) { usesIn(c, s); });
        return usesCount() > before;
    }

    qsizetype usesCount() const
    {
        qsizetype count = 0;
        for (const Uses &uses : std::as_const(m_uses))
            for (const ParamUses &param : uses)
                count += param.count();
        return count;
    }

    void usesIn(const Coroutine &c, const Step &s)
    {
        const auto number = [&](const Quantity &q, const char *how) {
            if (q.isParam())
                use(c, q.param, Need::Number, QStringLiteral("used as ") + QLatin1String(how));
        };
        if (s.kind == StepKind::WaitFor)
            number(s.timeout, "timeout");
        else if (s.kind == StepKind::Repeat && s.count)
            number(*s.count, "count");
        else if (s.kind != StepKind::Print && s.kind != StepKind::Repeat)
            number(s.seconds, "seconds");
        const QString how
            = s.kind == StepKind::Cancel ? QStringLiteral("cancelled") : QStringLiteral("awaited");
        if (!s.task.isEmpty())
            use(c, s.task, Need::Task, how);
        for (const GatherItem &item : s.items)
            if (item.isTask())
                use(c, item.task, Need::Task, QStringLiteral("gathered"));
        for (const auto &[coro, args] : callsOf(s))
            for (auto it = args->begin(); it != args->end(); ++it)
                if (const auto name = json::parameterReference(it.value().toString()))
                    if (const ParamUses *passedTo = useOf(*coro, it.key()))
                        for (const std::optional<Use> &u : {passedTo->number, passedTo->task})
                            if (u)
                                use(c, *name, u->need, u->how);
    }

    const ParamUses *useOf(const QString &coro, const QString &param) const
    {
        const auto uses = m_uses.constFind(coro);
        if (uses == m_uses.cend())
            return nullptr;
        const auto it = uses->constFind(param);
        return it == uses->cend() ? nullptr : &*it;
    }

    void checkCalls(const Coroutine &caller, const Step &s, const QString &path)
    {
        const std::vector<std::pair<const QString *, const PyArgs *>> calls = callsOf(s);
        for (std::size_t k = 0; k < calls.size(); ++k) {
            const auto &[coro, args] = calls[k];
            QString argsPath = s.kind == StepKind::Gather
                                   ? json::indexPath(json::childPath(path, QStringLiteral("items")),
                                                     qsizetype(gatherIndex(s, k)))
                                   : path;
            argsPath = json::childPath(argsPath, QStringLiteral("args"));
            for (auto it = args->begin(); it != args->end(); ++it)
                if (const ParamUses *wanted = useOf(*coro, it.key()))
                    for (const std::optional<Use> &u : {wanted->number, wanted->task})
                        if (u)
                            checkArgument(caller, *coro, it.key(), *u, it.value(),
                                          json::childPath(argsPath, it.key()));
        }
    }

    static std::size_t gatherIndex(const Step &s, std::size_t call)
    {
        for (std::size_t i = 0; i < s.items.size(); ++i)
            if (!s.items[i].isTask() && call-- == 0)
                return i;
        return 0;
    }

    void checkArgument(const Coroutine &caller, const QString &coro, const QString &param,
                       const Use &wanted, const PyValue &value, const QString &path)
    {
        const auto reference = json::parameterReference(value.toString());
        const bool isReference = value.isString() && reference;
        // "$i * 0.125", "$tasks[0]": an expression's type is known when it runs (a TypeError
        // there, as in Python), not here.
        const QString text = value.toString();
        if (value.isString() && !isReference && text.startsWith(QLatin1Char('$'))
            && !text.startsWith(QLatin1String("$$")))
            return;
        const QString why = QStringLiteral("%1 of %2 is %3")
                                .arg(json::quoted(param), json::quoted(coro), wanted.how);
        if (wanted.need == Need::Number) {
            // A "$name" is checked where it is bound, unless it names a task.
            if (value.isNumber() || (isReference && !createsTask(caller, *reference)))
                return;
            v.expected(path, QStringLiteral("a number (%1)").arg(why), described(value));
        } else if (!isReference) {
            v.expected(path, QStringLiteral("a task: \"$\" and a task variable (%1)").arg(why),
                       described(value));
        }
    }

    // True when `name` is only ever a task in the caller: a create_task `as` that nothing
    // else binds.
    static bool createsTask(const Coroutine &caller, const QString &name)
    {
        bool task = false, other = false;
        for (const QString &param : caller.params)
            other = other || param == name;
        walk(caller.steps, {}, [&](const Step &s, const QString &) {
            task = task || (s.kind == StepKind::CreateTask && s.as == name);
            other = other || (s.kind != StepKind::CreateTask && (s.as == name || s.var == name));
        });
        return task && !other;
    }

    static QString described(const PyValue &value)
    {
        if (value.isFloat())
            return py::floatRepr(value.toDouble());
        return value.isString() ? json::quoted(value.toString()) : json::describe(value.toJson());
    }

    Validation &v;
    QHash<QString, QSet<QString>> m_typed;
    QHash<QString, Uses> m_uses;
};

} // namespace

void validateArgumentTypes(Validation &validation)
{
    ArgumentTypes(validation).check();
}

} // namespace loopscope
