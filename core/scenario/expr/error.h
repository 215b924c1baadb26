// An exception raised while parsing or evaluating an expression, as Python names it: the type
// ("TypeError") and the message CPython 3.12 gives. The runtime turns it into its PyError.
#pragma once

#include <QString>

namespace loopscope::expr {

struct Error
{
    QString type;
    QString message;
    int column = 0; // 1-based column in the expression text (SyntaxError); 0 when unknown

    QString text() const { return message.isEmpty() ? type : type + QLatin1String(": ") + message; }
};

[[noreturn]] inline void raise(const char *type, const QString &message)
{
    throw Error{QString::fromLatin1(type), message};
}

// The message for Python ints beyond what this engine holds (CPython's ints are unbounded).
[[noreturn]] inline void raiseIntOverflow()
{
    raise("OverflowError", QStringLiteral("ints beyond 64 bits are not supported"));
}

} // namespace loopscope::expr
