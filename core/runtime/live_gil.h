// The GIL on the live clock: a real lock with CPython's hand-off protocol (Python/ceval_gil.c).
// A thread that cannot take it waits one switch interval; if no switch happened meanwhile it
// asks the holder to drop it. The holder looks at that request between slices of its work,
// drops the lock, and waits until another thread has taken it before queueing again
// (FORCE_SWITCHING), so a CPU-bound thread cannot grab it straight back.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace loopscope::rt {

class LiveGil
{
public:
    LiveGil(bool enabled, std::chrono::nanoseconds interval, const std::atomic<bool> &stop);

    bool take(); // false when the run stops first
    void drop();
    bool dropRequested() const { return m_dropRequest.load(std::memory_order_relaxed); }
    // The holder's check: drop, wait for another thread to take it, take it again.
    // False when the run stops meanwhile (the lock is then not held).
    bool yieldToWaiter();
    bool enabled() const { return m_enabled; }

private:
    bool m_enabled;
    std::chrono::nanoseconds m_interval;
    const std::atomic<bool> &m_stop;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_locked = false;
    std::uint64_t m_switches = 0;
    std::atomic<bool> m_dropRequest{false};
};

} // namespace loopscope::rt
