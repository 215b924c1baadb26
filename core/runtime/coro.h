// Co: the coroutine type every interpreted coroutine body runs as.
// Lazily started; awaiting a Co runs it inline in the awaiting task, which is exactly
// `await coro()` in Python: no new task, no trip through the loop.
//
// The child is started with a plain resume() from await_suspend. When it finishes without
// suspending, the caller simply goes on (await_suspend returns false); only a child that
// suspended and finishes later hands control back by symmetric transfer. So a loop of
// millions of steps that never suspend uses no stack, even where the compiler does not turn
// symmetric transfer into a tail call (g++ at -O0, sanitizers).
#pragma once

#include "frame_pool.h"

#include <coroutine>
#include <exception>
#include <utility>

namespace loopscope::rt {

class [[nodiscard]] Co
{
public:
    struct promise_type;
    using Handle = std::coroutine_handle<promise_type>;

    struct FinalAwaiter
    {
        bool await_ready() noexcept { return false; }
        std::coroutine_handle<> await_suspend(Handle h) noexcept
        {
            auto &p = h.promise();
            if (p.doneFlag)
                *p.doneFlag = true;
            if (p.startedInline)
                return std::noop_coroutine(); // back into await_suspend's resume()
            return p.continuation ? p.continuation : std::noop_coroutine();
        }
        void await_resume() noexcept {}
    };

    struct promise_type
    {
        std::coroutine_handle<> continuation;
        std::exception_ptr error;
        bool *doneFlag = nullptr;   // set when the coroutine finishes (a task's body)
        bool startedInline = false; // inside the awaiting caller's await_suspend

        static void *operator new(std::size_t size) { return FramePool::allocate(size); }
        static void operator delete(void *p, std::size_t size) noexcept
        {
            FramePool::deallocate(p, size);
        }

        Co get_return_object() { return Co{Handle::from_promise(*this)}; }
        std::suspend_always initial_suspend() noexcept { return {}; }
        FinalAwaiter final_suspend() noexcept { return {}; }
        void return_void() noexcept {}
        void unhandled_exception() noexcept { error = std::current_exception(); }
    };

    Co() = default;
    explicit Co(Handle h)
        : m_handle(h)
    {}
    Co(Co &&other) noexcept
        : m_handle(std::exchange(other.m_handle, {}))
    {}
    Co &operator=(Co &&other) noexcept
    {
        if (this != &other) {
            reset();
            m_handle = std::exchange(other.m_handle, {});
        }
        return *this;
    }
    Co(const Co &) = delete;
    Co &operator=(const Co &) = delete;
    ~Co() { reset(); }

    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> caller)
    {
        auto &p = m_handle.promise();
        p.continuation = caller;
        p.startedInline = true;
        m_handle.resume();
        p.startedInline = false;
        return !m_handle.done(); // suspended: resumed later through `continuation`
    }
    void await_resume() const
    {
        if (m_handle.promise().error)
            std::rethrow_exception(m_handle.promise().error);
    }

    Handle handle() const { return m_handle; }
    bool done() const { return m_handle.done(); }
    std::exception_ptr error() const { return m_handle.promise().error; }

private:
    void reset()
    {
        if (m_handle)
            m_handle.destroy();
        m_handle = {};
    }
    Handle m_handle;
};

} // namespace loopscope::rt
