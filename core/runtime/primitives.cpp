#include "primitives.h"

#include "runtime.h"

#include <algorithm>

namespace loopscope::rt {

namespace {
void removeWaiter(std::deque<Ref<Future>> &waiters, const Ref<Future> &fut)
{
    auto it = std::find(waiters.begin(), waiters.end(), fut);
    if (it != waiters.end())
        waiters.erase(it);
}

PyError error(const char *type, const char *message)
{
    return PyError{QString::fromLatin1(type), QString::fromLatin1(message), {}};
}
} // namespace

Primitive::Primitive(Runtime &rt, QString id)
    : m_rt(rt)
    , m_id(std::move(id))
    , m_idString(rt.intern(m_id))
{}

Ref<Future> Primitive::newWaiter()
{
    return Ref<Future>(new Future(m_rt.loop));
}

// ---- Lock -------------------------------------------------------------------------------

Co AsyncLock::acquire(StringId step)
{
    const bool anyLive = std::any_of(m_waiters.begin(), m_waiters.end(),
                                     [](const Ref<Future> &w) { return !w->cancelled(); });
    if (!m_locked && !anyLive) {
        m_locked = true;
        holders = {m_rt.currentLane()};
        m_rt.event(EventKind::Acquire, m_rt.currentLane(), {}, m_id);
        co_return;
    }
    Ref<Future> fut = newWaiter();
    m_waiters.push_back(fut);
    bool cancelled = false;
    try {
        co_await FutureAwait{m_rt, fut, LaneState::Blocked, m_idString, step};
    } catch (const PyError &e) {
        removeWaiter(m_waiters, fut);
        if (!e.isCancel())
            throw;
        cancelled = true;
    }
    if (cancelled) {
        if (!m_locked)
            wakeUpFirst();
        throw PyError::cancelled();
    }
    removeWaiter(m_waiters, fut);
    m_locked = true;
    holders = {m_rt.currentLane()};
    m_rt.event(EventKind::Acquire, m_rt.currentLane(), {}, m_id);
}

void AsyncLock::release()
{
    if (!m_locked)
        throw error("RuntimeError", "Lock is not acquired.");
    m_locked = false;
    holders.clear();
    m_rt.event(EventKind::Release, m_rt.currentLane(), {}, m_id);
    wakeUpFirst();
}

void AsyncLock::wakeUpFirst()
{
    if (m_waiters.empty())
        return;
    Future &fut = *m_waiters.front();
    if (!fut.done()) {
        fut.doneBy = m_rt.currentLane();
        fut.setResult();
    }
}

// ---- Semaphore --------------------------------------------------------------------------

AsyncSemaphore::AsyncSemaphore(Runtime &rt, QString id, int value, bool bounded)
    : Primitive(rt, std::move(id))
    , m_value(value)
    , m_initial(value)
    , m_bounded(bounded)
{}

bool AsyncSemaphore::locked() const
{
    return m_value == 0
           || std::any_of(m_waiters.begin(), m_waiters.end(),
                          [](const Ref<Future> &w) { return !w->cancelled(); });
}

Co AsyncSemaphore::acquire(StringId step)
{
    if (!locked()) {
        --m_value;
        holders.push_back(m_rt.currentLane());
        m_rt.event(EventKind::Acquire, m_rt.currentLane(), {}, m_id);
        co_return;
    }
    Ref<Future> fut = newWaiter();
    m_waiters.push_back(fut);
    std::optional<PyError> failure;
    try {
        co_await FutureAwait{m_rt, fut, LaneState::Blocked, m_idString, step};
    } catch (const PyError &e) {
        failure = e;
    }
    removeWaiter(m_waiters, fut);
    if (failure && failure->isCancel() && fut->done() && !fut->cancelled())
        ++m_value; // woken, but cancelled before it could run: undo, let another go
    // New waiters may have arrived but had to wait due to FIFO: wake as many as allowed.
    while (m_value > 0 && wakeUpNext()) {
    }
    if (failure)
        throw *failure;
    holders.push_back(m_rt.currentLane());
    m_rt.event(EventKind::Acquire, m_rt.currentLane(), {}, m_id);
}

void AsyncSemaphore::release()
{
    if (m_bounded && m_value >= m_initial)
        throw error("ValueError", "BoundedSemaphore released too many times");
    ++m_value;
    auto it = std::find(holders.begin(), holders.end(), m_rt.currentLane());
    if (it != holders.end())
        holders.erase(it);
    m_rt.event(EventKind::Release, m_rt.currentLane(), {}, m_id);
    wakeUpNext();
}

bool AsyncSemaphore::wakeUpNext()
{
    for (auto &fut : m_waiters) {
        if (!fut->done()) {
            --m_value;
            fut->doneBy = m_rt.currentLane();
            fut->setResult();
            return true;
        }
    }
    return false;
}

// ---- Event ------------------------------------------------------------------------------

Co AsyncEvent::wait(StringId step)
{
    if (m_set)
        co_return;
    Ref<Future> fut = newWaiter();
    m_waiters.push_back(fut);
    std::optional<PyError> failure;
    try {
        co_await FutureAwait{m_rt, fut, LaneState::Waiting, m_idString, step};
    } catch (const PyError &e) {
        failure = e;
    }
    removeWaiter(m_waiters, fut);
    if (failure)
        throw *failure;
}

void AsyncEvent::set()
{
    if (m_set)
        return;
    m_set = true;
    for (auto &fut : m_waiters) {
        if (!fut->done()) {
            fut->doneBy = m_rt.currentLane();
            fut->setResult();
        }
    }
}

// ---- Queue ------------------------------------------------------------------------------

AsyncQueue::AsyncQueue(Runtime &rt, QString id, int maxsize, const std::vector<PyValue> &items)
    : Primitive(rt, id)
    , m_maxsize(maxsize)
    , m_unfinished(int(items.size()))
    , m_finished(rt, id)
{
    for (const PyValue &item : items)
        m_items.push_back(expr::fromPyValue(item));
    if (m_unfinished == 0)
        m_finished.set();
}

void AsyncQueue::wakeupNext(std::deque<Ref<Future>> &waiters, int by)
{
    while (!waiters.empty()) {
        Ref<Future> waiter = waiters.front();
        waiters.pop_front();
        if (!waiter->done()) {
            waiter->doneBy = by;
            waiter->setResult();
            break;
        }
    }
}

void AsyncQueue::putNowait(Value item)
{
    m_items.push_back(std::move(item));
    ++m_unfinished;
    m_finished.clear();
    m_rt.event(EventKind::Put, m_rt.currentLane(), {}, m_id);
    wakeupNext(m_getters, m_rt.currentLane());
}

Co AsyncQueue::put(Value item, StringId step)
{
    while (full()) {
        Ref<Future> putter = newWaiter();
        m_putters.push_back(putter);
        std::optional<PyError> failure;
        try {
            co_await FutureAwait{m_rt, putter, LaneState::Blocked, m_idString, step};
        } catch (const PyError &e) {
            failure = e;
        }
        if (failure) {
            putter->cancel();
            removeWaiter(m_putters, putter);
            if (!full() && !putter->cancelled())
                wakeupNext(m_putters, m_rt.currentLane());
            throw *failure;
        }
    }
    putNowait(std::move(item));
}

Co AsyncQueue::get(Value *out, StringId step)
{
    while (empty()) {
        Ref<Future> getter = newWaiter();
        m_getters.push_back(getter);
        std::optional<PyError> failure;
        try {
            co_await FutureAwait{m_rt, getter, LaneState::Waiting, m_idString, step};
        } catch (const PyError &e) {
            failure = e;
        }
        if (failure) {
            getter->cancel();
            removeWaiter(m_getters, getter);
            if (!empty() && !getter->cancelled())
                wakeupNext(m_getters, m_rt.currentLane());
            throw *failure;
        }
    }
    *out = m_items.front();
    m_items.pop_front();
    m_rt.event(EventKind::Get, m_rt.currentLane(), {}, m_id);
    wakeupNext(m_putters, m_rt.currentLane());
}

void AsyncQueue::putNowaitOrRaise(Value item)
{
    if (full())
        throw PyError{QStringLiteral("QueueFull"), {}, {}};
    putNowait(std::move(item));
}

Value AsyncQueue::getNowait()
{
    if (empty())
        throw PyError{QStringLiteral("QueueEmpty"), {}, {}};
    Value item = std::move(m_items.front());
    m_items.pop_front();
    m_rt.event(EventKind::Get, m_rt.currentLane(), {}, m_id);
    wakeupNext(m_putters, m_rt.currentLane());
    return item;
}

void AsyncQueue::taskDone()
{
    if (m_unfinished <= 0)
        throw error("ValueError", "task_done() called too many times");
    if (--m_unfinished == 0)
        m_finished.set();
}

Co AsyncQueue::join(StringId step)
{
    if (m_unfinished > 0)
        co_await m_finished.wait(step);
}

// ---- Future -----------------------------------------------------------------------------

UserFuture::UserFuture(Runtime &rt, QString id)
    : Primitive(rt, std::move(id))
    , m_future(new Future(rt.loop))
{}

Co UserFuture::await(StringId step, Value *out)
{
    co_await FutureAwait{m_rt, m_future, LaneState::Waiting, m_idString, step};
    *out = m_result;
}

void UserFuture::setResult(Value value)
{
    if (m_future->done())
        throw error("InvalidStateError", "invalid state");
    m_future->doneBy = m_rt.currentLane();
    m_result = std::move(value);
    m_future->setResult();
}

} // namespace loopscope::rt
