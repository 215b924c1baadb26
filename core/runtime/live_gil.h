// The GIL on the live clock: a real lock with CPython's hand-off protocol (Python/ceval_gil.c)
// in scenario time. A thread that cannot take it queues. Once the first waiter has waited one
// switch interval (from the later of its arrival and the start of the holder's turn), the
// holder drops the lock at its next check between slices of work and queues again behind the
// waiters, so the longest waiter gets it (FORCE_SWITCHING: a CPU-bound thread cannot grab it
// straight back). In CPython the waiter times the interval and sets a drop request; here the
// holder, which is computing anyway, reads the instant it is due: the same protocol with no
// wake-up on its critical path. It is the virtual clock's model (pools_virtual.cpp).
//
// A hand-off takes no scenario time: the next holder's turn begins at the instant the last
// one let go, however long its real thread takes to wake up. That latency belongs to the
// emulation, not to the Python program, and at a small scale it would be magnified many times
// (tests/bench/bench_gil.cpp measures it, and CPython's).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

namespace loopscope::rt {

class LiveGil
{
public:
    // `interval`: the switch interval in scenario seconds.
    LiveGil(bool enabled, double interval, const std::atomic<bool> &stop);

    // Takes the lock for a thread that wants it from scenario instant `arrived` on, queueing
    // behind earlier waiters. Returns the instant its turn began; nullopt when the run stops.
    std::optional<double> take(double arrived);
    void drop(double at); // the next waiter's turn begins at scenario instant `at`
    // The scenario instant the holder must let the first waiter have the lock (+inf: no waiter).
    double dropDue() const { return m_dropDue.load(std::memory_order_acquire); }
    // The holder's forced switch at instant `at`: drops the lock, queues behind the waiters and
    // returns when its turn comes again (nullopt when the run stops: the lock is then not held).
    std::optional<double> yieldTurn(double at);
    bool enabled() const { return m_enabled; }

private:
    std::optional<double> acquire(std::unique_lock<std::mutex> &lock, double arrived);
    void release(double at);
    void updateDue();

    struct Waiter
    {
        std::uint64_t ticket;
        double since;
    };
    bool m_enabled;
    double m_interval;
    const std::atomic<bool> &m_stop;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Waiter> m_waiters; // first come, first served
    std::uint64_t m_holder = 0;   // the holder's ticket; 0: nobody holds it
    std::uint64_t m_tickets = 0;
    double m_turnBegan = 0.0; // scenario instant the holder's turn began
    std::atomic<double> m_dropDue;
};

} // namespace loopscope::rt
