// The scenario model: a Python asyncio program as plain data (scenario-format.md, version 1).
// Plain value types only; reading, writing and validation live beside this file.
#pragma once

#include "scenario/py_value.h"
#include "scenario/questions.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace loopscope {

// Every op of scenario-format.md, in the order of its table.
enum class StepKind {
    Sleep,
    Cpu,
    Block,
    Print,
    Call,
    CreateTask,
    Await,
    Gather,
    TaskGroup,
    WaitFor,
    With,
    Acquire,
    Release,
    EventWait,
    EventSet,
    EventClear,
    Put,
    Get,
    TaskDone,
    Join,
    FutureSet,
    FutureAwait,
    Repeat,
    Drain,
    Try,
    Raise,
    Cancel,
    ToThread,
    RunInExecutor,
    // Values and control flow (scenario-format.md, "Values, expressions and control flow").
    Return,
    If,
    For,
    While,
    Break,
    Continue,
    Set,
    Run, // program steps only: asyncio.run(coro(**args))
    // issue 15's missing primitives (slice D)
    PutNowait,
    GetNowait,
    CallSoon,
    CallLater,
    Wait,
    AsCompleted,
    Shield,
    ConditionWait,
    ConditionWaitFor,
    Notify,
    NotifyAll,
    BarrierWait,
    Timeout,
    // A program that runs the loop itself (issue 16: loop.run_forever(), loop.stop(),
    // loop.close()).
    RunForever,
    Stop,
    Close,
    // loop.run_until_complete(coro(**args)): the coroutine as a task on the program's loop,
    // the loop run until that task is done.
    RunUntilComplete,
};
// Sizes the op table (op_table.h): the table has a row per op, checked when it is compiled.
inline constexpr std::size_t kStepKindCount = std::size_t(StepKind::RunUntilComplete) + 1;

enum class ResourceKind {
    Lock,
    Semaphore,
    Event,
    Queue,
    Future,
    ThreadPool,
    ProcessPool,
    Condition,
    Barrier
};
inline constexpr std::size_t kResourceKindCount = std::size_t(ResourceKind::Barrier) + 1;

enum class WorkKind { Io, Cpu };

enum class ClockMode { Virtual, Live };

// A numeric field: a literal, or a reference "$name" to a parameter or loop variable.
struct Quantity
{
    double value = 0.0;
    QString param; // non-empty: the value comes from this parameter at run time

    bool isParam() const { return !param.isEmpty(); }
    static Quantity literal(double v) { return {v, {}}; }
    static Quantity ref(QString name) { return {0.0, std::move(name)}; }
    friend bool operator==(const Quantity &, const Quantity &) = default;
};

struct Step;
using Steps = std::vector<Step>;

// One entry of a gather, wait or as_completed: a coroutine to wrap in a task, an existing task
// variable, `*expression` (a list of awaitables), or an awaitable op (sleep, to_thread,
// run_in_executor, shield) that asyncio wraps in a task or future of its own.
struct GatherItem
{
    QString coro;
    PyArgs args;
    QString name;
    QString task;
    QString star;    // `*expr`: the awaitables the expression gives, in order
    Steps awaitable; // one step: an awaitable op written as the item

    bool isTask() const { return !task.isEmpty(); }
    bool isStar() const { return !star.isEmpty(); }
    bool isOp() const { return !awaitable.empty(); }
    friend bool operator==(const GatherItem &, const GatherItem &) = default;
};

// One `elif <cond>:` of an if step.
struct ElifClause
{
    QString cond;
    Steps steps;
    friend bool operator==(const ElifClause &, const ElifClause &) = default;
};

// One `except Name:` clause of a try step; `error` is a class name or "*".
struct ExceptClause
{
    QString error;
    Steps steps;
    QString as; // `except Name as <as>:`, the name the handler binds; empty: none
    friend bool operator==(const ExceptClause &, const ExceptClause &) = default;
};

// One step of a coroutine. A single struct for every op: each op uses the fields its row of
// scenario-format.md lists and leaves the others empty; the reader and writer know which.
struct Step
{
    StepKind kind = StepKind::Print;
    QString id;    // stable id, used by the editor and trace spans; may be empty in files
    QString label; // shown on the canvas and timeline

