#include "event_loop.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace loopscope::rt {

namespace asio = boost::asio;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::size_t kGuardAhead = 8;

struct EventLoop::Reactor
{
    asio::io_context io{1};
    asio::executor_work_guard<asio::io_context::executor_type> guard{io.get_executor()};
    asio::steady_timer timer{io};
};

EventLoop::EventLoop(bool liveClock, double scale)
    : m_live(liveClock)
    , m_scale(scale > 0 ? scale : 0.1)
    , m_clock(m_scale, m_stop)
    , m_reactor(std::make_unique<Reactor>())
{}

EventLoop::~EventLoop() = default;

void EventLoop::startClock()
{
    m_clock.start();
}

double EventLoop::publishedNow() const
{
    return m_live ? m_clock.now() : m_published.load(std::memory_order_relaxed);
}

void EventLoop::callAt(double when, Callback cb, Ref<Future> guard)
{
    auto [it, added] = m_timers.try_emplace(when);
    if (added && !m_spareBuckets.empty()) {
        it->second.timers = std::move(m_spareBuckets.back());
        m_spareBuckets.pop_back();
    }
    std::uint32_t note = 0;
    if (m_log) {
        note = m_log->timerAdded(when, cb);
        if (guard)
            guard->loopNote = note;
    }
    it->second.timers.push_back(Timer{cb, std::move(guard), note});
}

void EventLoop::post(Callback cb)
{
    // Virtual clock: a pool job that a callback submits completes on the spot, and
    // call_soon_threadsafe appends to the ready queue there and then, ahead of whatever the
    // callbacks after it schedule (waiting for the next iteration's drain put it behind them).
    if (!m_live && m_runningReady) {
        m_ready.push_back({cb, {}, false});
        return;
    }
    {
        std::lock_guard lock(m_postedMutex);
        m_posted.push_back(cb);
        // The loop thread sleeps: scenario time stands still until it has taken the
        // completion, so its real wake-up latency does not delay the wake-up it draws.
        if (m_sleeping && !m_holdsClock) {
            m_clock.hold();
            m_holdsClock = true;
        }
    }
    if (m_live)
        asio::post(m_reactor->io, [] {});
}

void EventLoop::setSleeping(bool sleeping)
{
    std::lock_guard lock(m_postedMutex);
    m_sleeping = sleeping && m_live;
}

void EventLoop::requestStop()
{
    m_stop.store(true, std::memory_order_relaxed);
    m_clock.wake();
    asio::post(m_reactor->io, [] {});
}

void EventLoop::setPaused(bool paused)
{
    // The clock first: from this instant no thread of the run makes progress, whatever the
    // loop thread is in the middle of.
    if (m_live)
        paused ? m_clock.pause() : m_clock.resume();
    m_paused.store(paused, std::memory_order_relaxed);
    asio::post(m_reactor->io, [] {});
}

void EventLoop::reachedStateChanges(std::size_t recorded)
{
    std::size_t target = m_stepTo.load();
    if (target != 0 && recorded >= target && m_stepTo.compare_exchange_strong(target, 0))
        setPaused(true);
}

// Drops dead timers at the front, so that the first bucket, if any, holds a live timer first.
void EventLoop::dropDeadTimers()
{
    while (!m_timers.empty()) {
        TimerBucket &bucket = m_timers.begin()->second;
        auto &timers = bucket.timers;
        while (bucket.head < timers.size() && timers[bucket.head].guard
               && timers[bucket.head].guard->done())
            timers[bucket.head++] = Timer{};
        if (bucket.head < timers.size())
            return;
        recycle(std::move(timers));
        m_timers.erase(m_timers.begin());
    }
}

bool EventLoop::hasLiveTimers()
{
    dropDeadTimers();
    return !m_timers.empty();
}

void EventLoop::recycle(std::vector<Timer> timers)
{
    timers.clear(); // releases the guards
    if (m_spareBuckets.size() < 64)
        m_spareBuckets.push_back(std::move(timers));
}

void EventLoop::drainPosted()
{
    std::lock_guard lock(m_postedMutex);
    if (m_holdsClock) {
        m_clock.release();
        m_holdsClock = false;
    }
    for (const Callback &cb : m_posted)
        m_ready.push_back({cb, {}, false});
    m_posted.clear();
}

void EventLoop::waitForWork(double timeout)
{
    auto &r = *m_reactor;
    if (timeout <= 0) {
        r.io.poll();
        return;
    }
    setSleeping(true);
    struct Awake
    {
        EventLoop *loop;
        ~Awake() { loop->setSleeping(false); }
    } awake{this};
    if (std::isinf(timeout)) {
        r.io.run_one();
        return;
    }
    r.timer.expires_after(m_clock.wall(timeout));
    bool fired = false;
    r.timer.async_wait([&fired](const boost::system::error_code &) { fired = true; });
    r.io.run_one();
    if (!fired) {
        r.timer.cancel();
        while (!fired)
            r.io.run_one();
    }
}

