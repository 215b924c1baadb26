// Pools and the GIL on the live clock: real std::threads for thread pools, real worker
// processes (`loopscope --worker`, over pipes) for process pools, and a real GIL (LiveGil).
// Each pool thread records its own lane into its own recorder buffer; completions reach the
// loop through EventLoop::post (call_soon_threadsafe).
#include "pools.h"

#include "live_gil.h"
#include "runtime.h"
#include "worker_process.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <list>
#include <mutex>
#include <thread>

namespace loopscope::rt {

namespace {

using Clock = std::chrono::steady_clock;

struct LiveJob
{
    WorkKind work = WorkKind::Io;
    double seconds = 0.0;
    Future *done = nullptr; // kept alive by LivePools::m_inFlight, on the loop thread
    StringId step = 0;
};

struct LivePool;

// A finished job on its way to the loop thread.
struct Completion
{
    Future *done;
    int lane;
    LivePool *pool;
    QString error; // the worker process failed: the job raises this as a RuntimeError
};

class LivePools;

struct LivePool
{
    PoolSpec spec;
    std::mutex mutex;
    std::condition_variable cv;
    std::deque<LiveJob> queue;
    int idle = 0;
    int busy = 0; // loop thread only: jobs submitted, not yet completed
    std::list<std::thread> threads;
    int threadCount = 0;
};

class LivePools final : public PoolSet
{
public:
    LivePools(Runtime &rt, QString workerProgram);
    ~LivePools() override { shutdown(); }

    double nextEventTime() const override { return std::numeric_limits<double>::infinity(); }
    void advanceTo(double) override {}
    double acquireGilForLoop(double) override;
    void releaseGilForLoop() override { m_gil.drop(); }

    bool cpuOnLoop(int lane, double seconds, StringId step) override;
    bool blockOnLoop(int lane, double seconds, StringId step) override;
    Ref<Future> submit(const QString &pool, WorkKind work, double seconds, StringId step,
                       int byLane) override;
    bool isProcessPool(const QString &pool) const override;
    int defaultExecutorBusy() const override { return m_pools.front()->busy; }
    void shutdown() override;

private:
    void threadMain(LivePool &pool, int lane, RecordBuffer &buffer);
    void processMain(LivePool &pool, int lane, RecordBuffer &buffer);
    bool nextJob(LivePool &pool, LiveJob *job);
    // Spins for `seconds` of GIL-held time; records running/ready. False when stopped.
    bool burn(double seconds, int lane, RecordBuffer &buffer, StringId step);
    bool sleepWall(double seconds);
    void complete(const LiveJob &job, int lane, LivePool &pool, const QString &error = {});
    void failQueuedJobs(LivePool &pool, int lane, const QString &error);
    static void completeCb(void *self, std::uintptr_t fut);
    std::chrono::nanoseconds wall(double scenarioSeconds) const;

