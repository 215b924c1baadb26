#include "live_gil.h"

namespace loopscope::rt {

LiveGil::LiveGil(bool enabled, std::chrono::nanoseconds interval, const std::atomic<bool> &stop)
    : m_enabled(enabled)
    , m_interval(interval)
    , m_stop(stop)
{}

bool LiveGil::take()
{
    if (!m_enabled)
        return true;
    std::unique_lock lock(m_mutex);
    while (m_locked) {
        if (m_stop.load(std::memory_order_relaxed))
            return false;
        const std::uint64_t seen = m_switches;
        if (!m_cv.wait_for(lock, m_interval, [&] { return !m_locked; }) && m_switches == seen)
            m_dropRequest.store(true, std::memory_order_relaxed);
    }
    m_locked = true;
    ++m_switches;
    m_dropRequest.store(false, std::memory_order_relaxed);
    lock.unlock();
    m_cv.notify_all();
    return true;
}

void LiveGil::drop()
{
    if (!m_enabled)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_locked = false;
    }
    m_cv.notify_all();
}

bool LiveGil::yieldToWaiter()
{
    if (!m_enabled)
        return true;
    {
        std::unique_lock lock(m_mutex);
        m_locked = false;
        const std::uint64_t seen = m_switches;
        m_cv.notify_all();
        // FORCE_SWITCHING: wait until the waiter really has it (bounded, for Stop).
        while (m_switches == seen && !m_stop.load(std::memory_order_relaxed))
            m_cv.wait_for(lock, std::chrono::milliseconds(1));
    }
    return take();
}

} // namespace loopscope::rt
