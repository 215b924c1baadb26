#include "scenario/builtin_exceptions.h"

#include <QHash>

namespace loopscope::pyexc {

namespace {

// Each class and its first base, as CPython 3.12 defines them (written out from its builtins
// module, aliases left out); BaseException has none.
const QHash<QString, QString> &bases()
{
    static const QHash<QString, QString> table{
        {QStringLiteral("ArithmeticError"), QStringLiteral("Exception")},
        {QStringLiteral("AssertionError"), QStringLiteral("Exception")},
        {QStringLiteral("AttributeError"), QStringLiteral("Exception")},
        {QStringLiteral("BaseException"), QStringLiteral("")},
        {QStringLiteral("BaseExceptionGroup"), QStringLiteral("BaseException")},
        {QStringLiteral("BlockingIOError"), QStringLiteral("OSError")},
        {QStringLiteral("BrokenPipeError"), QStringLiteral("ConnectionError")},
        {QStringLiteral("BufferError"), QStringLiteral("Exception")},
        {QStringLiteral("BytesWarning"), QStringLiteral("Warning")},
        {QStringLiteral("ChildProcessError"), QStringLiteral("OSError")},
        {QStringLiteral("ConnectionAbortedError"), QStringLiteral("ConnectionError")},
        {QStringLiteral("ConnectionError"), QStringLiteral("OSError")},
        {QStringLiteral("ConnectionRefusedError"), QStringLiteral("ConnectionError")},
        {QStringLiteral("ConnectionResetError"), QStringLiteral("ConnectionError")},
        {QStringLiteral("DeprecationWarning"), QStringLiteral("Warning")},
        {QStringLiteral("EOFError"), QStringLiteral("Exception")},
        {QStringLiteral("EncodingWarning"), QStringLiteral("Warning")},
        {QStringLiteral("Exception"), QStringLiteral("BaseException")},
        {QStringLiteral("ExceptionGroup"), QStringLiteral("BaseExceptionGroup")},
        {QStringLiteral("FileExistsError"), QStringLiteral("OSError")},
        {QStringLiteral("FileNotFoundError"), QStringLiteral("OSError")},
        {QStringLiteral("FloatingPointError"), QStringLiteral("ArithmeticError")},
        {QStringLiteral("FutureWarning"), QStringLiteral("Warning")},
        {QStringLiteral("GeneratorExit"), QStringLiteral("BaseException")},
        {QStringLiteral("ImportError"), QStringLiteral("Exception")},
        {QStringLiteral("ImportWarning"), QStringLiteral("Warning")},
        {QStringLiteral("IndentationError"), QStringLiteral("SyntaxError")},
        {QStringLiteral("IndexError"), QStringLiteral("LookupError")},
        {QStringLiteral("InterruptedError"), QStringLiteral("OSError")},
        {QStringLiteral("IsADirectoryError"), QStringLiteral("OSError")},
        {QStringLiteral("KeyError"), QStringLiteral("LookupError")},
        {QStringLiteral("KeyboardInterrupt"), QStringLiteral("BaseException")},
        {QStringLiteral("LookupError"), QStringLiteral("Exception")},
        {QStringLiteral("MemoryError"), QStringLiteral("Exception")},
        {QStringLiteral("ModuleNotFoundError"), QStringLiteral("ImportError")},
        {QStringLiteral("NameError"), QStringLiteral("Exception")},
        {QStringLiteral("NotADirectoryError"), QStringLiteral("OSError")},
        {QStringLiteral("NotImplementedError"), QStringLiteral("RuntimeError")},
        {QStringLiteral("OSError"), QStringLiteral("Exception")},
        {QStringLiteral("OverflowError"), QStringLiteral("ArithmeticError")},
        {QStringLiteral("PendingDeprecationWarning"), QStringLiteral("Warning")},
        {QStringLiteral("PermissionError"), QStringLiteral("OSError")},
        {QStringLiteral("ProcessLookupError"), QStringLiteral("OSError")},
        {QStringLiteral("RecursionError"), QStringLiteral("RuntimeError")},
        {QStringLiteral("ReferenceError"), QStringLiteral("Exception")},
        {QStringLiteral("ResourceWarning"), QStringLiteral("Warning")},
        {QStringLiteral("RuntimeError"), QStringLiteral("Exception")},
        {QStringLiteral("RuntimeWarning"), QStringLiteral("Warning")},
        {QStringLiteral("StopAsyncIteration"), QStringLiteral("Exception")},
        {QStringLiteral("StopIteration"), QStringLiteral("Exception")},
        {QStringLiteral("SyntaxError"), QStringLiteral("Exception")},
        {QStringLiteral("SyntaxWarning"), QStringLiteral("Warning")},
        {QStringLiteral("SystemError"), QStringLiteral("Exception")},
        {QStringLiteral("SystemExit"), QStringLiteral("BaseException")},
        {QStringLiteral("TabError"), QStringLiteral("IndentationError")},
        {QStringLiteral("TimeoutError"), QStringLiteral("OSError")},
        {QStringLiteral("TypeError"), QStringLiteral("Exception")},
        {QStringLiteral("UnboundLocalError"), QStringLiteral("NameError")},
        {QStringLiteral("UnicodeDecodeError"), QStringLiteral("UnicodeError")},
        {QStringLiteral("UnicodeEncodeError"), QStringLiteral("UnicodeError")},
        {QStringLiteral("UnicodeError"), QStringLiteral("ValueError")},
        {QStringLiteral("UnicodeTranslateError"), QStringLiteral("UnicodeError")},
        {QStringLiteral("UnicodeWarning"), QStringLiteral("Warning")},
        {QStringLiteral("UserWarning"), QStringLiteral("Warning")},
        {QStringLiteral("ValueError"), QStringLiteral("Exception")},
        {QStringLiteral("Warning"), QStringLiteral("Exception")},
        {QStringLiteral("ZeroDivisionError"), QStringLiteral("ArithmeticError")},
        {QStringLiteral("CancelledError"), QStringLiteral("BaseException")},    // asyncio's
        {QStringLiteral("QueueFull"), QStringLiteral("Exception")},             // asyncio's
        {QStringLiteral("QueueEmpty"), QStringLiteral("Exception")},            // asyncio's
        {QStringLiteral("BrokenBarrierError"), QStringLiteral("RuntimeError")}, // asyncio's
        {QStringLiteral("InvalidStateError"), QStringLiteral("Exception")},     // asyncio's
    };
    return table;
}

} // namespace

bool isKnown(const QString &name)
{
    return bases().contains(canonical(name));
}

QString canonical(const QString &name)
{
    if (name == QLatin1String("IOError") || name == QLatin1String("EnvironmentError"))
        return QStringLiteral("OSError");
    return name;
}

bool isSubclass(const QString &name, const QString &base)
{
    QString cls = canonical(name);
    if (!bases().contains(cls) || !bases().contains(canonical(base)))
        return false;
    if (cls == QLatin1String("ExceptionGroup") && base == QLatin1String("Exception"))
        return true; // its second base
    for (; !cls.isEmpty(); cls = bases().value(cls)) {
        if (cls == canonical(base))
            return true;
    }
    return false;
}

bool endsTheLoop(const QString &name)
{
    return name == QLatin1String("SystemExit") || name == QLatin1String("KeyboardInterrupt");
}

} // namespace loopscope::pyexc
