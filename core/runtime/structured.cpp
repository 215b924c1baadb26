#include "structured.h"

#include "objects.h"
#include "runtime.h"

#include <algorithm>
#include <utility>

namespace loopscope::rt {

// ---- gather -----------------------------------------------------------------------------

GatheringFuture::GatheringFuture(Runtime &rt, std::vector<Ref<Future>> children,
                                 bool returnExceptions)
    : Future(rt.loop)
    , m_rt(rt)
    , m_children(std::move(children))
    , m_returnExceptions(returnExceptions)
{
    if (m_children.empty()) {
        setResult(Value::list());
        return;
    }
    // As tasks.py (3.12) does: a pending child gets the done callback, which keeps the outer
    // future alive until it has run; children already done are counted at once, after the
    // loop, so a gather of finished tasks is done before it is awaited (no suspension). No
    // reference is taken around those calls: with no child pending it would be the only one,
    // and releasing it deleted the gather under its creator (the crash of issue 14).
    std::vector<Future *> alreadyDone;
    for (std::size_t i = 0; i < m_children.size(); ++i) {
        Future *child = m_children[i].get();
        const auto seen = m_children.begin() + std::ptrdiff_t(i);
        if (std::find(m_children.begin(), seen, m_children[i]) != seen)
            continue; // gather(t, t): t counts once, as with tasks.py's arg_to_fut
        ++m_distinct;
        if (child->done()) {
            alreadyDone.push_back(child);
            continue;
        }
        retain();
        ++m_callbackRefs;
        child->addDoneCallback(
            Callback{&GatheringFuture::childDoneCb, this, reinterpret_cast<std::uintptr_t>(child)});
    }
    m_rt.gathers.insert(this);
    for (Future *child : alreadyDone)
        childDone(*child);
}

GatheringFuture::~GatheringFuture()
{
    m_rt.gathers.erase(this);
}

void GatheringFuture::childDoneCb(void *self, std::uintptr_t child)
{
    auto *outer = static_cast<GatheringFuture *>(self);
    outer->childDone(*reinterpret_cast<Future *>(child));
    --outer->m_callbackRefs;
    outer->release();
}

void GatheringFuture::abandon()
{
    for (auto &child : m_children) // a duplicate finds nothing left to remove
        child->removeDoneCallback(Callback{&GatheringFuture::childDoneCb, this,
                                           reinterpret_cast<std::uintptr_t>(child.get())});
    m_children.clear();
    for (int n = std::exchange(m_callbackRefs, 0); n > 0; --n)
        release(); // the last one deletes this
}

void GatheringFuture::childDone(Future &child)
{
    ++m_finished;
    auto *task = dynamic_cast<Task *>(&child);
    if (task && child.failed())
        task->exceptionRetrieved = true;
    if (done())
        return;
    doneBy = task ? task->lane() : -1;
    if (!m_returnExceptions) {
        if (child.cancelled()) {
            setException(child.takeCancelledError());
            return;
        }
        if (child.failed()) {
            setException(*child.error());
            return;
        }
    }
    if (m_finished == m_distinct) {
        if (m_cancelRequested) // tasks.py asks its loop variable: the last child
            setException(m_children.back()->takeCancelledError());
        else
            setResult(results());
    }
}

// The list gather gives: each child's result in the order given (a child given twice, twice);
// under return_exceptions an exception in its place, and a cancelled child's
// CancelledError('') (tasks.py makes it with its message, '' when there is none).
Value GatheringFuture::results() const
{
    expr::Values items;
    items.reserve(m_children.size());
    for (const Ref<Future> &child : m_children) {
        if (child->cancelled())
            items.push_back(exceptionValue(PyError::cancelled(), true));
        else if (child->failed())
            items.push_back(exceptionValue(*child->error()));
        else
            items.push_back(resultOf(*child));
    }
    return Value::list(std::move(items));
}

bool GatheringFuture::cancel()
{
    if (done())
        return false;
    bool any = false;
    for (auto &child : m_children)
        any = child->cancel() || any;
    if (any)
        m_cancelRequested = true;
    return any;
}

// ---- TaskGroup --------------------------------------------------------------------------

TaskGroupScope::TaskGroupScope(Runtime &rt, Task &parent)
    : m_rt(rt)
    , m_parent(parent)
{}

void TaskGroupScope::checkAccepting() const
{
    if (!m_aborting)
        return;
    // TaskGroup.__repr__: the tasks not done yet (their done callbacks not run), the errors.
    QString info;
    if (m_pending > 0)
        info += QStringLiteral(" tasks=%1").arg(m_pending);
    if (!m_errors.empty())
        info += QStringLiteral(" errors=%1").arg(m_errors.size());
    throw PyError{QStringLiteral("RuntimeError"),
                  QStringLiteral("TaskGroup <TaskGroup%1 cancelling> is shutting down").arg(info),
                  {}};
}

void TaskGroupScope::add(const Ref<Task> &task)
{
    m_tasks.push_back(task);
    ++m_pending;
    task->addDoneCallback(
        Callback{&TaskGroupScope::taskDoneCb, this, reinterpret_cast<std::uintptr_t>(task.get())});
}

void TaskGroupScope::taskDoneCb(void *self, std::uintptr_t task)
{
    static_cast<TaskGroupScope *>(self)->taskDone(*reinterpret_cast<Task *>(task));
}

void TaskGroupScope::taskDone(Task &task)
{
    --m_pending;
    if (m_onCompleted && m_pending == 0 && !m_onCompleted->done()) {
        m_onCompleted->doneBy = task.lane();
        m_onCompleted->setResult();
    }
    if (task.cancelled() || !task.failed())
        return;
    task.exceptionRetrieved = true;
    m_errors.push_back(*task.error());
    if (pyexc::endsTheLoop(task.error()->type) && !m_baseError)
        m_baseError = *task.error();
    if (m_parent.done())
        return;
    if (!m_aborting && !m_parentCancelRequested) {
        abort();
        m_parentCancelRequested = true;
        m_parent.cancel();
    }
}

void TaskGroupScope::abort()
{
    m_aborting = true;
    for (auto &t : m_tasks)
        if (!t->done())
            t->cancel();
}

Co TaskGroupScope::exit(std::optional<PyError> bodyError, StringId step)
{
    if (bodyError && pyexc::endsTheLoop(bodyError->type) && !m_baseError)
        m_baseError = bodyError;
    std::optional<PyError> propagateCancel;
    if (bodyError && bodyError->isCancel())
        propagateCancel = bodyError;
    if (m_parentCancelRequested && m_parent.uncancel() == 0)
        propagateCancel.reset();
    if (bodyError && !m_aborting)
        abort();
    while (m_pending > 0) {
        if (!m_onCompleted)
            m_onCompleted = Ref<Future>(new Future(m_rt.loop));
        try {
            co_await FutureAwait{m_rt, m_onCompleted, LaneState::Waiting, m_rt.s.taskGroup, step};
        } catch (const PyError &e) {
            if (!e.isCancel())
                throw;
            if (!m_aborting) {
                propagateCancel = e;
                abort();
            }
        }
        m_onCompleted = Ref<Future>();
    }
    if (m_baseError) // KeyboardInterrupt or SystemExit: raised as it is, not grouped
        throw *m_baseError;
    if (propagateCancel && m_errors.empty())
        throw *propagateCancel;
    if (bodyError && !bodyError->isCancel())
        m_errors.push_back(*bodyError);
    if (!m_errors.empty()) {
        // BaseExceptionGroup(...) is an ExceptionGroup when every error is an Exception.
        const bool allExceptions
            = std::all_of(m_errors.begin(), m_errors.end(),
                          [](const PyError &e) { return pyexc::isException(e.type); });
        throw PyError{allExceptions ? QStringLiteral("ExceptionGroup")
                                    : QStringLiteral("BaseExceptionGroup"),
                      QStringLiteral("unhandled errors in a TaskGroup"), m_errors};
    }
}

// ---- timeout ----------------------------------------------------------------------------

TimeoutScope::TimeoutScope(Runtime &rt, Task &task, double seconds)
    : m_rt(rt)
    , m_task(task)
    , m_cancelling(task.cancelling())
    , m_guard(new Future(rt.loop))
{
    // timeouts.py's reschedule: a deadline already reached is call_soon'd, so it comes before
    // the task's next step (a body of `await asyncio.sleep(0)` is cancelled), not after it as a
    // timer due now would. The guard rides along: done once the scope is left (the handle
    // cancelled), when the callback must not touch the scope.
    if (seconds <= 0)
        rt.loop.callSoon(Callback{&TimeoutScope::onTimeoutSoonCb, m_guard.get(),
                                  reinterpret_cast<std::uintptr_t>(this)},
                         m_guard);
    else
        rt.loop.callAt(rt.now() + seconds, Callback{&TimeoutScope::onTimeoutCb, this, 0}, m_guard);
}

const Task *TimeoutScope::taskOf(const Callback &cb)
{
    if (cb.fn == &TimeoutScope::onTimeoutCb)
        return &static_cast<const TimeoutScope *>(cb.self)->m_task;
    if (cb.fn == &TimeoutScope::onTimeoutSoonCb)
        return &reinterpret_cast<const TimeoutScope *>(cb.arg)->m_task;
    return nullptr;
}

void TimeoutScope::onTimeoutSoonCb(void *guard, std::uintptr_t self)
{
    if (!static_cast<Future *>(guard)->done())
        onTimeoutCb(reinterpret_cast<TimeoutScope *>(self), 0);
}

TimeoutScope::~TimeoutScope()
{
    if (!m_guard->done())
        m_guard->setResult();
}

void TimeoutScope::onTimeoutCb(void *self, std::uintptr_t)
{
    auto *scope = static_cast<TimeoutScope *>(self);
    if (scope->m_state != State::Entered)
        return;
    scope->m_rt.event(EventKind::Timeout, scope->m_task.lane(), QStringLiteral("timeout expired"));
    scope->m_task.cancel();
    scope->m_state = State::Expiring;
}

std::optional<PyError> TimeoutScope::exit(std::optional<PyError> error)
{
    if (!m_guard->done())
        m_guard->setResult();
    if (m_state == State::Expiring) {
        m_state = State::Expired;
        if (m_task.uncancel() <= m_cancelling && error && error->isCancel())
            return PyError{QStringLiteral("TimeoutError"), {}, {}};
    } else if (m_state == State::Entered) {
        m_state = State::Exited;
    }
    return error;
}

} // namespace loopscope::rt
