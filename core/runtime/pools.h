// Thread pools, process pools and the GIL: everything that runs beside the event loop thread.
// Two implementations share this interface: timed on the virtual clock (pools_virtual.cpp) and
// real threads, real worker processes and a real GIL on the live clock (pools_live.cpp).
#pragma once

#include "event_loop.h"
#include "future.h"
#include "scenario/scenario.h"
#include "trace/trace.h"

#include <memory>

namespace loopscope::rt {

class Runtime;
class WorkerScript;

class PoolSet : public ThreadWorld
{
public:
    // `cpu` on the loop thread: pure-Python work holding the GIL for `seconds` of GIL time.
    // Records the task lane's running/ready spans. False when the run was stopped meanwhile.
    virtual bool cpuOnLoop(int lane, double seconds, StringId step) = 0;
    // `block` on the loop thread: a blocking call, GIL released, loop thread stuck.
    virtual bool blockOnLoop(int lane, double seconds, StringId step) = 0;
    // to_thread (pool "") or run_in_executor(pool): the returned future completes on the loop
    // when the work is done. With a script (a plain function's call), the worker runs the
    // function's steps instead of `work` for `seconds`, and the future gets its return value.
    virtual Ref<Future> submit(const QString &pool, WorkKind work, double seconds, StringId step,
                               int byLane, std::shared_ptr<WorkerScript> script = {})
        = 0;
    virtual bool isProcessPool(const QString &pool) const = 0;
    // Jobs queued or running on the default executor (asyncio.run waits for them at the end).
    virtual int defaultExecutorBusy() const = 0;
    // Stops and joins threads, reaps worker processes. Idempotent.
    virtual void shutdown() {}
};

std::unique_ptr<PoolSet> makeVirtualPools(Runtime &rt);
std::unique_ptr<PoolSet> makeLivePools(Runtime &rt, const QString &workerProgram);

// Thread and process names as CPython gives them.
QString defaultThreadName(int k);        // asyncio_0
QString poolThreadName(int pool, int k); // ThreadPoolExecutor-0_1
QString processName(int k);              // Process-1

} // namespace loopscope::rt

namespace loopscope::rt {

// The pools a scenario has: the default executor first (id ""), then its resources' pools.
struct PoolSpec
{
    QString id;
    bool process = false;
    int workers = 1;
    double startup = 0.0;
    int nameIndex = 0; // N of ThreadPoolExecutor-N_k
};
std::vector<PoolSpec> poolSpecs(const Scenario &scenario);

} // namespace loopscope::rt
