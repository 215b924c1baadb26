// The asyncio event loop: CPython's BaseEventLoop._run_once on one thread. A FIFO ready queue,
// a heap of timers keyed by (deadline, sequence), and a clock. In the live clock the thread
// sleeps in a boost::asio::io_context until the next timer or until another thread posts; in the
// virtual clock nothing sleeps: when nothing is ready, time jumps to the next event.
#pragma once

#include "callback.h"
#include "future.h"
#include "live_clock.h"
#include "loop_log.h"
#include "ring_queue.h"

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace loopscope::rt {

// The other threads of the Python process, as the loop sees them: pool threads, worker
// processes and the GIL. In the virtual clock they are timed, and the loop asks when their next
// event is and lets them advance; in both clocks the loop takes the GIL to run callbacks.
class ThreadWorld
{
public:
    virtual ~ThreadWorld() = default;
    virtual double nextEventTime() const = 0; // virtual clock: +inf when nothing is scheduled
    virtual void advanceTo(double t) = 0;     // virtual clock: may post completions to the loop
    // The loop thread needs the GIL at `t` to run Python code; returns when it has it.
    virtual double acquireGilForLoop(double t) = 0;
    virtual void releaseGilForLoop() = 0;
};

class EventLoop
{
public:
    EventLoop(bool liveClock, double scale);
    ~EventLoop();
    EventLoop(const EventLoop &) = delete;
    EventLoop &operator=(const EventLoop &) = delete;

    bool isLive() const { return m_live; }
    double scale() const { return m_scale; }
    void startClock(); // the instant asyncio.run starts: scenario time 0
    double now() const { return m_live ? m_clock.now() : m_virtualNow; } // loop thread
    double publishedNow() const; // any thread: the loop's time as of its last iteration (live: now)
    // The live clock, read and waited on by every thread of a live run.
    LiveClock &clock() { return m_clock; }
    void setThreadWorld(ThreadWorld *world) { m_world = world; }

    // `keep` holds the future the callback works on alive until it has run.
    void callSoon(Callback cb, Ref<Future> keep = {})
    {
        ReadyEntry &entry = m_ready.back_slot();
        entry.cb.fn = cb.fn; // field by field: see RingQueue::back_slot
        entry.cb.self = cb.self;
        entry.cb.arg = cb.arg;
        entry.keep = std::move(keep);
    }
    // A timer. It is dead (skipped, and not waited for) once `guard` is done.
    void callAt(double when, Callback cb, Ref<Future> guard);
    // Records the loop's insides there (null: not recorded). Loop thread.
    void setLog(LoopLog *log) { m_log = log; }
    LoopLog *log() const { return m_log; }
    // A pool future the selector waits for, until it is done (recorded only).
    void noteWait(Future &future, const CallbackNote &note)
    {
        if (m_log)
            future.loopNote = m_log->waitAdded(note);
    }
    // A future with a loop note (a timer's guard, a waited-for pool future) is done.
    void noteGone(std::uint32_t note)
    {
        if (m_log)
            m_log->gone(note);
    }
    // From any thread (pool completions): call_soon_threadsafe. The callback's target must be
    // kept alive by the loop side until it runs.
    void post(Callback cb);

    // One iteration of _run_once. Returns false when nothing can ever happen again: no ready
    // callback, no live timer, nothing posted or expected from outside (a deadlock, or the end).
    // noWait: loop.stop() was called before the iteration, whose select then waits for nothing
    // (base_events.py: timeout 0 when `_stopping`), so time does not move on to a timer.
    bool runOnce(bool noWait = false);
    // Pending outside work that will post back (live pool jobs in flight), so idle is not final.
    void addExternalWork(int delta) { m_externalWork += delta; }

    // A blocking call on the loop thread (GIL released), paused with the clock: false when
    // stopped in the middle.
    bool blockFor(double seconds);
    // Virtual clock: time moves on while the loop thread is busy (CPU work, GIL hand-offs).
    void setVirtualNow(double t) { m_virtualNow = t; }

    // A KeyboardInterrupt or SystemExit left a callback: the iteration ends there, what is still
    // ready stays queued (first in the next iteration), and runOnce() says so once.
    void interrupt() { m_interrupted = true; }
    bool takeInterrupt() { return std::exchange(m_interrupted, false); }

    void requestStop();
    bool stopRequested() const { return m_stop.load(std::memory_order_relaxed); }
    const std::atomic<bool> &stopFlag() const { return m_stop; }
    // Paused, the loop stops between iterations and the live clock stands still, which stops
    // every other thread of the run too.
    void setPaused(bool paused);
    // Step: the run pauses again once `stateChanges` state changes have been recorded (0: no
    // step). The loop looks after each iteration; on the live clock every other thread looks
    // after it records, since the next change may be theirs while the loop sleeps.
    void stepTo(std::size_t stateChanges) { m_stepTo.store(stateChanges); }
    bool stepping() const { return m_stepTo.load(std::memory_order_relaxed) != 0; }
    void reachedStateChanges(std::size_t recorded); // any thread
    // Wall time the run has stood paused (not counted by its wall-time limit). Loop thread.
    std::chrono::nanoseconds pausedWall() const
    {
        return m_live ? m_clock.pausedWall() : m_virtualPaused;
    }

    // Called on the loop thread when a pause begins, before the loop waits.
    Callback onPause;
    // Asked to prefetch what a ready callback a few places ahead will touch (see runReady).
    void (*warm)(const Callback &cb) = nullptr;

    std::size_t readyCount() const { return m_ready.size(); }
    bool hasLiveTimers();
    double lateness = 0.0; // how late the last timer fired (live), for the wake-up benchmark

private:
    struct Timer
    {
        Callback cb;
        Ref<Future> guard;
        std::uint32_t note = 0; // its id in the loop log, 0 when not recorded
    };
    // Timers by deadline; within one deadline, in the order they were scheduled (from `head`
    // on: dead ones at the front are skipped). The virtual clock makes many timers share a
    // deadline, so this beats a heap of single timers; emptied buckets are kept for reuse.
    struct TimerBucket
    {
        std::vector<Timer> timers;
        std::size_t head = 0;
    };
    std::map<double, TimerBucket> m_timers;
    std::vector<std::vector<Timer>> m_spareBuckets;
    void dropDeadTimers();
    void recycle(std::vector<Timer> timers);
    void waitForWork(double timeout);
    void moveDueTimers();
    void drainPosted();
    void runReady();

    bool m_live;
    double m_scale;
    ThreadWorld *m_world = nullptr;
    LoopLog *m_log = nullptr;
    double m_virtualNow = 0.0;
    std::chrono::nanoseconds m_virtualPaused{0};
    struct ReadyEntry
    {
        Callback cb;
        Ref<Future> keep;
        bool guarded = false;    // a timer's: skipped when `keep`, its guard, is done by then
        std::uint32_t timer = 0; // a timer's: its id in the loop log, 0 when not recorded
    };
    RingQueue<ReadyEntry> m_ready;
    int m_externalWork = 0;
    bool m_interrupted = false;
    bool m_runningReady = false; // virtual clock: inside runReady, where posts join m_ready

    std::mutex m_postedMutex;
    std::vector<Callback> m_posted;
    // Live clock: the loop thread sleeps waiting for work (so the clock may be held for a
    // completion posted to it), and whether it is held. Under m_postedMutex.
    bool m_sleeping = false;
    bool m_holdsClock = false;
    void setSleeping(bool sleeping);
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_paused{false};
    std::atomic<std::size_t> m_stepTo{0};
    LiveClock m_clock;
    std::atomic<double> m_published{0.0};
    struct Reactor; // the asio io_context and its timer, live clock only
    std::unique_ptr<Reactor> m_reactor;
};

} // namespace loopscope::rt
