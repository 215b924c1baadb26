// The live clock's scenario time: wall time since the run began, divided by the scale, standing
// still while the run is paused. Every thread of a live run reads this one clock and waits on
// it: the loop, the pool threads (their `cpu` work is counted in its time, their `io` sleeps
// until its time), the GIL's switch interval, the threads that drive worker processes. So a
// pause freezes all of them at one instant, and a resume carries on as if it had not happened.
//
// It also stands still, without anyone being told to stop, while held: while a finished job's
// completion crosses from its worker to the sleeping loop thread (EventLoop::post). That wake-up
// latency is the emulator's, not the Python program's, and at a small scale it would be
// magnified many times in scenario time.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>

namespace loopscope::rt {

class LiveClock
{
public:
    LiveClock(double scale, const std::atomic<bool> &stop);

    void start();       // scenario time 0 is now (when paused before the start: once resumed)
    double now() const; // any thread, no lock
    double scale() const { return m_scale; }
    std::chrono::nanoseconds wall(double scenarioSeconds) const;

    void pause(); // idempotent; wakes every sleeper, so that it waits for the resume
    void resume();
    bool paused() const { return m_paused.load(std::memory_order_acquire); }
    // Wall time spent paused so far (pauses that have ended), for the run's wall-time limit.
    std::chrono::nanoseconds pausedWall() const
    {
        return std::chrono::nanoseconds(m_pausedNanos.load(std::memory_order_relaxed));
    }
    void hold();    // stands still from now until release(); holds do not nest
    void release(); // carries on from where it stood
    void wake();    // the run is stopping: every wait returns

    // Waits while the clock is paused; returns the instant it stood at (nullopt: the run
    // stopped first), from which work that the pause interrupted goes on.
    std::optional<double> waitWhilePaused();
    enum class Wake { Reached, Paused, Stopped };
    // Sleeps until scenario time `t`, returning early when the clock pauses or the run stops.
    Wake sleepUntil(double t);
    // Sleeps until scenario time `t`, through any pauses. False when the run stops first.
    bool sleepThroughUntil(double t);

private:
    std::int64_t wallNanos() const;
    bool stopping() const { return m_stop.load(std::memory_order_relaxed); }
    void freeze(); // with m_mutex held
    void thaw();   // with m_mutex held, once neither paused nor held

    double m_scale;
    const std::atomic<bool> &m_stop;
    // Running: scenario nanoseconds (unscaled) = wallNanos() - m_origin. Standing still:
    // m_frozen holds them, else it is -1. Written under m_mutex, read without it.
    std::atomic<std::int64_t> m_origin;
    std::atomic<std::int64_t> m_frozen{-1};
    std::atomic<bool> m_paused{false};
    bool m_held = false;
    std::int64_t m_pauseBegan = 0; // wall nanoseconds
    std::atomic<std::int64_t> m_pausedNanos{0};
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
};

} // namespace loopscope::rt
