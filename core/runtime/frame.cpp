#include "frame.h"

#include "scenario/scenario.h"
#include "task.h"

#include <QRegularExpression>

#include <cmath>

namespace loopscope::rt {

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
    if (!v || !v->json.isDouble())
        throw PyError{
            QStringLiteral("TypeError"), QStringLiteral("'%1' is not a number").arg(q.param), {}};
    return v->json.toDouble();
}

Task *Frame::task(const QString &name) const
{
    const Value *v = find(name);
    if (!v || !v->task)
        throw PyError{
            QStringLiteral("TypeError"), QStringLiteral("'%1' is not a task").arg(name), {}};
    return static_cast<Task *>(v->task.get());
}

QString pythonStr(const QJsonValue &v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (std::floor(d) == d && std::abs(d) < 1e15)
            return QString::number(static_cast<long long>(d));
        return QString::number(d, 'g', 17);
    }
    if (v.isBool())
        return v.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    if (v.isNull() || v.isUndefined())
        return QStringLiteral("None");
    return v.toString();
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
        if (!v)
            out += m.captured(0);
        else if (v->task)
            out += static_cast<Task *>(v->task.get())->name();
        else
            out += pythonStr(v->json);
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

QJsonValue Frame::resolve(const QJsonValue &v) const
{
    if (!v.isString())
        return v;
    const QString s = v.toString();
    if (s.startsWith(QLatin1Char('$'))) {
        if (const Value *var = find(s.mid(1)))
            return var->json;
    }
    return substitute(s);
}

Frame Frame::bind(const QJsonObject &args) const
{
    Frame callee;
    for (auto it = args.begin(); it != args.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isString() && v.toString().startsWith(QLatin1Char('$'))) {
            if (const Value *var = find(v.toString().mid(1))) {
                callee.vars[it.key()] = *var;
                continue;
            }
        }
        callee.vars[it.key()] = Value{resolve(v), {}};
    }
    return callee;
}

} // namespace loopscope::rt
