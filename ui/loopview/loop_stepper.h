// The loop cursor over a trace: a position in trace.loop (loop_state.h), moved forwards and
// backwards by iteration, by task step, or to the previous or next callback of a lane. Every
// view follows its one signal, so they never disagree about where the run is.
#pragma once

#include "trace/loop_state.h"

#include <QObject>

namespace loopscope {

class LoopStepper : public QObject
{
    Q_OBJECT
public:
    explicit LoopStepper(QObject *parent = nullptr);

    // The trace stays the caller's (the timeline's, whose address does not change) and must
    // outlive this. `atEnd`: a new run, the cursor goes to its last position.
    void setTrace(const Trace *trace, bool atEnd);
    // The same trace grew (a live run, paused or going on): the position stays if it exists.
    void traceGrew();
    const Trace *trace() const { return m_trace; }
    bool hasLoop() const { return m_trace && !m_trace->loop.empty(); }
    LoopPosition position() const { return m_position; }
    LoopSnapshot snapshot() const;
    int selectedLane() const { return m_lane; }

    // Events of the trace's `events` made by the running callback: [first, end).
    std::pair<std::size_t, std::size_t> runningEvents() const;

public Q_SLOTS:
    void setPosition(loopscope::LoopPosition position);
    void moveToTime(double t);
    void setSelectedLane(int lane) { m_lane = lane; }
    bool forward(loopscope::LoopStride stride);
    bool back(loopscope::LoopStride stride);
    bool nextOfLane();
    bool previousOfLane();

Q_SIGNALS:
    // The cursor moved (or the trace under it changed): t is its iteration's time.
    void moved(loopscope::LoopPosition position, double t);

private:
    bool go(std::optional<LoopPosition> to);
    const Trace *m_trace = nullptr;
    LoopPosition m_position;
    int m_lane = -1;
};

} // namespace loopscope
