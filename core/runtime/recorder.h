// The recorder: every state change of every lane, appended from any thread with no lock on
// the hot path, and readable while the run goes on.
//
// Each writing thread owns a RecordBuffer: a linked list of fixed-size chunks. The writer
// fills a slot, then publishes it with a release store of the chunk's count; a reader loads the
// count with acquire and reads that many slots. Chunks are never moved or freed during the run,
// so a reader never sees a torn record. Lanes, events and diagnostics are rare and take a mutex.
#pragma once

#include "loop_log.h"
#include "trace/trace.h"

#include <array>
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

namespace loopscope::rt {

struct StateRecord
{
    enum Kind : std::uint8_t { State, End };
    double t;
    std::uint32_t lane;
    StringId on;
    StringId step;
    LaneState state;
    Kind kind;
};
static_assert(sizeof(StateRecord) == 24);

class RecordBuffer
{
public:
    RecordBuffer();
    ~RecordBuffer();
    RecordBuffer(const RecordBuffer &) = delete;
    RecordBuffer &operator=(const RecordBuffer &) = delete;

    // Field by field into the slot: building the record first and copying it as one block
    // stalled the copy on the stores that had just built it.
    void push(double t, std::uint32_t lane, StringId on, StringId step, LaneState state,
              StateRecord::Kind kind)
    {
        Chunk *c = m_tail;
        const std::uint32_t n = c->count.load(std::memory_order_relaxed);
        if (n == kChunkSize) [[unlikely]] {
            grow();
            push(t, lane, on, step, state, kind);
            return;
        }
        StateRecord &slot = c->records[n];
        slot.t = t;
        slot.lane = lane;
        slot.on = on;
        slot.step = step;
        slot.state = state;
        slot.kind = kind;
        c->count.store(n + 1, std::memory_order_release);
    }
    template<typename F>
    void forEach(F &&f) const // any thread
    {
        for (const Chunk *c = &m_head; c; c = c->next.load(std::memory_order_acquire)) {
            const std::uint32_t n = c->count.load(std::memory_order_acquire);
            for (std::uint32_t i = 0; i < n; ++i)
                f(c->records[i]);
        }
    }
    std::size_t size() const;

private:
    static constexpr std::uint32_t kChunkSize = 4096;
    struct Chunk
    {
        std::array<StateRecord, kChunkSize> records;
        std::atomic<std::uint32_t> count{0};
        bool fromSlab = true; // else allocated on its own (see ChunkPool)
        std::atomic<Chunk *> next{nullptr};
    };
    class ChunkPool;
    void grow();
    Chunk m_head;
    Chunk *m_tail = &m_head;
};

class Recorder
{
public:
    Recorder();

    bool enabled = true; // off: state changes are not kept (the benchmark's baseline)

    // The loop thread's buffer; other threads ask for their own.
    RecordBuffer &loopBuffer() { return *m_buffers.front(); }
    RecordBuffer &newBuffer();

    int addLane(LaneKind kind, const QString &name, int parent, const QString &coro);
    QString laneId(int lane) const;
    StringId intern(const QString &s);
    QString str(StringId id) const;

    void state(RecordBuffer &b, int lane, double t, LaneState s, StringId on, StringId step)
    {
        if (enabled)
            b.push(t, std::uint32_t(lane), on, step, s, StateRecord::State);
    }
    void end(RecordBuffer &b, int lane, double t, LaneResult r)
    {
        b.push(t, std::uint32_t(lane), 0, 0, LaneState(r), StateRecord::End);
    }
    void event(const TraceEvent &e);
    void diagnostic(const Diagnostic &d);
    std::size_t recordCount() const;
    // The loop's insides (loop_log.h); the loop writes it only when recording is on.
    LoopLog &loopLog() { return m_loopLog; }

    // The trace so far. Open lanes end at `now`. `final` marks unfinished lanes `pending`.
    Trace snapshot(double now, bool final) const;

private:
    mutable std::mutex m_mutex;
    std::deque<std::unique_ptr<RecordBuffer>> m_buffers;
    std::vector<Lane> m_lanes;          // metadata only; spans are built from the records
    std::array<int, 4> m_lanesOfKind{}; // for the ids: task-1, thread-2, ...
    std::vector<TraceEvent> m_events;
    std::vector<Diagnostic> m_diagnostics;
    Trace m_strings; // its string table, shared by every record
    LoopLog m_loopLog;
};

} // namespace loopscope::rt
