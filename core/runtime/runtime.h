// The state of one run, shared by the interpreter, the tasks and the primitives: the loop, the
// recorder, the scenario, the tasks made so far and the resources. Loop thread only.
#pragma once

#include "event_loop.h"
#include "memory_budget.h"
#include "recorder.h"
#include "scenario/expr/parser.h"
#include "scenario/expr/random.h"
#include "scenario/scenario.h"
#include "task.h"
#include "value.h"

#include <QHash>
#include <QSet>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace loopscope::rt {

class Primitive;
class PoolSet;
class GatheringFuture;

// Strings every run records, interned once.
struct CommonStrings
{
    StringId timer, gather, taskGroup, thread, process, gil, queue, startup, select, idle;
};

class Runtime
{
public:
    Runtime(const Scenario &scenario, EventLoop &loop, Recorder &recorder);
    ~Runtime();

    const Scenario &scenario;
    EventLoop &loop;
    Recorder &recorder;
    RecordBuffer &buffer;
    CommonStrings s{};
    Task *current = nullptr;
    std::vector<Ref<Task>> tasks;
    std::unordered_set<GatheringFuture *> gathers; // alive now, for the end of the run
    // Futures a done callback will release (wait_for's _cancel_and_wait waiter): held here, so
    // that a run that ends before the callback runs does not leak them.
    std::unordered_map<Future *, Ref<Future>> heldForCallbacks;
    // call_soon / call_later callbacks not run yet (callbacks.cpp), owned here so that a run
    // that ends first frees them.
    std::unordered_map<const void *, std::shared_ptr<void>> pendingCallbacks;
    // Tasks that awaited themselves. CPython's C Task marks a future `blocking` when a coroutine
    // yields it and clears the mark when the awaiting task takes it up; a task that yielded
    // itself is never taken up, so while it is pending every later await of it raises at once
    // (_asynciomodule.c, FutureIter_iternext). `tasks` keeps these pointers alive.
    std::unordered_set<const Task *> selfAwaited;
    std::unique_ptr<PoolSet> pools;
    // The module's globals: what the program's code and `global` names in coroutines set.
    std::map<QString, Value> globals;
    expr::Random random; // the run's one generator: `"seed"` or random.seed(n) seeds it

    const Value *global(const QString &name) const
    {
        auto it = globals.find(name);
        return it == globals.end() ? nullptr : &it->second;
    }
    // A resource by id as a value (the same object each time), or nullopt.
    std::optional<Value> resourceValue(const QString &id);
    // An expression or f-string body, parsed on first use (SyntaxError as a PyError).
    const expr::Expr &parsed(const QString &text, bool fstring);
    // The names a coroutine binds (params, `as`, loop variables, set), less its `globals`.
    const QSet<QString> &localNames(const Coroutine &coroutine);
    // A parameter's default (`defaults`), evaluated in the module's scope the first time a
    // call needs it, then the same object each time (as Python evaluates it once, at the def).
    std::map<std::pair<const Coroutine *, QString>, Value> defaultValues;

    double now() const { return loop.now(); }
    void setState(int lane, LaneState state, StringId on, StringId step, double t)
    {
        if (++m_states >= m_nextBudgetCheck) [[unlikely]]
            if (!withinMemoryBudget())
                return;
        recorder.state(buffer, lane, t, state, on, step);
    }
    void setState(int lane, LaneState state, StringId on, StringId step)
    {
        setState(lane, state, on, step, now());
    }
    StringId intern(const QString &text) { return recorder.intern(text); }
    StringId stepId(const Step &step) { return m_stepIds.value(&step, 0); }
    // The ids of a whole list of steps, in order (null for a list not in the scenario): a
    // loop over steps looks them up once, not once per step and round.
    const StringId *stepIds(const Steps &steps) const
    {
        const auto it = m_stepIdLists.constFind(&steps);
        return it == m_stepIdLists.cend() ? nullptr : it->data();
    }
    StringId laneString(int lane) { return m_laneIds.at(std::size_t(lane)); }
    int currentLane() const
    {
        if (laneOverride >= 0) [[unlikely]]
            return laneOverride;
        return current ? current->lane() : -1;
    }
    // Set while a plain function's steps run outside any task (worker_script.h): on a pool
    // worker's lane at the worker's time, or as a loop callback on the event loop's lane.
    int laneOverride = -1;
    double eventTime = -1.0; // ≥ 0: the time events are recorded at (a worker's, not the loop's)
    // The event loop's own lane, made when a callback first runs (callbacks.cpp).
    int callbackLane();

