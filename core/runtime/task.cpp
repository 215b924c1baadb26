#include "task.h"

#include "interpreter.h"
#include "runtime.h"

#include <cmath>

namespace loopscope::rt {

Task::Task(Runtime &rt, int lane, QString name, QString coro)
    : Future(rt.loop)
    , m_rt(rt)
    , m_lane(lane)
    , m_name(std::move(name))
    , m_coro(std::move(coro))
{}

QString Task::pythonName() const
{
    return m_taskNumber > 0 ? QStringLiteral("Task-%1").arg(m_taskNumber) : m_name;
}

void Task::start(Co body)
{
    m_body = std::move(body);
    m_body.handle().promise().doneFlag = &m_bodyDone;
    m_resumePoint = m_body.handle();
    markReady(m_rt.now(), 0);
    m_loop->callSoon(Callback{&Task::stepCb, this, 0}, this);
}

void Task::stepCb(void *self, std::uintptr_t)
{
    static_cast<Task *>(self)->step(nullptr);
}

void Task::wakeupCb(void *self, std::uintptr_t future)
{
    auto *task = static_cast<Task *>(self);
    const auto *fut = reinterpret_cast<const Future *>(future);
    if (fut->cancelled()) {
        task->step(std::make_unique<PyError>(const_cast<Future *>(fut)->takeCancelledError()));
    } else if (fut->failed()) {
        if (const auto *awaited = dynamic_cast<const Task *>(fut))
            const_cast<Task *>(awaited)->exceptionRetrieved = true;
        task->step(std::make_unique<PyError>(*fut->error()));
    } else
        task->step(nullptr);
}

const Task *Task::resumedBy(const Callback &cb, bool *wakeup)
{
    *wakeup = cb.fn == &Task::wakeupCb;
    return *wakeup || cb.fn == &Task::stepCb ? static_cast<const Task *>(cb.self) : nullptr;
}

void Task::warm(const Callback &cb)
{
    const char *lines = nullptr;
    if (cb.fn == &Task::wakeupCb || cb.fn == &Task::stepCb)
        lines = static_cast<const char *>(static_cast<Task *>(cb.self)->m_resumePoint.address());
    else if (cb.fn == &Future::resultCb)
        lines = static_cast<const char *>(static_cast<Future *>(cb.self)->firstCallback().self);
    if (!lines)
        return;
    for (int offset = 0; offset < 256; offset += 64)
        __builtin_prefetch(lines + offset);
}

void Task::becameReady(const Future &cause)
{
    const double now = m_rt.now();
    // A timer that fired late (the loop was held by someone else) made the task ready at its
    // deadline: show the wait for the loop as `ready`, not as more `waiting`.
    const double t = std::isnan(cause.readyAt) ? now : std::min(now, cause.readyAt);
    markReady(t, m_waitStep);
    if (cause.doneBy >= 0 && cause.doneBy != m_lane)
        m_rt.event(EventKind::Wake, m_lane, {}, {}, cause.doneBy, m_rt.recorder.str(m_waitOn));
}

void Task::suspendOn(Future *fut, std::coroutine_handle<> h, LaneState state, StringId on,
                     StringId step)
{
    m_resumePoint = h;
    m_futWaiter = fut;
    m_waitOn = on;
    m_waitStep = step;
    m_rt.setState(m_lane, state, on, step);
    fut->addDoneCallback(Callback{&Task::wakeupCb, this, reinterpret_cast<std::uintptr_t>(fut)});
}

void Task::yieldAt(std::coroutine_handle<> h, StringId step)
{
    m_resumePoint = h;
    m_waitStep = step;
    markReady(m_rt.now(), step);
    m_loop->callSoon(Callback{&Task::stepCb, this, 0}, this);
}

bool Task::cancel()
{
    if (done())
        return false;
    ++m_cancelRequests;
    if (m_futWaiter && m_futWaiter->cancel())
        return true;
    m_mustCancel = true;
    return true;
}

PyError Task::takeCancelledError()
{
    if (m_cancelledExc)
        return *std::exchange(m_cancelledExc, nullptr);
    return PyError::cancelled();
}

int Task::uncancel()
{
    if (m_cancelRequests > 0)
        --m_cancelRequests;
    return m_cancelRequests;
}

void Task::markReady(double t, StringId step)
{
    if (m_rt.loop.isLive()) {
        m_rt.setState(m_lane, LaneState::Ready, 0, step, t); // the live view shows it at once
        return;
    }
    m_readyPending = true;
    m_readySince = t;
    m_readyStep = step;
}

void Task::flushReady()
{
    if (!m_readyPending)
        return;
    m_readyPending = false;
    m_rt.setState(m_lane, LaneState::Ready, 0, m_readyStep, m_readySince);
}

void Task::markRunning()
{
    const double t = m_rt.now();
    if (m_readyPending && m_readySince < t)
        flushReady();
    m_readyPending = false;
    stepStarted = t;
    m_rt.setState(m_lane, LaneState::Running, 0, m_waitStep, t);
}

void Task::step(std::unique_ptr<PyError> exc)
{
    if (done())
        return;
    if (m_mustCancel) {
        exc = std::make_unique<PyError>(PyError::cancelled());
        m_mustCancel = false;
    }
    m_futWaiter = Ref<Future>();
    m_resumeError = std::move(exc);
    Task *previous = std::exchange(m_rt.current, this);
    markRunning();
    if (m_resumeError && !m_started) {
        // Cancelled before its first step: the coroutine never runs (coro.throw on a new coro).
        m_rt.current = previous;
        finish();
        return;
    }
    m_started = true;
    m_resumePoint.resume();
    m_rt.current = previous;
    m_rt.stepTook(*this, m_rt.now() - stepStarted);
    if (m_bodyDone) {
        finish();
        return;
    }
    if (m_mustCancel && m_futWaiter && m_futWaiter->cancel())
        m_mustCancel = false;
}

void Task::finish()
{
    // A task awaiting this one directly is woken from this task's last step, as CPython's
    // Task.__step sets the result and schedules the waiter's __wakeup: the wake edge names it.
    doneBy = m_lane;
    std::exception_ptr error = m_bodyDone ? m_body.error() : nullptr;
    if (!m_bodyDone && m_resumeError)
        error = std::make_exception_ptr(*m_resumeError);
    if (error) {
        try {
            std::rethrow_exception(error);
        } catch (const PyError &e) {
            if (e.isCancel()) {
                m_cancelledExc = std::make_unique<PyError>(e);
                m_rt.recorder.end(m_rt.buffer, m_lane, m_rt.now(), LaneResult::Cancelled);
                markCancelled();
                return;
            }
            m_rt.recorder.end(m_rt.buffer, m_lane, m_rt.now(), LaneResult::Failed);
            setException(e);
            if (pyexc::endsTheLoop(e.type)) { // __step re-raises it out of the loop
                m_rt.escaped = e;
                m_rt.loop.interrupt();
            }
            return;
        } catch (const RunStopped &) {
            return; // the run is over; the lane stays open and ends `pending`
        } catch (const std::exception &e) {
            m_rt.recorder.end(m_rt.buffer, m_lane, m_rt.now(), LaneResult::Failed);
            setException(PyError{QStringLiteral("RuntimeError"),
                                 QStringLiteral("internal error: ") + QString::fromUtf8(e.what()),
                                 {}});
            return;
        }
    }
    if (m_mustCancel) {
        m_rt.recorder.end(m_rt.buffer, m_lane, m_rt.now(), LaneResult::Cancelled);
        markCancelled();
        return;
    }
    m_rt.recorder.end(m_rt.buffer, m_lane, m_rt.now(), LaneResult::Done);
    setResult();
}

void FutureAwait::await_resume()
{
    Task *task = rt.current;
    if (auto error = task->takeResumeError())
        throw *error;
    if (fut->cancelled())
        throw fut->takeCancelledError();
    if (fut->failed()) {
        if (auto *awaited = dynamic_cast<Task *>(fut.get()))
            awaited->exceptionRetrieved = true;
        throw *fut->error();
    }
}

void FutureAwait::await_suspend(std::coroutine_handle<> h)
{
    rt.current->suspendOn(fut.get(), h, state, on, step);
}

void Yield::await_suspend(std::coroutine_handle<> h)
{
    rt.current->yieldAt(h, step);
}

void Yield::await_resume()
{
    if (auto error = rt.current->takeResumeError())
        throw *error;
}

} // namespace loopscope::rt
