#include "live_gil.h"

#include <algorithm>
#include <limits>

namespace loopscope::rt {

namespace {
constexpr double kNever = std::numeric_limits<double>::infinity();
}

LiveGil::LiveGil(bool enabled, double interval, const std::atomic<bool> &stop)
    : m_enabled(enabled)
    , m_interval(std::max(1e-6, interval))
    , m_stop(stop)
    , m_dropDue(kNever)
{}

std::optional<double> LiveGil::take(double arrived)
{
    if (!m_enabled)
        return arrived;
    std::unique_lock lock(m_mutex);
    return acquire(lock, arrived);
}

std::optional<double> LiveGil::acquire(std::unique_lock<std::mutex> &lock, double arrived)
{
    const std::uint64_t ticket = ++m_tickets;
    if (m_holder == 0 && m_waiters.empty()) {
        m_holder = ticket;
        m_turnBegan = arrived;
        updateDue();
        return arrived;
    }
    m_waiters.push_back(Waiter{ticket, arrived});
    updateDue();
    // The holder hands the lock over by ticket; the wait is bounded only to look at Stop.
    while (m_holder != ticket) {
        if (m_stop.load(std::memory_order_relaxed)) {
            std::erase_if(m_waiters, [ticket](const Waiter &w) { return w.ticket == ticket; });
            updateDue();
            return std::nullopt;
        }
        m_cv.wait_for(lock, std::chrono::milliseconds(5));
    }
    return m_turnBegan;
}

// Called with m_mutex held: the lock goes straight to the longest waiter, whose turn begins
// at `at`, the instant the holder let go (or at its arrival, read a moment after `at`).
void LiveGil::release(double at)
{
    if (m_waiters.empty()) {
        m_holder = 0;
    } else {
        m_holder = m_waiters.front().ticket;
        m_turnBegan = std::max(at, m_waiters.front().since);
        m_waiters.pop_front();
    }
    updateDue();
    m_cv.notify_all();
}

void LiveGil::updateDue()
{
    const double due = m_holder == 0 || m_waiters.empty()
                           ? kNever
                           : std::max(m_turnBegan, m_waiters.front().since) + m_interval;
    m_dropDue.store(due, std::memory_order_release);
}

void LiveGil::drop(double at)
{
    if (!m_enabled)
        return;
    std::lock_guard lock(m_mutex);
    release(at);
}

std::optional<double> LiveGil::yieldTurn(double at)
{
    if (!m_enabled)
        return at;
    std::unique_lock lock(m_mutex);
    release(at);
    return acquire(lock, at);
}

} // namespace loopscope::rt
