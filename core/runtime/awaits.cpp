// The ops that wait for other tasks and futures: await, gather, wait_for (to_thread and
// run_in_executor: items.cpp).
#include "frame_scope.h"
#include "interpreter_ops.h"

#include "pools.h"
#include "primitives.h"
#include "structured.h"
#include "waiting.h"

#include <cmath>

namespace loopscope::rt {

namespace {

// `await t` where t is the awaiting task itself (it came through a queue or an argument), or a
// task that once did (Runtime::selfAwaited). CPython's Task.__step sees a task yield itself and
// schedules its next step with a RuntimeError: the task gives up the loop once, as sleep(0)
// does, and the error is raised at the await (a cancel in between wins). Any await of a task
// that did that, while it is pending, raises at once.
Co awaitUnusual(Runtime &rt, Task &task, StringId step)
{
    if (task.done()) {
        co_await FutureAwait{rt, Ref<Future>(&task), LaneState::Waiting, rt.laneString(task.lane()),
                             step};
        co_return;
    }
    if (rt.selfAwaited.contains(&task))
        throw PyError{
            QStringLiteral("RuntimeError"), QStringLiteral("await wasn't used with future"), {}};
    rt.selfAwaited.insert(&task);
    co_await Sleep{rt, 0, step};
    throw PyError{QStringLiteral("RuntimeError"),
                  QStringLiteral("Task cannot await on itself: <Task pending name='%1' coro=<%2() "
                                 "running>>")
                      .arg(task.name(), task.coroName()),
                  {}};
}

bool isUnusualAwait(const Runtime &rt, const Task *task)
{
    return task == rt.current || (!rt.selfAwaited.empty() && rt.selfAwaited.contains(task));
}

// _cancel_and_wait's done callback: releases the waiter, which the runtime holds for it.
void releaseWaiterCb(void *self, std::uintptr_t runtime)
{
    auto *waiter = static_cast<Future *>(self);
    if (!waiter->done())
        waiter->setResult();
    reinterpret_cast<Runtime *>(runtime)->heldForCallbacks.erase(waiter);
}

// wait_for with a timeout <= 0 (tasks.py): the awaitable becomes a task, cancelled at once
// (a task that has not started never runs its body), then _cancel_and_wait: the caller waits on
// a waiter that the task's end releases, one loop iteration after the task ends; cancelling
// the caller cancels the waiter only. The task cancelled gives TimeoutError; a task already
// done gives its result at once.
Co waitForExpired(Runtime &rt, const Step &step, Frame &frame, Value *result)
{
    Ref<Future> task = step.task.isEmpty()
                           ? Ref<Future>(spawn(rt, step.coro, step.args, QString(), frame))
                           : Ref<Future>(taskIn(rt, frame, step.task));
    const StringId on = rt.laneString(static_cast<Task *>(task.get())->lane());
    if (task->done()) {
        co_await FutureAwait{rt, task, LaneState::Waiting, on, rt.stepId(step)};
        *result = resultOf(*task);
        co_return;
    }
    Ref<Future> waiter(new Future(rt.loop));
    rt.heldForCallbacks.emplace(waiter.get(), waiter); // until the done callback runs
    const Callback release{&releaseWaiterCb, waiter.get(), reinterpret_cast<std::uintptr_t>(&rt)};
    task->addDoneCallback(release);
    task->cancel();
    std::optional<PyError> error;
    try {
        co_await FutureAwait{rt, waiter, LaneState::Waiting, on, rt.stepId(step)};
    } catch (const PyError &e) {
        error = e;
    }
    if (!task->done()) { // the callback is neither run nor scheduled: it never will be
        task->removeDoneCallback(release);
        rt.heldForCallbacks.erase(waiter.get());
    }
    if (error)
        throw *error;
    if (task->cancelled())
        throw PyError{QStringLiteral("TimeoutError"), {}, {}};
    if (task->failed())
        throw *task->error();
    *result = resultOf(*task);
}

// What wait_for awaits when its timeout is ahead: the task, or the coroutine inline.
Co awaitWithin(Runtime &rt, const Step &step, Frame &frame, Value *result)
{
    if (step.task.isEmpty()) {
        co_await runCoroutine(rt, coroutineNamed(rt, step.coro), bind(rt, frame, step.args),
                              result);
        co_return;
    }
    Ref<Task> task(taskIn(rt, frame, step.task));
    if (isUnusualAwait(rt, task.get()))
        co_await awaitUnusual(rt, *task, rt.stepId(step));
    else
        co_await FutureAwait{rt, Ref<Future>(task), LaneState::Waiting, rt.laneString(task->lane()),
                             rt.stepId(step)};
    *result = resultOf(*task);
}

} // namespace

Co awaitTask(Runtime &rt, const Step &step, Frame &frame)
{
    const StringId id = rt.stepId(step);
    Ref<Task> held(taskIn(rt, frame, step.task)); // its variable may be rebound while it waits
    Task *task = held.get();
    if (isUnusualAwait(rt, task)) {
        co_await awaitUnusual(rt, *task, id);
    } else {
        co_await FutureAwait{rt, Ref<Future>(task), LaneState::Waiting, rt.laneString(task->lane()),
                             id};
    }
    if (!step.as.isEmpty())
        assign(rt, frame, step.as, resultOf(*task));
}

Co gather(Runtime &rt, const Step &step, Frame &frame)
{
    std::vector<Ref<Future>> children = itemFutures(rt, step.items, frame, true);
    Ref<Future> outer(new GatheringFuture(rt, std::move(children), step.returnExceptions));
    co_await FutureAwait{rt, outer, LaneState::Waiting, rt.s.gather, rt.stepId(step)};
    if (!step.as.isEmpty())
        assign(rt, frame, step.as, resultOf(*outer));
}

Co waitFor(Runtime &rt, const Step &step, Frame &frame)
{
    Value result;
    const double timeout = number(rt, frame, step.timeout);
    if (timeout <= 0) {
        co_await waitForExpired(rt, step, frame, &result);
    } else if (std::isinf(timeout)) { // None: asyncio.timeout(None), which sets no deadline
        co_await awaitWithin(rt, step, frame, &result);
    } else {
        TimeoutScope scope(rt, *rt.current, timeout);
        std::optional<PyError> error;
        try {
            co_await awaitWithin(rt, step, frame, &result);
        } catch (const PyError &e) {
            error = e;
        }
        error = scope.exit(error);
        if (error)
            throw *error;
    }
    if (!step.as.isEmpty())
        assign(rt, frame, step.as, std::move(result));
}

} // namespace loopscope::rt
