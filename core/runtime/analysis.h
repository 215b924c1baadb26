// What a finished run means: deadlock cycles and the diagnostics asyncio's debug mode gives.
#pragma once

#include <QString>

namespace loopscope::rt {

class Runtime;

// Names the cycle of a deadlock ("worker-1 waits for lock_b held by worker-2, ..."), or,
// without a cycle, what every pending task waits for.
QString describeDeadlock(Runtime &rt);

// "Task exception was never retrieved" for failed tasks nobody awaited or gathered.
void reportUnretrievedExceptions(Runtime &rt);

} // namespace loopscope::rt
