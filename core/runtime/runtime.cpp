#include "runtime.h"
#include "structured.h"

#include "condition.h"
#include "interpreter.h"
#include "pools.h"
#include "primitives.h"

namespace loopscope::rt {

namespace {
constexpr double kSlowCallback = 0.1; // asyncio debug mode's slow_callback_duration
}

Runtime::Runtime(const Scenario &scenario_, EventLoop &loop_, Recorder &recorder_)
    : scenario(scenario_)
    , loop(loop_)
    , recorder(recorder_)
    , buffer(recorder_.loopBuffer())
{
    s.timer = intern(QStringLiteral("timer"));
    s.gather = intern(QStringLiteral("gather"));
    s.taskGroup = intern(QStringLiteral("task_group"));
    s.thread = intern(QStringLiteral("thread"));
    s.process = intern(QStringLiteral("process"));
    s.gil = intern(QStringLiteral("GIL"));
    s.queue = intern(QStringLiteral("work queue"));
    s.startup = intern(QStringLiteral("startup"));
    s.select = intern(QStringLiteral("select"));
    loop.warm = &Task::warm;
    loop.onPause = Callback{
        [](void *self, std::uintptr_t) { static_cast<Runtime *>(self)->flushReady(); }, this, 0};
    for (const Coroutine &c : scenario.coroutines)
        internSteps(c.steps);
    for (const Coroutine &f : scenario.functions)
        internSteps(f.steps);
    if (scenario.program)
        internSteps(*scenario.program);
    if (scenario.seed)
        random.seed(*scenario.seed);
    for (const Resource &r : scenario.resources) {
        switch (r.kind) {
        case ResourceKind::Lock:
            m_primitives[r.id] = std::make_unique<AsyncLock>(*this, r.id);
            break;
        case ResourceKind::Semaphore:
            m_primitives[r.id] = std::make_unique<AsyncSemaphore>(*this, r.id, r.value, r.bounded);
            break;
        case ResourceKind::Event:
            m_primitives[r.id] = std::make_unique<AsyncEvent>(*this, r.id);
            break;
        case ResourceKind::Queue:
            m_primitives[r.id] = std::make_unique<AsyncQueue>(*this, r.id, r.maxsize, r.items);
            break;
        case ResourceKind::Future:
            m_primitives[r.id] = std::make_unique<UserFuture>(*this, r.id);
            break;
        case ResourceKind::ThreadPool: // pools are made by the pools' own code
        case ResourceKind::ProcessPool:
        case ResourceKind::Condition: // after the loop: a condition may use a lock listed after it
        case ResourceKind::Barrier:
            break;
        }
    }
    for (const Resource &r : scenario.resources)
        if (r.kind == ResourceKind::Condition || r.kind == ResourceKind::Barrier)
            m_primitives[r.id] = makeConditionOrBarrier(*this, r);
}

Runtime::~Runtime()
{
    // Gathers left pending hold their children and are held by their own callbacks: break
    // that cycle (a copy: abandon() may delete the gather, which leaves the set).
    for (GatheringFuture *gather : std::vector(gathers.begin(), gathers.end()))
        gather->abandon();
    // Tasks first: their coroutine frames hold references to futures and primitives, and to
    // tasks (themselves too): drop every frame while `tasks` keeps every task alive, then
    // the tasks.
    for (const Ref<Task> &task : tasks)
        task->dropBody();
    tasks.clear();
}

void Runtime::internSteps(const Steps &steps)
{
    std::vector<StringId> ids;
    for (const Step &step : steps) {
        ids.push_back(intern(step.id));
        m_stepIds.insert(&step, ids.back());
    }
    m_stepIdLists.emplace(&steps, std::move(ids));
    for (const Step &step : steps) {
        internSteps(step.steps);
        for (const GatherItem &item : step.items)
            internSteps(item.awaitable);
        for (const ExceptClause &c : step.excepts)
            internSteps(c.steps);
        if (step.finallySteps)
            internSteps(*step.finallySteps);
        for (const ElifClause &c : step.elifs)
            internSteps(c.steps);
        if (step.elseSteps)
            internSteps(*step.elseSteps);
    }
}

int Runtime::callbackLane()
{
    if (m_callbackLane < 0)
        m_callbackLane = addLane(LaneKind::Loop, QStringLiteral("event loop"));
    return m_callbackLane;
}

int Runtime::addLane(LaneKind kind, const QString &name, int parent, const QString &coro)
{
    StringId id = 0;
    const int lane = recorder.addLane(kind, name, parent, coro, &id);
    if (std::size_t(lane) >= m_laneIds.size())
        m_laneIds.resize(std::size_t(lane) + 1, 0);
    m_laneIds[std::size_t(lane)] = id;
    return lane;
}

Ref<Task> Runtime::createTask(const QString &coro, const QString &name, Co body, bool laneNameOnly)
{
    const int k = ++m_tasksPerCoro[coro];
    const int taskNumber = ++m_tasksMade;
    // Only asyncio.run's task is main (the runner names it): in a program that runs the loop
    // itself, the first task is as any other, `w-1`, as CPython's Task-1 is.
    QString taskName = name;
    if (taskName.isEmpty())
        taskName = QStringLiteral("%1-%2").arg(coro).arg(k);
    const int parent = currentLane();
    const int lane = addLane(LaneKind::Task, taskName, parent, coro);
    Ref<Task> task(new Task(*this, lane, taskName, coro));
    if (name.isEmpty() || laneNameOnly)
        task->nameAsCPythonDoes(taskNumber);
    tasks.push_back(task);
    if (parent >= 0)
        event(EventKind::Create, lane, {}, {}, parent);
    task->start(std::move(body));
    return task;
}

void Runtime::event(EventKind kind, int lane, const QString &text, const QString &resource, int by,
                    const QString &via)
{
    if (m_overBudget || ((m_events + 1) % kBudgetPeriod == 0 && !withinMemoryBudget()))
        return; // not kept, and not counted as kept (LoopCallback::events)
    ++m_events;
    TraceEvent e;
    e.t = eventTime >= 0 ? eventTime : now();
    e.lane = lane;
    e.kind = kind;
    e.text = text;
    e.resource = resource;
    e.by = by;
    e.via = via;
    if (kind == EventKind::Print)
        e.end = printEnd;
    recorder.event(e);
}

// Past the budget nothing more is kept; the next step boundary ends the run.
bool Runtime::withinMemoryBudget()
{
    if (m_overBudget)
        return false;
    m_nextBudgetCheck = m_states + kBudgetPeriod;
    if (recorder.bytes() <= memoryBudget)
        return true;
    m_overBudget = true;
    m_nextBudgetCheck = 0; // every later state change comes here, and is dropped
    if (stopReason.isEmpty())
        stopReason = memoryBudgetReached(memoryBudget, m_states, m_events);
    loop.requestStop();
    return false;
}

void Runtime::diagnostic(Severity severity, const QString &code, int lane, const QString &message)
{
    recorder.diagnostic(Diagnostic{now(), lane, severity, code, message});
}

Primitive *Runtime::primitive(const QString &id) const
{
    auto it = m_primitives.find(id);
    return it == m_primitives.end() ? nullptr : it->second.get();
}

void Runtime::checkLimitsNow()
{
    if (loop.stopRequested())
        throw RunStopped{};
    if (now() > scenarioLimit) {
        stopReason
            = QStringLiteral("stopped at the limit of %1 scenario seconds").arg(scenarioLimit);
        loop.requestStop();
        throw RunStopped{};
    }
    // Time spent paused is not run time.
    if ((m_checks & 1023) == 0
        && std::chrono::steady_clock::now() - loop.pausedWall() > wallDeadline) {
        stopReason = QStringLiteral("stopped at the limit of %1 wall seconds").arg(wallLimit);
        loop.requestStop();
        throw RunStopped{};
    }
}

void Runtime::flushReady()
{
    for (const Ref<Task> &task : tasks)
        task->flushReady();
}

void Runtime::stepTook(Task &task, double seconds)
{
    if (seconds <= kSlowCallback)
        return;
    recorder.diagnostic(Diagnostic{task.stepStarted, task.lane(), Severity::Warning,
                                   QStringLiteral("slow-step"),
                                   QStringLiteral("Executing <Task %1> took %2 seconds")
                                       .arg(task.name())
                                       .arg(seconds, 0, 'f', 3)});
}

} // namespace loopscope::rt
