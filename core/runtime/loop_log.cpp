#include "loop_log.h"

#include <algorithm>

namespace loopscope::rt {

namespace {

int mapped(const std::vector<int> &laneIndex, int lane)
{
    return lane >= 0 && std::size_t(lane) < laneIndex.size() ? laneIndex[std::size_t(lane)] : -1;
}

} // namespace

void LoopLog::fill(Trace &trace, const std::vector<int> &laneIndex, bool drain)
{
    LoopTrace &loop = trace.loop;
    // The callbacks to read, counted first: a timer that names one of them was added before
    // it ran, so the timers read next name them all. Callbacks published later are left for
    // the next snapshot, and so are iterations that would name them.
    const std::size_t callbacks = m_callbacks.records();
    const std::vector<std::uint32_t> timerAt = fillTimers(loop, laneIndex, drain);
    loop.iterations.reserve(m_iterations.size());
    std::size_t read = 0;
    auto unpack = [&](const std::uint8_t *p, const std::uint8_t *end) {
        for (Ran last; p < end && read < callbacks; ++read) {
            const Ran r = unpackRan(p, last);
            loop.ran.push_back(r.timer ? namedByItsTimer(loop, timerAt, r)
                                       : LoopCallback{mapped(laneIndex, r.note.lane), r.note.step,
                                                      r.note.what, r.queued, r.cancelled,
                                                      r.note.events});
        }
    };
    // Drained, each chunk of the log is given back once read: the log and the packed callbacks
    // built from it are never both in memory whole.
    if (drain)
        m_callbacks.drain(unpack);
    else
        m_callbacks.forEachChunk(unpack);
    m_iterations.forEach([&](const Iteration &it) {
        if (it.firstRan <= loop.ran.size())
            loop.iterations.push_back(LoopIteration{it.t, it.firstRan, it.ready});
    });
    // An iteration still running when this was read keeps what it ran so far; callbacks of an
    // iteration not read yet are left for the next snapshot.
    if (!loop.iterations.empty()
        && loop.iterations.back().firstRan + loop.iterations.back().ready < loop.ran.size())
        loop.ran.truncate(loop.iterations.back().firstRan + loop.iterations.back().ready);
}

// Reads the timers and waits, each with when it went; returns where each timer's id is in
// loop.timers. Ids count from 1 in the order things were added: tables, not hashes (a million
// timers).
std::vector<std::uint32_t> LoopLog::fillTimers(LoopTrace &loop, const std::vector<int> &laneIndex,
                                               bool drain)
{
    // Drained, each log's chunks are given back as they are read.
    auto read = [drain](auto &log, auto &&f) {
        if (drain)
            log.drain(f);
        else
            log.forEach(f);
    };
    std::vector<std::uint32_t> goneAt;
    read(m_gone, [&](const Gone &g) {
        if (g.id >= goneAt.size())
            goneAt.resize(std::max<std::size_t>(g.id + 1, goneAt.size() * 2), UINT32_MAX);
        goneAt[g.id] = std::min(goneAt[g.id], g.at);
    });
    auto goneOf = [&](std::uint32_t id) { return id < goneAt.size() ? goneAt[id] : UINT32_MAX; };
    std::vector<std::uint32_t> timerAt;
    loop.timers.reserve(m_timers.size());
    read(m_timers, [&](const Added &a) {
        if (a.id >= timerAt.size())
            timerAt.resize(std::max<std::size_t>(a.id + 1, timerAt.size() * 2), UINT32_MAX);
        timerAt[a.id] = std::uint32_t(loop.timers.size());
        loop.timers.push_back(LoopTimer{a.when, mapped(laneIndex, a.note.lane), a.note.step,
                                        a.note.what, a.at, goneOf(a.id)});
    });
    read(m_waits, [&](const Added &a) {
        loop.waits.push_back(
            LoopWait{mapped(laneIndex, a.note.lane), a.note.step, a.note.what, a.at, goneOf(a.id)});
    });
    return timerAt;
}

// A callback recorded by its timer's id alone (a sleep's set_result) is named as its timer is.
LoopCallback LoopLog::namedByItsTimer(const LoopTrace &loop,
                                      const std::vector<std::uint32_t> &timerAt, const Ran &r)
{
    const std::uint32_t at = r.timer < timerAt.size() ? timerAt[r.timer] : UINT32_MAX;
    const LoopTimer timer = at != UINT32_MAX ? loop.timers[at] : LoopTimer{};
    return LoopCallback{timer.lane, timer.step, timer.what, r.queued, false, r.note.events};
}

} // namespace loopscope::rt
