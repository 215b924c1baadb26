// Runs the open scenario for the window without ever blocking the GUI thread: the virtual clock
// on a worker thread through runScenario (its trace comes back by a queued call, dropped when a
// newer run has started), the live clock through a ScenarioRun polled on a 16 ms timer.
#pragma once

#include "runtime/runner.h"
#include "scenario/scenario.h"
#include "trace/trace.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace loopscope {

class RunController : public QObject
{
    Q_OBJECT
public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override; // stops a live run, waits for virtual runs to finish

    void start(const Scenario &scenario, ClockMode clock, double scale);
    bool isRunning() const { return m_running; }
    bool isLive() const { return m_live != nullptr; }
    bool isPaused() const { return m_live && m_live->isPaused(); }
    // What the next run's recording may take (RunOptions::memoryBudget).
    std::size_t memoryBudget() const { return m_memoryBudget; }
    void setMemoryBudget(std::size_t bytes) { m_memoryBudget = bytes; }

public Q_SLOTS:
    void pause();
    void resume();
    void step();
    void stop();
    // Forgets the current run: a live one is stopped and its trace dropped, a virtual one's
    // result is dropped when it arrives. For a view that now shows another document.
    void discard();

Q_SIGNALS:
    void started(bool live);
    void traceUpdated(const loopscope::Trace &trace); // live: the trace so far, ~60 times a second
    void finished(const loopscope::Trace &trace);
    void pausedChanged(bool paused);

private:
    void startVirtual(const Scenario &scenario, RunOptions options);
    void startLive(const Scenario &scenario, RunOptions options);
    void pollLive();
    void virtualRunDone(quint64 job, Trace trace);
    void joinFinishedWorkers();

    quint64 m_job = 0; // the run whose result is wanted; older results are dropped
    bool m_running = false;
    std::size_t m_memoryBudget = kDefaultMemoryBudget;
    std::unique_ptr<ScenarioRun> m_live;
    QTimer m_poll;
    struct Worker
    {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };
    std::vector<Worker> m_workers;
};

} // namespace loopscope
