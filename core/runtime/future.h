// asyncio.Future: pending, then done (with a value or an exception) or cancelled. When it
// completes, its done callbacks are scheduled on the loop with call_soon, as in CPython, so a
// task awaiting it resumes on the next loop iteration, not inside set_result().
#pragma once

#include "callback.h"
#include "frame_pool.h"
#include "py_error.h"

#include <limits>
#include <memory>
#include <vector>

namespace loopscope::expr {
class Value;
class Object;
} // namespace loopscope::expr

namespace loopscope::rt {

class EventLoop;
using Value = expr::Value; // value.h

class Future
{
public:
    enum class State : std::uint8_t { Pending, Done, Cancelled };

    explicit Future(EventLoop &loop)
        : m_loop(&loop)
    {}
    // Futures come and go at every await: recycled through the frame pool, not malloc.
    static void *operator new(std::size_t size) { return FramePool::allocate(size); }
    static void operator delete(void *p, std::size_t size) noexcept
    {
        FramePool::deallocate(p, size);
    }
    virtual ~Future();
    Future(const Future &) = delete;
    Future &operator=(const Future &) = delete;

    State state() const { return m_state; }
    bool done() const { return m_state != State::Pending; }
    bool cancelled() const { return m_state == State::Cancelled; }
    bool failed() const { return m_error != nullptr; }
    const PyError *error() const { return m_error.get(); }
    // The result, null for None (most futures: a sleep, a wake-up).
    const Value *result() const { return m_result; }

    // The CancelledError that awaiting a cancelled future raises (Future._make_cancelled_error):
    // a task cancelled by a CancelledError of its own gives that one, message and all, to the
    // first who asks, and a plain one to everyone after, as CPython does.
    virtual PyError takeCancelledError() { return PyError::cancelled(); }

    void setResult();
    void setResult(Value value);
    // What setResult() will complete the future with: a task's return value, kept when its
    // coroutine returns and given when the task finishes.
    void keepResult(Value value);
    void setException(PyError error);
    virtual bool cancel();

    // A timer's callback that completes the future `self` (asyncio.sleep's).
    static void resultCb(void *self, std::uintptr_t) { static_cast<Future *>(self)->setResult(); }
    const Callback &firstCallback() const { return m_firstCallback; }

    void addDoneCallback(const Callback &cb)
    {
        // Inline, field by field: the commonest await adds the one callback a future has, and
        // copying the callback as one block stalled on the stores that had just built it.
        if (!done() && !m_firstCallback && m_callbacks.empty()) {
            m_firstCallback.fn = cb.fn;
            m_firstCallback.self = cb.self;
            m_firstCallback.arg = cb.arg;
            return;
        }
        addAnotherCallback(cb);
    }
    void removeDoneCallback(Callback cb);

    // Who set this future's result (a lane index), for wake arrows; -1 when unknown.
    int doneBy = -1;
    // The loop log's id of the timer this guards, or of the selector wait it is (0: none): it
    // goes from the loop's insides when this is done. Fills padding: no bigger a future.
    std::uint32_t loopNote = 0;
    // A timer that completes this future late sets its deadline here: the waiter was ready then.
    double readyAt = std::numeric_limits<double>::quiet_NaN();

    // Intrusive reference count: futures live as long as a waiter, a timer or a task holds them.
    void retain() { ++m_refs; }
    void release()
    {
        if (--m_refs == 0)
            delete this;
    }

protected:
    void addAnotherCallback(const Callback &cb);
    void markCancelled();
    void scheduleCallbacks();
    EventLoop *m_loop;

private:
    State m_state = State::Pending;
    int m_refs = 0;
    // Owned; a plain pointer, as Value is incomplete here and the constructor is inline: the
    // commonest futures (sleeps) never allocate one.
    Value *m_result = nullptr;
    std::unique_ptr<PyError> m_error;
    Callback m_firstCallback; // most futures have exactly one waiter: no allocation for it
    std::vector<Callback> m_callbacks;
};

// A counted reference to a Future.
template<typename T = Future>
class Ref
{
public:
    Ref() = default;
    Ref(T *p)
        : m_p(p) // NOLINT(google-explicit-constructor): a raw pointer is adopted
    {
        if (m_p)
            m_p->retain();
    }
    Ref(const Ref &o)
        : Ref(o.m_p)
    {}
    Ref(Ref &&o) noexcept
        : m_p(o.m_p)
    {
        o.m_p = nullptr;
    }
    template<typename U>
    Ref(const Ref<U> &o)
        : Ref(o.get()) // NOLINT(google-explicit-constructor)
    {}
    Ref &operator=(Ref o) noexcept
    {
        std::swap(m_p, o.m_p);
        return *this;
    }
    ~Ref()
    {
        if (m_p)
            m_p->release();
    }
    T *get() const { return m_p; }
    T *operator->() const { return m_p; }
    T &operator*() const { return *m_p; }
    explicit operator bool() const { return m_p != nullptr; }
    friend bool operator==(const Ref &a, const Ref &b) { return a.m_p == b.m_p; }

private:
    T *m_p = nullptr;
};

template<typename T, typename... Args>
Ref<T> makeRef(Args &&...args)
{
    return Ref<T>(new T(std::forward<Args>(args)...));
}

} // namespace loopscope::rt
