// Pools and the GIL on the virtual clock: a discrete-event model of the Python process's
// threads. The GIL follows CPython's protocol: a thread that wants it waits switch_interval,
// then the holder drops it at its next check and the longest waiter takes it (FIFO); a thread
// in a blocking call (time.sleep, the loop's `block`) does not hold it. Worker processes have
// GILs of their own. Time only moves when the loop lets it (advanceTo) or while the loop thread
// itself does CPU work or blocks.
#include "pools.h"

#include "runtime.h"
#include "worker_script.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>

namespace loopscope::rt {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Job
{
    WorkKind work = WorkKind::Io;
    double seconds = 0.0;
    Ref<Future> done;
    StringId step = 0;
    std::shared_ptr<WorkerScript> script; // a function's steps, run between its segments
};

struct SimThread
{
    enum Activity { Idle, Starting, Io, Cpu };
    int pool = -1; // -1: the loop thread
    int lane = -1; // the thread's lane (the loop: the lane of the task doing the work)
    bool process = false;
    Activity activity = Idle;
    double until = 0.0; // Io/Starting: when it ends
    double cpuLeft = 0.0;
    Job job;
};

class VirtualPools final : public PoolSet
{
public:
    explicit VirtualPools(Runtime &rt);

    double nextEventTime() const override;
    void advanceTo(double t) override;
    double acquireGilForLoop(double t) override;
    void releaseGilForLoop() override { dropGil(kLoop, m_now); }

    bool cpuOnLoop(int lane, double seconds, StringId step) override;
    bool blockOnLoop(int lane, double seconds, StringId step) override;
    Ref<Future> submit(const QString &pool, WorkKind work, double seconds, StringId step,
                       int byLane, std::shared_ptr<WorkerScript> script) override;
    bool isProcessPool(const QString &pool) const override;
    int defaultExecutorBusy() const override { return m_busy.front(); }

private:
    static constexpr int kLoop = 0;
    struct Pool
    {
        PoolSpec spec;
        std::deque<Job> queue;
        std::vector<int> threads;
        bool started = false;
    };

    bool gilOn() const { return m_rt.scenario.python.gil; }
    bool progressing(int i) const;
    void progressTo(double t);
    void handleEventsAt(double t);
    void needGil(int i, double t);
    void dropGil(int i, double t);
    void record(int i, LaneState state, StringId on, double t);
    void startJob(int i, Job job, double t);
    void startSegment(int i, double t);
    void finishJob(int i, double t);
    void completeJob(int i, double t);
    void takeNext(int i, double t);
    int newThread(int pool, double t);
    void startProcesses(int pool, double t);
    double loopWaitUntilHolder(double t);
    static void completeCb(void *self, std::uintptr_t fut);