    int addLane(LaneKind kind, const QString &name, int parent = -1, const QString &coro = {});
    // asyncio.create_task: a new lane named `name` or `<coro>-<k>`, first step scheduled.
    // `name` is the task's name= unless `laneNameOnly` (asyncio.run's task: lane `main`,
    // get_name() `Task-1`).
    Ref<Task> createTask(const QString &coro, const QString &name, Co body,
                         bool laneNameOnly = false);
    void event(EventKind kind, int lane, const QString &text = {}, const QString &resource = {},
               int by = -1, const QString &via = {});
    void diagnostic(Severity severity, const QString &code, int lane, const QString &message);
    // A print on the lane; lane -1 is the module's code (the program's steps), whose prints go
    // to the root task's lane (kept until asyncio.run has made it).
    // `end` is what print writes after the text (its `end=`).
    void print(int lane, const QString &text, const QString &end = QStringLiteral("\n"))
    {
        if (lane < 0 && moduleLane < 0) {
            modulePrints.emplace_back(text, end);
            return;
        }
        printEnd = end;
        event(EventKind::Print, lane >= 0 ? lane : moduleLane, text);
        printEnd = QStringLiteral("\n");
    }
    int moduleLane = -1;
    std::vector<std::pair<QString, QString>> modulePrints; // text, end
    QString printEnd = QStringLiteral("\n"); // the end of the print event() is recording

    Primitive *primitive(const QString &id) const;
    template<typename T>
    T *primitiveAs(const QString &id) const
    {
        return dynamic_cast<T *>(primitive(id));
    }

    // Throws RunStopped when the run was stopped or passed a limit (checked at every step).
    void checkLimits()
    {
        if (loop.stopRequested() || now() > scenarioLimit || (++m_checks & 1023) == 0) [[unlikely]]
            checkLimitsNow();
    }
    double scenarioLimit = 1e6;
    // What the recording may hold (RunOptions::memoryBudget), looked at every kBudgetPeriod
    // state changes or events: past it the run stops, saying which budget and how to raise it.
    std::size_t memoryBudget = kDefaultMemoryBudget;
    // RunOptions::wallLimit as a deadline, looked at every 1024th check: a `repeat` forever of
    // steps that never suspend never gets back to the loop, where the wall limit is checked.
    // It moves on by the time the run stood paused (EventLoop::pausedWall).
    double wallLimit = 0.0;
    std::chrono::steady_clock::time_point wallDeadline
        = std::chrono::steady_clock::time_point::max();
    QString stopReason;
    // The loop as the program's own code drives it (loop.run_forever(), stop(), close();
    // callbacks.cpp): running inside run_forever, stop() called, closed.
    bool loopRunning = false;
    bool loopStopping = false;
    bool loopClosed = false;
    std::function<void()> runForever; // the runner's: iterations until loopStopping
    // The KeyboardInterrupt or SystemExit a task raised out of the loop (the last one): it ends
    // the run as it ends asyncio.run.
    std::optional<PyError> escaped;

    // Records the `ready` spans the virtual clock keeps back (Task::flushReady): at a pause and
    // at the end, so that what is drawn then is complete.
    void flushReady();

    // The loop records its insides (loop_log.h), each callback named by noteCallback.
    void recordLoop();
    CallbackNote noteCallback(const Callback &cb, bool scheduling);
    CallbackNote noteOf(const Callback &cb, bool scheduling);
    // A pool future the selector now waits for (the worker's pipe, the self-pipe of a thread).
    void noteSelectorWait(Future &done, const QString &pool, StringId step);

    // Called by a task that just finished a step, to spot steps that held the loop.
    void stepTook(Task &task, double seconds);

private:
    void internSteps(const Steps &steps);
    QHash<const Step *, StringId> m_stepIds;
    QHash<const Steps *, std::vector<StringId>> m_stepIdLists;
    std::vector<StringId> m_laneIds;
    std::map<QString, int> m_tasksPerCoro;
    int m_tasksMade = 0; // tasks.py's _task_name_counter
    std::map<QString, std::unique_ptr<Primitive>> m_primitives;
    int m_callbackLane = -1;
    struct LoopNames
    {
        StringId step, wakeup, setResult, timeout, other;
    } m_loopNames{};
    std::map<QString, Value> m_resourceValues;
    QHash<QString, expr::Expr> m_parsed[2]; // expressions, f-string bodies
    QHash<const Coroutine *, QSet<QString>> m_localNames;
    std::size_t m_events = 0;
    std::size_t m_states = 0;
    std::size_t m_nextBudgetCheck = 0;
    bool m_overBudget = false;
    std::size_t m_checks = 0;
    static constexpr std::size_t kBudgetPeriod = 16384;
    bool withinMemoryBudget();
    void checkLimitsNow();
};

} // namespace loopscope::rt
