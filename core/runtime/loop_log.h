// What the event loop does, as it does it (trace-format.md, "The loop"): each iteration of
// _run_once, each callback it takes from the ready queue, each timer and each pool future the
// selector waits for. Written by the loop thread only; read by any thread while the run goes on.
//
// Every log is a list of fixed-size chunks, never moved: the writer fills a slot and publishes
// it with a release store of the chunk's count, so a reader (a snapshot of a live run) sees
// only whole records. Records never change once written: a timer that goes is a record of its
// own (`Gone`), joined with the one that added it when a snapshot is made. The callbacks, the
// timers and the waits are packed (byte_log.h, timer_log.h); the iterations, few, are not.
#pragma once

#include "byte_log.h"
#include "callback.h"
#include "timer_log.h"
#include "trace/trace.h"

#include <array>
#include <atomic>
#include <memory>

namespace loopscope::rt {

template<typename T>
class AppendLog
{
public:
    AppendLog() = default;
    AppendLog(const AppendLog &) = delete;
    AppendLog &operator=(const AppendLog &) = delete;
    ~AppendLog()
    {
        for (Chunk *c = m_head.next.load(); c;)
            delete std::exchange(c, c->next.load());
    }

    void push(const T &item)
    {
        Chunk *c = m_tail;
        const std::uint32_t n = c->count.load(std::memory_order_relaxed);
        if (n == kChunkSize) [[unlikely]] {
            auto *next = new Chunk;
            m_chunks.fetch_add(1, std::memory_order_relaxed);
            c->next.store(next, std::memory_order_release);
            m_tail = c = next;
            c->items[0] = item;
            c->count.store(1, std::memory_order_release);
            return;
        }
        c->items[n] = item;
        c->count.store(n + 1, std::memory_order_release);
    }
    std::size_t size() const // any thread: what forEach would visit now, or fewer
    {
        std::size_t n = 0;
        for (const Chunk *c = &m_head; c; c = c->next.load(std::memory_order_acquire))
            n += c->count.load(std::memory_order_acquire);
        return n;
    }
    std::size_t bytes() const { return m_chunks.load(std::memory_order_relaxed) * sizeof(Chunk); }
    template<typename F>
    void forEach(F &&f) const
    {
        for (const Chunk *c = &m_head; c; c = c->next.load(std::memory_order_acquire)) {
            const std::uint32_t n = c->count.load(std::memory_order_acquire);
            for (std::uint32_t i = 0; i < n; ++i)
                f(c->items[i]);
        }
    }

private:
    static constexpr std::uint32_t kChunkSize = 1024;
    struct Chunk
    {
        std::array<T, kChunkSize> items;
        std::atomic<std::uint32_t> count{0};
        std::atomic<Chunk *> next{nullptr};
    };
    Chunk m_head;
    Chunk *m_tail = &m_head;
    std::atomic<std::size_t> m_chunks{1};
};

class LoopLog
{
public:
    // Names a callback: `scheduling` while it is being scheduled (a timer: the task that sets it
    // is the current one), else as the loop takes it from the ready queue.
    CallbackNote (*describe)(void *context, const Callback &cb, bool scheduling) = nullptr;
    void *context = nullptr;
    // A timer callback that runs as what its timer was named when set (a sleep's set_result:
    // the task still waits at the same step), and the count of trace events so far. Such a
    // callback is recorded by its timer's id alone and named when the trace is built: naming
    // it as it runs would read the task it wakes, far from anything the loop touches then.
    void (*namedByTimer)(void *self, std::uintptr_t arg) = nullptr;
    const std::size_t *events = nullptr;

    void iteration(double t, std::size_t ready)
    {
        m_iterations.push(Iteration{t, m_ran, std::uint32_t(ready)});
    }
    // `timer`: the log's id of the timer it came from, 0 if none.
    void ran(const Callback &cb, std::size_t queued, bool cancelled, std::uint32_t timer)
    {
        if (timer && !cancelled && cb.fn == namedByTimer) {
            pushRan(CallbackNote{kByTimer, 0, 0, std::uint32_t(*events)}, std::uint32_t(queued),
                    false, timer);
        } else {
            // A cancelled handle's target may be gone (a timeout scope left): not looked at.
            const CallbackNote note = cancelled ? CallbackNote{} : describe(context, cb, false);
            pushRan(note, std::uint32_t(queued), cancelled, 0);
        }
        ++m_ran;
    }
    std::uint32_t timerAdded(double when, const Callback &cb)
    {
        m_timers.push(Added{describe(context, cb, true), when, ++m_lastId, m_ran});
        return m_lastId;
    }
    std::uint32_t waitAdded(const CallbackNote &note)
    {
        m_waits.push(Added{note, 0.0, ++m_lastId, m_ran});
        return m_lastId;
    }
    void gone(std::uint32_t id) { m_gone.push(Gone{id, m_ran}); }

