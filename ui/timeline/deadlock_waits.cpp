#include "timeline/deadlock_waits.h"

#include <algorithm>

namespace loopscope {

namespace {

// Lanes holding `resource` when the run ended: acquired and not released since.
std::vector<int> holdersAtEnd(const Trace &trace, const QString &resource)
{
    std::vector<int> holders; // a lane appears once per unreleased acquire
    for (const TraceEvent &event : trace.events) {
        if (event.resource != resource)
            continue;
        if (event.kind == EventKind::Acquire) {
            holders.push_back(event.lane);
        } else if (event.kind == EventKind::Release) {
            if (const auto it = std::find(holders.begin(), holders.end(), event.lane);
                it != holders.end())
                holders.erase(it);
        }
    }
    return holders;
}

bool stuck(const Trace &trace, int lane)
{
    const Lane &l = trace.lanes[std::size_t(lane)];
    return l.kind == LaneKind::Task && l.result == LaneResult::Pending && !l.spans.empty();
}

DeadlockWait waitOf(const Trace &trace, int lane)
{
    const Span &last = trace.lanes[std::size_t(lane)].spans.back();
    DeadlockWait wait{lane, trace.str(last.on), -1, last.start, trace.str(last.step)};
    std::vector<int> holders;
    if (const int awaited = trace.laneIndex(wait.on); awaited >= 0)
        holders.push_back(awaited);
    else if (!wait.on.isEmpty())
        holders = holdersAtEnd(trace, wait.on);
    for (int holder : holders)
        if (holder != lane && holder >= 0 && holder < int(trace.lanes.size())
            && stuck(trace, holder)) {
            wait.holder = holder;
            break;
        }
    return wait;
}

} // namespace

std::vector<DeadlockWait> deadlockWaits(const Trace &trace)
{
    if (trace.outcome.status != OutcomeStatus::Deadlock)
        return {};
    std::vector<DeadlockWait> waits(trace.lanes.size());
    std::vector<int> pending;
    for (int lane = 0; lane < int(trace.lanes.size()); ++lane)
        if (stuck(trace, lane)) {
            waits[std::size_t(lane)] = waitOf(trace, lane);
            pending.push_back(lane);
        }
    for (int start : pending) {
        std::vector<int> path;
        int at = start;
        while (at >= 0 && std::find(path.begin(), path.end(), at) == path.end()) {
            path.push_back(at);
            at = waits[std::size_t(at)].holder;
        }
        if (at < 0)
            continue;
        // The cycle is the path from `at` on; it starts at its lowest lane.
        std::vector<int> cycle(std::find(path.begin(), path.end(), at), path.end());
        std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
        std::vector<DeadlockWait> out;
        for (int lane : cycle)
            out.push_back(waits[std::size_t(lane)]);
        return out;
    }
    std::vector<DeadlockWait> out;
    for (int lane : pending)
        out.push_back(waits[std::size_t(lane)]);
    return out;
}

QString describeWait(const Trace &trace, const DeadlockWait &wait)
{
    const QString on = wait.on.isEmpty() ? QStringLiteral("nothing") : wait.on;
    if (wait.holder < 0)
        return QStringLiteral("waits for %1").arg(on);
    const QString holder = trace.lanes[std::size_t(wait.holder)].name;
    if (trace.laneIndex(wait.on) == wait.holder)
        return QStringLiteral("waits for %1").arg(holder);
    return QStringLiteral("waits for %1, held by %2").arg(on, holder);
}

} // namespace loopscope
