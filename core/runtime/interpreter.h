// Runs scenario steps as C++20 coroutines: one Co per coroutine call and per step body.
#pragma once

#include "coro.h"
#include "frame.h"
#include "scenario/scenario.h"

namespace loopscope::rt {

class Runtime;

// `await name(**args)` body: runs inline in the current task.
Co runCoroutine(Runtime &rt, const Coroutine &coroutine, Frame frame);
Co runSteps(Runtime &rt, const Steps &steps, Frame &frame);

// Raised through the coroutines when the run is stopped in the middle of a `cpu` or `block`.
struct RunStopped
{
};

} // namespace loopscope::rt
