// The awaitables of gather, wait and as_completed, and to_thread / run_in_executor with a plain
// function: what asyncio makes of each (tasks.py's ensure_future, base_events.run_in_executor).
#include "coroutine_values.h"
#include "frame_scope.h"
#include "interpreter_ops.h"

#include "pools.h"
#include "scenario/expr/error.h"
#include "scenario/expr/operators.h"
#include "waiting.h"
#include "worker_script.h"

namespace loopscope::rt {

namespace {

// The task running an awaitable op (asyncio.sleep(...), asyncio.to_thread(...)): ensure_future
// wraps the coroutine in a task, whose result is the op's value.
Co runItemOp(Runtime &rt, const Step &step, Frame frame)
{
    Value result;
    if (step.kind == StepKind::Sleep)
        co_await Sleep{rt, number(rt, frame, step.seconds), rt.stepId(step)};
    else
        co_await offloadTo(rt, step, frame, &result);
    rt.current->keepResult(std::move(result));
}

// asyncio's _chain_future gives run_in_executor's future a done callback of its own,
// _call_check_cancel, before anyone awaits it: it runs (a plain callback of the ready queue)
// just before the waiter's wake-up. A cancelled pool future's job is not stopped here.
void callCheckCancel(void *, std::uintptr_t) {}

Ref<Future> submitToPool(Runtime &rt, const Step &step, Frame &frame, const QString &pool)
{
    std::shared_ptr<WorkerScript> script;
    if (!step.function.isEmpty())
        script = std::make_shared<WorkerScript>(rt, functionNamed(rt, step.function),
                                                bind(rt, frame, step.args));
    Ref<Future> done
        = rt.pools->submit(pool, step.work, script ? 0.0 : number(rt, frame, step.seconds),
                           rt.stepId(step), rt.currentLane(), std::move(script));
    rt.noteSelectorWait(*done, pool, rt.stepId(step));
    done->addDoneCallback(Callback{&callCheckCancel, nullptr, 0});
    return done;
}

Ref<Future> opItem(Runtime &rt, const Step &step, Frame &frame)
{
    switch (step.kind) {
    case StepKind::RunInExecutor: // a future, not a coroutine: no task
        return submitToPool(rt, step, frame, step.resource);
    case StepKind::Shield:
        return shieldOf(rt, step, frame);
    default: // sleep, to_thread: coroutines, so tasks
        return rt.createTask(opName(step.kind), {}, runItemOp(rt, step, frame));
    }
}

// The task a coroutine object became in this gather, wait or as_completed (arg_to_fut). The
// object is kept with it: a generator's objects die as it goes on, and a new one may then take
// the address of one that is gone.
struct WrappedCoroutine
{
    Value object;
    Ref<Future> task;
};
using Wrapped = std::unordered_map<const CoroutineCall *, WrappedCoroutine>;

void releaseMirrorCb(void *self, std::uintptr_t runtime)
{
    auto *mirror = static_cast<Future *>(self);
    if (!mirror->done())
        mirror->setResult();
    reinterpret_cast<Runtime *>(runtime)->heldForCallbacks.erase(mirror);
}

// The task of a coroutine object that an earlier task already runs or ran (tasks.py makes a
// new Task of it): its steps send into the same coroutine, so it follows the first task's
// waits to the end of the coroutine and then finds it exhausted, as CPython's does with
// `RuntimeError: cannot reuse already awaited coroutine`. Where the coroutine is suspended
// at a future, its send yields that future again, so it waits on the very future the first
// task waits on, its wake-up queued behind the first task's: it fails in the iteration in
// which the first task's step ends the coroutine. Elsewhere (a bare yield, a first task not
// yet started) it waits on a future of its own that the first task's end completes. Either
// way the first task's exception stays unretrieved.
Co reuseAwaited(Runtime &rt, Ref<Future> first, StringId on)
{
    const auto *firstTask = static_cast<const Task *>(first.get());
    while (!first->done() && firstTask->awaiting() && !firstTask->awaiting()->done())
        co_await FutureAwait{rt, Ref<Future>(firstTask->awaiting()), LaneState::Waiting, on};
    if (!first->done()) {
        Ref<Future> mirror(new Future(rt.loop));
        rt.heldForCallbacks.emplace(mirror.get(), mirror); // until the done callback runs
        const Callback release{&releaseMirrorCb, mirror.get(),
                               reinterpret_cast<std::uintptr_t>(&rt)};
        first->addDoneCallback(release);
        std::optional<PyError> error;
        try {
            co_await FutureAwait{rt, mirror, LaneState::Waiting, on};
        } catch (const PyError &e) { // cancelled while it waits
            error = e;
        }
        if (!first->done()) {
            first->removeDoneCallback(release);
            rt.heldForCallbacks.erase(mirror.get());
        }
        if (error)
            throw *error;
    }
    throw PyError{QStringLiteral("RuntimeError"),
                  QStringLiteral("cannot reuse already awaited coroutine"),
                  {}};
}

// ensure_future of a coroutine object: a task of it, the same one for each time this call
// names it (gather(c, c)); a later call gets a task that fails (reuseAwaited).
Ref<Future> taskOfCoroutine(Runtime &rt, const Value &object, CoroutineCall &call, Wrapped &wrapped)
{
    if (const auto it = wrapped.find(&call); it != wrapped.end())
        return it->second.task;
    Ref<Future> task;
    if (call.task) {
        const StringId on = rt.laneString(static_cast<Task *>(call.task.get())->lane());
        task = rt.createTask(call.coroutine().name, {}, reuseAwaited(rt, call.task, on));
    } else {
        task = call.task = rt.createTask(call.coroutine().name, {},
                                         runCoroutine(rt, call.coroutine(), call.takeFrame()));
    }
    wrapped.emplace(&call, WrappedCoroutine{object, task});
    return task;
}

// A task gather made of a coroutine: tasks.py sets its _log_destroy_pending to False.
void quietWhenDestroyed(const Ref<Future> &future)
{
    if (auto *task = dynamic_cast<Task *>(future.get()))
        task->logDestroyPending = false;
}

void addStar(Runtime &rt, const QString &text, Frame &frame, std::vector<Ref<Future>> &out,
             Wrapped &wrapped, bool forGather)
{
    const Value value = evaluate(rt, frame, text);
    expr::Values items;
    try {
        items = expr::iterate(value);
    } catch (const expr::Error &e) {
        throw PyError::fromExpression(e);
    }
    for (const Value &item : items) {
        if (CoroutineCall *call = coroutineCallOf(item)) { // ensure_future: a task of it
            out.push_back(taskOfCoroutine(rt, item, *call, wrapped));
            if (forGather)
                quietWhenDestroyed(out.back());
            continue;
        }
        Task *task = taskOf(item);
        if (!task)
            throw PyError{QStringLiteral("TypeError"),
                          QStringLiteral("An asyncio.Future, a coroutine or an awaitable is "
                                         "required"),
                          {}};
        out.emplace_back(task);
    }
}

} // namespace

std::vector<Ref<Future>> itemFutures(Runtime &rt, const std::vector<GatherItem> &items,
                                     Frame &frame, bool forGather)
{
    std::vector<Ref<Future>> futures;
    Wrapped wrapped;
    for (const GatherItem &item : items) {
        if (item.isStar()) {
            addStar(rt, item.star, frame, futures, wrapped, forGather);
            continue;
        }
        if (item.isOp())
            futures.push_back(opItem(rt, item.awaitable.front(), frame));
        else if (item.isTask())
            futures.emplace_back(taskIn(rt, frame, item.task));
        else
            futures.emplace_back(spawn(rt, item.coro, item.args, item.name, frame));
        if (forGather && !item.isTask())
            quietWhenDestroyed(futures.back());
    }
    return futures;
}

Co offloadTo(Runtime &rt, const Step &step, Frame &frame, Value *result)
{
    const QString pool = step.kind == StepKind::ToThread ? QString() : step.resource;
    Ref<Future> done = submitToPool(rt, step, frame, pool);
    const bool process = rt.pools->isProcessPool(pool);
    co_await FutureAwait{rt, done, LaneState::Waiting, process ? rt.s.process : rt.s.thread,
                         rt.stepId(step)};
    *result = resultOf(*done);
}

} // namespace loopscope::rt
