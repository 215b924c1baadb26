// The conversions of step_field_text.h.
#include "canvas/step_field_text.h"

#include "scenario/py_value_text.h"

#include <cmath>
#include <limits>

namespace loopscope {

// An infinite literal is wait_for's timeout=None (op_fields.h: kTimeout), shown and typed so.
QString quantityText(const Quantity &q)
{
    if (!q.isParam() && std::isinf(q.value))
        return QStringLiteral("None");
    return q.isParam() ? QLatin1Char('$') + q.param : QString::number(q.value);
}

std::optional<Quantity> parseQuantity(const QString &text)
{
    const QString t = text.trimmed();
    if (t.startsWith(QLatin1Char('$')) && t.size() > 1)
        return Quantity::ref(t.mid(1));
    if (t == QLatin1String("None")) // a field other than wait_for's timeout refuses it
        return Quantity::literal(std::numeric_limits<double>::infinity());
    bool ok = false;
    const double value = t.toDouble(&ok);
    return ok ? std::optional(Quantity::literal(value)) : std::nullopt;
}

PyValue parseJsonValue(const QString &text)
{
    return readPyValueText(text).value_or(PyValue(text));
}

QString jsonValueText(const PyValue &value)
{
    return pyValueText(value);
}

QString escapedEnd(const QString &end)
{
    QString out;
    for (const QChar c : end) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\t'))
            out += QStringLiteral("\\t");
        else if (c == QLatin1Char('\r'))
            out += QStringLiteral("\\r");
        else
            out += c;
    }
    return out;
}

QString unescapedEnd(const QString &text)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const QChar next = i + 1 < text.size() ? text[i + 1] : QChar();
        if (c != QLatin1Char('\\') || next.isNull()) {
            out += c;
            continue;
        }
        if (next == QLatin1Char('n'))
            out += QLatin1Char('\n');
        else if (next == QLatin1Char('t'))
            out += QLatin1Char('\t');
        else if (next == QLatin1Char('r'))
            out += QLatin1Char('\r');
        else if (next == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        else {
            out += c;
            continue;
        }
        ++i;
    }
    return out;
}

} // namespace loopscope