    Runtime &m_rt;
    double m_now = 0.0;
    double m_interval;
    std::vector<Pool> m_pools;
    std::vector<int> m_busy;          // per pool: jobs queued or running
    std::vector<SimThread> m_threads; // [0] is the loop thread
    int m_holder = -1;
    std::deque<int> m_waiters;
    std::vector<double> m_waitSince;
    double m_lastSwitch = 0.0;
    int m_processCount = 0;
    std::vector<Ref<Future>> m_inFlight;        // completions posted to the loop, not yet run
    std::map<const Future *, PyError> m_failed; // of those, the functions that raised
    StringId m_loopStep = 0;
};

VirtualPools::VirtualPools(Runtime &rt)
    : m_rt(rt)
    , m_interval(std::max(1e-6, rt.scenario.python.switchInterval))
{
    for (const PoolSpec &spec : poolSpecs(rt.scenario))
        m_pools.push_back(Pool{spec, {}, {}, false});
    m_busy.assign(m_pools.size(), 0);
    m_threads.push_back(SimThread{});
    m_waitSince.push_back(0.0);
}

bool VirtualPools::progressing(int i) const
{
    const SimThread &th = m_threads[std::size_t(i)];
    if (th.activity != SimThread::Cpu)
        return false;
    return th.process || !gilOn() || m_holder == i;
}

double VirtualPools::nextEventTime() const
{
    double next = kInf;
    for (std::size_t i = 0; i < m_threads.size(); ++i) {
        const SimThread &th = m_threads[i];
        if (th.activity == SimThread::Io || th.activity == SimThread::Starting)
            next = std::min(next, th.until);
        else if (progressing(int(i)))
            next = std::min(next, m_now + th.cpuLeft);
    }
    if (gilOn() && m_holder >= 0 && !m_waiters.empty())
        next = std::min(next, std::max(m_lastSwitch, m_waitSince[std::size_t(m_waiters.front())])
                                  + m_interval);
    return next;
}

void VirtualPools::progressTo(double t)
{
    if (t <= m_now)
        return;
    for (std::size_t i = 0; i < m_threads.size(); ++i)
        if (progressing(int(i)))
            m_threads[i].cpuLeft = std::max(0.0, m_threads[i].cpuLeft - (t - m_now));
    m_now = t;
}

void VirtualPools::advanceTo(double t)
{
    while (true) {
        const double e = nextEventTime();
        if (e > t)
            break;
        progressTo(e);
        handleEventsAt(e);
    }
    progressTo(t);
}

void VirtualPools::handleEventsAt(double t)
{
    constexpr double eps = 1e-12;
    for (std::size_t i = 1; i < m_threads.size(); ++i) {
        const SimThread &th = m_threads[i];
        const bool waitOver = (th.activity == SimThread::Io || th.activity == SimThread::Starting)
                              && th.until <= t + eps;
        if (waitOver || (progressing(int(i)) && th.cpuLeft <= eps))
            finishJob(int(i), t);
    }
    if (gilOn() && m_holder >= 0 && !m_waiters.empty()
        && std::max(m_lastSwitch, m_waitSince[std::size_t(m_waiters.front())]) + m_interval
               <= t + eps) {
        // Forced switch: the holder drops the GIL and queues for it again.
        const int old = m_holder;
        dropGil(old, t);
        if (m_threads[std::size_t(old)].activity == SimThread::Cpu)
            needGil(old, t);
    }
}

void VirtualPools::record(int i, LaneState state, StringId on, double t)
{
    const SimThread &th = m_threads[std::size_t(i)];
    if (th.lane < 0)
        return;
    const StringId step = i == kLoop ? m_loopStep : th.job.step;
    m_rt.setState(th.lane, state, on, state == LaneState::Waiting && i != kLoop ? 0 : step, t);
}

void VirtualPools::needGil(int i, double t)
{
    if (!gilOn() || m_threads[std::size_t(i)].process) {
        record(i, LaneState::Running, 0, t);
        return;
    }
    if (m_holder < 0 && m_waiters.empty()) {
        m_holder = i;
        m_lastSwitch = t;
        record(i, LaneState::Running, 0, t);
        return;
    }
    m_waiters.push_back(i);
    m_waitSince[std::size_t(i)] = t;
    record(i, LaneState::Ready, m_rt.s.gil, t);
}

void VirtualPools::dropGil(int i, double t)
{
    if (m_holder != i)
        return;
    m_holder = -1;
    if (m_waiters.empty())
        return;
    m_holder = m_waiters.front();
    m_waiters.pop_front();
    m_lastSwitch = t;
    if (m_threads[std::size_t(m_holder)].activity == SimThread::Cpu || m_holder == kLoop)
        record(m_holder, LaneState::Running, 0, t);
}

void VirtualPools::startJob(int i, Job job, double t)
{
    SimThread &th = m_threads[std::size_t(i)];
    th.job = std::move(job);
    if (th.job.script)
        return startSegment(i, t);
    if (th.job.work == WorkKind::Cpu) {
        th.activity = SimThread::Cpu;
        th.cpuLeft = th.job.seconds;
        needGil(i, t);
    } else {
        th.activity = SimThread::Io;
        th.until = t + th.job.seconds;
        record(i, LaneState::Blocking, 0, t);
    }
}

// A function's job: its steps run on up to the next cpu or block step, which the thread then
// does as a job of that kind; at the function's end the job is complete.
void VirtualPools::startSegment(int i, double t)
{
    SimThread &th = m_threads[std::size_t(i)];
    const std::optional<Segment> next = th.job.script->advance(t, th.lane);
    if (!next) {
        th.activity = SimThread::Idle;
        return completeJob(i, t);
    }
    th.job.step = next->step;
    if (next->work == WorkKind::Cpu) {
        th.activity = SimThread::Cpu;
        th.cpuLeft = next->seconds;
        needGil(i, t);
    } else {
        th.activity = SimThread::Io;
        th.until = t + next->seconds;
        record(i, LaneState::Blocking, 0, t);
    }
}

void VirtualPools::finishJob(int i, double t)
{
    SimThread &th = m_threads[std::size_t(i)];
    if (th.activity == SimThread::Starting) {
        th.activity = SimThread::Idle;
        record(i, LaneState::Waiting, m_rt.s.queue, t);
        takeNext(i, t);
        return;
    }
    const bool cpu = th.activity == SimThread::Cpu;
    th.activity = SimThread::Idle;
    if (cpu)
        dropGil(i, t);
    if (th.job.script)
        return startSegment(i, t);
    completeJob(i, t);
}

void VirtualPools::completeJob(int i, double t)
{
    SimThread &th = m_threads[std::size_t(i)];
    if (th.job.script) {
        if (th.job.script->error())
            m_failed.emplace(th.job.done.get(), *th.job.script->error());
        else
            th.job.done->keepResult(th.job.script->result());
    }
    Ref<Future> done = std::move(th.job.done);
    th.job = Job{};
    --m_busy[std::size_t(th.pool)];
    done->doneBy = th.lane;
    m_inFlight.push_back(done);
    m_rt.loop.post(
        Callback{&VirtualPools::completeCb, this, reinterpret_cast<std::uintptr_t>(done.get())});
    record(i, LaneState::Waiting, m_rt.s.queue, t);
    takeNext(i, t);
}

void VirtualPools::completeCb(void *self, std::uintptr_t fut)
{
    auto *pools = static_cast<VirtualPools *>(self);
    auto *future = reinterpret_cast<Future *>(fut);
    if (const auto failed = pools->m_failed.find(future); failed != pools->m_failed.end()) {
        if (!future->done())
            future->setException(failed->second);
        pools->m_failed.erase(failed);
    } else if (!future->done()) {
        future->setResult();
    }
    std::erase_if(pools->m_inFlight, [&](const Ref<Future> &f) { return f.get() == future; });
}

void VirtualPools::takeNext(int i, double t)
{
    Pool &pool = m_pools[std::size_t(m_threads[std::size_t(i)].pool)];
    if (pool.queue.empty())
        return;
    Job job = std::move(pool.queue.front());
    pool.queue.pop_front();
    startJob(i, std::move(job), t);
}

int VirtualPools::newThread(int pool, double t)
{
    Pool &p = m_pools[std::size_t(pool)];
    SimThread th;
    th.pool = pool;
    th.process = p.spec.process;
    const int k = int(p.threads.size());
    const QString name = p.spec.process ? processName(++m_processCount)
                         : pool == 0    ? defaultThreadName(k)
                                        : poolThreadName(p.spec.nameIndex, k);
    th.lane = m_rt.addLane(p.spec.process ? LaneKind::Process : LaneKind::Thread, name);
    m_threads.push_back(th);
    m_waitSince.push_back(0.0);
    const int i = int(m_threads.size()) - 1;
    p.threads.push_back(i);
    record(i, LaneState::Waiting, m_rt.s.queue, t);
    return i;
}

void VirtualPools::startProcesses(int pool, double t)
{
    Pool &p = m_pools[std::size_t(pool)];
    p.started = true;
    for (int k = 0; k < p.spec.workers; ++k) {
        const int i = newThread(pool, t);
        SimThread &th = m_threads[std::size_t(i)];
        th.activity = SimThread::Starting;
        th.until = t + p.spec.startup;
        record(i, LaneState::Waiting, m_rt.s.startup, t);
    }
}

Ref<Future> VirtualPools::submit(const QString &poolId, WorkKind work, double seconds,
                                 StringId step, int, std::shared_ptr<WorkerScript> script)
{
    const double t = m_rt.now();
    advanceTo(t);
    int pool = 0;
    for (std::size_t i = 0; i < m_pools.size(); ++i)
        if (m_pools[i].spec.id == poolId)
            pool = int(i);
    Pool &p = m_pools[std::size_t(pool)];
    Job job{work, seconds, Ref<Future>(new Future(m_rt.loop)), step, std::move(script)};
    Ref<Future> done = job.done;
    ++m_busy[std::size_t(pool)];
    if (p.spec.process && !p.started)
        startProcesses(pool, t);
    // ThreadPoolExecutor: an idle thread takes the job, else a new thread up to max_workers.
    for (int i : p.threads) {
        if (m_threads[std::size_t(i)].activity == SimThread::Idle) {
            startJob(i, std::move(job), t);
            return done;
        }
    }
    if (!p.spec.process && int(p.threads.size()) < p.spec.workers) {
        startJob(newThread(pool, t), std::move(job), t);
        return done;
    }
    p.queue.push_back(std::move(job));
    return done;
}

bool VirtualPools::isProcessPool(const QString &poolId) const
{
    for (const Pool &p : m_pools)
        if (p.spec.id == poolId)
            return p.spec.process;
    return false;
}

double VirtualPools::loopWaitUntilHolder(double t)
{
    advanceTo(t);
    while (gilOn() && m_holder != kLoop) {
        const double e = nextEventTime();
        if (std::isinf(e))
            break; // cannot happen: someone holds the GIL, so a switch is due
        progressTo(e);
        handleEventsAt(e);
    }
    return m_now;
}

double VirtualPools::acquireGilForLoop(double t)
{
    SimThread &loop = m_threads[kLoop];
    loop.lane = -1; // the tasks woken here are already `ready`; nothing more to draw
    loop.activity = SimThread::Idle;
    advanceTo(t);
    if (!gilOn() || m_holder == kLoop)
        return m_now;
    needGil(kLoop, m_now);
    return loopWaitUntilHolder(m_now);
}

bool VirtualPools::cpuOnLoop(int lane, double seconds, StringId step)
{
    // Bring the pool threads up to now before the loop starts computing: with the loop already
    // marked busy, a zero-second cpu step was an event due now that handleEventsAt (pool threads
    // only) never handled, and advanceTo spun forever (found by fuzz_runtime).
    const double t = m_rt.now();
    advanceTo(t);
    SimThread &loop = m_threads[kLoop];
    loop.lane = lane;
    m_loopStep = step;
    loop.activity = SimThread::Cpu;
    loop.cpuLeft = seconds;
    if (m_holder != kLoop)
        needGil(kLoop, t);
    else
        record(kLoop, LaneState::Running, 0, t);
    while (m_threads[kLoop].cpuLeft > 1e-12) {
        const double e = nextEventTime();
        progressTo(e);
        handleEventsAt(e);
    }
    m_threads[kLoop].activity = SimThread::Idle;
    if (gilOn() && m_holder != kLoop) // finished while holding; never otherwise
        loopWaitUntilHolder(m_now);
    m_rt.loop.setVirtualNow(m_now);
    m_threads[kLoop].lane = -1;
    return true;
}

bool VirtualPools::blockOnLoop(int lane, double seconds, StringId step)
{
    const double t = m_rt.now();
    advanceTo(t);
    m_rt.setState(lane, LaneState::Blocking, 0, step, t);
    dropGil(kLoop, t);
    advanceTo(t + seconds);
    m_threads[kLoop].lane = lane;
    m_loopStep = step;
    double back = m_now;
    if (gilOn()) {
        needGil(kLoop, m_now);
        back = loopWaitUntilHolder(m_now);
    }
    m_threads[kLoop].lane = -1;
    m_rt.setState(lane, LaneState::Running, 0, step, back);
    m_rt.loop.setVirtualNow(back);
    return true;
}

} // namespace

std::unique_ptr<PoolSet> makeVirtualPools(Runtime &rt)
{
    return std::make_unique<VirtualPools>(rt);
}

} // namespace loopscope::rt