    Runtime &m_rt;
    QString m_workerProgram;
    const std::atomic<bool> &m_stop;
    LiveGil m_gil;
    std::vector<std::unique_ptr<LivePool>> m_pools;
    std::vector<Ref<Future>> m_inFlight;
    std::mutex m_doneMutex;
    std::vector<Completion> m_completions;
    int m_processCount = 0;
    std::atomic<bool> m_shutdown{false};
};

std::chrono::nanoseconds toWall(double scenarioSeconds, double scale)
{
    return std::chrono::nanoseconds(static_cast<std::int64_t>(scenarioSeconds * scale * 1e9));
}

LivePools::LivePools(Runtime &rt, QString workerProgram)
    : m_rt(rt)
    , m_workerProgram(std::move(workerProgram))
    , m_stop(rt.loop.stopFlag())
    , m_gil(rt.scenario.python.gil, toWall(rt.scenario.python.switchInterval, rt.loop.scale()),
            rt.loop.stopFlag())
{
    for (const PoolSpec &spec : poolSpecs(rt.scenario)) {
        auto pool = std::make_unique<LivePool>();
        pool->spec = spec;
        m_pools.push_back(std::move(pool));
    }
}

std::chrono::nanoseconds LivePools::wall(double scenarioSeconds) const
{
    return toWall(scenarioSeconds, m_rt.loop.scale());
}

double LivePools::acquireGilForLoop(double)
{
    m_gil.take();
    return m_rt.loop.now();
}

bool LivePools::sleepWall(double seconds)
{
    const auto end = Clock::now() + wall(seconds);
    while (Clock::now() < end) {
        if (m_stop.load(std::memory_order_relaxed))
            return false;
        std::this_thread::sleep_for(
            std::min<Clock::duration>(std::chrono::milliseconds(1), end - Clock::now()));
    }
    return true;
}

bool LivePools::burn(double seconds, int lane, RecordBuffer &buffer, StringId step)
{
    auto left = wall(seconds);
    volatile std::uint64_t sink = 0;
    while (left.count() > 0) {
        const auto sliceStart = Clock::now();
        for (int i = 0; i < 500; ++i)
            sink = sink + std::uint64_t(i);
        left -= Clock::now() - sliceStart;
        if (m_stop.load(std::memory_order_relaxed))
            return false;
        if (left.count() > 0 && m_gil.dropRequested()) {
            m_rt.recorder.state(buffer, lane, m_rt.loop.now(), LaneState::Ready, m_rt.s.gil, step);
            if (!m_gil.yieldToWaiter())
                return false;
            m_rt.recorder.state(buffer, lane, m_rt.loop.now(), LaneState::Running, 0, step);
        }
    }
    return true;
}

bool LivePools::cpuOnLoop(int lane, double seconds, StringId step)
{
    m_rt.setState(lane, LaneState::Running, 0, step);
    return burn(seconds, lane, m_rt.buffer, step);
}

bool LivePools::blockOnLoop(int lane, double seconds, StringId step)
{
    m_rt.setState(lane, LaneState::Blocking, 0, step);
    m_gil.drop();
    const bool finished = m_rt.loop.blockFor(seconds);
    if (finished && !m_gil.take())
        return false;
    m_rt.setState(lane, LaneState::Running, 0, step);
    return finished;
}

Ref<Future> LivePools::submit(const QString &poolId, WorkKind work, double seconds, StringId step,
                              int)
{
    LivePool *pool = m_pools.front().get();
    for (auto &p : m_pools)
        if (p->spec.id == poolId)
            pool = p.get();
    Ref<Future> done(new Future(m_rt.loop));
    m_inFlight.push_back(done);
    m_rt.loop.addExternalWork(1);
    ++pool->busy;
    bool spawn = false;
    {
        std::lock_guard lock(pool->mutex);
        pool->queue.push_back(LiveJob{work, seconds, done.get(), step});
        if (pool->spec.process)
            spawn = pool->threadCount == 0; // every worker starts at the first submit
        else
            spawn = pool->idle == 0 && pool->threadCount < pool->spec.workers;
    }
    pool->cv.notify_one();
    const int starting = !spawn ? 0 : pool->spec.process ? pool->spec.workers : 1;
    for (int k = 0; k < starting; ++k) {
        const int index = pool->threadCount++;
        const QString name = pool->spec.process ? processName(++m_processCount)
                             : pool == m_pools.front().get()
                                 ? defaultThreadName(index)
                                 : poolThreadName(pool->spec.nameIndex, index);
        const int lane
            = m_rt.addLane(pool->spec.process ? LaneKind::Process : LaneKind::Thread, name);
        RecordBuffer &buffer = m_rt.recorder.newBuffer();
        if (pool->spec.process)
            pool->threads.emplace_back(
                [this, pool, lane, &buffer] { processMain(*pool, lane, buffer); });
        else
            pool->threads.emplace_back(
                [this, pool, lane, &buffer] { threadMain(*pool, lane, buffer); });
    }
    return done;
}

bool LivePools::isProcessPool(const QString &poolId) const
{
    for (const auto &p : m_pools)
        if (p->spec.id == poolId)
            return p->spec.process;
    return false;
}

bool LivePools::nextJob(LivePool &pool, LiveJob *job)
{
    std::unique_lock lock(pool.mutex);
    ++pool.idle;
    while (pool.queue.empty() && !m_stop.load(std::memory_order_relaxed) && !m_shutdown.load())
        pool.cv.wait_for(lock, std::chrono::milliseconds(5));
    --pool.idle;
    if (pool.queue.empty())
        return false;
    *job = pool.queue.front();
    pool.queue.pop_front();
    return true;
}

void LivePools::complete(const LiveJob &job, int lane, LivePool &pool, const QString &error)
{
    {
        std::lock_guard lock(m_doneMutex);
        m_completions.push_back(Completion{job.done, lane, &pool, error});
    }
    m_rt.loop.post(
        Callback{&LivePools::completeCb, this, reinterpret_cast<std::uintptr_t>(job.done)});
}

void LivePools::completeCb(void *self, std::uintptr_t fut)
{
    auto *pools = static_cast<LivePools *>(self);
    auto *future = reinterpret_cast<Future *>(fut);
    QString error;
    {
        std::lock_guard lock(pools->m_doneMutex);
        for (const Completion &c : pools->m_completions) {
            if (c.done == future) {
                future->doneBy = c.lane;
                error = c.error;
                --c.pool->busy;
            }
        }
        std::erase_if(pools->m_completions, [&](const Completion &c) { return c.done == future; });
    }
    pools->m_rt.loop.addExternalWork(-1);
    if (error.isEmpty())
        future->setResult();
    else
        future->setException(PyError{QStringLiteral("RuntimeError"), error, {}});
    std::erase_if(pools->m_inFlight, [&](const Ref<Future> &f) { return f.get() == future; });
}

void LivePools::threadMain(LivePool &pool, int lane, RecordBuffer &buffer)
{
    auto &rec = m_rt.recorder;
    LiveJob job;
    rec.state(buffer, lane, m_rt.loop.now(), LaneState::Waiting, m_rt.s.queue, 0);
    while (nextJob(pool, &job)) {
        bool finished;
        if (job.work == WorkKind::Io) {
            rec.state(buffer, lane, m_rt.loop.now(), LaneState::Blocking, 0, job.step);
            finished = sleepWall(job.seconds);
        } else {
            rec.state(buffer, lane, m_rt.loop.now(), LaneState::Ready, m_rt.s.gil, job.step);
            finished = m_gil.take();
            if (finished) {
                rec.state(buffer, lane, m_rt.loop.now(), LaneState::Running, 0, job.step);
                finished = burn(job.seconds, lane, buffer, job.step);
                m_gil.drop();
            }
        }
        if (!finished)
            return;
        rec.state(buffer, lane, m_rt.loop.now(), LaneState::Waiting, m_rt.s.queue, 0);
        complete(job, lane, pool);
    }
}

void LivePools::processMain(LivePool &pool, int lane, RecordBuffer &buffer)
{
    auto &rec = m_rt.recorder;
    rec.state(buffer, lane, m_rt.loop.now(), LaneState::Waiting, m_rt.s.startup, 0);
    WorkerProcess worker(m_workerProgram, m_stop);
    if (!worker.start(wall(pool.spec.startup))) {
        if (!m_stop.load())
            failQueuedJobs(
                pool, lane,
                QStringLiteral("worker process %1 failed to start").arg(m_workerProgram));
        return;
    }
    rec.state(buffer, lane, m_rt.loop.now(), LaneState::Waiting, m_rt.s.queue, 0);
    LiveJob job;
    while (nextJob(pool, &job)) {
        const bool cpu = job.work == WorkKind::Cpu;
        rec.state(buffer, lane, m_rt.loop.now(), cpu ? LaneState::Running : LaneState::Blocking, 0,
                  job.step);
        if (!worker.run(cpu, wall(job.seconds))) {
            if (!m_stop.load()) {
                complete(job, lane, pool, QStringLiteral("worker process died"));
                failQueuedJobs(pool, lane, QStringLiteral("worker process died"));
            }
            return;
        }
        rec.state(buffer, lane, m_rt.loop.now(), LaneState::Waiting, m_rt.s.queue, 0);
        complete(job, lane, pool);
    }
}

// A broken worker: every job still queued on its pool fails, so that no task waits forever.
void LivePools::failQueuedJobs(LivePool &pool, int lane, const QString &error)
{
    LiveJob job;
    while (true) {
        {
            std::lock_guard lock(pool.mutex);
            if (pool.queue.empty())
                return;
            job = pool.queue.front();
            pool.queue.pop_front();
        }
        complete(job, lane, pool, error);
    }
}

void LivePools::shutdown()
{
    if (m_shutdown.exchange(true))
        return;
    for (auto &pool : m_pools) {
        pool->cv.notify_all();
        for (auto &t : pool->threads)
            if (t.joinable())
                t.join();
    }
}

} // namespace

std::unique_ptr<PoolSet> makeLivePools(Runtime &rt, const QString &workerProgram)
{
    return std::make_unique<LivePools>(rt, workerProgram);
}

} // namespace loopscope::rt
