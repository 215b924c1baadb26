#include "interpreter.h"

#include "pools.h"
#include "primitives.h"
#include "runtime.h"
#include "structured.h"

namespace loopscope::rt {

namespace {

Co runStep(Runtime &rt, const Step &step, Frame &frame);

const Coroutine &coroutineNamed(Runtime &rt, const QString &name)
{
    if (const Coroutine *c = rt.scenario.coroutine(name))
        return *c;
    throw PyError{
        QStringLiteral("NameError"), QStringLiteral("name '%1' is not defined").arg(name), {}};
}

template<typename T>
T &primitive(Runtime &rt, const QString &id)
{
    if (T *p = rt.primitiveAs<T>(id))
        return *p;
    throw PyError{
        QStringLiteral("NameError"), QStringLiteral("name '%1' is not defined").arg(id), {}};
}

// asyncio.sleep: a timer that sets a future; sleep(0) is a bare yield. An awaitable rather
// than a coroutine, so the commonest await costs no coroutine frame.
struct Sleep
{
    // Not an aggregate, for the reason FutureAwait is not one (task.h).
    Sleep(Runtime &runtime, double s, StringId stepId)
        : rt(runtime)
        , seconds(s)
        , step(stepId)
    {}

    Runtime &rt;
    double seconds;
    StringId step;
    Ref<Future> fut;

