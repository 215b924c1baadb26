#include "frame_scope.h"
#include "interpreter_ops.h"

#include "pools.h"
#include "primitives.h"
#include "structured.h"
#include "waiting.h"
#include "worker_script.h"

namespace loopscope::rt {

const Coroutine &coroutineNamed(Runtime &rt, const QString &name)
{
    if (const Coroutine *c = rt.scenario.coroutine(name))
        return *c;
    throw PyError{
        QStringLiteral("NameError"), QStringLiteral("name '%1' is not defined").arg(name), {}};
}

Ref<Task> spawn(Runtime &rt, const QString &coro, const PyArgs &args, const QString &name,
                Frame &frame)
{
    const Coroutine &c = coroutineNamed(rt, coro);
    return rt.createTask(coro, substitute(rt, frame, name),
                         runCoroutine(rt, c, bind(rt, frame, args)));
}

namespace {

Co runStep(Runtime &rt, const Step &step, Frame &frame);

void holdLoop(Runtime &rt, const Step &step, double seconds, bool cpu)
{
    const int lane = rt.currentLane();
    const StringId id = rt.stepId(step);
    const bool finished
        = cpu ? rt.pools->cpuOnLoop(lane, seconds, id) : rt.pools->blockOnLoop(lane, seconds, id);
    if (!finished)
        throw RunStopped{};
}

// `coro(**args)` without await: CPython makes the coroutine object, drops it at the end of the
// statement and warns when it collects it unstarted. The body never runs: no lane, no suspend.
void neverAwaited(Runtime &rt, const QString &coro, int lane)
{
    coroutineNamed(rt, coro); // the name is still looked up: an unknown one raises
    rt.diagnostic(Severity::Warning, QStringLiteral("never-awaited"), lane,
                  QStringLiteral("RuntimeWarning: coroutine '%1' was never awaited").arg(coro));
}

void createTask(Runtime &rt, const Step &step, Frame &frame)
{
    if (frame.group) {
        try {
            frame.group->checkAccepting();
        } catch (const PyError &e) {
            rt.event(EventKind::Raise, rt.currentLane(), e.message, e.type);
            // tg.create_task(coro()) raised: the coroutine object it was given is never awaited
            // (CPython warns when the exception's traceback, which holds it, is freed).
            neverAwaited(rt, step.coro, rt.currentLane());
            throw;
        }
    }
    Ref<Task> task = spawn(rt, step.coro, step.args, step.name, frame);
    if (frame.group)
        frame.group->add(task);
    if (!step.as.isEmpty())
        assign(rt, frame, step.as, taskValue(*task));
}

// A bare `raise`: the exception being handled, as it is, or Python's RuntimeError without one.
[[noreturn]] void reraise(Runtime &rt, const Frame &frame, int lane)
{
    PyError e = frame.handling.empty() ? PyError{QStringLiteral("RuntimeError"),
                                                 QStringLiteral("No active exception to reraise"),
                                                 {}}
                                       : frame.handling.back();
    rt.event(EventKind::Raise, lane, e.message, e.type);
    throw e;
}

// The ops that never suspend.
bool runInstant(Runtime &rt, const Step &step, Frame &frame)
{
    const int lane = rt.currentLane();
    switch (step.kind) {
    case StepKind::Call:
        if (step.awaited)
            return false; // runs the callee inline, which may suspend
        neverAwaited(rt, step.coro, lane);
        return true;
    case StepKind::Print:
        rt.print(lane, formatText(rt, frame, step.text), step.end);
        return true;
    case StepKind::Return:
    case StepKind::Break:
    case StepKind::Continue:
    case StepKind::Set:
    case StepKind::Run:
        return runFlowInstant(rt, step, frame);
    case StepKind::CreateTask:
        createTask(rt, step, frame);
        return true;
    case StepKind::Release:
        if (auto *lock = rt.primitiveAs<AsyncLock>(step.resource))
            lock->release();
        else
            primitive<AsyncSemaphore>(rt, step.resource).release();
        return true;
    case StepKind::EventSet:
        rt.event(EventKind::Set, lane, {}, step.resource);
        primitive<AsyncEvent>(rt, step.resource).set();
        return true;
    case StepKind::EventClear:
        primitive<AsyncEvent>(rt, step.resource).clear();
        return true;
    case StepKind::TaskDone:
        primitive<AsyncQueue>(rt, step.resource).taskDone();
        return true;
    case StepKind::FutureSet:
        rt.event(EventKind::Set, lane, {}, step.resource);
        primitive<UserFuture>(rt, step.resource).setResult(resolve(rt, frame, step.value));
        return true;
    case StepKind::Raise:
        if (step.error.isEmpty())
            reraise(rt, frame, lane);
        rt.event(EventKind::Raise, lane, substitute(rt, frame, step.message), step.error);
        throw PyError::raised(step.error, substitute(rt, frame, step.message));
    case StepKind::Cancel: {
        Task *task = taskIn(rt, frame, step.task);
        rt.event(EventKind::Cancel, task->lane(), {}, {}, lane);
        task->cancel();
        return true;
    }
    case StepKind::Cpu:
    case StepKind::Block:
        if (frame.worker)
            return false; // a segment of the pool worker's: runStep()
        holdLoop(rt, step, number(rt, frame, step.seconds), step.kind == StepKind::Cpu);
        return true;
    case StepKind::PutNowait:
        primitive<AsyncQueue>(rt, step.resource).putNowaitOrRaise(resolve(rt, frame, step.item));
        return true;
    case StepKind::GetNowait: {
        Value item = primitive<AsyncQueue>(rt, step.resource).getNowait();
        if (!step.as.isEmpty())
            assign(rt, frame, step.as, std::move(item));
        return true;
    }
    case StepKind::CallSoon:
    case StepKind::CallLater:
        callSoon(rt, step, frame);
        return true;
    case StepKind::RunForever:
    case StepKind::Stop:
    case StepKind::Close:
    case StepKind::RunUntilComplete:
        loopOp(rt, step, frame);
        return true;
    case StepKind::Notify:
    case StepKind::NotifyAll:
        notify(rt, step, frame);
        return true;
    case StepKind::Wait:
    case StepKind::AsCompleted:
    case StepKind::Shield:
    case StepKind::ConditionWait:
    case StepKind::ConditionWaitFor:
    case StepKind::BarrierWait:
    case StepKind::Timeout:
    case StepKind::Sleep: // the ops that may suspend: runStep()
    case StepKind::Await:
    case StepKind::Gather:
    case StepKind::TaskGroup:
    case StepKind::WaitFor:
    case StepKind::With:
    case StepKind::Acquire:
    case StepKind::EventWait:
    case StepKind::Put:
    case StepKind::Get:
    case StepKind::Join:
    case StepKind::FutureAwait:
    case StepKind::Repeat:
    case StepKind::Drain:
    case StepKind::Try:
    case StepKind::ToThread:
    case StepKind::RunInExecutor:
    case StepKind::If:
    case StepKind::For:
    case StepKind::While:
        return false;
    }
    return false;
}

Co runStep(Runtime &rt, const Step &step, Frame &frame)
{
    const StringId id = rt.stepId(step);
    switch (step.kind) {
    case StepKind::Sleep:
        co_await Sleep{rt, number(rt, frame, step.seconds), id};
        break;
    case StepKind::Call: {
        Value result;
        Frame callee = bind(rt, frame, step.args);
        callee.handling = frame.handling; // `raise` in the callee re-raises the caller's
        co_await runCoroutine(rt, coroutineNamed(rt, step.coro), std::move(callee), &result);
        if (!step.as.isEmpty())
            assign(rt, frame, step.as, std::move(result));
        break;
    }
    case StepKind::Await:
        co_await awaitTask(rt, step, frame);
        break;
    case StepKind::Gather:
        co_await gather(rt, step, frame);
        break;
    case StepKind::TaskGroup:
        co_await taskGroup(rt, step, frame);
        break;
    case StepKind::WaitFor:
        co_await waitFor(rt, step, frame);
        break;
    case StepKind::With:
        co_await withResource(rt, step, frame);
        break;
    case StepKind::Acquire:
        if (auto *lock = rt.primitiveAs<AsyncLock>(step.resource))
            co_await lock->acquire(id);
        else
            co_await primitive<AsyncSemaphore>(rt, step.resource).acquire(id);
        break;
    case StepKind::EventWait:
        co_await primitive<AsyncEvent>(rt, step.resource).wait(id);
        break;
    case StepKind::Put:
        co_await primitive<AsyncQueue>(rt, step.resource).put(resolve(rt, frame, step.item), id);
        break;
    case StepKind::Get: {
        Value item;
        co_await primitive<AsyncQueue>(rt, step.resource).get(&item, id);
        if (!step.as.isEmpty())
            assign(rt, frame, step.as, std::move(item));
        break;
    }
    case StepKind::Join:
        co_await primitive<AsyncQueue>(rt, step.resource).join(id);
        break;
    case StepKind::FutureAwait: {
        Value value;
        co_await primitive<UserFuture>(rt, step.resource).await(id, &value);
        if (!step.as.isEmpty())
            assign(rt, frame, step.as, std::move(value));
        break;
    }
    case StepKind::Repeat: // runSteps runs it (this case only for completeness)
        co_await runSteps(rt, step.steps, frame, repeatRounds(rt, step, frame));
        break;
    case StepKind::Drain:
        co_await drain(rt, step, frame);
        break;
    case StepKind::Try:
        co_await tryStep(rt, step, frame);
        break;
    case StepKind::ToThread:
    case StepKind::RunInExecutor: {
        Value result;
        co_await offloadTo(rt, step, frame, &result);
        if (!step.as.isEmpty())
            assign(rt, frame, step.as, std::move(result));
        break;
    }
    case StepKind::Cpu: // only on a pool worker (runInstant ran the others)
    case StepKind::Block:
        co_await WorkerSegment{*frame.worker,
                               Segment{step.kind == StepKind::Cpu ? WorkKind::Cpu : WorkKind::Io,
                                       number(rt, frame, step.seconds), id}};
        break;
    case StepKind::Wait:
        co_await waitStep(rt, step, frame);
        break;
    case StepKind::AsCompleted:
        co_await asCompleted(rt, step, frame);
        break;
    case StepKind::Shield: {
        Value result;
        co_await shieldStep(rt, step, frame, &result);
        if (!step.as.isEmpty())
            assign(rt, frame, step.as, std::move(result));
        break;
    }
    case StepKind::ConditionWait:
    case StepKind::ConditionWaitFor:
        co_await conditionWait(rt, step, frame);
        break;
    case StepKind::BarrierWait:
        co_await barrierWait(rt, step, frame);
        break;
    case StepKind::Timeout:
        co_await timeoutBlock(rt, step, frame);
        break;
    case StepKind::If:
        co_await ifStep(rt, step, frame);
        break;
    case StepKind::For:
        co_await forStep(rt, step, frame);
        break;
    case StepKind::While:
        co_await whileStep(rt, step, frame);
        break;
    case StepKind::Return: // the instants: runInstant() ran them
    case StepKind::Break:
    case StepKind::Continue:
    case StepKind::Set:
    case StepKind::Run:
    case StepKind::Print:
    case StepKind::CreateTask:
    case StepKind::Release:
    case StepKind::EventSet:
    case StepKind::EventClear:
    case StepKind::TaskDone:
    case StepKind::FutureSet:
    case StepKind::Raise:
    case StepKind::Cancel:
    case StepKind::PutNowait:
    case StepKind::GetNowait:
    case StepKind::CallSoon:
    case StepKind::CallLater:
    case StepKind::RunForever:
    case StepKind::Stop:
    case StepKind::Close:
    case StepKind::RunUntilComplete:
    case StepKind::Notify:
    case StepKind::NotifyAll:
        break;
    }
}

} // namespace

Co runSteps(Runtime &rt, const Steps &steps, Frame &frame, Rounds rounds)
{
    const StringId *ids = rt.stepIds(steps);
    for (long long i = 0; rounds.forever || double(i) < rounds.count; ++i) {
        rt.checkLimits(); // an empty body never reaches the check below: stop must still work
        if (rounds.var)
            frame.vars[*rounds.var] = Value::integer(i);
        bool flowed = false; // a step left frame.flow other than Next
        for (std::size_t k = 0; k < steps.size(); ++k) {
            const Step &step = steps[k];
            rt.checkLimits();
            // Ops that cannot suspend, and sleeps, run here without a coroutine frame of their
            // own; a repeat's body in a frame of this coroutine, not also in one of runStep's,
            // which holds the awaiters of every op (about 900 bytes a task that loops).
            if (step.kind == StepKind::Sleep) {
                co_await Sleep{rt, number(rt, frame, step.seconds), ids ? ids[k] : rt.stepId(step)};
                // A sleep never breaks, continues or returns: `frame`, which lives in the
                // coroutine frame of runCoroutine, not this one, is not looked at after it
                // (with ten thousand tasks, that look is a cache miss at every switch).
                continue;
            }
            if (step.kind == StepKind::Repeat)
                co_await runSteps(rt, step.steps, frame, repeatRounds(rt, step, frame));
            else if (!runInstant(rt, step, frame))
                co_await runStep(rt, step, frame);
            if (frame.flow != Flow::Next) [[unlikely]] {
                flowed = true;
                break;
            }
        }
        if (!flowed) [[likely]]
            continue;
        // A break, continue or return: a body that is not a loop's leaves it to its loop.
        if (!rounds.loop || frame.flow == Flow::Return)
            co_return;
        if (std::exchange(frame.flow, Flow::Next) == Flow::Break)
            co_return;
    }
}

Co runCoroutine(Runtime &rt, const Coroutine &coroutine, Frame frame, Value *result)
{
    frame.coroutine = &coroutine;
    fillDefaults(rt, coroutine, frame);
    try {
        co_await runSteps(rt, coroutine.steps, frame);
        if (frame.flow == Flow::Return) {
            if (result)
                *result = std::move(frame.returned);
            else
                rt.current->keepResult(std::move(frame.returned));
        }
    } catch (const PyError &e) {
        // PEP 479: a StopIteration leaving a coroutine's frame becomes a RuntimeError (C++
        // forbids co_await in a handler, and no await is needed here: the throw is plain).
        if (e.type != QLatin1String("StopIteration"))
            throw;
        throw PyError{
            QStringLiteral("RuntimeError"), QStringLiteral("coroutine raised StopIteration"), {}};
    }
}

} // namespace loopscope::rt
