// Pools and the GIL on the live clock: real std::threads for thread pools, real worker
// processes (`loopscope --worker`, over pipes) for process pools, and a real GIL (LiveGil).
// Each pool thread records its own lane into its own recorder buffer; completions reach the
// loop through EventLoop::post (call_soon_threadsafe). Every duration is kept on the run's
// LiveClock, so a pause freezes them all. Which worker runs a job: LivePool.
#include "pools.h"

#include "live_gil.h"
#include "live_pool.h"
#include "runtime.h"
#include "worker_process.h"

#include <algorithm>
#include <mutex>
#include <optional>

namespace loopscope::rt {

namespace {

// A finished job on its way to the loop thread.
struct Completion
{
    Future *done;
    int lane;
    LivePool *pool;
    QString error; // the worker process failed: the job raises this as a RuntimeError
};

class LivePools final : public PoolSet
{
public:
    LivePools(Runtime &rt, QString workerProgram);
    ~LivePools() override { shutdown(); }

    double nextEventTime() const override { return std::numeric_limits<double>::infinity(); }
    void advanceTo(double) override {}
    double acquireGilForLoop(double) override;
    void releaseGilForLoop() override { m_gil.drop(m_clock.now()); }

    bool cpuOnLoop(int lane, double seconds, StringId step) override;
    bool blockOnLoop(int lane, double seconds, StringId step) override;
    Ref<Future> submit(const QString &pool, WorkKind work, double seconds, StringId step,
                       int byLane, std::shared_ptr<WorkerScript> script) override;
    bool isProcessPool(const QString &pool) const override;
    int defaultExecutorBusy() const override { return m_pools.front()->busy; }
    void shutdown() override;

private:
    // Gives a worker LivePool added its lane and its thread.
    void startWorker(LivePool &pool, LiveWorker &worker);
    void threadMain(LivePool &pool, LiveWorker &self, RecordBuffer &buffer);
    void processMain(LivePool &pool, LiveWorker &self, RecordBuffer &buffer);
    // Each returns the instant the job ended (nullopt: stopped).
    // A job begins when it was submitted, or when its worker finished the one before, not
    // when the real thread gets round to it: `began`.
    std::optional<double> runOnThread(const LiveJob &job, double began, int lane,
                                      RecordBuffer &buffer);
    std::optional<double> runOnProcess(WorkerProcess &worker, const LiveJob &job, double began,
                                       int lane, RecordBuffer &buffer);
    // Computes for `seconds` of scenario time holding the GIL, from its turn beginning at
    // `from`; hands the GIL over when a waiter is due and records running/ready.
    std::optional<double> burn(double seconds, double from, int lane, RecordBuffer &buffer,
                               StringId step);
    void record(RecordBuffer &buffer, int lane, double t, LaneState state, StringId on,
                StringId step);
    void jobDone(LivePool &pool, LiveWorker &self, const LiveJob &job);
    void complete(const LiveJob &job, int lane, LivePool &pool, const QString &error = {});
    void breakWorker(LivePool &pool, LiveWorker &self, const QString &error);
    static void completeCb(void *self, std::uintptr_t fut);

