// Who waits for whom when a run ends in a deadlock, read from the trace alone: each task stuck
// at the end, what its last span waits on, and the task holding that (the holders of a lock or
// semaphore from the acquire and release events, or the awaited task itself).
#pragma once

#include "trace/trace.h"

#include <vector>

namespace loopscope {

struct DeadlockWait
{
    int waiter = -1;   // lane
    QString on;        // a resource id, or the lane id of an awaited task
    int holder = -1;   // lane holding `on` (a task stuck too), -1 when none
    double since = 0.; // when the waiter began to wait
    QString step;      // the step it waits in
};

// The cycle of a deadlocked run, each wait followed by its holder's wait, starting with the
// lowest lane; without a cycle, every stuck task's wait in lane order. Empty when the run did
// not end in a deadlock.
std::vector<DeadlockWait> deadlockWaits(const Trace &trace);

// "waits for b, held by transfer_ba-1"; "waits for gather" when nothing holds it.
QString describeWait(const Trace &trace, const DeadlockWait &wait);

} // namespace loopscope
