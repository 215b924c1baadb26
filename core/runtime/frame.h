// The local variables of one running coroutine: parameters, loop variables, tasks, items.
#pragma once

#include "py_error.h"
#include "scenario/py_value.h"
#include "value.h"

#include <QString>

#include <map>

namespace loopscope {
struct Quantity;
}

namespace loopscope::rt {

class Task;
class TaskGroupScope;
class WorkerScript;

// How the steps of a frame go on after the step that just ran: the next step, or out of the
// body to the loop or coroutine that a break, continue or return leaves.
enum class Flow : std::uint8_t { Next, Break, Continue, Return };

struct Frame
{
    std::map<QString, Value> vars;
    TaskGroupScope *group = nullptr; // the `async with TaskGroup() as tg` whose body this is
    // A plain function's frame on a pool worker: its cpu and block steps are the worker's.
    WorkerScript *worker = nullptr;
    Flow flow = Flow::Next;
    Value returned; // what a `return` gave

    // `target = value`: an `as`, a for variable, a set.
    void assign(const QString &target, Value value);

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
