// One thread or process pool on the live clock, as the loop thread and the pool's workers share
// it: which worker runs which job. That is decided on the loop thread when the job is
// submitted, as CPython's ThreadPoolExecutor decides it (concurrent/futures/thread.py,
// _adjust_thread_count): a free worker takes it (the first, as the virtual clock picks), else
// a new thread starts while the pool has fewer than max_workers, else it queues. A worker marks
// itself free before the loop can hear that its job is done, as in CPython, where the worker
// releases _idle_semaphore while it still holds the GIL that the loop needs to run the
// completion. So the lanes of a run follow from the scenario, not from which thread wakes first.
#pragma once

#include "pools.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace loopscope::rt {

struct LiveJob
{
    WorkKind work = WorkKind::Io;
    double seconds = 0.0;
    Future *done = nullptr; // kept alive by LivePools, on the loop thread
    StringId step = 0;
    double submitted = 0.0; // scenario instant
};

// A pool thread, or the thread that drives one worker process.
struct LiveWorker
{
    int lane = -1;
    double freeSince = 0.0; // when it started, then the end of its last job (its thread only)
    std::thread thread;

private:
    friend class LivePool;         // the rest is the pool's, under its lock
    std::optional<LiveJob> handed; // given to it by the loop thread, not yet taken up
    bool free = true;              // waiting for a job (or starting, with none handed yet)
    bool broken = false;           // its worker process failed: it takes no more jobs
};

class LivePool
{
public:
    explicit LivePool(PoolSpec spec)
        : spec(std::move(spec))
    {}
    const PoolSpec spec;
    int busy = 0; // loop thread only: jobs submitted, not yet completed

    // Loop thread. Hands `job` to the first free worker, or to a worker it adds for it (returned:
    // the caller gives it a lane and a thread), or queues it. `*failed`: every worker is broken,
    // so the job can never run.
    LiveWorker *place(const LiveJob &job, bool *failed);
    LiveWorker &addWorker(); // loop thread: a free worker (a process pool starts all at once)
    std::size_t workerCount() const;

    // A worker's own thread: waits for the job handed to it. False when the run ends first.
    bool nextJob(LiveWorker &self, LiveJob *job, const std::atomic<bool> &stop,
                 const std::atomic<bool> &shutdown);
    void jobDone(LiveWorker &self); // takes the next queued job, or becomes free
    // Its worker process failed: returns the jobs that must fail with it (its own and the queue).
    std::vector<LiveJob> breakWorker(LiveWorker &self);

    void joinAll(); // at the end of the run, with the shutdown flag set

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<LiveJob> m_queue;      // jobs submitted while no worker was free
    std::deque<LiveWorker> m_workers; // in the order they started (their lane names' k)
};

} // namespace loopscope::rt
