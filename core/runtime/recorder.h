// The recorder: every state change of every lane, appended from any thread with no lock on
// the hot path, and readable while the run goes on.
//
// Each writing thread owns a RecordBuffer: a ByteLog of packed records (byte_log.h), 4 to 6
// bytes for a state change at the time of the one before (what a sleep(0) makes), a few more
// when the time moved. Lanes, events and diagnostics are rare and take a mutex.
#pragma once

#include "byte_log.h"
#include "loop_log.h"
#include "trace/trace.h"

#include <array>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

namespace loopscope::rt {

// One state change, as a reader gets it back.
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

class RecordBuffer
{
public:
    // A header byte (state, kind, which fields follow), then as varints only what is not the
    // same as in the record before: the time (bit-pattern difference), lane, `on` and `step`
    // when not 0.
    void push(double t, std::uint32_t lane, StringId on, StringId step, LaneState state,
              StateRecord::Kind kind)
    {
        std::uint8_t *const start = m_log.reserve();
        if (m_log.fresh())
            m_last = {};
        std::uint8_t *p = start + 1;
        std::uint8_t head = std::uint8_t(std::uint8_t(state) | (kind << 3));
        if (const auto bits = std::bit_cast<std::uint64_t>(t); bits != m_last.time) {
            head |= kTime;
            p = putTime(p, t, m_last.time);
        }
        if (lane != m_last.lane) {
            head |= kLane;
            p = putVarint(p, lane);
            m_last.lane = lane;
        }
        if (on != 0) {
            head |= kOn;
            p = putVarint(p, on);
        }
        if (step != 0) {
            head |= kStep;
            p = putVarint(p, step);
        }
        *start = head;
        m_log.commit(std::size_t(p - start));
    }
    template<typename F>
    void forEach(F &&f) const // any thread
    {
        m_log.forEachChunk(
            [&](const std::uint8_t *p, const std::uint8_t *end) { decode(p, end, f); });
    }
    // forEach, giving the memory back as it goes (byte_log.h): a finished run's last reader.
    template<typename F>
    void drain(F &&f)
    {
        m_log.drain([&](const std::uint8_t *p, const std::uint8_t *end) { decode(p, end, f); });
    }
    std::size_t size() const { return m_log.records(); }
    std::size_t bytes() const { return m_log.bytes(); }

private:
    enum : std::uint8_t { kTime = 0x10, kLane = 0x20, kOn = 0x40, kStep = 0x80 };
    struct Last
    {
        std::uint64_t time = 0; // bit pattern of 0.0
        std::uint32_t lane = 0;
    };
    template<typename F>
    static void decode(const std::uint8_t *p, const std::uint8_t *end, F &f)
    {
        Last last;
        double t = 0.0;
        while (p < end) {
            const std::uint8_t head = *p++;
            if (head & kTime)
                t = getTime(p, last.time);
            if (head & kLane)
                last.lane = std::uint32_t(getVarint(p));
            const StringId on = head & kOn ? StringId(getVarint(p)) : 0;
            const StringId step = head & kStep ? StringId(getVarint(p)) : 0;
            f(StateRecord{t, last.lane, on, step, LaneState(head & 7),
                          StateRecord::Kind((head >> 3) & 1)});
        }
    }
    ByteLog m_log;
    Last m_last; // writer only
};

class Recorder
{
public:
    Recorder();

    bool enabled = true; // off: state changes are not kept (the benchmark's baseline)

    // The loop thread's buffer; other threads ask for their own.
    RecordBuffer &loopBuffer() { return *m_buffers.front(); }
    RecordBuffer &newBuffer();

    // A new lane, and its id (`task-3`) interned in *idString.
    int addLane(LaneKind kind, const QString &name, int parent, const QString &coro,
                StringId *idString);
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
    // What the recording holds so far: records, the loop's log and the events (any thread).
    std::size_t bytes() const;
    // The loop's insides (loop_log.h); the loop writes it only when recording is on.
    LoopLog &loopLog() { return m_loopLog; }

    // The trace so far. Open lanes end at `now`. `final` marks unfinished lanes `pending`.
    Trace snapshot(double now, bool final) const;
    // The final trace of a finished run, built as its records are read and given back, so
    // that the two are never both in memory whole. The recorder is empty afterwards.
    // Without `loopInsides`, trace.loop is left empty (ScenarioRun::takeTrace).
    Trace takeTrace(double now, bool loopInsides);

private:
    Trace build(double now, bool final, bool drain, bool loopInsides = true);
    mutable std::mutex m_mutex;
    std::deque<std::unique_ptr<RecordBuffer>> m_buffers;
    std::vector<Lane> m_lanes;          // metadata only; spans are built from the records
    std::array<int, 4> m_lanesOfKind{}; // for the ids: task-1, thread-2, ...
    std::vector<TraceEvent> m_events;
    std::size_t m_eventBytes = 0; // m_events' memory, roughly
    std::vector<Diagnostic> m_diagnostics;
    Trace m_strings; // its string table, shared by every record
    LoopLog m_loopLog;
};

} // namespace loopscope::rt
