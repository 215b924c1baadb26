// The runtime's things as expression values (expr::Object): a task (`t.done()`,
// `t.result()`), an exception that gather(return_exceptions=True) gives back, and the
// resources a program names (`lock.locked()`, `event.is_set()`, `q.qsize()`).
#pragma once

#include "py_error.h"
#include "value.h"

#include <memory>

namespace loopscope::rt {

class Primitive;
class Runtime;

// An exception as a value: str() is its message, repr() `ValueError('boom')`.
class ExceptionObject : public expr::Object
{
public:
    // emptyArgument: made as `CancelledError('')` (gather's return_exceptions), not
    // `CancelledError()`: repr shows the difference.
    explicit ExceptionObject(PyError error, bool emptyArgument = false)
        : m_error(std::move(error))
        , m_emptyArgument(emptyArgument)
    {}
    QString typeName() const override { return m_error.type; }
    QString repr() const override;
    QString str() const override { return m_error.str(); }
    const PyError &error() const { return m_error; }
    // An exception group's `exceptions` and `message` (`except ExceptionGroup as eg:
    // for exc in eg.exceptions`, the asyncio tutorial's TaskGroup failure).
    Value attribute(const QString &name, expr::Scope &scope) override;

private:
    PyError m_error;
    bool m_emptyArgument;
};

Value exceptionValue(PyError error, bool emptyArgument = false);
// Python's repr() of the exception: `ValueError('boom')`, `ExceptionGroup('m', [...])`.
QString exceptionRepr(const PyError &error, bool emptyArgument);

// A resource of the scenario, by id: the object a name that is no variable stands for.
std::shared_ptr<expr::Object> resourceObject(Runtime &rt, const QString &id);

} // namespace loopscope::rt
