// asyncio.gather, asyncio.TaskGroup and asyncio.timeout, after CPython 3.12's tasks.py,
// taskgroups.py and timeouts.py.
#pragma once

#include "coro.h"
#include "future.h"
#include "task.h"
#include "value.h"

#include <optional>
#include <vector>

namespace loopscope::rt {

class Runtime;

// The outer future of gather(): done when every child is (or at the first failure, unless
// return_exceptions). Cancelling it cancels the children.
class GatheringFuture : public Future
{
public:
    GatheringFuture(Runtime &rt, std::vector<Ref<Future>> children, bool returnExceptions);
    ~GatheringFuture() override;
    bool cancel() override;

    // End of the run only: a gather whose children never finished (a deadlock, a stop) keeps
    // itself alive for their done callbacks while it holds them, a cycle that would leak the
    // children's coroutine frames. Drops the callbacks, the children and those references.
    void abandon();

private:
    static void childDoneCb(void *self, std::uintptr_t child);
    void childDone(Future &child);
    Value results() const;
    Runtime &m_rt;
    std::vector<Ref<Future>> m_children;
    bool m_returnExceptions;
    std::size_t m_distinct = 0; // children counted once each (gather(t, t) waits for t once)
    std::size_t m_finished = 0;
    int m_callbackRefs = 0; // references held for children's done callbacks not run yet
    bool m_cancelRequested = false;
};

class TaskGroupScope
{
public:
    TaskGroupScope(Runtime &rt, Task &parent);
    // tg.create_task: raises RuntimeError once the group is aborting, as taskgroups.py does
    // (call it before the task is made: then no task exists).
    void checkAccepting() const;
    void add(const Ref<Task> &task);
    // __aexit__: waits for every task; raises ExceptionGroup, or the body's error.
    Co exit(std::optional<PyError> bodyError, StringId step);

private:
    static void taskDoneCb(void *self, std::uintptr_t task);
    void taskDone(Task &task);
    void abort();
    Runtime &m_rt;
    Task &m_parent;
    std::vector<Ref<Task>> m_tasks; // every task ever added, in order
    std::size_t m_pending = 0;      // of those, not done yet
    std::vector<PyError> m_errors;
    std::optional<PyError> m_baseError; // the first KeyboardInterrupt or SystemExit
    Ref<Future> m_onCompleted;
    bool m_aborting = false;
    bool m_parentCancelRequested = false;
};

// asyncio.timeout(seconds): cancels the task at the deadline; __aexit__ turns that
// cancellation into TimeoutError.
class TimeoutScope
{
public:
    // The task a timeout callback cancels, or null when `cb` is not one.
    static const Task *taskOf(const Callback &cb);
    TimeoutScope(Runtime &rt, Task &task, double seconds);
    ~TimeoutScope();
    // Call with the error that left the body (if any); returns the error to raise instead.
    std::optional<PyError> exit(std::optional<PyError> error);
    bool expired() const { return m_state == State::Expiring || m_state == State::Expired; }

private:
    enum class State { Entered, Expiring, Expired, Exited };
    static void onTimeoutCb(void *self, std::uintptr_t);
    static void onTimeoutSoonCb(void *guard, std::uintptr_t self);
    Runtime &m_rt;
    Task &m_task;
    int m_cancelling;
    State m_state = State::Entered;
    Ref<Future> m_guard; // done when the scope is left: the timer is then dead
};

} // namespace loopscope::rt
