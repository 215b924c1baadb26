// loop.call_soon(fn, *args) and loop.call_later(delay, fn, *args) (base_events.py): the
// function runs as a loop callback, not in a task. Its steps run on the event loop's own lane
// (Runtime::callbackLane, drawn as the "event loop" lane), at the iteration CPython runs the
// handle: call_soon appends to the ready queue, call_later is a timer at now + delay. An
// exception leaving the callback does not end the run: the loop's exception handler logs it
// ("Exception in callback fn()", a diagnostic here) and the loop goes on.
#include "frame_scope.h"
#include "interpreter_ops.h"

#include "scenario/expr/builtins.h"
#include "waiting.h"
#include "worker_script.h"

namespace loopscope::rt {

namespace {

struct LoopCallback
{
    Runtime *rt;
    const Coroutine *function;
    Frame frame;       // the arguments, as they were when call_soon was called
    Ref<Future> guard; // call_later's timer is alive while this is pending
};

void runCallback(void *self, std::uintptr_t)
{
    auto *job = static_cast<LoopCallback *>(self);
    Runtime &rt = *job->rt;
    const std::shared_ptr<void> owned = rt.pendingCallbacks.at(job);
    rt.pendingCallbacks.erase(job);
    if (job->guard && !job->guard->done())
        job->guard->setResult();
    try {
        runFunctionNow(rt, *job->function, job->frame);
    } catch (const PyError &e) {
        const int lane = rt.callbackLane();
        rt.event(EventKind::Raise, lane, e.message, e.type);
        rt.diagnostic(
            Severity::Error, QStringLiteral("exception-in-callback"), lane,
            QStringLiteral("Exception in callback %1(): %2")
                .arg(job->function->name,
                     e.message.isEmpty() ? e.type : e.type + QStringLiteral(": ") + e.message));
    }
}

// The step's `loop`, evaluated as Python would before calling its method: a NameError when it is
// unbound, an AttributeError when it is no loop.
void checkLoop(Runtime &rt, const Step &step, Frame &frame)
{
    if (step.loop.isEmpty()) { // asyncio.get_running_loop()
        if (!rt.loopRunning)
            throw PyError{
                QStringLiteral("RuntimeError"), QStringLiteral("no running event loop"), {}};
        return;
    }
    const Value loop = evaluate(rt, frame, step.loop);
    if (!expr::isEventLoop(loop))
        throw PyError{QStringLiteral("AttributeError"),
                      QStringLiteral("'%1' object has no attribute '%2'")
                          .arg(loop.typeName(), opName(step.kind)),
                      {}};
}

void checkClosed(const Runtime &rt)
{
    if (rt.loopClosed) // base_events.py's _check_closed
        throw PyError{QStringLiteral("RuntimeError"), QStringLiteral("Event loop is closed"), {}};
}

} // namespace

QString callbackFunctionName(const Callback &cb)
{
    return cb.fn == &runCallback ? static_cast<const LoopCallback *>(cb.self)->function->name
                                 : QString();
}

void callSoon(Runtime &rt, const Step &step, Frame &frame)
{
    checkLoop(rt, step, frame);
    checkClosed(rt);
    auto job = std::make_shared<LoopCallback>(
        LoopCallback{&rt, &functionNamed(rt, step.function), bind(rt, frame, step.args), {}});
    const Callback cb{&runCallback, job.get(), 0};
    if (step.kind == StepKind::CallSoon) {
        rt.loop.callSoon(cb);
    } else {
        job->guard = Ref<Future>(new Future(rt.loop));
        rt.loop.callAt(rt.now() + number(rt, frame, step.delay), cb, job->guard);
    }
    rt.pendingCallbacks.emplace(job.get(), std::move(job));
}

} // namespace loopscope::rt

namespace loopscope::rt {

namespace {

void checkNotRunning(Runtime &rt)
{
    checkClosed(rt);
    if (rt.loopRunning)
        throw PyError{QStringLiteral("RuntimeError"),
                      QStringLiteral("This event loop is already running"),
                      {}};
}

// _run_until_complete_cb: the task's done callback stops the loop, as loop.stop() does.
void stopLoopCb(void *runtime, std::uintptr_t)
{
    static_cast<Runtime *>(runtime)->loopStopping = true;
}

// loop.run_until_complete(coro(**args)) (base_events.py): ensure_future makes the coroutine a
// task on the loop, whose done callback stops it; run_forever; then the task's result, or its
// exception. Unlike asyncio.run nothing else is cancelled: the loop may run again.
void runUntilComplete(Runtime &rt, const Step &step, Frame &frame)
{
    try {
        checkNotRunning(rt);
    } catch (const PyError &) { // the coroutine object made for it is dropped unstarted
        rt.diagnostic(
            Severity::Warning, QStringLiteral("never-awaited"), rt.moduleLane,
            QStringLiteral("RuntimeWarning: coroutine '%1' was never awaited").arg(step.coro));
        throw;
    }
    Ref<Task> task = spawn(rt, step.coro, step.args, QString(), frame);
    const Callback stop{&stopLoopCb, &rt, 0};
    task->addDoneCallback(stop);
    rt.runForever();
    task->removeDoneCallback(stop);
    if (!task->done())
        throw PyError{QStringLiteral("RuntimeError"),
                      QStringLiteral("Event loop stopped before Future completed."),
                      {}};
    if (task->cancelled())
        throw task->takeCancelledError();
    if (task->failed()) {
        task->exceptionRetrieved = true;
        throw *task->error();
    }
    if (!step.as.isEmpty())
        assign(rt, frame, step.as, resultOf(*task));
}

} // namespace

// loop.run_forever(), loop.stop(), loop.close() (base_events.py). stop() only asks: the loop
// ends after the iteration it is in, or, called before run_forever, after one iteration that
// waits for nothing (the runner's runForever does both).
void loopOp(Runtime &rt, const Step &step, Frame &frame)
{
    checkLoop(rt, step, frame);
    switch (step.kind) {
    case StepKind::Stop:
        rt.loopStopping = true;
        return;
    case StepKind::Close:
        if (rt.loopRunning)
            throw PyError{QStringLiteral("RuntimeError"),
                          QStringLiteral("Cannot close a running event loop"),
                          {}};
        rt.loopClosed = true;
        return;
    case StepKind::RunUntilComplete:
        runUntilComplete(rt, step, frame);
        return;
    default: // run_forever
        checkNotRunning(rt);
        rt.runForever();
    }
}

} // namespace loopscope::rt
