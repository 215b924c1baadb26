// A Python exception travelling through interpreted coroutines as a C++ exception.
#pragma once

#include "scenario/builtin_exceptions.h"
#include "scenario/expr/error.h"

#include <QString>

#include <vector>

namespace loopscope::rt {

struct PyError
{
    QString type; // "ValueError", "CancelledError", "TimeoutError", "ExceptionGroup", ...
    QString message;
    std::vector<PyError> group; // ExceptionGroup: the sub-exceptions
    // The message is Python's str() of the exception already: the expression engine's
    // KeyError holds the key's repr ("'k'", "3"), where a `raise` step's holds the key.
    bool strGiven = false;

    // `raise <error>(<message>)` of a `raise` step, as scenario-format.md defines it for the
    // classes that do not take one message: an alias raises its class (IOError is OSError), an
    // exception group holds one exception with the same message.
    static PyError raised(const QString &error, const QString &message)
    {
        PyError e{pyexc::canonical(error), message, {}};
        if (e.type == QLatin1String("ExceptionGroup"))
            e.group.push_back(PyError{QStringLiteral("Exception"), message, {}});
        else if (e.type == QLatin1String("BaseExceptionGroup"))
            e.group.push_back(PyError{QStringLiteral("BaseException"), message, {}});
        return e;
    }

    // An error of an expression (`d['k']`, `1 // 0`), raised in the task as Python raises it.
    static PyError fromExpression(const expr::Error &e) { return {e.type, e.message, {}, true}; }

    bool isCancel() const { return type == QLatin1String("CancelledError"); }
    // Python's str() of the exception: a KeyError shows the repr of its key, a Unicode error
    // its codec and position, an exception group the number of exceptions it holds.
    QString str() const
    {
        if (type == QLatin1String("KeyError") && !strGiven)
            return message.isEmpty() ? QString() : repr(message);
        if (type == QLatin1String("ExceptionGroup") || type == QLatin1String("BaseExceptionGroup"))
            return QStringLiteral("%1 (%2 sub-exception%3)")
                .arg(message)
                .arg(group.size())
                .arg(group.size() == 1 ? QString() : QStringLiteral("s"));
        if (type == QLatin1String("UnicodeDecodeError"))
            return QStringLiteral("'utf-8' codec can't decode byte 0xff in position 0: ")
                   + orDefault(QStringLiteral("invalid start byte"));
        if (type == QLatin1String("UnicodeEncodeError"))
            return QStringLiteral("'ascii' codec can't encode character '\\xe9' in position 0: ")
                   + orDefault(QStringLiteral("ordinal not in range(128)"));
        if (type == QLatin1String("UnicodeTranslateError"))
            return QStringLiteral("can't translate character '\\xe9' in position 0: ")
                   + orDefault(QStringLiteral("character maps to <undefined>"));
        return message;
    }
    // "ValueError: boom", "KeyError: 'no such key'", or "ValueError" alone when str() is
    // empty: the last line of Python's traceback.
    QString describe() const
    {
        const QString text = str();
        return text.isEmpty() ? type : type + QLatin1String(": ") + text;
    }
    static PyError cancelled() { return {QStringLiteral("CancelledError"), {}, {}}; }

    // Python's repr() of a str: single quotes unless it holds one and no double quote.
    static QString repr(const QString &s)
    {
        const QChar quote = s.contains(QLatin1Char('\'')) && !s.contains(QLatin1Char('"'))
                                ? QLatin1Char('"')
                                : QLatin1Char('\'');
        QString out(quote);
        for (const QChar c : s) {
            if (c == QLatin1Char('\\') || c == quote)
                out += QLatin1Char('\\') + QString(c);
            else if (c == QLatin1Char('\n'))
                out += QStringLiteral("\\n");
            else if (c == QLatin1Char('\r'))
                out += QStringLiteral("\\r");
            else if (c == QLatin1Char('\t'))
                out += QStringLiteral("\\t");
            else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
        return out + quote;
    }

private:
    QString orDefault(const QString &reason) const { return message.isEmpty() ? reason : message; }
};

} // namespace loopscope::rt
