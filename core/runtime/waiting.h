// The ops of issue 15's missing primitives that live in files of their own; interpreter.cpp
// dispatches to them. waiting.cpp: asyncio.wait, as_completed, shield. items.cpp: the
// awaitables of gather, wait and as_completed, and to_thread / run_in_executor with a
// function. callbacks.cpp: call_soon, call_later. condition.cpp: Condition, Barrier, the
// timeout block.
#pragma once

#include "coro.h"
#include "frame.h"
#include "future.h"
#include "scenario/scenario.h"

#include <vector>

namespace loopscope::rt {

class Runtime;

// items.cpp
// The futures the items stand for, in order: a coroutine becomes a task, a task is itself,
// `*expr` gives each awaitable of the expression's value, an op item (sleep, to_thread) a task
// running it, run_in_executor its pool future, shield its outer future. gather's own tasks
// (forGather) do not log being destroyed pending.
std::vector<Ref<Future>> itemFutures(Runtime &rt, const std::vector<GatherItem> &items,
                                     Frame &frame, bool forGather = false);
// to_thread / run_in_executor: work for seconds, or a function's steps on the worker; the
// function's return value goes to *result (None for work).
Co offloadTo(Runtime &rt, const Step &step, Frame &frame, Value *result);

// waiting.cpp
Co waitStep(Runtime &rt, const Step &step, Frame &frame);
Co asCompleted(Runtime &rt, const Step &step, Frame &frame);
Co shieldStep(Runtime &rt, const Step &step, Frame &frame, Value *result);
// asyncio.shield(aw): the outer future, done when the inner one is (its cancellation does not
// reach the inner one).
Ref<Future> shieldOf(Runtime &rt, const Step &step, Frame &frame);

// callbacks.cpp
void callSoon(Runtime &rt, const Step &step, Frame &frame);
void loopOp(Runtime &rt, const Step &step, Frame &frame); // run_forever, stop, close

// condition.cpp
Co conditionWait(Runtime &rt, const Step &step, Frame &frame);
void notify(Runtime &rt, const Step &step, Frame &frame);
Co barrierWait(Runtime &rt, const Step &step, Frame &frame);
Co timeoutBlock(Runtime &rt, const Step &step, Frame &frame);

} // namespace loopscope::rt