    Runtime &m_rt;
    QString m_workerProgram;
    const std::atomic<bool> &m_stop;
    LiveClock &m_clock;
    LiveGil m_gil;
    std::vector<std::unique_ptr<LivePool>> m_pools;
    std::vector<Ref<Future>> m_inFlight;
    std::mutex m_doneMutex;
    std::vector<Completion> m_completions;
    int m_processCount = 0;
    std::atomic<bool> m_shutdown{false};
};

LivePools::LivePools(Runtime &rt, QString workerProgram)
    : m_rt(rt)
    , m_workerProgram(std::move(workerProgram))
    , m_stop(rt.loop.stopFlag())
    , m_clock(rt.loop.clock())
    , m_gil(rt.scenario.python.gil, rt.scenario.python.switchInterval, rt.loop.stopFlag())
{
    for (const PoolSpec &spec : poolSpecs(rt.scenario))
        m_pools.push_back(std::make_unique<LivePool>(spec));
}

double LivePools::acquireGilForLoop(double)
{
    m_gil.take(m_rt.loop.now());
    return m_rt.loop.now();
}

void LivePools::record(RecordBuffer &buffer, int lane, double t, LaneState state, StringId on,
                       StringId step)
{
    m_rt.recorder.state(buffer, lane, t, state, on, step);
    if (m_rt.loop.stepping()) [[unlikely]]
        m_rt.loop.reachedStateChanges(m_rt.recorder.recordCount());
}

// The instants it records and returns are the model's (the end of the work, the moment the
// first waiter's interval is up), not the moment this thread happened to look: a thread the
// OS kept waiting must not stretch its job or its turn. Real wake-up latency then costs
// nothing in scenario time, and the turns are the virtual clock's, exactly.
std::optional<double> LivePools::burn(double seconds, double from, int lane, RecordBuffer &buffer,
                                      StringId step)
{
    double left = seconds;
    volatile std::uint64_t sink = 0;
    while (true) {
        for (int i = 0; i < 200; ++i)
            sink = sink + std::uint64_t(i);
        if (m_stop.load(std::memory_order_relaxed))
            return std::nullopt;
        const double now = m_clock.now();
        const double end = from + left;
        // Never before this turn began (a waiter's arrival can be stamped in the past). When
        // the OS kept this thread away past both, the earlier one happened first.
        const double due = std::max(from, m_gil.dropDue());
        if (now >= due && due < end) {
            left -= due - from;
            record(buffer, lane, due, LaneState::Ready, m_rt.s.gil, step);
            const std::optional<double> back = m_gil.yieldTurn(due);
            if (!back)
                return std::nullopt;
            record(buffer, lane, *back, LaneState::Running, 0, step);
            from = *back;
        } else if (now >= end) {
            return end;
        } else if (m_clock.paused()) {
            // The work goes on from the instant the clock stood at, however late this thread
            // wakes up after the resume.
            const std::optional<double> at = m_clock.waitWhilePaused();
            if (!at)
                return std::nullopt;
            left -= *at - from;
            from = *at;
        }
    }
}

bool LivePools::cpuOnLoop(int lane, double seconds, StringId step)
{
    const double now = m_rt.now();
    m_rt.setState(lane, LaneState::Running, 0, step, now);
    return burn(seconds, now, lane, m_rt.buffer, step).has_value();
}

bool LivePools::blockOnLoop(int lane, double seconds, StringId step)
{
    m_rt.setState(lane, LaneState::Blocking, 0, step);
    m_gil.drop(m_rt.now());
    const bool finished = m_rt.loop.blockFor(seconds);
    if (finished && !m_gil.take(m_rt.now()))
        return false;
    m_rt.setState(lane, LaneState::Running, 0, step);
    return finished;
}

void LivePools::startWorker(LivePool &pool, LiveWorker &worker)
{
    const int index = int(pool.workerCount()) - 1;
    const QString name = pool.spec.process ? processName(++m_processCount)
                         : &pool == m_pools.front().get()
                             ? defaultThreadName(index)
                             : poolThreadName(pool.spec.nameIndex, index);
    worker.lane = m_rt.addLane(pool.spec.process ? LaneKind::Process : LaneKind::Thread, name);
    worker.freeSince = m_rt.now();
    RecordBuffer &buffer = m_rt.recorder.newBuffer();
    LivePool *p = &pool;
    LiveWorker *w = &worker;
    if (pool.spec.process)
        worker.thread = std::thread([this, p, w, &buffer] { processMain(*p, *w, buffer); });
    else
        worker.thread = std::thread([this, p, w, &buffer] { threadMain(*p, *w, buffer); });
}

Ref<Future> LivePools::submit(const QString &poolId, WorkKind work, double seconds, StringId step,
                              int, std::shared_ptr<WorkerScript> script)
{
    if (script) // the steps would run on a real worker thread beside the loop's: not yet
        throw PyError{QStringLiteral("RuntimeError"),
                      QStringLiteral("a function with steps runs in a pool on the virtual clock "
                                     "only (this run uses the live clock)"),
                      {}};
    LivePool *pool = m_pools.front().get();
    for (auto &p : m_pools)
        if (p->spec.id == poolId)
            pool = p.get();
    Ref<Future> done(new Future(m_rt.loop));
    m_inFlight.push_back(done);
    m_rt.loop.addExternalWork(1);
    ++pool->busy;
    if (pool->spec.process && pool->workerCount() == 0) // every worker starts at the first submit
        for (int k = 0; k < pool->spec.workers; ++k)
            startWorker(*pool, pool->addWorker());
    const LiveJob job{work, seconds, done.get(), step, m_rt.now()};
    bool failed = false;
    if (LiveWorker *added = pool->place(job, &failed))
        startWorker(*pool, *added);
    else if (failed)
        complete(job, -1, *pool, QStringLiteral("worker process died"));
    return done;
}

bool LivePools::isProcessPool(const QString &poolId) const
{
    for (const auto &p : m_pools)
        if (p->spec.id == poolId)
            return p->spec.process;
    return false;
}

// The worker takes the next queued job or becomes free, and only then does the loop hear
// that this one is done.
void LivePools::jobDone(LivePool &pool, LiveWorker &self, const LiveJob &job)
{
    pool.jobDone(self);
    complete(job, self.lane, pool);
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

std::optional<double> LivePools::runOnThread(const LiveJob &job, double began, int lane,
                                             RecordBuffer &buffer)
{
    if (job.work == WorkKind::Io) {
        record(buffer, lane, began, LaneState::Blocking, 0, job.step);
        if (!m_clock.sleepThroughUntil(began + job.seconds))
            return std::nullopt;
        return began + job.seconds;
    }
    record(buffer, lane, began, LaneState::Ready, m_rt.s.gil, job.step);
    const std::optional<double> turn = m_gil.take(began);
    if (!turn)
        return std::nullopt;
    record(buffer, lane, *turn, LaneState::Running, 0, job.step);
    const std::optional<double> end = burn(job.seconds, *turn, lane, buffer, job.step);
    m_gil.drop(end.value_or(m_clock.now()));
    return end;
}

void LivePools::threadMain(LivePool &pool, LiveWorker &self, RecordBuffer &buffer)
{
    record(buffer, self.lane, self.freeSince, LaneState::Waiting, m_rt.s.queue, 0);
    LiveJob job;
    while (pool.nextJob(self, &job, m_stop, m_shutdown)) {
        const std::optional<double> end
            = runOnThread(job, std::max(job.submitted, self.freeSince), self.lane, buffer);
        if (!end)
            return;
        self.freeSince = *end;
        record(buffer, self.lane, *end, LaneState::Waiting, m_rt.s.queue, 0);
        jobDone(pool, self, job);
    }
}

std::optional<double> LivePools::runOnProcess(WorkerProcess &worker, const LiveJob &job,
                                              double began, int lane, RecordBuffer &buffer)
{
    const bool cpu = job.work == WorkKind::Cpu;
    record(buffer, lane, began, cpu ? LaneState::Running : LaneState::Blocking, 0, job.step);
    if (!worker.runUntil(cpu, began + job.seconds, m_clock))
        return std::nullopt;
    return began + job.seconds; // scenario time does not pass while paused
}

void LivePools::processMain(LivePool &pool, LiveWorker &self, RecordBuffer &buffer)
{
    const double began = self.freeSince;
    record(buffer, self.lane, began, LaneState::Waiting, m_rt.s.startup, 0);
    WorkerProcess worker(m_workerProgram, m_stop);
    if (!worker.start()) {
        if (!m_stop.load())
            breakWorker(pool, self,
                        QStringLiteral("worker process %1 failed to start").arg(m_workerProgram));
        return;
    }
    // The start-up cost is the scenario's: the real one is hidden in it, unless it is longer.
    const double ready = std::max(began + pool.spec.startup, m_clock.now());
    if (!m_clock.sleepThroughUntil(ready))
        return;
    record(buffer, self.lane, ready, LaneState::Waiting, m_rt.s.queue, 0);
    self.freeSince = ready;
    LiveJob job;
    while (pool.nextJob(self, &job, m_stop, m_shutdown)) {
        const std::optional<double> end
            = runOnProcess(worker, job, std::max(job.submitted, self.freeSince), self.lane, buffer);
        if (!end) {
            if (!m_stop.load()) {
                complete(job, self.lane, pool, QStringLiteral("worker process died"));
                breakWorker(pool, self, QStringLiteral("worker process died"));
            }
            return;
        }
        self.freeSince = *end;
        record(buffer, self.lane, *end, LaneState::Waiting, m_rt.s.queue, 0);
        jobDone(pool, self, job);
        if (!worker.finish()) {
            if (!m_stop.load())
                breakWorker(pool, self, QStringLiteral("worker process died"));
            return;
        }
    }
}

// A broken worker takes no more jobs: the one handed to it and every job still queued on its
// pool fail, so that no task waits forever.
void LivePools::breakWorker(LivePool &pool, LiveWorker &self, const QString &error)
{
    for (const LiveJob &job : pool.breakWorker(self))
        complete(job, self.lane, pool, error);
}

void LivePools::shutdown()
{
    if (m_shutdown.exchange(true))
        return;
    for (auto &pool : m_pools)
        pool->joinAll();
}

} // namespace

std::unique_ptr<PoolSet> makeLivePools(Runtime &rt, const QString &workerProgram)
{
    return std::make_unique<LivePools>(rt, workerProgram);
}

} // namespace loopscope::rt
