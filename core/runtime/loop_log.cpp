#include "loop_log.h"

#include <algorithm>

namespace loopscope::rt {

namespace {

int mapped(const std::vector<int> &laneIndex, int lane)
{
    return lane >= 0 && std::size_t(lane) < laneIndex.size() ? laneIndex[std::size_t(lane)] : -1;
}

// Names each callback recorded by its timer (lane `byTimer`, the timer's id as its step) as its
// timer is named; `timerAt` maps a timer's id to its place in loop.timers.
void nameByTimers(LoopTrace &loop, const std::vector<std::uint32_t> &timerAt, int byTimer)
{
    for (LoopCallback &cb : loop.ran) {
        if (cb.lane != byTimer)
            continue;
        const std::uint32_t at = cb.step < timerAt.size() ? timerAt[cb.step] : UINT32_MAX;
        const LoopTimer timer = at != UINT32_MAX ? loop.timers[at] : LoopTimer{};
        cb.lane = timer.lane;
        cb.step = timer.step;
        cb.what = timer.what;
    }
}

} // namespace

void LoopLog::fill(Trace &trace, const std::vector<int> &laneIndex, bool drain)
{
    LoopTrace &loop = trace.loop;
    loop.ran.reserve(m_callbacks.records());
    loop.iterations.reserve(m_iterations.size());
    loop.timers.reserve(m_timers.size());
    // Callbacks first: an iteration published after them would name callbacks not read yet,
    // and a callback named by its timer would name a timer not read yet. Until the timers are
    // read, such a callback holds kByTimer as its lane and the timer's id as its step.
    bool byTimer = false;
    auto unpack = [&](const std::uint8_t *p, const std::uint8_t *end) {
        for (Ran last; p < end;) {
            const Ran r = unpackRan(p, last);
            if (r.timer) {
                byTimer = true;
                loop.ran.push_back(
                    LoopCallback{kByTimer, r.timer, 0, r.queued, false, r.note.events});
                continue;
            }
            loop.ran.push_back(LoopCallback{mapped(laneIndex, r.note.lane), r.note.step,
                                            r.note.what, r.queued, r.cancelled, r.note.events});
        }
    };
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
        loop.ran.resize(loop.iterations.back().firstRan + loop.iterations.back().ready);
    // Ids count from 1 in the order things were added: a table, not a hash (a million timers).
    std::vector<std::uint32_t> goneAt;
    m_gone.forEach([&](const Gone &g) {
        if (g.id >= goneAt.size())
            goneAt.resize(std::max<std::size_t>(g.id + 1, goneAt.size() * 2), UINT32_MAX);
        goneAt[g.id] = std::min(goneAt[g.id], g.at);
    });
    auto goneOf = [&](std::uint32_t id) { return id < goneAt.size() ? goneAt[id] : UINT32_MAX; };
    std::vector<std::uint32_t> timerAt;
    m_timers.forEach([&](const Added &a) {
        if (byTimer && a.id >= timerAt.size())
            timerAt.resize(std::max<std::size_t>(a.id + 1, timerAt.size() * 2), UINT32_MAX);
        if (byTimer)
            timerAt[a.id] = std::uint32_t(loop.timers.size());
        loop.timers.push_back(LoopTimer{a.when, mapped(laneIndex, a.note.lane), a.note.step,
                                        a.note.what, a.at, goneOf(a.id)});
    });
    m_waits.forEach([&](const Added &a) {
        loop.waits.push_back(
            LoopWait{mapped(laneIndex, a.note.lane), a.note.step, a.note.what, a.at, goneOf(a.id)});
    });
    if (byTimer)
        nameByTimers(loop, timerAt, kByTimer);
}

} // namespace loopscope::rt
