// The local variables of one running coroutine: parameters, loop variables, tasks, items.
// How fields are evaluated in a frame is frame_scope.h.
#pragma once

#include "py_error.h"
#include "scenario/py_value.h"
#include "value.h"

#include <QString>

#include <map>
#include <vector>

namespace loopscope {
struct Coroutine;
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
    // The coroutine whose frame this is (its `globals`), null for the module's code, whose
    // names are all globals.
    const Coroutine *coroutine = nullptr;
    Flow flow = Flow::Next;
    Value returned; // what a `return` gave
    // The exceptions being handled (sys.exc_info's stack), innermost last: what a bare `raise`
    // re-raises. A coroutine awaited inline starts with its caller's; a task with none.
    std::vector<PyError> handling;

    const Value *find(const QString &name) const;
    // A name declared `global` in this coroutine, or any name in the module's code.
    bool isGlobal(const QString &name) const;
};

// Python's text for a local read before any step bound it.
PyError unboundLocal(const QString &name);

} // namespace loopscope::rt
