#include "frame.h"

#include "scenario/scenario.h"
#include "task.h"

#include <QRegularExpression>

namespace loopscope::rt {

namespace {

// A variable the program reads before any step bound it: a create_task `as` inside a repeat of
// count 0 or a try body that raised first. Python's text for a local read before assignment.
PyError unbound(const QString &name)
{
    return PyError{QStringLiteral("UnboundLocalError"),
                   QStringLiteral("cannot access local variable '%1' where it is not associated "
                                  "with a value")
                       .arg(name),
                   {}};
}

} // namespace

const Value *Frame::find(const QString &name) const
{
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : &it->second;
}

double Frame::number(const Quantity &q) const
{
    if (!q.isParam())
        return q.value;
    const Value *v = find(q.param);
    if (!v)
        throw unbound(q.param);
    if (!v->isNumber())
        throw PyError{
            QStringLiteral("TypeError"), QStringLiteral("'%1' is not a number").arg(q.param), {}};
    return v->asFloat();
}

Task *Frame::task(const QString &name) const
{
    const Value *v = find(name);
    if (!v)
        throw unbound(name);
    Task *task = taskOf(*v);
    if (!task)
        throw PyError{
            QStringLiteral("TypeError"), QStringLiteral("'%1' is not a task").arg(name), {}};
    return task;
}

void Frame::assign(const QString &target, Value value)
{
    vars[target] = std::move(value);
}

QString Frame::substitute(const QString &text) const
{
    if (!text.contains(QLatin1Char('{')))
        return text;
    static const QRegularExpression field(QStringLiteral("\\{([A-Za-z_][A-Za-z0-9_]*)\\}"));
    QString out;
    qsizetype last = 0;
    auto it = field.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        const Value *v = find(m.captured(1));
        out += v ? v->str() : m.captured(0);
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

Value Frame::resolve(const PyValue &v) const
{
    if (!v.isString())
        return expr::fromPyValue(v);
    const QString s = v.toString();
    if (s.startsWith(QLatin1Char('$')))
        if (const Value *var = find(s.mid(1)))
            return *var;
    return Value::string(substitute(s));
}

Frame Frame::bind(const PyArgs &args) const
{
    Frame callee;
    for (auto it = args.begin(); it != args.end(); ++it)
        callee.vars[it.key()] = resolve(it.value());
    return callee;
}

} // namespace loopscope::rt
