// Co: the coroutine type every interpreted coroutine body runs as.
// Lazily started; awaiting a Co runs it inline in the awaiting task by symmetric transfer,
// which is exactly `await coro()` in Python: no new task, no trip through the loop.
#pragma once

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
            auto next = h.promise().continuation;
            return next ? next : std::noop_coroutine();
        }
        void await_resume() noexcept {}
    };

    struct promise_type
    {
        std::coroutine_handle<> continuation;
        std::exception_ptr error;
        bool started = false; // set by the task that first resumes it

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
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept
    {
        m_handle.promise().continuation = caller;
        return m_handle;
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
