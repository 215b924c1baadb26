// The local variables of one running coroutine: parameters, loop variables, tasks, items.
#pragma once

#include "future.h"
#include "py_error.h"
#include "scenario/py_value.h"

#include <QString>

#include <map>

namespace loopscope {
struct Quantity;
}

namespace loopscope::rt {

class Task;
class TaskGroupScope;

// What a variable, a queue item or a future's result holds: a Python value, or a task.
struct Value
{
    PyValue py;
    Ref<Future> task; // set when it holds a task

    QString str() const; // str(value), as print's {name} writes it
};

struct Frame
{
    std::map<QString, Value> vars;
    TaskGroupScope *group = nullptr; // the `async with TaskGroup() as tg` whose body this is

    const Value *find(const QString &name) const;
    // "$name" resolves to the variable; numbers and plain strings are literal.
    double number(const Quantity &q) const;
    Task *task(const QString &name) const; // RuntimeError-like PyError when it is not a task
    // {name} replaced by the value of a variable; unknown names stay as written.
    QString substitute(const QString &text) const;
    // The arguments of a call as the callee's frame sees them.
    Frame bind(const PyArgs &args) const;
    // A field's value at run time: "$name" is that variable (a task stays a task), other
    // strings have their {name}s substituted.
    Value resolve(const PyValue &v) const;
};

} // namespace loopscope::rt