void EventLoop::moveDueTimers()
{
    const double t = now();
    while (!m_timers.empty() && m_timers.begin()->first <= t) {
        auto node = m_timers.extract(m_timers.begin());
        if (m_live)
            lateness = t - node.key();
        TimerBucket &bucket = node.mapped();
        for (std::size_t i = bucket.head; i < bucket.timers.size(); ++i) {
            if (i + kGuardAhead < bucket.timers.size()) // its guard is looked at next: prefetch
                __builtin_prefetch(bucket.timers[i + kGuardAhead].guard.get());
            Timer &timer = bucket.timers[i];
            const bool guarded = bool(timer.guard);
            if (guarded && timer.guard->done())
                continue;
            if (timer.note) [[unlikely]] { // it leaves the heap for the ready queue
                m_log->gone(timer.note);
                if (guarded && timer.guard->loopNote == timer.note)
                    timer.guard->loopNote = 0;
            }
            m_ready.push_back({timer.cb, std::move(timer.guard), guarded, timer.note});
        }
        recycle(std::move(bucket.timers));
    }
}

bool EventLoop::runOnce(bool noWait)
{
    if (m_paused.load(std::memory_order_relaxed) && !stopRequested()) {
        if (onPause)
            onPause();
        const auto began = std::chrono::steady_clock::now();
        while (m_paused.load(std::memory_order_relaxed) && !stopRequested())
            m_reactor->io.run_one_for(std::chrono::milliseconds(20));
        m_virtualPaused += std::chrono::steady_clock::now() - began; // live: the clock counts
    }
    if (stopRequested())
        return false;
    drainPosted();
    dropDeadTimers();
    const double nextTimer = m_timers.empty() ? kInf : m_timers.begin()->first;
    if (m_live) {
        if (m_ready.empty() && std::isinf(nextTimer) && m_externalWork == 0 && !noWait) {
            m_reactor->io.poll();
            drainPosted();
            if (m_ready.empty())
                return false;
        }
        const double timeout = m_ready.empty() && !noWait ? nextTimer - now() : 0.0;
        waitForWork(timeout);
        drainPosted();
        // Woken by a pause, not by work: no iteration (CPython's select would have slept on);
        // the next runOnce pauses, then waits again for what is left.
        if (m_ready.empty() && m_paused.load(std::memory_order_relaxed)
            && (m_timers.empty() || m_timers.begin()->first > now()))
            return true;
    } else if (m_ready.empty() && !noWait) {
        const double next = std::min(nextTimer, m_world ? m_world->nextEventTime() : kInf);
        if (std::isinf(next))
            return false;
        if (next > m_virtualNow)
            m_virtualNow = next;
        if (m_world)
            m_world->advanceTo(m_virtualNow);
        drainPosted();
    }
    // select() takes the GIL back before it returns, and a pool thread may hold it: what the
    // pools post and the timers that fall due while the loop waits for it are in this
    // iteration, as _run_once moves due timers and counts ntodo only after select returned.
    const bool holdsGil
        = m_world && (!m_ready.empty() || (!m_timers.empty() && m_timers.begin()->first <= now()));
    if (holdsGil) {
        const double t = m_world->acquireGilForLoop(now());
        if (!m_live)
            m_virtualNow = t;
        drainPosted();
    }
    moveDueTimers();
    if (m_log)
        m_log->iteration(now(), m_ready.size());
    runReady();
    if (holdsGil)
        m_world->releaseGilForLoop();
    if (!m_live)
        m_published.store(m_virtualNow, std::memory_order_relaxed);
    return true;
}

// Runs exactly the callbacks that were ready when the iteration began. With thousands of
// tasks each callback starts with cache misses (its task, the coroutine frame it resumes), so
// the objects of callbacks further down the queue are prefetched while this one runs: first the
// callback's target, a few places later what `warm` finds through it.
void EventLoop::runReady()
{
    constexpr std::size_t kTargetAhead = 12;
    constexpr std::size_t kWarmAhead = 6;
    const std::size_t count = m_ready.size();
    m_runningReady = true;
    struct Done
    {
        bool &flag;
        ~Done() { flag = false; }
    } done{m_runningReady};
    for (std::size_t n = count; n > 0 && !stopRequested() && !m_interrupted; --n) {
        if (n > kTargetAhead) {
            // A task is four cache lines; its hot fields sit behind those of its future.
            const auto *target = static_cast<const char *>(m_ready[kTargetAhead].cb.self);
            for (int offset = 0; offset < 256; offset += 64)
                __builtin_prefetch(target + offset);
        }
        if (warm && n > kWarmAhead)
            warm(m_ready[kWarmAhead].cb);
        if (m_log)
            m_log->ran(m_ready.front().cb, m_ready.size(),
                       m_ready.front().guarded && m_ready.front().keep->done(),
                       m_ready.front().timer);
        const ReadyEntry entry = m_ready.pop_front();
        if (entry.guarded && entry.keep->done())
            continue;
        entry.cb();
    }
}

bool EventLoop::blockFor(double seconds)
{
    if (!m_live) {
        m_virtualNow += seconds;
        if (m_world)
            m_world->advanceTo(m_virtualNow);
        return true;
    }
    return m_clock.sleepThroughUntil(now() + seconds);
}

} // namespace loopscope::rt
