#include "scenario/op_table.h"

#include "scenario/op_fields.h"

#include <algorithm>
#include <array>

namespace loopscope {

namespace {

using namespace op_fields;

using K = StepKind;
using G = PaletteGroup;
using L = OpLane;

constexpr std::array kOps{
    OpSpec{K::Sleep, "sleep", kTimed, G::Waiting, L::Waiting, "await asyncio.sleep(s)"},
    OpSpec{K::Cpu, "cpu", kTimed, G::Work, L::Running,
           "pure-Python CPU work on the loop thread (holds the GIL)"},
    OpSpec{K::Block, "block", kTimed, G::Work, L::Blocking,
           "time.sleep(s): a blocking call that stalls the loop"},
    OpSpec{K::Print, "print", kPrint, G::Work, L::Instant, "print(...)"},
    OpSpec{K::Call, "call", kCall, G::Tasks, L::Instant,
           "await coro(**args): runs inline, no new task"},
    OpSpec{K::CreateTask, "create_task", kCreateTask, G::Tasks, L::Instant,
           "task = asyncio.create_task(coro(**args), name=...)"},
    OpSpec{K::Await, "await", kAwaitTask, G::Tasks, L::Waiting, "await task"},
    OpSpec{K::Gather, "gather", kGather, G::Tasks, L::Waiting, "await asyncio.gather(...)"},
    OpSpec{K::TaskGroup, "task_group", kBodyOnly, G::Tasks, L::Instant,
           "async with asyncio.TaskGroup() as tg:"},
    OpSpec{K::WaitFor, "wait_for", kWaitFor, G::Waiting, L::Waiting,
           "await asyncio.wait_for(aw, timeout)", true},
    OpSpec{K::With, "with", kWith, G::Sync, L::Blocked, "async with lock_semaphore_or_condition:"},
    OpSpec{K::Acquire, "acquire", kLockOnly, G::Sync, L::Blocked, "await r.acquire()"},
    OpSpec{K::Release, "release", kLockOnly, G::Sync, L::Instant, "r.release()"},
    OpSpec{K::EventWait, "event_wait", kEventOnly, G::Waiting, L::Waiting, "await event.wait()"},
    OpSpec{K::EventSet, "event_set", kEventOnly, G::Sync, L::Instant, "event.set()"},
    OpSpec{K::EventClear, "event_clear", kEventOnly, G::Sync, L::Instant, "event.clear()"},
    OpSpec{K::Put, "put", kPut, G::Sync, L::Blocked, "await queue.put(item)"},
    OpSpec{K::Get, "get", kGet, G::Sync, L::Waiting, "item = await queue.get()"},
    OpSpec{K::TaskDone, "task_done", kQueueOnly, G::Sync, L::Instant, "queue.task_done()"},
    OpSpec{K::Join, "join", kQueueOnly, G::Sync, L::Waiting, "await queue.join()"},
    OpSpec{K::FutureSet, "future_set", kFutureSet, G::Sync, L::Instant, "future.set_result(value)"},
    OpSpec{K::FutureAwait, "future_await", kFutureAwait, G::Waiting, L::Waiting, "await future"},
    OpSpec{K::Repeat, "repeat", kRepeat, G::Control, L::Instant,
           "for var in range(count): (while True: when forever)"},
    OpSpec{K::Drain, "drain", kDrain, G::Control, L::Instant,
           "while not q.empty(): item = await q.get()"},
    OpSpec{K::Try, "try", kTry, G::Control, L::Instant, "try: ... except ...: ... finally: ..."},
    OpSpec{K::Raise, "raise", kRaise, G::Control, L::Instant, "raise Error(message)"},
    OpSpec{K::Cancel, "cancel", kTaskOnly, G::Tasks, L::Instant, "task.cancel()"},
    OpSpec{K::ToThread, "to_thread", kToThread, G::Pools, L::Waiting,
           "as = await asyncio.to_thread(fn, *args)", false, true},
    OpSpec{K::RunInExecutor, "run_in_executor", kRunInExecutor, G::Pools, L::Waiting,
           "as = await loop.run_in_executor(pool, fn, *args) (pool null: None, the default)", false,
           true},
    OpSpec{K::Return, "return", kReturn, G::Control, L::Instant, "return value"},
    OpSpec{K::If, "if", kIf, G::Control, L::Instant, "if cond: ... elif cond: ... else: ..."},
    OpSpec{K::For, "for", kFor, G::Control, L::Instant, "for var in iterable: ..."},
    OpSpec{K::While, "while", kWhile, G::Control, L::Instant, "while cond: ..."},
    OpSpec{K::Break, "break", kNoFields, G::Control, L::Instant, "break"},
    OpSpec{K::Continue, "continue", kNoFields, G::Control, L::Instant, "continue"},
    OpSpec{K::Set, "set", kSet, G::Control, L::Instant, "name = value"},
    OpSpec{K::Run, "run", kRun, G::Control, L::Instant,
           "asyncio.run(coro(**args)): module-level program steps only"},
    OpSpec{K::PutNowait, "put_nowait", kPutNowait, G::Sync, L::Instant,
           "queue.put_nowait(item) (asyncio.QueueFull when full)"},
    OpSpec{K::GetNowait, "get_nowait", kGetNowait, G::Sync, L::Instant,
           "item = queue.get_nowait() (asyncio.QueueEmpty when empty)"},
    OpSpec{K::CallSoon, "call_soon", kCallSoon, G::Tasks, L::Instant,
           "loop.call_soon(fn, *args): fn runs as a callback, not a task"},
    OpSpec{K::CallLater, "call_later", kCallLater, G::Tasks, L::Instant,
           "loop.call_later(delay, fn, *args)"},
    OpSpec{K::Wait, "wait", kWait, G::Tasks, L::Waiting,
           "done, pending = await asyncio.wait(items, timeout=..., return_when=...)"},
    OpSpec{K::AsCompleted, "as_completed", kAsCompleted, G::Tasks, L::Instant,
           "for f in asyncio.as_completed(items, timeout=...): as = await f; ..."},
    OpSpec{K::Shield, "shield", kShield, G::Tasks, L::Waiting, "as = await asyncio.shield(aw)",
           true},
    OpSpec{K::ConditionWait, "condition_wait", kConditionOnly, G::Sync, L::Blocked,
           "await condition.wait()"},
    OpSpec{K::ConditionWaitFor, "condition_wait_for", kConditionWaitFor, G::Sync, L::Blocked,
           "await condition.wait_for(lambda: predicate)"},
    OpSpec{K::Notify, "notify", kNotify, G::Sync, L::Instant, "condition.notify(n)"},
    OpSpec{K::NotifyAll, "notify_all", kConditionOnly, G::Sync, L::Instant,
           "condition.notify_all()"},
    OpSpec{K::BarrierWait, "barrier_wait", kBarrierWait, G::Sync, L::Blocked,
           "as = await barrier.wait()"},
    OpSpec{K::Timeout, "timeout", kTimeoutBlock, G::Control, L::Instant,
           "async with asyncio.timeout(seconds):"},
    OpSpec{K::RunForever, "run_forever", kRequiredLoopOnly, G::Control, L::Instant,
           "loop.run_forever(): module-level program steps only; runs until loop.stop()"},
    OpSpec{K::Stop, "stop", kLoopOnly, G::Control, L::Instant,
           "loop.stop(): the loop stops after the iteration it is in"},
    OpSpec{K::Close, "close", kRequiredLoopOnly, G::Control, L::Instant,
           "loop.close(): module-level program steps only"},
    OpSpec{K::RunUntilComplete, "run_until_complete", kRunUntilComplete, G::Control, L::Instant,
           "as = loop.run_until_complete(coro(**args)): module-level program steps only"},
};

using RT = ResourceFieldType;
constexpr std::array kSemaphoreFields{ResourceFieldSpec{"value", RT::WholeNumber, "Value"},
                                      ResourceFieldSpec{"bounded", RT::Flag, "BoundedSemaphore"}};
constexpr std::array kQueueFields{
    ResourceFieldSpec{"maxsize", RT::WholeNumber, "maxsize (0: unbounded)"},
    ResourceFieldSpec{"items", RT::Values, "Items"}};
constexpr std::array kThreadPoolFields{
    ResourceFieldSpec{"workers", RT::WholeNumber, "Workers (0: default)"}};
constexpr std::array kConditionFields{
    ResourceFieldSpec{"lock", RT::LockId, "Lock (empty: its own)"}};
constexpr std::array kBarrierFields{ResourceFieldSpec{"parties", RT::WholeNumber, "Parties"}};
constexpr std::array kProcessPoolFields{
    ResourceFieldSpec{"workers", RT::WholeNumber, "Workers (0: default)"},
    ResourceFieldSpec{"startup", RT::Number, "Startup (s)"}};

constexpr std::array kResources{
    ResourceSpec{R::Lock, "lock", "a", {}, G::Sync, "asyncio.Lock()"},
    ResourceSpec{R::Semaphore, "semaphore", "a", kSemaphoreFields, G::Sync,
                 "asyncio.Semaphore(value)"},
    ResourceSpec{R::Event, "event", "an", {}, G::Sync, "asyncio.Event()"},
    ResourceSpec{R::Queue, "queue", "a", kQueueFields, G::Sync, "asyncio.Queue(maxsize)"},
    ResourceSpec{R::Future, "future", "a", {}, G::Sync, "loop.create_future()"},
    ResourceSpec{R::ThreadPool, "thread_pool", "a", kThreadPoolFields, G::Pools,
                 "concurrent.futures.ThreadPoolExecutor(workers)"},
    ResourceSpec{R::ProcessPool, "process_pool", "a", kProcessPoolFields, G::Pools,
                 "concurrent.futures.ProcessPoolExecutor(workers)"},
    ResourceSpec{R::Condition, "condition", "a", kConditionFields, G::Sync,
                 "asyncio.Condition(lock)"},
    ResourceSpec{R::Barrier, "barrier", "a", kBarrierFields, G::Sync, "asyncio.Barrier(parties)"},
};

// Each row sits at its enum value, and each field's member has the C++ type its type needs:
// checked here, so that a mistake in a new row fails the build rather than a run.
constexpr bool memberFits(const FieldSpec &field)
{
    switch (field.type) {
    case T::Duration:
        return std::holds_alternative<Quantity Step::*>(field.member);
    case T::Text:
    case T::ErrorClass:
    case T::Coroutine:
    case T::Variable:
    case T::Task:
    case T::Expression:
    case T::Target:
        return std::holds_alternative<QString Step::*>(field.member);
    case T::Flag:
        return std::holds_alternative<bool Step::*>(field.member);
    case T::Value:
        return std::holds_alternative<PyValue Step::*>(field.member);
    case T::Function:
    case T::ReturnWhen:
        return std::holds_alternative<QString Step::*>(field.member);
    case T::Limit:
        return std::holds_alternative<std::optional<Quantity> Step::*>(field.member);
    case T::Resource:
        return !field.kinds.empty();
    case T::Count:
    case T::Work:
    case T::Args:
    case T::GatherItems:
    case T::Body:
    case T::ExceptMap:
    case T::Finally:
    case T::Elifs:
    case T::Else:
        return std::holds_alternative<std::monostate>(field.member);
    }
    return false;
}

constexpr bool tablesAreConsistent()
{
    if (kOps.size() != kStepKindCount || kResources.size() != kResourceKindCount)
        return false;
    for (std::size_t i = 0; i < kOps.size(); ++i) {
        if (kOps[i].kind != StepKind(i))
            return false;
        for (const FieldSpec &field : kOps[i].fields)
            if (!memberFits(field))
                return false;
    }
    for (std::size_t i = 0; i < kResources.size(); ++i)
        if (kResources[i].kind != ResourceKind(i))
            return false;
    return true;
}
static_assert(tablesAreConsistent());

} // namespace

std::span<const OpSpec> opSpecs()
{
    return kOps;
}

const OpSpec &opSpec(StepKind kind)
{
    return kOps[std::size_t(kind)];
}

std::span<const ResourceSpec> resourceSpecs()
{
    return kResources;
}

const ResourceSpec &resourceSpec(ResourceKind kind)
{
    return kResources[std::size_t(kind)];
}

const FieldSpec *fieldOfType(StepKind kind, FieldType type)
{
    for (const FieldSpec &field : opSpec(kind).fields)
        if (field.type == type)
            return &field;
    return nullptr;
}

bool fieldTaken(const OpSpec &op, const FieldSpec &field, const Step &step)
{
    if (op.functionOrWork) {
        const bool function = !step.function.isEmpty();
        if (field.type == FieldType::Work || field.type == FieldType::Duration)
            return !function;
        if (field.type == FieldType::Function || field.type == FieldType::Args)
            return function;
        return true;
    }
    if (!op.coroOrTask)
        return true;
    if (field.type == FieldType::Task)
        return !step.task.isEmpty();
    if (field.type == FieldType::Coroutine || field.type == FieldType::Args)
        return step.task.isEmpty();
    return true;
}

std::vector<StepKind> opsUsing(ResourceKind kind)
{
    std::vector<StepKind> ops;
    for (const OpSpec &op : kOps)
        if (const FieldSpec *field = fieldOfType(op.kind, FieldType::Resource))
            if (std::find(field->kinds.begin(), field->kinds.end(), kind) != field->kinds.end())
                ops.push_back(op.kind);
    return ops;
}

QString opName(StepKind kind)
{
    return QString::fromLatin1(opSpec(kind).name);
}

std::optional<StepKind> stepKindFromOp(const QString &op)
{
    for (const OpSpec &spec : kOps)
        if (op == QLatin1String(spec.name))
            return spec.kind;
    return std::nullopt;
}

QString resourceKindName(ResourceKind kind)
{
    return QString::fromLatin1(resourceSpec(kind).name);
}

std::optional<ResourceKind> resourceKindFromName(const QString &name)
{
    for (const ResourceSpec &spec : kResources)
        if (name == QLatin1String(spec.name))
            return spec.kind;
    return std::nullopt;
}

QString resourceKeyFor(StepKind kind)
{
    const FieldSpec *field = fieldOfType(kind, FieldType::Resource);
    return field ? QString::fromLatin1(field->key) : QString();
}

bool hasBody(StepKind kind)
{
    return fieldOfType(kind, FieldType::Body) != nullptr;
}

} // namespace loopscope
