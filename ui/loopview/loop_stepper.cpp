#include "loopview/loop_stepper.h"

#include <algorithm>

namespace loopscope {

LoopStepper::LoopStepper(QObject *parent)
    : QObject(parent)
{}

void LoopStepper::setTrace(const Trace *trace, bool atEnd)
{
    m_trace = trace;
    if (atEnd || !hasLoop())
        m_position = hasLoop() ? lastPosition(trace->loop) : LoopPosition{};
    traceGrew();
}

void LoopStepper::traceGrew()
{
    if (hasLoop()) {
        const LoopPosition last = lastPosition(m_trace->loop);
        if (m_position.iteration > last.iteration)
            m_position = last;
        m_position.callback = std::min(
            m_position.callback,
            std::max<std::size_t>(callbackCount(m_trace->loop, m_position.iteration), 1) - 1);
    }
    Q_EMIT moved(m_position, hasLoop() ? timeOf(m_trace->loop, m_position) : 0.0);
}

LoopSnapshot LoopStepper::snapshot() const
{
    return hasLoop() ? loopAt(*m_trace, m_position) : LoopSnapshot{};
}

std::pair<std::size_t, std::size_t> LoopStepper::runningEvents() const
{
    if (!hasLoop())
        return {0, 0};
    const LoopTrace &loop = m_trace->loop;
    const std::uint32_t stamp = positionStamp(loop, m_position);
    if (stamp >= loop.ran.size())
        return {m_trace->events.size(), m_trace->events.size()};
    const std::size_t first = loop.ran[stamp].events;
    const std::size_t end
        = stamp + 1 < loop.ran.size() ? loop.ran[stamp + 1].events : m_trace->events.size();
    return {std::min(first, m_trace->events.size()), std::min(end, m_trace->events.size())};
}

void LoopStepper::setPosition(LoopPosition position)
{
    if (!hasLoop())
        return;
    m_position = position;
    traceGrew(); // clamps and tells
}

void LoopStepper::moveToTime(double t)
{
    if (hasLoop())
        setPosition(positionAtTime(m_trace->loop, t));
}

bool LoopStepper::go(std::optional<LoopPosition> to)
{
    if (!to)
        return false;
    setPosition(*to);
    return true;
}

bool LoopStepper::forward(LoopStride stride)
{
    return hasLoop() && go(stepForward(m_trace->loop, m_position, stride));
}

bool LoopStepper::back(LoopStride stride)
{
    return hasLoop() && go(stepBack(m_trace->loop, m_position, stride));
}

bool LoopStepper::nextOfLane()
{
    return hasLoop() && m_lane >= 0 && go(laneCallback(m_trace->loop, m_position, m_lane, true));
}

bool LoopStepper::previousOfLane()
{
    return hasLoop() && m_lane >= 0 && go(laneCallback(m_trace->loop, m_position, m_lane, false));
}

} // namespace loopscope
