// What a variable, a queue item or a future's result holds: a Python value, or a task.
#pragma once

#include "future.h"
#include "scenario/py_value.h"

#include <QString>

namespace loopscope::rt {

struct Value
{
    PyValue py;
    Ref<Future> task; // set when it holds a task

    QString str() const; // str(value), as print's {name} writes it
};

// A done future's result: None when it has none.
inline Value resultOf(const Future &future)
{
    return future.result() ? *future.result() : Value{PyValue(nullptr), {}};
}

} // namespace loopscope::rt
