#include "app/run_controller.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>

#include <atomic>

Q_LOGGING_CATEGORY(lcRun, "loopscope.ui.run")

namespace loopscope {

namespace {

constexpr int kPollMs = 16;
// A virtual run cannot be stopped from outside: bound it so that a runaway scenario cannot
// keep a worker thread (and the window's exit) waiting for long.
constexpr double kVirtualWallLimit = 30.0;

} // namespace

RunController::RunController(QObject *parent)
    : QObject(parent)
{
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &RunController::pollLive);
}

RunController::~RunController()
{
    m_live.reset();
    for (Worker &worker : m_workers)
        worker.thread.join();
}

void RunController::start(const Scenario &scenario, ClockMode clock, double scale)
{
    stop();
    m_live.reset();
    joinFinishedWorkers();
    RunOptions options;
    options.clock = clock;
    options.scale = scale;
    options.memoryBudget = m_memoryBudget;
    options.workerProgram = QCoreApplication::applicationFilePath();
    ++m_job;
    m_running = true;
    if (clock == ClockMode::Live)
        startLive(scenario, options);
    else
        startVirtual(scenario, options);
    Q_EMIT started(clock == ClockMode::Live);
}

void RunController::startVirtual(const Scenario &scenario, RunOptions options)
{
    options.wallLimit = kVirtualWallLimit;
    const quint64 job = m_job;
    QPointer<RunController> self(this);
    auto done = std::make_shared<std::atomic<bool>>(false);
    std::thread thread([self, job, done, scenario, options] {
        Trace trace = runScenario(scenario, options);
        // Queued to the GUI thread; qApp outlives this controller, and the QPointer is only
        // read there, so a result for a closed window is dropped safely.
        QMetaObject::invokeMethod(
            qApp,
            [self, job, trace = std::move(trace)]() mutable {
                if (self)
                    self->virtualRunDone(job, std::move(trace));
            },
            Qt::QueuedConnection);
        done->store(true);
    });
    m_workers.push_back({std::move(thread), done});
}

void RunController::virtualRunDone(quint64 job, Trace trace)
{
    if (job != m_job) {
        qCDebug(lcRun) << "dropping the result of run" << job << "superseded by" << m_job;
        return;
    }
    m_running = false;
    Q_EMIT finished(trace);
}

void RunController::joinFinishedWorkers()
{
    for (auto it = m_workers.begin(); it != m_workers.end();) {
        if (it->done->load()) {
            it->thread.join();
            it = m_workers.erase(it);
        } else {
            ++it;
        }
    }
}

void RunController::startLive(const Scenario &scenario, RunOptions options)
{
    m_live = std::make_unique<ScenarioRun>(scenario, options);
    m_live->start();
    m_poll.start();
}

void RunController::pollLive()
{
    if (!m_live)
        return m_poll.stop();
    const bool finishedNow = m_live->isFinished(); // before the snapshot: it is then complete
    Trace trace = m_live->snapshot();
    if (!finishedNow)
        return Q_EMIT traceUpdated(trace);
    m_poll.stop();
    m_running = false;
    Q_EMIT finished(trace);
}

void RunController::pause()
{
    if (!m_live || m_live->isPaused())
        return;
    m_live->pause();
    Q_EMIT pausedChanged(true);
}

void RunController::resume()
{
    if (!m_live || !m_live->isPaused())
        return;
    m_live->resume();
    Q_EMIT pausedChanged(false);
}

void RunController::step()
{
    if (!m_live)
        return;
    if (!m_live->isPaused())
        pause();
    m_live->step();
}

void RunController::discard()
{
    ++m_job;
    m_poll.stop();
    const bool wasPaused = isPaused();
    m_live.reset(); // its destructor stops the run
    m_running = false;
    if (wasPaused)
        Q_EMIT pausedChanged(false);
}

void RunController::stop()
{
    if (m_live && !m_live->isFinished())
        m_live->stop(); // the poll timer reports the stopped trace
}

} // namespace loopscope
