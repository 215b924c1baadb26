#include "quiz/run_facts.h"

#include <algorithm>

namespace loopscope {

int taskLaneNamed(const Trace &trace, const QString &name)
{
    for (std::size_t i = 0; i < trace.lanes.size(); ++i)
        if (trace.lanes[i].kind == LaneKind::Task && trace.lanes[i].name == name)
            return int(i);
    return -1;
}

double finishTime(const Trace &trace, int lane)
{
    if (lane < 0 || lane >= int(trace.lanes.size()))
        return kNeverFinished;
    const Lane &l = trace.lanes[std::size_t(lane)];
    const bool finished = l.result == LaneResult::Done || l.result == LaneResult::Failed
                          || l.result == LaneResult::Cancelled;
    if (!finished || l.spans.empty())
        return kNeverFinished;
    return l.spans.back().end;
}

int lockHolderAt(const Trace &trace, const QString &resource, double t)
{
    int holder = -1;
    for (const TraceEvent &e : trace.events) {
        if (e.t > t || e.resource != resource)
            continue;
        if (e.kind == EventKind::Acquire)
            holder = e.lane;
        else if (e.kind == EventKind::Release && e.lane == holder)
            holder = -1;
    }
    return holder;
}

std::vector<int> printsAmong(const Trace &trace, const std::vector<QString> &lines)
{
    std::vector<int> found;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const TraceEvent &e = trace.events[i];
        if (e.kind == EventKind::Print
            && std::find(lines.begin(), lines.end(), e.text) != lines.end())
            found.push_back(int(i));
    }
    return found;
}

int stuckTaskLane(const Trace &trace)
{
    for (std::size_t i = 0; i < trace.lanes.size(); ++i) {
        const Lane &lane = trace.lanes[i];
        const Span *stuck = stuckSpan(trace, lane);
        if (lane.kind == LaneKind::Task && stuck && stuck->state == LaneState::Blocked)
            return int(i);
    }
    for (std::size_t i = 0; i < trace.lanes.size(); ++i)
        if (trace.lanes[i].kind == LaneKind::Task && trace.lanes[i].result == LaneResult::Pending)
            return int(i);
    return trace.lanes.empty() ? -1 : 0;
}

} // namespace loopscope