    // Adds what was recorded so far to `trace`; `laneIndex` maps a recorded lane to the
    // trace's (lanes are reordered by the snapshot).
    // `drain`: the run is over and this is its last reader, which gives the memory back as it
    // reads (ByteLog::drain).
    void fill(Trace &trace, const std::vector<int> &laneIndex, bool drain);
    std::size_t bytes() const // any thread
    {
        return m_iterations.bytes() + m_callbacks.bytes() + m_timers.bytes() + m_waits.bytes()
               + m_gone.bytes();
    }

private:
    struct Iteration
    {
        double t;
        std::uint32_t firstRan;
        std::uint32_t ready;
    };
    // A callback taken, packed (byte_log.h): a header byte of flags, then as varints what
    // differs from the callback before: its lane and events (as differences), step, what,
    // queued (unless one less than before, as when an iteration runs what it found ready, or
    // the same, as when each task stepped schedules itself again), the timer's id (as the
    // difference from the last one) for a callback named by its timer. A task's step after
    // the task before it packs into 3 bytes.
    struct Ran
    {
        CallbackNote note;
        std::uint32_t queued = 0;
        bool cancelled = false;
        std::uint32_t timer = 0; // named by this timer's note (lane is kByTimer)
    };
    static constexpr int kByTimer = -2; // a lane no callback has: written out after one

    enum : std::uint8_t {
        kCancelled = 1,
        kLane = 2,
        kStep = 4,
        kWhat = 8,
        kEvents = 16,
        kQueued = 32,
        kTimer = 64,
        kQueuedSame = 128
    };
    void pushRan(const CallbackNote &note, std::uint32_t queued, bool cancelled,
                 std::uint32_t timer)
    {
        std::uint8_t *const start = m_callbacks.reserve();
        if (m_callbacks.fresh())
            m_lastRan = {};
        std::uint8_t *p = start + 1;
        std::uint8_t head = cancelled ? kCancelled : 0;
        // Named by a timer: lane, step and what come from the timer's record.
        if (!timer && note.lane != m_lastRan.note.lane) {
            head |= kLane;
            p = putVarint(p, zigzag(std::int64_t(note.lane) - m_lastRan.note.lane));
        }
        if (note.step != 0) {
            head |= kStep;
            p = putVarint(p, note.step);
        }
        if (!timer && note.what != m_lastRan.note.what) {
            head |= kWhat;
            p = putVarint(p, note.what);
        }
        if (note.events != m_lastRan.note.events) {
            head |= kEvents;
            p = putVarint(p, zigzag(std::int64_t(note.events) - m_lastRan.note.events));
        }
        if (queued == m_lastRan.queued) { // each task stepped schedules itself again
            head |= kQueuedSame;
        } else if (queued + 1 != m_lastRan.queued) {
            head |= kQueued;
            p = putVarint(p, queued);
        }
        if (timer) {
            head |= kTimer;
            p = putVarint(p, zigzag(std::int64_t(timer) - m_lastRan.timer));
        }
        *start = head;
        m_callbacks.commit(std::size_t(p - start));
        m_lastRan = Ran{note, queued, cancelled, timer ? timer : m_lastRan.timer};
    }
    static Ran unpackRan(const std::uint8_t *&p, Ran &last)
    {
        const std::uint8_t head = *p++;
        if (head & kTimer)
            last.note = CallbackNote{kByTimer, 0, 0, last.note.events};
        if (head & kLane)
            last.note.lane = int(last.note.lane + unzigzag(getVarint(p)));
        last.note.step = head & kStep ? StringId(getVarint(p)) : 0;
        if (head & kWhat)
            last.note.what = StringId(getVarint(p));
        if (head & kEvents)
            last.note.events
                = std::uint32_t(std::int64_t(last.note.events) + unzigzag(getVarint(p)));
        last.queued = head & kQueued       ? std::uint32_t(getVarint(p))
                      : head & kQueuedSame ? last.queued
                                           : last.queued - 1;
        last.cancelled = head & kCancelled;
        if (head & kTimer)
            last.timer = std::uint32_t(std::int64_t(last.timer) + unzigzag(getVarint(p)));
        Ran r = last;
        if (!(head & kTimer))
            r.timer = 0;
        return r;
    }
    std::vector<std::uint32_t> fillTimers(LoopTrace &loop, const std::vector<int> &laneIndex,
                                          bool drain);
    static LoopCallback namedByItsTimer(const LoopTrace &loop,
                                        const std::vector<std::uint32_t> &timerAt, const Ran &r);

    AppendLog<Iteration> m_iterations;
    ByteLog m_callbacks;
    Ran m_lastRan; // writer only
    AddedLog m_timers;
    AddedLog m_waits;
    GoneLog m_gone;
    std::uint32_t m_ran = 0;    // callbacks taken so far: the position stamp
    std::uint32_t m_lastId = 0; // of timers and waits
};

} // namespace loopscope::rt
