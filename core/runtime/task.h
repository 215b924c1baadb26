// asyncio.Task: a Future that drives an interpreted coroutine, one step per loop callback.
// step() and wakeup() follow CPython's Task.__step and Task.__wakeup: a task resumes on the loop
// iteration after the future it awaits completes, and a cancellation arrives as CancelledError
// at the await where the task is suspended.
#pragma once

#include "coro.h"
#include "future.h"
#include "trace/trace.h"

#include <coroutine>
#include <memory>
#include <optional>
#include <utility>

namespace loopscope::rt {

class Runtime;

class Task : public Future
{
public:
    Task(Runtime &rt, int lane, QString name, QString coro);

    int lane() const { return m_lane; }
    const QString &name() const { return m_name; }
    const QString &coroName() const { return m_coro; }
    // Task.get_name(): the name= it was given, else CPython's `Task-<n>`, n counting every task
    // the process made (tasks.py's _task_name_counter). The lane keeps its own name.
    QString pythonName() const;
    void nameAsCPythonDoes(int taskNumber) { m_taskNumber = taskNumber; }

    // Gives the task its body and schedules its first step (Task.__init__'s call_soon).
    void start(Co body);
    bool cancel() override;
    PyError takeCancelledError() override;
    int uncancel();
    int cancelling() const { return m_cancelRequests; }

    // Called by an awaiter when the task suspends on `fut` at coroutine `h`.
    void suspendOn(Future *fut, std::coroutine_handle<> h, LaneState state, StringId on,
                   StringId step);
    // Suspends for one loop iteration (a bare `yield`, as asyncio.sleep(0) does).
    void yieldAt(std::coroutine_handle<> h, StringId step);
    // The exception the resumed awaiter must raise, if any.
    std::unique_ptr<PyError> takeResumeError() { return std::move(m_resumeError); }

    // A done callback about to be scheduled for this task: the task became ready.
    void becameReady(const Future &cause);
    static void wakeupCb(void *self, std::uintptr_t future);
    // EventLoop::warm: prefetches the coroutine frame a task's step will resume, or the task a
    // sleep's timer will wake.
    static void warm(const Callback &cb);

    // Virtual clock: records the `ready` that began at the time it began, if the task has not
    // run since (a paused run, the end of a run).
    void flushReady();

    // The end of a run: destroys the task's coroutine frames, and so the references its
    // variables hold. A task that holds itself in a variable (it took itself from a queue)
    // would otherwise never be freed.
    void dropBody()
    {
        m_resumePoint = {};
        m_body = Co{};
    }

    StringId waitingOn() const { return m_waitOn; }
    // The future it is suspended on (Task._fut_waiter), or null.
    Future *awaiting() const { return m_futWaiter.get(); }
    // The task a ready callback resumes (its __step, or its __wakeup: `*wakeup` is set), or null.
    static const Task *resumedBy(const Callback &cb, bool *wakeup);
    // The step it resumes at ("" for its first).
    StringId resumeStep() const { return m_waitStep; }
    // The task as an expression value (value.h: taskValue), while some value holds it.
    std::weak_ptr<expr::Object> valueObject;
    bool exceptionRetrieved = false; // someone looked at its exception
    // Task.__del__ says "Task was destroyed but it is pending!" (not for the tasks gather
    // makes of coroutines: tasks.py clears _log_destroy_pending there).
    bool logDestroyPending = true;
    bool cancelledAtShutdown = false;
    double stepStarted = 0.0;

private:
    static void stepCb(void *self, std::uintptr_t);
    void step(std::unique_ptr<PyError> exc);
    void finish();
    void markReady(double t, StringId step);
    void markRunning();

    // What every step touches comes first: with ten thousand tasks a step is a handful of cache
    // misses, and the fewer lines a task spans, the fewer misses.
    Runtime &m_rt;
    std::coroutine_handle<> m_resumePoint;
    Ref<Future> m_futWaiter;
    std::unique_ptr<PyError> m_resumeError;
    std::unique_ptr<PyError> m_cancelledExc; // the CancelledError its coroutine ended with
    int m_lane;
    int m_cancelRequests = 0;
    StringId m_waitStep = 0;
    StringId m_waitOn = 0;
    bool m_mustCancel = false;
    bool m_started = false;  // its coroutine has run (a task cancelled before never runs it)
    bool m_bodyDone = false; // set by the body's final suspend, so no look into its frame
    // The virtual clock records `ready` only when the task runs later than it became ready: a
    // ready span of zero length is not drawn, and skipping it saves a third of the records.
    bool m_readyPending = false;
    StringId m_readyStep = 0;
    double m_readySince = 0.0;

    Co m_body;
    QString m_name;
    QString m_coro;
    int m_taskNumber = 0; // n of `Task-<n>` for a task not given a name, else 0
};

// `co_await FutureAwait{...}` inside an interpreted coroutine: suspend the current task on a
// future (no suspension when it is already done, as in CPython); its value is fut->result().
struct FutureAwait
{
    // A constructor rather than aggregate initialisation: GCC 12 copies an aggregate co_await
    // operand without calling Ref's copy constructor and then destroys both copies, so every
    // await released `fut` once too often (a Task freed while still referenced, found by
    // ThreadSanitizer at the end of a run; tests/reliability/tst_awaiter_copies).
    FutureAwait(Runtime &runtime, Ref<Future> future, LaneState waitState = LaneState::Waiting,
                StringId waitOn = 0, StringId waitStep = 0)
        : rt(runtime)
        , fut(std::move(future))
        , state(waitState)
        , on(waitOn)
        , step(waitStep)
    {}

    Runtime &rt;
    Ref<Future> fut;
    LaneState state = LaneState::Waiting;
    StringId on = 0;
    StringId step = 0;

    bool await_ready() const { return fut->done(); }
    void await_suspend(std::coroutine_handle<> h);
    void await_resume();
};

// `co_await Yield{...}`: asyncio.sleep(0).
struct Yield
{
    Runtime &rt;
    StringId step = 0;
    bool await_ready() const { return false; }
    void await_suspend(std::coroutine_handle<> h);
    void await_resume();
};

} // namespace loopscope::rt
