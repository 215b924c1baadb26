// What a variable, a queue item or a future's result holds: an expression engine value
// (scenario/expr/value.h). Tasks, exceptions and resources are its Objects (objects.h).
#pragma once

#include "future.h"
#include "scenario/expr/value.h"

namespace loopscope::rt {

class Task;

// The task as a value: the same object each time, so `t is t` holds.
Value taskValue(Task &task);
// The task a value holds, or null.
Task *taskOf(const Value &value);

// A done future's result: None when it has none.
inline Value resultOf(const Future &future)
{
    return future.result() ? *future.result() : Value{};
}

} // namespace loopscope::rt
