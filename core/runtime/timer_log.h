// The loop log's timers and selector waits (loop_log.h): each as it is added, and as it goes,
// packed into a ByteLog (byte_log.h) as the callbacks are. A sleep's timer took 32 bytes to add
// and 8 to go as fixed records; packed, its deadline's difference from the one before and a
// few bytes besides.
#pragma once

#include "byte_log.h"
#include "trace/trace.h"

#include <bit>

namespace loopscope::rt {

// Who a callback is for: the runtime names it (Runtime::noteCallback), the loop only stores it.
struct CallbackNote
{
    int lane = -1;
    StringId step = 0;
    StringId what = 0;
    std::uint32_t events = 0; // trace events recorded before it ran (taken callbacks only)
};

// A timer or a wait, added: `at` is the loop log's position stamp. (`events` is not kept.)
struct Added
{
    CallbackNote note;
    double when;
    std::uint32_t id;
    std::uint32_t at;
};

// A header byte (which fields follow), then as varints what differs from the record before:
// the lane and the id (as differences; an id one more than before is not written), the step
// (when not 0), `what`, the deadline (bit-pattern difference) and the position stamp.
class AddedLog
{
public:
    void push(const Added &a)
    {
        std::uint8_t *const start = m_log.reserve();
        if (m_log.fresh())
            m_last = Added{{}, 0.0, 0, 0};
        std::uint8_t *p = start + 1;
        std::uint8_t head = 0;
        if (a.note.lane != m_last.note.lane) {
            head |= kLane;
            p = putVarint(p, zigzag(std::int64_t(a.note.lane) - m_last.note.lane));
        }
        if (a.note.step != 0) {
            head |= kStep;
            p = putVarint(p, a.note.step);
        }
        if (a.note.what != m_last.note.what) {
            head |= kWhat;
            p = putVarint(p, a.note.what);
        }
        if (std::bit_cast<std::uint64_t>(a.when) != std::bit_cast<std::uint64_t>(m_last.when)) {
            head |= kWhen;
            std::uint64_t bits = std::bit_cast<std::uint64_t>(m_last.when);
            p = putTime(p, a.when, bits);
        }
        if (a.id != m_last.id + 1) {
            head |= kId;
            p = putVarint(p, zigzag(std::int64_t(a.id) - m_last.id));
        }
        if (a.at != m_last.at) {
            head |= kAt;
            p = putVarint(p, zigzag(std::int64_t(a.at) - m_last.at));
        }
        *start = head;
        m_log.commit(std::size_t(p - start));
        m_last = a;
    }
    template<typename F>
    void forEach(F &&f) const // any thread
    {
        m_log.forEachChunk(
            [&](const std::uint8_t *p, const std::uint8_t *end) { decode(p, end, f); });
    }
    template<typename F>
    void drain(F &&f) // the run's last reader (ByteLog::drain)
    {
        m_log.drain([&](const std::uint8_t *p, const std::uint8_t *end) { decode(p, end, f); });
    }
    std::size_t size() const { return m_log.records(); }
    std::size_t bytes() const { return m_log.bytes(); }

private:
    enum : std::uint8_t { kLane = 1, kStep = 2, kWhat = 4, kWhen = 8, kId = 16, kAt = 32 };
    template<typename F>
    static void decode(const std::uint8_t *p, const std::uint8_t *end, F &f)
    {
        Added last{{}, 0.0, 0, 0};
        while (p < end) {
            const std::uint8_t head = *p++;
            if (head & kLane)
                last.note.lane = int(last.note.lane + unzigzag(getVarint(p)));
            last.note.step = head & kStep ? StringId(getVarint(p)) : 0;
            if (head & kWhat)
                last.note.what = StringId(getVarint(p));
            if (head & kWhen) {
                std::uint64_t bits = std::bit_cast<std::uint64_t>(last.when);
                last.when = getTime(p, bits);
            }
            last.id = head & kId ? std::uint32_t(last.id + unzigzag(getVarint(p))) : last.id + 1;
            if (head & kAt)
                last.at = std::uint32_t(last.at + unzigzag(getVarint(p)));
            f(static_cast<const Added &>(last));
        }
    }
    ByteLog m_log;
    Added m_last{{}, 0.0, 0, 0}; // writer only
};

// A timer or a wait gone (fired or cancelled): its id and the position stamp, as differences
// from the record before.
struct Gone
{
    std::uint32_t id;
    std::uint32_t at;
};

class GoneLog
{
public:
    void push(const Gone &g)
    {
        std::uint8_t *const start = m_log.reserve();
        if (m_log.fresh())
            m_last = Gone{0, 0};
        std::uint8_t *p = putVarint(start, zigzag(std::int64_t(g.id) - m_last.id));
        p = putVarint(p, zigzag(std::int64_t(g.at) - m_last.at));
        m_log.commit(std::size_t(p - start));
        m_last = g;
    }
    template<typename F>
    void forEach(F &&f) const // any thread
    {
        m_log.forEachChunk(
            [&](const std::uint8_t *p, const std::uint8_t *end) { decode(p, end, f); });
    }
    template<typename F>
    void drain(F &&f) // the run's last reader (ByteLog::drain)
    {
        m_log.drain([&](const std::uint8_t *p, const std::uint8_t *end) { decode(p, end, f); });
    }
    std::size_t bytes() const { return m_log.bytes(); }

private:
    template<typename F>
    static void decode(const std::uint8_t *p, const std::uint8_t *end, F &f)
    {
        Gone last{0, 0};
        while (p < end) {
            last.id = std::uint32_t(last.id + unzigzag(getVarint(p)));
            last.at = std::uint32_t(last.at + unzigzag(getVarint(p)));
            f(static_cast<const Gone &>(last));
        }
    }
    ByteLog m_log;
    Gone m_last{0, 0}; // writer only
};

} // namespace loopscope::rt
