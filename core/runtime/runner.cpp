#include "runtime/runner.h"

#include "analysis.h"
#include "frame_scope.h"
#include "interpreter.h"
#include "pools.h"
#include "runtime.h"
#include "structured.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

namespace loopscope {

using namespace rt;

namespace {

// One run of a scenario: the loop, the recorder and the runtime, driven to the end the way
// asyncio.run() does it.
class RunCore
{
public:
    RunCore(Scenario scenario, RunOptions options);
    void run();
    Trace snapshot() const;
    Trace takeTrace(bool loopInsides);                   // once finished
    const Outcome &outcome() const { return m_outcome; } // once finished
    EventLoop &loop() { return m_loop; }
    Recorder &recorder() { return m_recorder; }
    void endPools() { m_rt.pools.reset(); }
    std::atomic<bool> finished{false};

private:
    bool iterate(bool noWait);
    bool runUntil(bool *flag);
    void runForever();
    const Coroutine *startProgram(Frame &args);
    void endProgram();
    void finishOutcome();
    void shutdown();
    void reportDestroyedPending();
    static void setFlag(void *flag, std::uintptr_t) { *static_cast<bool *>(flag) = true; }

    Scenario m_scenario;
    RunOptions m_options;
    EventLoop m_loop;
    Recorder m_recorder;
    Runtime m_rt;
    Ref<Task> m_main;
    Outcome m_outcome;
    double m_end = 0.0;
    std::chrono::steady_clock::time_point m_wallStart;
    bool m_deadlock = false;
    // Set by main's done callback, which may run as late as the shutdown (after a SystemExit
    // main is cancelled there with the rest): a member, not a local of run().
    bool m_mainDone = false;
    int m_interrupts = 0; // KeyboardInterrupt or SystemExit raised out of the loop so far
    // The module's code (Scenario::program): its frame, where its run step is, what it raised.
    Frame m_module;
    std::size_t m_runAt = 0;
    std::optional<PyError> m_programError;
    bool m_ownLoop = false; // the program runs the loop itself (loop.run_forever()), no main
};

// The module's code runs with no task and no loop: its ops never suspend, so one resume runs
// it to the end.
void runModuleSteps(Runtime &rt, const Steps &steps, Frame &frame)
{
    Co body = runSteps(rt, steps, frame);
    body.handle().resume();
    if (body.error())
        std::rethrow_exception(body.error());
}

bool liveClock(const Scenario &scenario, const RunOptions &options)
{
    return options.clock.value_or(scenario.clock.mode) == ClockMode::Live;
}

RunCore::RunCore(Scenario scenario, RunOptions options)
    : m_scenario(std::move(scenario))
    , m_options(std::move(options))
    , m_loop(liveClock(m_scenario, m_options), m_options.scale.value_or(m_scenario.clock.scale))
    , m_rt(m_scenario, m_loop, m_recorder)
{
    m_rt.scenarioLimit = m_options.scenarioLimit;
    m_rt.runForever = [this] { runForever(); };
    m_rt.memoryBudget = m_options.memoryBudget;
    m_recorder.enabled = m_options.record;
    if (m_options.record)
        m_rt.recordLoop();
}

// One loop iteration, with the run's limits. False when the run cannot go on (stopped, limit,
// an interrupt, or nothing left that could ever happen).
bool RunCore::iterate(bool noWait)
{
    const auto wallLimit = std::chrono::duration<double>(m_options.wallLimit);
    // Time spent paused is not run time: a run resumed carries on as if it had not paused.
    const auto ran = std::chrono::steady_clock::now() - m_wallStart - m_loop.pausedWall();
    if (ran > wallLimit) {
        m_rt.stopReason
            = QStringLiteral("stopped at the limit of %1 wall seconds").arg(m_options.wallLimit);
        m_loop.requestStop();
    }
    if (m_loop.now() > m_options.scenarioLimit && m_rt.stopReason.isEmpty()) {
        m_rt.stopReason = QStringLiteral("stopped at the limit of %1 scenario seconds")
                              .arg(m_options.scenarioLimit);
        m_loop.requestStop();
    }
    if (!m_loop.runOnce(noWait))
        return false;
    if (m_loop.takeInterrupt()) {
        ++m_interrupts;
        return false;
    }
    if (m_loop.stepping())
        m_loop.reachedStateChanges(m_recorder.recordCount());
    return true;
}

// Runs loop iterations until *flag is set, or until loop.stop() ends the iteration it was
// called in. False when the run cannot go on.
bool RunCore::runUntil(bool *flag)
{
    while (!*flag && !m_rt.loopStopping)
        if (!iterate(false))
            return false;
    return true;
}

// loop.run_forever() in the module's code (base_events.py): iterations until stop() was called,
// the iteration that called it run to its end; a stop() before it leaves one iteration that
// waits for nothing. A KeyboardInterrupt or SystemExit out of the loop leaves run_forever; a
// loop that can never do anything more hangs there (a deadlock), as CPython's would.
void RunCore::runForever()
{
    m_rt.loopRunning = true;
    bool ran = true;
    do
        ran = iterate(m_rt.loopStopping);
    while (ran && !m_rt.loopStopping);
    m_rt.loopRunning = false;
    m_rt.loopStopping = false;
    if (ran)
        return;
    if (m_interrupts > 0 && m_rt.escaped)
        throw *m_rt.escaped;
    m_deadlock = !m_loop.stopRequested();
    throw RunStopped{};
}

void RunCore::run()
{
    m_wallStart = std::chrono::steady_clock::now();
    m_rt.wallLimit = m_options.wallLimit;
    if (m_options.wallLimit < 1e9) // beyond that, no deadline (and no overflow)
        m_rt.wallDeadline = m_wallStart
                            + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                std::chrono::duration<double>(m_options.wallLimit));
    m_loop.startClock();
    m_rt.pools
        = m_loop.isLive() ? makeLivePools(m_rt, m_options.workerProgram) : makeVirtualPools(m_rt);
    m_loop.setThreadWorld(m_rt.pools.get());
    Frame args;
    const Coroutine *mainCoro = startProgram(args);
    bool stopped = !mainCoro;
    if (mainCoro) {
        m_main = m_rt.createTask(mainCoro->name, QStringLiteral("main"),
                                 runCoroutine(m_rt, *mainCoro, std::move(args)), true);
        m_rt.moduleLane = m_main->lane();
        for (const auto &[text, end] : std::exchange(m_rt.modulePrints, {}))
            m_rt.print(m_rt.moduleLane, text, end);
        m_main->addDoneCallback(Callback{&RunCore::setFlag, &m_mainDone, 0});
        m_rt.loopRunning = true; // asyncio.run's loop runs main, then its shutdown
        if (!runUntil(&m_mainDone) && m_interrupts == 0) {
            stopped = m_loop.stopRequested();
            m_deadlock = !stopped;
        } else if (!m_mainDone && m_interrupts == 0) { // loop.stop() under asyncio.run
            m_programError = PyError{QStringLiteral("RuntimeError"),
                                     QStringLiteral("Event loop stopped before Future completed."),
                                     {}};
        }
        m_rt.loopStopping = false;
    }
    if (!stopped && !m_deadlock)
        shutdown();
    m_rt.loopRunning = false;
    endProgram();
    reportDestroyedPending();
    m_end = m_loop.now();
    m_rt.flushReady();
    finishOutcome();
    m_rt.pools->shutdown();
    finished = true;
}

// asyncio.run's ending: cancel what is left and let it run its cancellation, then wait for the
// default executor's threads. After a KeyboardInterrupt or SystemExit (runners.py: Runner.close
// runs as the exception leaves asyncio.run) main may be among what is left; another one raised
// meanwhile ends the shutdown there.
void RunCore::shutdown()
{
    const int interrupts = m_interrupts;
    const QString when = interrupts > 0
                             ? QStringLiteral("when %1 ended the loop").arg(m_rt.escaped->type)
                         : m_programError ? QStringLiteral("when the loop stopped")
                                          : QStringLiteral("when main returned");
    std::vector<Ref<Future>> pending;
    for (auto &task : m_rt.tasks) {
        if (task->done())
            continue;
        task->cancelledAtShutdown = true;
        m_rt.diagnostic(Severity::Warning, QStringLiteral("pending-at-shutdown"), task->lane(),
                        QStringLiteral("Task %1 was still pending %2; asyncio.run() cancelled it")
                            .arg(task->name(), when));
        task->cancel();
        pending.emplace_back(task);
    }
    if (!pending.empty()) {
        Ref<Future> all(new GatheringFuture(m_rt, pending, true));
        bool done = false;
        all->addDoneCallback(Callback{&RunCore::setFlag, &done, 0});
        if (!runUntil(&done)) {
            if (m_interrupts > interrupts)
                return;
            // A task caught its cancellation and waits for what can never come: asyncio.run
            // waits for it forever, as CPython does (found by tests/fidelity/differential.py).
            m_deadlock = !m_loop.stopRequested();
            return;
        }
    }
    while (m_rt.pools->defaultExecutorBusy() > 0) {
        if (!m_loop.runOnce() || m_loop.takeInterrupt())
            return;
    }
}

// A program that ran the loop itself leaves its pending tasks as they are (no asyncio.run
// cancels them); at its end the interpreter destroys them, and Task.__del__ logs each one.
void RunCore::reportDestroyedPending()
{
    if (!m_ownLoop || m_deadlock || m_loop.stopRequested())
        return;
    for (const Ref<Task> &task : m_rt.tasks)
        if (!task->done() && task->logDestroyPending)
            m_rt.diagnostic(Severity::Error, QStringLiteral("destroyed-pending"), task->lane(),
                            QStringLiteral("Task was destroyed but it is pending!: <Task pending "
                                           "name='%1'>")
                                .arg(task->name()));
}

// The program's steps up to its run step, then the coroutine that run starts and its
// arguments. Without a program: main, as asyncio.run(main()).
const Coroutine *RunCore::startProgram(Frame &args)
{
    if (!m_scenario.program)
        return m_scenario.coroutine(QStringLiteral("main"));
    const Steps &program = *m_scenario.program;
    while (m_runAt < program.size() && program[m_runAt].kind != StepKind::Run)
        ++m_runAt;
    // No run: the program runs the loop itself (check refuses a program without run_forever
    // then). No task is the root: its prints go to the event loop's lane.
    m_ownLoop = m_runAt == program.size();
    if (m_ownLoop)
        m_rt.moduleLane = m_rt.callbackLane();
    try {
        runModuleSteps(m_rt, Steps(program.begin(), program.begin() + qsizetype(m_runAt)),
                       m_module);
        if (m_ownLoop)
            return nullptr;
        const Step &run = program[m_runAt];
        const Coroutine *coro = m_scenario.coroutine(run.coro);
        if (!coro)
            throw PyError{QStringLiteral("NameError"),
                          QStringLiteral("name '%1' is not defined").arg(run.coro),
                          {}};
        args = bind(m_rt, m_module, run.args);
        return coro;
    } catch (const PyError &e) {
        m_programError = e;
        return nullptr;
    } catch (const RunStopped &) { // stopped, or hung, inside run_forever
        return nullptr;
    }
}

// After asyncio.run returned (main done, not failed): its `as`, then the steps after it.
void RunCore::endProgram()
{
    if (!m_scenario.program || !m_main || m_deadlock || m_loop.stopRequested() || m_rt.escaped
        || !m_main->done() || m_main->failed() || m_main->cancelled())
        return;
    const Steps &program = *m_scenario.program;
    try {
        const Step &run = program[m_runAt];
        if (!run.as.isEmpty())
            assign(m_rt, m_module, run.as, resultOf(*m_main));
        runModuleSteps(m_rt, Steps(program.begin() + qsizetype(m_runAt) + 1, program.end()),
                       m_module);
    } catch (const PyError &e) {
        m_programError = e;
    }
}

void RunCore::finishOutcome()
{
    if (m_programError) {
        m_outcome = {OutcomeStatus::Failed, m_programError->describe()};
    } else if (m_loop.stopRequested() || (!m_main && !m_ownLoop)) {
        m_outcome.status = OutcomeStatus::Stopped;
        m_outcome.error = m_main || m_ownLoop
                              ? (m_rt.stopReason.isEmpty() ? QStringLiteral("stopped by the user")
                                                           : m_rt.stopReason)
                              : QStringLiteral("the scenario has no coroutine named main");
    } else if (m_rt.escaped) {
        m_outcome = {OutcomeStatus::Failed, m_rt.escaped->describe()};
    } else if (m_deadlock) {
        m_outcome.status = OutcomeStatus::Deadlock;
        m_outcome.error = describeDeadlock(m_rt);
        const bool tasksWait = std::any_of(m_rt.tasks.begin(), m_rt.tasks.end(),
                                           [](const Ref<Task> &t) { return !t->done(); });
        if (m_ownLoop && !tasksWait) // CPython's select() waits for ever
            m_outcome.error = QStringLiteral("loop.run_forever() never returns: no callback, "
                                             "timer or task is left to run, and nothing calls "
                                             "loop.stop()");
    } else if (!m_main) {
        // the program ran the loop itself and ended: completed
    } else if (m_main->cancelled()) {
        m_outcome = {OutcomeStatus::Failed, m_main->takeCancelledError().describe()};
    } else if (m_main->failed()) {
        m_main->exceptionRetrieved = true;
        m_outcome = {OutcomeStatus::Failed, m_main->error()->describe()};
    }
    reportUnretrievedExceptions(m_rt);
}

Trace RunCore::snapshot() const
{
    const bool done = finished.load();
    Trace trace = m_recorder.snapshot(done ? m_end : m_loop.publishedNow(), done);
    trace.scenario = m_scenario.title;
    trace.liveClock = m_loop.isLive();
    if (done)
        trace.outcome = m_outcome;
    return trace;
}

Trace RunCore::takeTrace(bool loopInsides)
{
    Trace trace = m_recorder.takeTrace(m_end, loopInsides);
    trace.scenario = m_scenario.title;
    trace.liveClock = m_loop.isLive();
    trace.outcome = m_outcome;
    return trace;
}

} // namespace

