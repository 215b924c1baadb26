// What the event loop does, as it does it (trace-format.md, "The loop"): each iteration of
// _run_once, each callback it takes from the ready queue, each timer and each pool future the
// selector waits for. Written by the loop thread only; read by any thread while the run goes on.
//
// Every log is a list of fixed-size chunks, never moved: the writer fills a slot and publishes
// it with a release store of the chunk's count, so a reader (a snapshot of a live run) sees
// only whole records. Records never change once written: a timer that goes is a record of its
// own (`Gone`), joined with the one that added it when a snapshot is made.
#pragma once

#include "callback.h"
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
};

// Who a callback is for: the runtime names it (Runtime::noteCallback), the loop only stores it.
struct CallbackNote
{
    int lane = -1;
    StringId step = 0;
    StringId what = 0;
    std::uint32_t events = 0; // trace events recorded before it ran (taken callbacks only)
};

class LoopLog
{
public:
    // Names a callback: `scheduling` while it is being scheduled (a timer: the task that sets it
    // is the current one), else as the loop takes it from the ready queue.
    CallbackNote (*describe)(void *context, const Callback &cb, bool scheduling) = nullptr;
    void *context = nullptr;

    void iteration(double t, std::size_t ready)
    {
        m_iterations.push(Iteration{t, m_ran, std::uint32_t(ready)});
    }
    void ran(const Callback &cb, std::size_t queued, bool cancelled)
    {
        // A cancelled handle's target may be gone (a timeout scope left): not looked at.
        const CallbackNote note = cancelled ? CallbackNote{} : describe(context, cb, false);
        m_callbacks.push(Ran{note, std::uint32_t(queued), cancelled});
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
    void fill(Trace &trace, const std::vector<int> &laneIndex) const;

private:
    struct Iteration
    {
        double t;
        std::uint32_t firstRan;
        std::uint32_t ready;
    };
    struct Ran
    {
        CallbackNote note;
        std::uint32_t queued;
        bool cancelled;
    };
    struct Added
    {
        CallbackNote note;
        double when;
        std::uint32_t id;
        std::uint32_t at;
    };
    struct Gone
    {
        std::uint32_t id;
        std::uint32_t at;
    };
    AppendLog<Iteration> m_iterations;
    AppendLog<Ran> m_callbacks;
    AppendLog<Added> m_timers;
    AppendLog<Added> m_waits;
    AppendLog<Gone> m_gone;
    std::uint32_t m_ran = 0;    // callbacks taken so far: the position stamp
    std::uint32_t m_lastId = 0; // of timers and waits
};

} // namespace loopscope::rt
