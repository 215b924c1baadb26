// A small hand-built trace shared by the ui tests: four tasks, a loop lane, a semaphore.
#pragma once

#include "trace/trace.h"

namespace loopscope::testing {

inline Span span(Trace &trace, LaneState state, double start, double end, const QString &step = {},
                 const QString &on = {})
{
    Span s;
    s.state = state;
    s.start = start;
    s.end = end;
    s.step = step.isEmpty() ? 0 : trace.intern(step);
    s.on = on.isEmpty() ? 0 : trace.intern(on);
    return s;
}

inline Lane lane(const QString &id, const QString &name, int parent, LaneResult result,
                 LaneKind kind = LaneKind::Task)
{
    Lane l;
    l.id = id;
    l.name = name;
    l.parent = parent;
    l.result = result;
    l.kind = kind;
    return l;
}

// main      running [0, .5) s1, waiting on gather [.5, 4) s1                  done
// worker-1  running [.5, 1) s2, blocking [1, 2) s3, waiting timer [2, 3) s4    done
// worker-2  ready [.5, 1), blocked on sem [1, 3) s5, running [3, 4) s6          failed
// worker-3  waiting timer [.5, 4) s7                                             cancelled
// event loop running [0, 4)
// worker-1 acquires sem at .5 and releases it at 3, waking worker-2.
inline Trace sampleTrace()
{
    using S = LaneState;
    Trace t;
    t.scenario = QStringLiteral("Semaphore sample");
    t.duration = 4.0;
    Lane main = lane("task-1", "main", -1, LaneResult::Done);
    main.spans = {span(t, S::Running, 0, 0.5, "s1"), span(t, S::Waiting, 0.5, 4, "s1", "gather")};
    Lane w1 = lane("task-2", "worker-1", 0, LaneResult::Done);
    w1.spans = {span(t, S::Running, 0.5, 1, "s2"), span(t, S::Blocking, 1, 2, "s3"),
                span(t, S::Waiting, 2, 3, "s4", "timer")};
    Lane w2 = lane("task-3", "worker-2", 0, LaneResult::Failed);
    w2.spans = {span(t, S::Ready, 0.5, 1), span(t, S::Blocked, 1, 3, "s5", "sem"),
                span(t, S::Running, 3, 4, "s6")};
    Lane w3 = lane("task-4", "worker-3", 0, LaneResult::Cancelled);
    w3.spans = {span(t, S::Waiting, 0.5, 4, "s7", "timer")};
    Lane loop = lane("loop", "event loop", -1, LaneResult::None, LaneKind::Loop);
    loop.spans = {span(t, S::Running, 0, 4)};
    t.lanes = {main, w1, w2, w3, loop};

    TraceEvent acquire{0.5, 1, EventKind::Acquire, {}, QStringLiteral("sem"), -1, {}};
    TraceEvent release{3.0, 1, EventKind::Release, {}, QStringLiteral("sem"), -1, {}};
    TraceEvent wake{3.0, 2, EventKind::Wake, {}, {}, 1, QStringLiteral("sem")};
    t.events = {acquire, release, wake};
    return t;
}

} // namespace loopscope::testing
