// Runs scenario steps as C++20 coroutines: one Co per coroutine call and per step body.
#pragma once

#include "coro.h"
#include "frame.h"
#include "scenario/scenario.h"

namespace loopscope::rt {

class Runtime;

// `await name(**args)` body: runs inline in the current task. What it returns goes to *result,
// or, when result is null, to the running task's result (the coroutine is a task's body).
Co runCoroutine(Runtime &rt, const Coroutine &coroutine, Frame frame, Value *result = nullptr);

// How many times runSteps goes through its steps: once, or as a `repeat` does, which then
// costs no coroutine frame per round.
struct Rounds
{
    double count = 1;
    bool forever = false;
    const QString *var = nullptr; // the loop variable, set to 0, 1, ... before each round
    bool loop = false;            // a break or continue in the steps is for this loop
};
Co runSteps(Runtime &rt, const Steps &steps, Frame &frame, Rounds rounds = {});

// Raised through the coroutines when the run is stopped in the middle of a `cpu` or `block`.
struct RunStopped
{
};

} // namespace loopscope::rt
