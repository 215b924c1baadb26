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

void addStar(Runtime &rt, const QString &text, Frame &frame, std::vector<Ref<Future>> &out)
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
            if (!call->task)
                call->task = rt.createTask(call->coroutine().name, {},
                                           runCoroutine(rt, call->coroutine(), call->takeFrame()));
            out.push_back(call->task);
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
                                     Frame &frame)
{
    std::vector<Ref<Future>> futures;
    for (const GatherItem &item : items) {
        if (item.isOp())
            futures.push_back(opItem(rt, item.awaitable.front(), frame));
        else if (item.isStar())
            addStar(rt, item.star, frame, futures);
        else if (item.isTask())
            futures.emplace_back(taskIn(rt, frame, item.task));
        else
            futures.emplace_back(spawn(rt, item.coro, item.args, item.name, frame));
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