    bool await_ready() const { return false; }
    void await_suspend(std::coroutine_handle<> h)
    {
        if (seconds <= 0) {
            rt.current->yieldAt(h, step);
            return;
        }
        fut = Ref<Future>(new Future(rt.loop));
        const double deadline = rt.now() + seconds;
        fut->readyAt = deadline;
        rt.loop.callAt(deadline, Callback{&Future::resultCb, fut.get(), 0}, fut);
        rt.current->suspendOn(fut.get(), h, LaneState::Waiting, rt.s.timer, step);
    }
    void await_resume()
    {
        if (auto error = rt.current->takeResumeError())
            throw *error;
    }
};

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

void holdLoop(Runtime &rt, const Step &step, double seconds, bool cpu)
{
    const int lane = rt.currentLane();
    const StringId id = rt.stepId(step);
    const bool finished
        = cpu ? rt.pools->cpuOnLoop(lane, seconds, id) : rt.pools->blockOnLoop(lane, seconds, id);
    if (!finished)
        throw RunStopped{};
}

Ref<Task> spawn(Runtime &rt, const QString &coro, const PyArgs &args, const QString &name,
                Frame &frame)
{
    const Coroutine &c = coroutineNamed(rt, coro);
    return rt.createTask(coro, frame.substitute(name), runCoroutine(rt, c, frame.bind(args)));
}

Co gather(Runtime &rt, const Step &step, Frame &frame)
{
    std::vector<Ref<Future>> children;
    for (const GatherItem &item : step.items) {
        if (item.isTask())
            children.emplace_back(frame.task(item.task));
        else
            children.emplace_back(spawn(rt, item.coro, item.args, item.name, frame));
    }
    Ref<Future> outer(new GatheringFuture(rt, std::move(children), step.returnExceptions));
    co_await FutureAwait{rt, outer, LaneState::Waiting, rt.s.gather, rt.stepId(step)};
}

Co taskGroup(Runtime &rt, const Step &step, Frame &frame)
{
    TaskGroupScope group(rt, *rt.current);
    TaskGroupScope *outerGroup = std::exchange(frame.group, &group);
    std::optional<PyError> bodyError;
    try {
        co_await runSteps(rt, step.steps, frame);
    } catch (const PyError &e) {
        bodyError = e;
    }
    frame.group = outerGroup;
    co_await group.exit(bodyError, rt.stepId(step));
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
Co waitForExpired(Runtime &rt, const Step &step, Frame &frame)
{
    Ref<Future> task = step.task.isEmpty()
                           ? Ref<Future>(spawn(rt, step.coro, step.args, QString(), frame))
                           : Ref<Future>(frame.task(step.task));
    const StringId on = rt.laneString(static_cast<Task *>(task.get())->lane());
    if (task->done()) {
        co_await FutureAwait{rt, task, LaneState::Waiting, on, rt.stepId(step)};
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
}

Co waitFor(Runtime &rt, const Step &step, Frame &frame)
{
    if (frame.number(step.timeout) <= 0) {
        co_await waitForExpired(rt, step, frame);
        co_return;
    }
    TimeoutScope scope(rt, *rt.current, frame.number(step.timeout));
    std::optional<PyError> error;
    try {
        if (!step.task.isEmpty()) {
            Task *task = frame.task(step.task);
            if (isUnusualAwait(rt, task))
                co_await awaitUnusual(rt, *task, rt.stepId(step));
            else
                co_await FutureAwait{rt, Ref<Future>(task), LaneState::Waiting,
                                     rt.laneString(task->lane()), rt.stepId(step)};
        } else {
            co_await runCoroutine(rt, coroutineNamed(rt, step.coro), frame.bind(step.args));
        }
    } catch (const PyError &e) {
        error = e;
    }
    error = scope.exit(error);
    if (error)
        throw *error;
}

Co withResource(Runtime &rt, const Step &step, Frame &frame)
{
    const StringId id = rt.stepId(step);
    auto *lock = rt.primitiveAs<AsyncLock>(step.resource);
    AsyncSemaphore *sem = lock ? nullptr : &primitive<AsyncSemaphore>(rt, step.resource);
    if (lock)
        co_await lock->acquire(id);
    else
        co_await sem->acquire(id);
    std::optional<PyError> error;
    try {
        co_await runSteps(rt, step.steps, frame);
    } catch (const PyError &e) {
        error = e;
    }
    if (lock)
        lock->release();
    else
        sem->release();
    if (error)
        throw *error;
}

// `except <handler>:` catches the class and its subclasses; `*` is `except Exception`, which
// lets BaseException, GeneratorExit, KeyboardInterrupt, SystemExit, BaseExceptionGroup and
// CancelledError through.
bool handles(const QString &handler, const PyError &e)
{
    if (handler == QLatin1String("*"))
        return pyexc::isException(e.type);
    return e.type == handler || pyexc::isSubclass(e.type, handler);
}

Co tryStep(Runtime &rt, const Step &step, Frame &frame)
{
    std::optional<PyError> pending;
    try {
        co_await runSteps(rt, step.steps, frame);
    } catch (const PyError &e) {
        pending = e;
    }
    if (pending) {
        for (const ExceptClause &clause : step.excepts) {
            if (!handles(clause.error, *pending))
                continue;
            pending.reset();
            try {
                co_await runSteps(rt, clause.steps, frame);
            } catch (const PyError &e) {
                pending = e;
            }
            break;
        }
    }
    if (step.finallySteps)
        co_await runSteps(rt, *step.finallySteps, frame);
    if (pending)
        throw *pending;
}

Co repeat(Runtime &rt, const Step &step, Frame &frame)
{
    Rounds rounds;
    rounds.forever = !step.count.has_value();
    rounds.count = rounds.forever ? 0 : frame.number(*step.count);
    if (!step.var.isEmpty())
        rounds.var = &step.var;
    co_await runSteps(rt, step.steps, frame, rounds);
}

Co drain(Runtime &rt, const Step &step, Frame &frame)
{
    auto &queue = primitive<AsyncQueue>(rt, step.resource);
    while (!queue.empty()) {
        rt.checkLimits(); // a body that puts back what it got never suspends
        Value item;
        co_await queue.get(&item, rt.stepId(step));
        if (!step.as.isEmpty())
            frame.vars[step.as] = std::move(item);
        co_await runSteps(rt, step.steps, frame);
    }
}

Co offload(Runtime &rt, const Step &step, Frame &frame)
{
    const QString pool = step.kind == StepKind::ToThread ? QString() : step.resource;
    Ref<Future> done = rt.pools->submit(pool, step.work, frame.number(step.seconds),
                                        rt.stepId(step), rt.currentLane());
    const bool process = rt.pools->isProcessPool(pool);
    co_await FutureAwait{rt, done, LaneState::Waiting, process ? rt.s.process : rt.s.thread,
                         rt.stepId(step)};
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
        frame.vars[step.as] = Value{PyValue(task->name()), Ref<Future>(task)};
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
        rt.event(EventKind::Print, lane, frame.substitute(step.text));
        return true;
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
        primitive<UserFuture>(rt, step.resource).setResult(frame.resolve(step.value));
        return true;
    case StepKind::Raise:
        rt.event(EventKind::Raise, lane, frame.substitute(step.message), step.error);
        throw PyError::raised(step.error, frame.substitute(step.message));
    case StepKind::Cancel: {
        Task *task = frame.task(step.task);
        rt.event(EventKind::Cancel, task->lane(), {}, {}, lane);
        task->cancel();
        return true;
    }
    case StepKind::Cpu:
    case StepKind::Block:
        holdLoop(rt, step, frame.number(step.seconds), step.kind == StepKind::Cpu);
        return true;
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
        return false;
    }
    return false;
}

Co runStep(Runtime &rt, const Step &step, Frame &frame)
{
    const StringId id = rt.stepId(step);
    switch (step.kind) {
    case StepKind::Sleep:
        co_await Sleep{rt, frame.number(step.seconds), id};
        break;
    case StepKind::Call:
        co_await runCoroutine(rt, coroutineNamed(rt, step.coro), frame.bind(step.args));
        break;
    case StepKind::Await: {
        Task *task = frame.task(step.task);
        if (isUnusualAwait(rt, task)) {
            co_await awaitUnusual(rt, *task, id);
            break;
        }
        co_await FutureAwait{rt, Ref<Future>(task), LaneState::Waiting, rt.laneString(task->lane()),
                             id};
        break;
    }
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
        co_await primitive<AsyncQueue>(rt, step.resource).put(frame.resolve(step.item), id);
        break;
    case StepKind::Get: {
        Value item;
        co_await primitive<AsyncQueue>(rt, step.resource).get(&item, id);
        if (!step.as.isEmpty())
            frame.vars[step.as] = std::move(item);
        break;
    }
    case StepKind::Join:
        co_await primitive<AsyncQueue>(rt, step.resource).join(id);
        break;
    case StepKind::FutureAwait: {
        Value value;
        co_await primitive<UserFuture>(rt, step.resource).await(id, &value);
        if (!step.as.isEmpty())
            frame.vars[step.as] = std::move(value);
        break;
    }
    case StepKind::Repeat:
        co_await repeat(rt, step, frame);
        break;
    case StepKind::Drain:
        co_await drain(rt, step, frame);
        break;
    case StepKind::Try:
        co_await tryStep(rt, step, frame);
        break;
    case StepKind::ToThread:
    case StepKind::RunInExecutor:
        co_await offload(rt, step, frame);
        break;
    case StepKind::Print: // the instants: runInstant() ran them
    case StepKind::CreateTask:
    case StepKind::Release:
    case StepKind::EventSet:
    case StepKind::EventClear:
    case StepKind::TaskDone:
    case StepKind::FutureSet:
    case StepKind::Raise:
    case StepKind::Cancel:
    case StepKind::Cpu:
    case StepKind::Block:
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
            frame.vars[*rounds.var] = Value{PyValue(qint64(i)), {}};
        for (std::size_t k = 0; k < steps.size(); ++k) {
            const Step &step = steps[k];
            rt.checkLimits();
            // Ops that cannot suspend, and sleeps, run here without a coroutine frame of their
            // own.
            if (step.kind == StepKind::Sleep)
                co_await Sleep{rt, frame.number(step.seconds), ids ? ids[k] : rt.stepId(step)};
            else if (!runInstant(rt, step, frame))
                co_await runStep(rt, step, frame);
        }
    }
}

Co runCoroutine(Runtime &rt, const Coroutine &coroutine, Frame frame)
{
    try {
        co_await runSteps(rt, coroutine.steps, frame);
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
