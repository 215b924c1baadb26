#include "frame_scope.h"

#include "coroutine_values.h"
#include "objects.h"
#include "runtime.h"
#include "scenario/expr/error.h"
#include "scenario/expr/eval.h"
#include "scenario/scenario.h"

#include <QRegularExpression>

namespace loopscope::rt {

namespace {

bool isIdentifier(const QString &text)
{
    if (text.isEmpty() || text.front().isDigit())
        return false;
    return std::all_of(text.begin(), text.end(),
                       [](QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_'); });
}

Value evaluateParsed(Runtime &rt, const Frame &frame, const QString &text, bool fstring)
{
    try {
        FrameScope scope(rt, frame);
        return expr::evaluate(rt.parsed(text, fstring), scope);
    } catch (const expr::Error &e) {
        throw PyError::fromExpression(e); // raised in the task, as Python raises it
    }
}

void bindName(Runtime &rt, Frame &frame, const QString &name, const Value &value)
{
    if (frame.isGlobal(name))
        rt.globals[name] = value;
    else
        frame.vars[name] = value;
}

} // namespace

// A name the coroutine assigns somewhere is local everywhere in it, as Python compiles it:
// read before it is bound, it is UnboundLocalError, not the global of that name.
std::optional<Value> FrameScope::lookup(const QString &name)
{
    if (const Value *local = m_frame.find(name))
        return *local;
    if (m_frame.coroutine && m_rt.localNames(*m_frame.coroutine).contains(name))
        throw unboundLocal(name);
    if (const Value *global = m_rt.global(name))
        return *global;
    if (std::optional<Value> resource = m_rt.resourceValue(name))
        return resource;
    if (std::optional<Value> coroutine = coroutineFunction(m_rt, name))
        return coroutine; // `fetch(i)` makes a coroutine object (gather(*...) wraps it)
    // `loop`, as the export binds it (loop = asyncio.get_running_loop()): loop.time() is
    // scenario time.
    if (name == QLatin1String("loop")) {
        FrameScope scope(m_rt, m_frame);
        return expr::evaluate(m_rt.parsed(QStringLiteral("asyncio.get_running_loop()"), false),
                              scope);
    }
    return std::nullopt;
}

double FrameScope::clock()
{
    return m_rt.now();
}

expr::Random &FrameScope::random()
{
    return m_rt.random;
}

bool FrameScope::loopRunning()
{
    return m_rt.loopRunning;
}

Value evaluate(Runtime &rt, const Frame &frame, const QString &text)
{
    if (isIdentifier(text)) { // "$delay" of old files and bare names: no trip through the engine
        if (const Value *local = frame.find(text))
            return *local;
    }
    return evaluateParsed(rt, frame, text, false);
}

QString formatText(Runtime &rt, const Frame &frame, const QString &body)
{
    if (!body.contains(QLatin1Char('{')) && !body.contains(QLatin1Char('}')))
        return body;
    return evaluateParsed(rt, frame, body, true).asStr();
}

double numberOf(Runtime &rt, const Frame &frame, const Quantity &q)
{
    const Value v = evaluate(rt, frame, q.param);
    if (!v.isNumber() || v.kind() == Value::Kind::Bool)
        throw PyError{
            QStringLiteral("TypeError"),
            QStringLiteral("'%1' object cannot be interpreted as a number").arg(v.typeName()),
            {}};
    return v.asFloat();
}

QString substitute(Runtime &rt, const Frame &frame, const QString &text)
{
    if (!text.contains(QLatin1Char('{')))
        return text;
    static const QRegularExpression field(QStringLiteral("\\{([A-Za-z_][A-Za-z0-9_]*)\\}"));
    FrameScope scope(rt, frame);
    QString out;
    qsizetype last = 0;
    auto it = field.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        const Value *v = frame.find(m.captured(1));
        if (!v)
            v = rt.global(m.captured(1));
        out += v ? v->str() : m.captured(0);
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

Value resolve(Runtime &rt, const Frame &frame, const PyValue &v)
{
    if (!v.isString())
        return expr::fromPyValue(v);
    const QString s = v.toString();
    if (s.startsWith(QLatin1String("$$")))
        return Value::string(substitute(rt, frame, s.mid(1)));
    if (s.startsWith(QLatin1Char('$')))
        return evaluate(rt, frame, s.mid(1));
    return Value::string(substitute(rt, frame, s));
}

Frame bind(Runtime &rt, const Frame &frame, const PyArgs &args)
{
    Frame inner;
    for (auto it = args.begin(); it != args.end(); ++it)
        inner.vars[it.key()] = resolve(rt, frame, it.value());
    return inner;
}

void fillDefaults(Runtime &rt, const Coroutine &callee, Frame &frame)
{
    QStringList missing;
    for (const QString &param : callee.params) {
        if (frame.vars.contains(param))
            continue;
        if (!callee.defaults.contains(param)) {
            missing << QLatin1Char('\'') + param + QLatin1Char('\'');
            continue;
        }
        const auto key = std::make_pair(&callee, param);
        auto it = rt.defaultValues.find(key);
        if (it == rt.defaultValues.end())
            it = rt.defaultValues.emplace(key, resolve(rt, Frame{}, callee.defaults.value(param)))
                     .first;
        frame.vars[param] = it->second;
    }
    if (missing.isEmpty())
        return;
    // CPython's wording (ceval.c, format_missing): 'a' and 'b'; 'a', 'b', and 'c'.
    QString names = missing.back();
    if (missing.size() > 1)
        names = missing.mid(0, missing.size() - 1).join(QStringLiteral(", "))
                + (missing.size() == 2 ? QStringLiteral(" and ") : QStringLiteral(", and "))
                + names;
    throw PyError{QStringLiteral("TypeError"),
                  QStringLiteral("%1() missing %2 required positional argument%3: %4")
                      .arg(callee.name, QString::number(missing.size()),
                           missing.size() == 1 ? QString() : QStringLiteral("s"), names),
                  {}};
}

void assign(Runtime &rt, Frame &frame, const QString &target, Value value)
{
    if (isIdentifier(target))
        return bindName(rt, frame, target, value);
    try {
        expr::unpack(*rt.parsed(target, false).root, value,
                     [&](const QString &name, const Value &v) { bindName(rt, frame, name, v); });
    } catch (const expr::Error &e) {
        throw PyError::fromExpression(e);
    }
}

bool truth(Runtime &rt, const Frame &frame, const QString &cond)
{
    return evaluate(rt, frame, cond).truthy();
}

Task *taskIn(Runtime &rt, const Frame &frame, const QString &text)
{
    const Value v = evaluate(rt, frame, text);
    Task *task = taskOf(v);
    if (!task)
        throw PyError{
            QStringLiteral("TypeError"), QStringLiteral("'%1' is not a task").arg(text), {}};
    return task;
}

// ---- what Runtime keeps for expressions ---------------------------------------------------

std::optional<Value> Runtime::resourceValue(const QString &id)
{
    if (auto it = m_resourceValues.find(id); it != m_resourceValues.end())
        return it->second;
    std::shared_ptr<expr::Object> object = resourceObject(*this, id);
    if (!object)
        return std::nullopt;
    return m_resourceValues[id] = Value::object(std::move(object));
}

const expr::Expr &Runtime::parsed(const QString &text, bool fstring)
{
    QHash<QString, expr::Expr> &cache = m_parsed[fstring ? 1 : 0];
    if (auto it = cache.constFind(text); it != cache.cend())
        return *it;
    try {
        return *cache.insert(text,
                             fstring ? expr::Expr::parseFString(text) : expr::Expr::parse(text));
    } catch (const expr::Error &e) {
        throw PyError::fromExpression(e);
    }
}

namespace {

void addTargets(QSet<QString> &names, const QString &target)
{
    for (QString name : target.split(QLatin1Char(','))) {
        name.remove(QLatin1Char('(')).remove(QLatin1Char(')'));
        name = name.trimmed();
        if (!name.isEmpty())
            names.insert(name);
    }
}

void addBoundNames(QSet<QString> &names, const Steps &steps)
{
    for (const Step &step : steps) {
        addTargets(names, step.as);
        addTargets(names, step.var);
        if (step.kind == StepKind::Set)
            addTargets(names, step.name);
        for (const ElifClause &clause : step.elifs)
            addBoundNames(names, clause.steps);
        if (step.elseSteps)
            addBoundNames(names, *step.elseSteps);
        addBoundNames(names, step.steps);
        for (const ExceptClause &clause : step.excepts) {
            addTargets(names, clause.as);
            addBoundNames(names, clause.steps);
        }
        if (step.finallySteps)
            addBoundNames(names, *step.finallySteps);
    }
}

} // namespace

const QSet<QString> &Runtime::localNames(const Coroutine &coroutine)
{
    if (auto it = m_localNames.constFind(&coroutine); it != m_localNames.cend())
        return *it;
    QSet<QString> names(coroutine.params.begin(), coroutine.params.end());
    addBoundNames(names, coroutine.steps);
    for (const QString &global : coroutine.globals)
        names.remove(global);
    return *m_localNames.insert(&coroutine, names);
}

} // namespace loopscope::rt
