// Hand-built traces shared by the trace and export tests (the runtime is not needed).
#pragma once

#include "trace/trace.h"

#include <algorithm>

namespace loopscope::testing {

inline Span span(Trace &t, LaneState state, double start, double end, const QString &on = {},
                 const QString &step = {})
{
    return Span{start, end, t.intern(on), t.intern(step), state};
}

// Four lanes over 2 s with every state, a gap-free task lane, a thread, the loop, events of
// several kinds and a diagnostic.
inline Trace smallTrace()
{
    using S = LaneState;
    Trace t;
    t.scenario = QStringLiteral("Lock: one at a time");
    t.duration = 2.0;

    Lane main{QStringLiteral("task-1"), LaneKind::Task,
              QStringLiteral("main"),   -1,
              QStringLiteral("main"),   {},
              LaneResult::Done};
    main.spans = {span(t, S::Running, 0.0, 0.5, {}, QStringLiteral("s1")),
                  span(t, S::Waiting, 0.5, 2.0, QStringLiteral("gather"), QStringLiteral("s2"))};

    Lane worker{QStringLiteral("task-2"),
                LaneKind::Task,
                QStringLiteral("worker-1"),
                0,
                QStringLiteral("worker"),
                {},
                LaneResult::Done};
    worker.spans = {span(t, S::Ready, 0.5, 0.75), span(t, S::Running, 0.75, 1.0),
                    span(t, S::Blocked, 1.0, 1.5, QStringLiteral("lock"), QStringLiteral("s3")),
                    span(t, S::Blocking, 1.5, 2.0, {}, QStringLiteral("s4"))};

    Lane thread{QStringLiteral("thread-1"),
                LaneKind::Thread,
                QStringLiteral("ThreadPoolExecutor-0_0"),
                -1,
                {},
                {},
                LaneResult::None};
    thread.spans = {span(t, S::Running, 1.0, 1.25)};

    Lane loop{QStringLiteral("loop"), LaneKind::Loop, QStringLiteral("event loop"), -1, {}, {},
              LaneResult::None};
    loop.spans = {span(t, S::Running, 0.0, 0.5), span(t, S::Running, 0.75, 1.0),
                  span(t, S::Blocking, 1.5, 2.0)};

    t.lanes = {main, worker, thread, loop};
    t.events = {
        {0.0, 0, EventKind::Print, QStringLiteral("hello: \"world\" #1"), {}, -1, {}},
        {0.5, 1, EventKind::Create, {}, {}, 0, {}},
        {0.5, 1, EventKind::Wake, {}, {}, 0, QStringLiteral("create_task")},
        {1.0, 1, EventKind::Acquire, {}, QStringLiteral("lock"), -1, {}},
        {1.5, 1, EventKind::Wake, {}, {}, -1, QStringLiteral("timer")},
        {2.0, 1, EventKind::Release, {}, QStringLiteral("lock"), -1, {}},
    };
    t.diagnostics = {{1.5, 1, Severity::Warning, QStringLiteral("slow-step"),
                      QStringLiteral("Executing <Task worker-1> took 0.500 seconds")}};
    t.outcome = {OutcomeStatus::Completed, {}};
    return t;
}

// `lanes` task lanes of gap-free spans alternating running and waiting on a timer (step "s1"),
// each lane staggered by a microsecond so that its boundaries fall between other lanes' ones:
// `lanes` × `spans` state changes, for the big-trace tests and benchmarks.
inline Trace bigTrace(int lanes, int spans)
{
    Trace trace;
    trace.scenario = QStringLiteral("big");
    const StringId timer = trace.intern(QStringLiteral("timer"));
    const StringId step = trace.intern(QStringLiteral("s1"));
    for (int l = 0; l < lanes; ++l) {
        Lane lane{QStringLiteral("task-%1").arg(l + 1),
                  LaneKind::Task,
                  QStringLiteral("worker-%1").arg(l),
                  -1,
                  QStringLiteral("worker"),
                  {},
                  LaneResult::Done};
        lane.spans.reserve(std::size_t(spans));
        double t = l * 1e-6;
        for (int s = 0; s < spans; ++s) {
            const double end = t + 0.001 * (1 + (s + l) % 3);
            lane.spans.push_back(Span{t, end, s % 2 ? timer : 0, step,
                                      s % 2 ? LaneState::Waiting : LaneState::Running});
            t = end;
        }
        trace.duration = std::max(trace.duration, t);
        trace.lanes.push_back(std::move(lane));
    }
    return trace;
}

} // namespace loopscope::testing
