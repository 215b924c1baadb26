// What a run's trace says about the things a lesson's questions ask: the prints in order, who
// holds a lock at an instant, when a task finished. Each reads the trace only.
#pragma once

#include "trace/trace.h"

#include <QString>

#include <limits>
#include <optional>
#include <vector>

namespace loopscope {

// The task lane named `name` ("main", "worker-1"); -1 when the run made no such task.
int taskLaneNamed(const Trace &trace, const QString &name);

// The instant the lane's task finished (done, failed or cancelled); infinity for one that never
// did (pending at the end, or no task at all).
inline constexpr double kNeverFinished = std::numeric_limits<double>::infinity();
double finishTime(const Trace &trace, int lane);

// The task holding the lock `resource` at instant t, by the run's acquire and release events:
// at an instant where one task releases it and the next acquires it, the next. -1: nobody.
int lockHolderAt(const Trace &trace, const QString &resource, double t);

// The print events whose text is one of `lines`, in the order the run printed them (indices
// into trace.events).
std::vector<int> printsAmong(const Trace &trace, const std::vector<QString> &lines);

// A deadlocked run's lane to point at: the first task stuck blocked or waiting; main when none.
int stuckTaskLane(const Trace &trace);

} // namespace loopscope
