#include "trace/loop_state.h"

#include <algorithm>

namespace loopscope {

std::size_t iterationEnd(const LoopTrace &loop, std::size_t iteration)
{
    return iteration + 1 < loop.iterations.size() ? loop.iterations[iteration + 1].firstRan
                                                  : loop.ran.size();
}

std::size_t callbackCount(const LoopTrace &loop, std::size_t iteration)
{
    return iterationEnd(loop, iteration) - loop.iterations[iteration].firstRan;
}

std::uint32_t positionStamp(const LoopTrace &loop, LoopPosition at)
{
    return loop.iterations[at.iteration].firstRan + std::uint32_t(at.callback);
}

namespace {

// Those the callbacks before `stamp` in its iteration appended: the queue held `queued` when
// the running one was taken, of which `left` were this iteration's.
void appendScheduled(const LoopTrace &loop, std::size_t iteration, std::size_t stamp,
                     std::vector<LoopCallback> &ready)
{
    const std::size_t end = iterationEnd(loop, iteration);
    const std::size_t left = end - stamp;
    const std::uint32_t queued = loop.ran[stamp].queued;
    const std::size_t appended = queued > left ? queued - left : 0;
    auto next = loop.ran.at(end);
    for (std::size_t i = 0; i < appended && next != loop.ran.end(); ++i, ++next)
        ready.push_back(*next);
}

template<typename T>
bool presentAt(const T &item, std::uint32_t stamp)
{
    return item.added <= stamp && stamp < item.gone;
}

} // namespace

LoopSnapshot loopAt(const Trace &trace, LoopPosition at)
{
    const LoopTrace &loop = trace.loop;
    LoopSnapshot s;
    if (loop.empty())
        return s;
    at.iteration = std::min(at.iteration, loop.iterations.size() - 1);
    s.iteration = at.iteration;
    s.t = loop.iterations[at.iteration].t;
    const std::uint32_t stamp = positionStamp(loop, at);
    const std::size_t end = iterationEnd(loop, at.iteration);
    if (stamp < end) {
        auto cb = loop.ran.at(stamp);
        s.running = *cb;
        for (++cb; cb != loop.ran.at(end); ++cb)
            s.ready.push_back(*cb);
        appendScheduled(loop, at.iteration, stamp, s.ready);
    }
    for (const LoopTimer &timer : loop.timers)
        if (presentAt(timer, stamp))
            s.timers.push_back(timer);
    std::stable_sort(s.timers.begin(), s.timers.end(),
                     [](const LoopTimer &a, const LoopTimer &b) { return a.when < b.when; });
    for (const LoopWait &wait : loop.waits)
        if (presentAt(wait, stamp))
            s.waits.push_back(wait);
    return s;
}

std::optional<LoopPosition> stepForward(const LoopTrace &loop, LoopPosition at, LoopStride by)
{
    if (loop.empty())
        return std::nullopt;
    if (by == LoopStride::TaskStep && at.callback + 1 < callbackCount(loop, at.iteration))
        return LoopPosition{at.iteration, at.callback + 1};
    if (at.iteration + 1 >= loop.iterations.size())
        return std::nullopt;
    return LoopPosition{at.iteration + 1, 0};
}

std::optional<LoopPosition> stepBack(const LoopTrace &loop, LoopPosition at, LoopStride by)
{
    if (loop.empty())
        return std::nullopt;
    if (at.callback > 0)
        return LoopPosition{at.iteration, by == LoopStride::TaskStep ? at.callback - 1 : 0};
    if (at.iteration == 0)
        return std::nullopt;
    const std::size_t previous = at.iteration - 1;
    const std::size_t count = callbackCount(loop, previous);
    if (by == LoopStride::TaskStep && count > 0)
        return LoopPosition{previous, count - 1};
    return LoopPosition{previous, 0};
}

std::optional<LoopPosition> laneCallback(const LoopTrace &loop, LoopPosition at, int lane,
                                         bool forward)
{
    std::optional<LoopPosition> p = at;
    while ((p = forward ? stepForward(loop, *p, LoopStride::TaskStep)
                        : stepBack(loop, *p, LoopStride::TaskStep))) {
        const std::uint32_t stamp = positionStamp(loop, *p);
        if (stamp < iterationEnd(loop, p->iteration) && loop.ran[stamp].lane == lane)
            return p;
    }
    return std::nullopt;
}

LoopPosition positionAtTime(const LoopTrace &loop, double t)
{
    const auto after = std::upper_bound(loop.iterations.begin(), loop.iterations.end(), t,
                                        [](double v, const LoopIteration &it) { return v < it.t; });
    const std::size_t i
        = after == loop.iterations.begin() ? 0 : std::size_t(after - loop.iterations.begin()) - 1;
    return LoopPosition{i, 0};
}

LoopPosition lastPosition(const LoopTrace &loop)
{
    if (loop.empty())
        return {};
    const std::size_t i = loop.iterations.size() - 1;
    const std::size_t count = callbackCount(loop, i);
    return LoopPosition{i, count > 0 ? count - 1 : 0};
}

double timeOf(const LoopTrace &loop, LoopPosition at)
{
    return loop.empty() ? 0.0
                        : loop.iterations[std::min(at.iteration, loop.iterations.size() - 1)].t;
}

} // namespace loopscope
