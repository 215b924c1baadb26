// CPython 3.12's built-in exception classes (and asyncio's CancelledError): their hierarchy,
// for `raise` (which names may be raised), `except` (what a handler catches) and the runtime
// (which errors are not `Exception`s, which end the loop at once). Names only: no behaviour.
#pragma once

#include <QString>

namespace loopscope::pyexc {

// A built-in exception class name of CPython 3.12 (aliases too: IOError, EnvironmentError),
// or CancelledError.
bool isKnown(const QString &name);
// The class's own name: "OSError" for the aliases IOError and EnvironmentError.
QString canonical(const QString &name);
// issubclass(name, base); false when either is unknown. ExceptionGroup is a subclass of both
// BaseExceptionGroup and Exception, as in Python.
bool isSubclass(const QString &name, const QString &base);
// `except Exception` catches it (not BaseException, GeneratorExit, KeyboardInterrupt,
// SystemExit, BaseExceptionGroup, CancelledError).
inline bool isException(const QString &name)
{
    return isSubclass(name, QStringLiteral("Exception"));
}
// KeyboardInterrupt and SystemExit: a task that raises one re-raises it out of the event loop
// (tasks.py __step), and a TaskGroup raises it instead of an ExceptionGroup.
bool endsTheLoop(const QString &name);

} // namespace loopscope::pyexc