    Quantity seconds;              // sleep, cpu, block, to_thread, run_in_executor
    Quantity timeout;              // wait_for
    std::optional<Quantity> count; // repeat; nullopt = forever
    QString text;                  // print
    // print: written after the text, Python's `end=` (scenario-format.md, "print.end")
    QString end = QStringLiteral("\n");
    QString coro; // call, create_task, wait_for
    PyArgs args;  // call, create_task, wait_for
    // call: false is `coro(**args)` without await, a coroutine object created and dropped
    // (scenario-format.md, "A call never awaited"); written only when false.
    bool awaited = true;
    QString name; // create_task: task name; set: its target
    // create_task, get, drain: a variable; the awaits (call, await, gather, wait_for,
    // future_await, to_thread, run_in_executor) and run: a target, "x" or "done, pending".
    QString as;
    QString task;                  // await, wait_for, cancel: task variable
    std::vector<GatherItem> items; // gather
    bool returnExceptions = false; // gather
    // The object the step uses. Its JSON key depends on the op: `resource` (with, acquire,
    // release), `event`, `queue`, `future` or `pool` (run_in_executor).
    QString resource;
    PyValue item;                   // put
    PyValue value;                  // future_set, return, set
    QString var;                    // repeat; for: its target
    QString cond;                   // if, while: a Python expression
    QString iterable;               // for: the `in` expression
    std::vector<ElifClause> elifs;  // if
    std::optional<Steps> elseSteps; // if
    WorkKind work = WorkKind::Io;   // to_thread, run_in_executor
    QString error;                  // raise: exception class name
    QString message;                // raise
    QString function; // to_thread, run_in_executor, call_soon, call_later: a plain function
    Quantity delay;   // call_later
    // wait and as_completed: `timeout`; the timeout block: `seconds`. nullopt: None (no limit).
    std::optional<Quantity> limit;
    QString returnWhen; // wait: FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED ("": ALL)
    QString predicate;  // condition_wait_for: a Python expression
    // call_soon, call_later, stop, run_forever, close: the expression giving the loop (`loop`);
    // empty: asyncio.get_running_loop()
    QString loop;
    Quantity n = Quantity::literal(1); // notify
    Steps steps;                       // task_group, with, repeat, drain, try: the body
    std::vector<ExceptClause> excepts; // try, in the order written
    std::optional<Steps> finallySteps; // try
    QJsonObject extra;                 // unknown keys, kept as read so that saving loses nothing

    friend bool operator==(const Step &, const Step &) = default;
};

struct Resource
{
    QString id;
    ResourceKind kind = ResourceKind::Lock;
    int value = 1;              // semaphore
    bool bounded = false;       // semaphore
    int maxsize = 0;            // queue; 0 = unbounded
    std::vector<PyValue> items; // queue: initial items
    std::optional<int> workers; // thread_pool, process_pool; nullopt = the default
    double startup = 0.0;       // process_pool: seconds a worker takes to start
    QString lock;               // condition: the id of the lock it uses ("": a lock of its own)
    int parties = 1;            // barrier
    QJsonObject extra;

    friend bool operator==(const Resource &, const Resource &) = default;
};

struct Coroutine
{
    QString name;
    std::vector<QString> params;
    Steps steps;
    QJsonObject extra;
    std::vector<QString> globals; // the names its `global` statement lists (last: aggregates)
    // `async def f(x, delay=1)`: a parameter's value when a call leaves it out (value fields,
    // evaluated once in the module's scope); after `globals` so that aggregates stay valid.
    PyArgs defaults;

    friend bool operator==(const Coroutine &, const Coroutine &) = default;
};

struct ClockSettings
{
    ClockMode mode = ClockMode::Virtual;
    double scale = 0.1; // wall seconds per scenario second in live mode
    friend bool operator==(const ClockSettings &, const ClockSettings &) = default;
};

struct PythonSettings
{
    bool gil = true;
    double switchInterval = 0.005;
    int cpuCount = 4;
    friend bool operator==(const PythonSettings &, const PythonSettings &) = default;
};

// A named variation of the scenario (scenario-format.md, "Variants"; variants.h applies it).
// Each field left unset keeps the base scenario's value.
struct PythonOverride
{
    std::optional<bool> gil;
    std::optional<double> switchInterval;
    std::optional<int> cpuCount;
    friend bool operator==(const PythonOverride &, const PythonOverride &) = default;
};

struct ResourceOverride
{
    QString id; // the base resource it changes
    std::optional<int> value;
    std::optional<bool> bounded;
    std::optional<int> maxsize;
    std::optional<std::vector<PyValue>> items;
    std::optional<int> workers;
    std::optional<double> startup;
    friend bool operator==(const ResourceOverride &, const ResourceOverride &) = default;
};

struct Variant
{
    QString name;
    QString notes;
    PythonOverride python;
    std::vector<ResourceOverride> resources;
    // By name: replaces that coroutine's steps (and its params when given), or adds it.
    std::vector<Coroutine> coroutines;
    friend bool operator==(const Variant &, const Variant &) = default;
};

struct Scenario
{
    QString title;
    QString notes;
    ClockSettings clock;
    PythonSettings python;
    std::vector<Resource> resources;
    std::vector<Coroutine> coroutines;
    // Plain functions (`def`): what to_thread, run_in_executor, call_soon and call_later run.
    std::vector<Coroutine> functions;
    // Module-level code (sync ops and one `run`); absent: asyncio.run(main()) alone.
    std::optional<Steps> program;
    std::optional<qint64> seed; // random.seed(seed) before the program runs
    QJsonObject layout;         // owned by the editor; the runtime ignores it
    QJsonObject extra;          // unknown top-level keys
    std::vector<Variant> variants;
    std::vector<Question> questions; // a lesson's questions, asked before it runs

    const Coroutine *coroutine(const QString &name) const;
    const Coroutine *function(const QString &name) const;
    const Resource *resource(const QString &id) const;
    friend bool operator==(const Scenario &, const Scenario &) = default;
};

// op_table.cpp, from the op table. Names as written in files: "sleep", "create_task", ...
QString opName(StepKind kind);
std::optional<StepKind> stepKindFromOp(const QString &op);
QString resourceKindName(ResourceKind kind);
std::optional<ResourceKind> resourceKindFromName(const QString &name);

// Which resource kinds a step's `resource` field may name, and the JSON key it is written under.
QString resourceKeyFor(StepKind kind);

// True for ops whose body lives in `steps`.
bool hasBody(StepKind kind);

} // namespace loopscope