Trace runScenario(const Scenario &scenario, const RunOptions &options, bool loopInsides)
{
    RunCore core(scenario, options);
    core.run();
    return core.takeTrace(loopInsides);
}

Outcome runScenarioOutcome(const Scenario &scenario, const RunOptions &options)
{
    auto core = std::make_unique<RunCore>(scenario, options);
    core->run();
    Outcome outcome = core->outcome();
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    core.reset(); // a sanitizer's leak check sees the run freed
#else
    // The process ends next: its tasks, coroutine frames and records are left to the system,
    // which drops the heap at once, where freeing them one by one takes milliseconds. Only
    // what would outlive the process is ended: pool threads and worker processes.
    core->endPools();
    static_cast<void>(core.release());
#endif
    return outcome;
}

struct ScenarioRun::Impl
{
    Impl(Scenario s, RunOptions o)
        : core(std::move(s), std::move(o))
    {}
    RunCore core;
    std::thread thread;
    std::atomic<bool> paused{false};
};

ScenarioRun::ScenarioRun(Scenario scenario, RunOptions options)
    : d(std::make_unique<Impl>(std::move(scenario), std::move(options)))
{}

ScenarioRun::~ScenarioRun()
{
    stop();
    if (d->thread.joinable())
        d->thread.join();
}

void ScenarioRun::start()
{
    if (!d->thread.joinable())
        d->thread = std::thread([this] { d->core.run(); });
}

void ScenarioRun::stop()
{
    d->core.loop().requestStop();
}

void ScenarioRun::pause()
{
    d->paused = true;
    d->core.loop().setPaused(true);
}

void ScenarioRun::resume()
{
    d->paused = false;
    d->core.loop().stepTo(0);
    d->core.loop().setPaused(false);
}

void ScenarioRun::step()
{
    d->core.loop().stepTo(d->core.recorder().recordCount() + 1);
    d->core.loop().setPaused(false);
}

bool ScenarioRun::isPaused() const
{
    return d->paused.load() && !isFinished();
}
bool ScenarioRun::isFinished() const
{
    return d->core.finished.load();
}
Trace ScenarioRun::snapshot() const
{
    return d->core.snapshot();
}
Trace ScenarioRun::takeTrace(bool loopInsides)
{
    if (!isFinished())
        return snapshot();
    return d->core.takeTrace(loopInsides);
}
std::size_t ScenarioRun::stateChanges() const
{
    return d->core.recorder().recordCount();
}
std::size_t ScenarioRun::recordingBytes() const
{
    return d->core.recorder().bytes();
}

} // namespace loopscope
