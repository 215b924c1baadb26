#include "loop_log.h"

#include <unordered_map>

namespace loopscope::rt {

namespace {

int mapped(const std::vector<int> &laneIndex, int lane)
{
    return lane >= 0 && std::size_t(lane) < laneIndex.size() ? laneIndex[std::size_t(lane)] : -1;
}

} // namespace

void LoopLog::fill(Trace &trace, const std::vector<int> &laneIndex) const
{
    LoopTrace &loop = trace.loop;
    // Callbacks first: an iteration published after them would name callbacks not read yet.
    m_callbacks.forEach([&](const Ran &r) {
        loop.ran.push_back(LoopCallback{mapped(laneIndex, r.note.lane), r.note.step, r.note.what,
                                        r.queued, r.cancelled, r.note.events});
    });
    m_iterations.forEach([&](const Iteration &it) {
        if (it.firstRan <= loop.ran.size())
            loop.iterations.push_back(LoopIteration{it.t, it.firstRan, it.ready});
    });
    // An iteration still running when this was read keeps what it ran so far; callbacks of an
    // iteration not read yet are left for the next snapshot.
    if (!loop.iterations.empty()
        && loop.iterations.back().firstRan + loop.iterations.back().ready < loop.ran.size())
        loop.ran.resize(loop.iterations.back().firstRan + loop.iterations.back().ready);
    std::unordered_map<std::uint32_t, std::uint32_t> goneAt;
    m_gone.forEach([&](const Gone &g) { goneAt.emplace(g.id, g.at); });
    auto goneOf = [&](std::uint32_t id) {
        const auto it = goneAt.find(id);
        return it == goneAt.end() ? UINT32_MAX : it->second;
    };
    m_timers.forEach([&](const Added &a) {
        loop.timers.push_back(LoopTimer{a.when, mapped(laneIndex, a.note.lane), a.note.step,
                                        a.note.what, a.at, goneOf(a.id)});
    });
    m_waits.forEach([&](const Added &a) {
        loop.waits.push_back(
            LoopWait{mapped(laneIndex, a.note.lane), a.note.step, a.note.what, a.at, goneOf(a.id)});
    });
}

} // namespace loopscope::rt
