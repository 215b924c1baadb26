#include "export/python_text.h"

#include "scenario/py_format.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace loopscope::python {

namespace {

// Python's keywords and soft keywords, plus the names the generated program defines or uses
// itself: a scenario name equal to one of these would shadow it.
const QSet<QString> &reservedNames()
{
    static const QSet<QString> names{
        // keywords
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield", "match", "case", "type",
        // the program's own names
        "asyncio", "time", "sys", "burn", "SCALE", "ThreadPoolExecutor", "ProcessPoolExecutor",
        "print", "range", "Exception", "ExceptionGroup", "TimeoutError", "ValueError",
        "RuntimeError", "KeyError", "loop", "_gil_noted"};
    // Not `item`, the module loop's variable that puts a queue's initial items: it runs before
    // any program step and no coroutine reads it, so a scenario's own `item` (a `get ... as
    // item` of a consumer) keeps its name and imports back as written.
    return names;
}

// Task group variables are tg, tg2, tg3...: scenario names of that shape are moved aside.
bool isTaskGroupName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^tg[0-9]*$"));
    return pattern.match(name).hasMatch();
}

QString escaped(const QString &s, bool braces)
{
    QString out;
    out.reserve(s.size() + 2);
    for (const QChar c : s) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('"'))
            out += QLatin1Char('\\') + c;
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\r'))
            out += QStringLiteral("\\r");
        else if (c == QLatin1Char('\t'))
            out += QStringLiteral("\\t");
        else if (c.category() == QChar::Other_Control) // surrogates stay: the file is UTF-8
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else if (braces && (c == QLatin1Char('{') || c == QLatin1Char('}')))
            out += QString(2, c);
        else
            out += c;
    }
    return out;
}

} // namespace

QString identifier(const QString &name)
{
    QString out;
    for (const QChar c : name)
        out += c.isLetterOrNumber() || c == QLatin1Char('_') ? c : QLatin1Char('_');
    if (out.isEmpty() || out.front().isDigit())
        out.prepend(QLatin1Char('_'));
    if (reservedNames().contains(out) || isTaskGroupName(out))
        out += QLatin1Char('_');
    return out;
}

QString number(double value)
{
    if (!std::isfinite(value))
        return std::isnan(value) ? QStringLiteral("float(\"nan\")")
                                 : QStringLiteral("float(\"inf\")");
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(qint64(value));
    return py::floatRepr(value);
}

QString text(const QString &s, const VariableLookup &lookup)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([A-Za-z_][A-Za-z0-9_]*)\\}"));
    QString body;
    bool substituted = false;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(s);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString variable = lookup(m.captured(1));
        if (variable.isEmpty())
            continue; // stays as written; escaped with the text around it
        body += escaped(s.mid(last, m.capturedStart() - last), true);
        body += QLatin1Char('{') + variable + QLatin1Char('}');
        last = m.capturedEnd();
        substituted = true;
    }
    if (!substituted)
        return QLatin1Char('"') + escaped(s, false) + QLatin1Char('"');
    body += escaped(s.mid(last), true);
    return QStringLiteral("f\"") + body + QLatin1Char('"');
}

QString literal(const PyValue &value, const VariableLookup &lookup)
{
    switch (value.kind()) {
    case PyValue::Kind::Bool:
    case PyValue::Kind::Int:
        return value.repr();
    case PyValue::Kind::Float:
        return std::isfinite(value.toDouble()) ? value.repr() : number(value.toDouble());
    case PyValue::Kind::Str: {
        const QString s = value.toString();
        if (s.startsWith(QLatin1Char('$'))) {
            QString variable = lookup(s.mid(1));
            if (!variable.isEmpty())
                return variable;
        }
        return text(s, lookup);
    }
    case PyValue::Kind::List: {
        QStringList items;
        for (const PyValue &element : value.elements())
            items << literal(element, lookup);
        return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case PyValue::Kind::Dict: {
        QStringList items;
        for (const auto &[key, member] : value.members())
            items << QLatin1Char('"') + escaped(key, false) + QStringLiteral("\": ")
                         + literal(member, lookup);
        return QLatin1Char('{') + items.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    case PyValue::Kind::None:
    case PyValue::Kind::Absent:
        break;
    }
    return QStringLiteral("None");
}

QString commentText(const QString &s)
{
    QString out = s;
    for (QChar &c : out)
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator
            || c == QChar::ParagraphSeparator)
            c = QLatin1Char(' ');
    return out.simplified();
}

} // namespace loopscope::python
