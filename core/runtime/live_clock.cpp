#include "live_clock.h"

#include <algorithm>

namespace loopscope::rt {

using Clock = std::chrono::steady_clock;

LiveClock::LiveClock(double scale, const std::atomic<bool> &stop)
    : m_scale(scale)
    , m_stop(stop)
    , m_origin(wallNanos())
{}

std::int64_t LiveClock::wallNanos() const
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

std::chrono::nanoseconds LiveClock::wall(double scenarioSeconds) const
{
    constexpr double kLongest = 1e7; // wall seconds: beyond any run, and no overflow
    const double seconds = std::clamp(scenarioSeconds * m_scale, 0.0, kLongest);
    return std::chrono::nanoseconds(static_cast<std::int64_t>(seconds * 1e9));
}

void LiveClock::start()
{
    std::lock_guard lock(m_mutex);
    m_origin.store(wallNanos(), std::memory_order_relaxed);
    if (m_frozen.load(std::memory_order_relaxed) >= 0)
        m_frozen.store(0, std::memory_order_release);
}

double LiveClock::now() const
{
    std::int64_t frozen = m_frozen.load(std::memory_order_acquire);
    if (frozen < 0) {
        const std::int64_t running = wallNanos() - m_origin.load(std::memory_order_relaxed);
        // Frozen while this was read: the clock stood still at that instant.
        frozen = m_frozen.load(std::memory_order_acquire);
        if (frozen < 0)
            return double(running) * 1e-9 / m_scale;
    }
    return double(frozen) * 1e-9 / m_scale;
}

void LiveClock::freeze()
{
    if (m_frozen.load(std::memory_order_relaxed) >= 0)
        return;
    const std::int64_t t = wallNanos() - m_origin.load(std::memory_order_relaxed);
    m_frozen.store(std::max<std::int64_t>(0, t), std::memory_order_release);
}

void LiveClock::thaw()
{
    const std::int64_t frozen = m_frozen.load(std::memory_order_relaxed);
    if (frozen < 0 || m_held || paused())
        return;
    // The origin moves on by the time it stood still: no time passed for the scenario.
    m_origin.store(wallNanos() - frozen, std::memory_order_relaxed);
    m_frozen.store(-1, std::memory_order_release);
}

void LiveClock::pause()
{
    {
        std::lock_guard lock(m_mutex);
        if (paused())
            return;
        m_pauseBegan = wallNanos();
        freeze();
        m_paused.store(true, std::memory_order_release);
    }
    m_cv.notify_all();
}

void LiveClock::resume()
{
    {
        std::lock_guard lock(m_mutex);
        if (!paused())
            return;
        m_pausedNanos.fetch_add(wallNanos() - m_pauseBegan, std::memory_order_relaxed);
        m_paused.store(false, std::memory_order_release);
        thaw();
    }
    m_cv.notify_all();
}

void LiveClock::hold()
{
    std::lock_guard lock(m_mutex);
    m_held = true;
    freeze();
}

void LiveClock::release()
{
    std::lock_guard lock(m_mutex);
    m_held = false;
    thaw();
}

void LiveClock::wake()
{
    {
        std::lock_guard lock(m_mutex); // a waiter between its test and its wait sees the flag
    }
    m_cv.notify_all();
}

std::optional<double> LiveClock::waitWhilePaused()
{
    std::unique_lock lock(m_mutex);
    const double at = now();
    m_cv.wait(lock, [this] { return !paused() || stopping(); });
    if (stopping())
        return std::nullopt;
    return at;
}

LiveClock::Wake LiveClock::sleepUntil(double t)
{
    std::unique_lock lock(m_mutex);
    while (true) {
        if (stopping())
            return Wake::Stopped;
        if (paused())
            return Wake::Paused;
        const double left = t - now();
        if (left <= 0)
            return Wake::Reached;
        m_cv.wait_for(lock, wall(left));
    }
}

bool LiveClock::sleepThroughUntil(double t)
{
    while (true) {
        switch (sleepUntil(t)) {
        case Wake::Reached:
            return true;
        case Wake::Stopped:
            return false;
        case Wake::Paused:
            if (!waitWhilePaused())
                return false;
            break;
        }
    }
}

} // namespace loopscope::rt
