#include "scenario/op_table.h"

#include <algorithm>
#include <array>

namespace loopscope {

namespace {

using T = FieldType;
using R = ResourceKind;
constexpr auto Required = FieldNeed::Required;
constexpr auto UnlessDefault = FieldWrite::UnlessDefault;

constexpr std::array kLockKinds{R::Lock, R::Semaphore};
constexpr std::array kEventKinds{R::Event};
constexpr std::array kQueueKinds{R::Queue};
constexpr std::array kFutureKinds{R::Future};
constexpr std::array kPoolKinds{R::ThreadPool, R::ProcessPool};
constexpr std::array kConditionKinds{R::Condition};
constexpr std::array kBarrierKinds{R::Barrier};
constexpr std::array kWithKinds{R::Lock, R::Semaphore, R::Condition};

// The resource field: its key and kinds depend on the op; the label is the key.
constexpr FieldSpec resourceField(const char *key, std::span<const ResourceKind> kinds)
{
    return {.key = key, .type = T::Resource, .need = Required, .label = key, .kinds = kinds};
}

constexpr FieldSpec kSeconds{.key = "seconds",
                             .type = T::Duration,
                             .need = Required,
                             .member = &Step::seconds,
                             .label = "Seconds",
                             .initial = "1"};
constexpr FieldSpec kTimeout{.key = "timeout",
                             .type = T::Duration,
                             .need = Required,
                             .member = &Step::timeout,
                             .label = "Timeout",
                             .initial = "1"};
constexpr FieldSpec kText{.key = "text",
                          .type = T::Text,
                          .need = Required,
                          .member = &Step::text,
                          .label = "Text",
                          .initial = "\"hello\""};
constexpr FieldSpec kCoro{.key = "coro",
                          .type = T::Coroutine,
                          .need = Required,
                          .member = &Step::coro,
                          .label = "Coroutine"};
constexpr FieldSpec kOptionalCoro{
    .key = "coro", .type = T::Coroutine, .member = &Step::coro, .label = "Coroutine"};
constexpr FieldSpec kArgs{
    .key = "args", .type = T::Args, .write = UnlessDefault, .label = "Arguments"};
constexpr FieldSpec kAwait{
    .key = "await",
    .type = T::Flag,
    .write = UnlessDefault,
    .member = &Step::awaited,
    .label = "await",
    .hint = "Unchecked: coro() without await. The coroutine never runs and Python warns that it "
            "was never awaited."};
constexpr FieldSpec kTaskName{.key = "name",
                              .type = T::Text,
                              .write = UnlessDefault,
                              .member = &Step::name,
                              .label = "Task name"};
constexpr FieldSpec kTaskAs{.key = "as",
                            .type = T::Variable,
                            .write = UnlessDefault,
                            .member = &Step::as,
                            .label = "Variable",
                            .initial = "\"task\""};
constexpr FieldSpec kItemAs{.key = "as",
                            .type = T::Variable,
                            .write = UnlessDefault,
                            .member = &Step::as,
                            .label = "Variable",
                            .initial = "\"item\""};
constexpr FieldSpec kTask{.key = "task",
                          .type = T::Task,
                          .need = Required,
                          .member = &Step::task,
                          .label = "Task variable"};
constexpr FieldSpec kOptionalTask{
    .key = "task", .type = T::Task, .member = &Step::task, .label = "Task variable"};
constexpr FieldSpec kItems{
    .key = "items", .type = T::GatherItems, .need = Required, .label = "Items"};
constexpr FieldSpec kReturnExceptions{.key = "return_exceptions",
                                      .type = T::Flag,
                                      .write = UnlessDefault,
                                      .member = &Step::returnExceptions,
                                      .label = "return_exceptions"};
constexpr FieldSpec kQueueItem{.key = "item",
                               .type = T::Value,
                               .need = Required,
                               .member = &Step::item,
                               .label = "Item (JSON)",
                               .initial = "1"};
constexpr FieldSpec kFutureValue{.key = "value",
                                 .type = T::Value,
                                 .write = UnlessDefault,
                                 .member = &Step::value,
                                 .label = "Value (JSON)",
                                 .initial = "1"};
constexpr FieldSpec kCount{.key = "count",
                           .type = T::Count,
                           .need = Required,
                           .label = "Count (empty: forever)",
                           .initial = "2"};
constexpr FieldSpec kVar{.key = "var",
                         .type = T::Variable,
                         .write = UnlessDefault,
                         .member = &Step::var,
                         .label = "Loop variable",
                         .initial = "\"i\""};
// Absent: a bare `raise`, re-raising the exception being handled.
constexpr FieldSpec kError{.key = "error",
                           .type = T::ErrorClass,
                           .write = UnlessDefault,
                           .member = &Step::error,
                           .label = "Exception",
                           .initial = "\"ValueError\""};
constexpr FieldSpec kMessage{.key = "message",
                             .type = T::Text,
                             .write = UnlessDefault,
                             .member = &Step::message,
                             .label = "Message",
                             .initial = "\"boom\""};
constexpr FieldSpec kBody{.key = "steps", .type = T::Body, .need = Required, .initial = "[]"};
constexpr FieldSpec kExcept{
    .key = "except", .type = T::ExceptMap, .write = UnlessDefault, .label = "except"};
constexpr FieldSpec kFinally{
    .key = "finally", .type = T::Finally, .write = UnlessDefault, .label = "finally"};

// Values and control flow.
constexpr FieldSpec kResultAs{.key = "as",
                              .type = T::Target,
                              .write = UnlessDefault,
                              .member = &Step::as,
                              .label = "Result as",
                              .hint = "A name (or names: \"a, b\") the awaited result is bound to"};
constexpr FieldSpec kReturnValue{.key = "value",
                                 .type = T::Value,
                                 .write = UnlessDefault,
                                 .member = &Step::value,
                                 .label = "Value",
                                 .hint = "JSON, or \"$expression\""};
constexpr FieldSpec kCond{.key = "cond",
                          .type = T::Expression,
                          .need = Required,
                          .member = &Step::cond,
                          .label = "Condition",
                          .initial = "\"False\""}; // a new while must not spin
constexpr FieldSpec kElifs{
    .key = "elif", .type = T::Elifs, .write = UnlessDefault, .label = "elif"};
constexpr FieldSpec kElse{.key = "else", .type = T::Else, .write = UnlessDefault, .label = "else"};
constexpr FieldSpec kForVar{.key = "var",
                            .type = T::Target,
                            .need = Required,
                            .member = &Step::var,
                            .label = "Loop variable",
                            .initial = "\"i\""};
constexpr FieldSpec kIn{.key = "in",
                        .type = T::Expression,
                        .need = Required,
                        .member = &Step::iterable,
                        .label = "in",
                        .initial = "\"range(3)\""};
constexpr FieldSpec kSetName{.key = "name",
                             .type = T::Target,
                             .need = Required,
                             .member = &Step::name,
                             .label = "Name",
                             .initial = "\"x\""};
constexpr FieldSpec kSetValue{.key = "value",
                              .type = T::Value,
                              .need = Required,
                              .member = &Step::value,
                              .label = "Value",
                              .initial = "0",
                              .hint = "JSON, or \"$expression\" (\"$x + 1\")"};
// slice D: the fields of the missing primitives
constexpr FieldSpec kFunction{.key = "function",
                              .type = T::Function,
                              .write = UnlessDefault,
                              .member = &Step::function,
                              .label = "Function"};
constexpr FieldSpec kRequiredFunction{.key = "function",
                                      .type = T::Function,
                                      .need = Required,
                                      .member = &Step::function,
                                      .label = "Function"};
constexpr FieldSpec kOptionalWork{
    .key = "work", .type = T::Work, .label = "Work", .initial = "\"io\""};
constexpr FieldSpec kOptionalSeconds{.key = "seconds",
                                     .type = T::Duration,
                                     .member = &Step::seconds,
                                     .label = "Seconds",
                                     .initial = "1"};
constexpr FieldSpec kDelay{.key = "delay",
                           .type = T::Duration,
                           .need = Required,
                           .member = &Step::delay,
                           .label = "Delay",
                           .initial = "1"};
constexpr FieldSpec kWaitAs{.key = "as",
                            .type = T::Target,
                            .write = UnlessDefault,
                            .member = &Step::as,
                            .label = "Variable",
                            .initial = "\"done, pending\""};
constexpr FieldSpec kLimitTimeout{.key = "timeout",
                                  .type = T::Limit,
                                  .write = UnlessDefault,
                                  .member = &Step::limit,
                                  .label = "Timeout (empty: none)"};
constexpr FieldSpec kLimitSeconds{.key = "seconds",
                                  .type = T::Limit,
                                  .need = Required,
                                  .member = &Step::limit,
                                  .label = "Seconds (empty: None)",
                                  .initial = "1"};
constexpr FieldSpec kReturnWhen{.key = "return_when",
                                .type = T::ReturnWhen,
                                .write = UnlessDefault,
                                .member = &Step::returnWhen,
                                .label = "return_when"};
constexpr FieldSpec kPredicate{.key = "predicate",
                               .type = T::Expression,
                               .need = Required,
                               .member = &Step::predicate,
                               .label = "Predicate",
                               .initial = "\"True\""};
constexpr FieldSpec kNotifyN{
    .key = "n", .type = T::Duration, .write = UnlessDefault, .member = &Step::n, .label = "n"};
constexpr FieldSpec kNullablePool{.key = "pool",
                                  .type = T::Resource,
                                  .need = Required,
                                  .label = "pool",
                                  .initial = "null",
                                  .kinds = kPoolKinds,
                                  .hint = "Empty: None, the loop's default executor",
                                  .nullable = true};

constexpr FieldSpec kLock = resourceField("resource", kLockKinds);
constexpr FieldSpec kWithResource = resourceField("resource", kWithKinds);
constexpr FieldSpec kCondition = resourceField("condition", kConditionKinds);
constexpr FieldSpec kBarrier = resourceField("barrier", kBarrierKinds);
constexpr FieldSpec kEvent = resourceField("event", kEventKinds);
constexpr FieldSpec kQueue = resourceField("queue", kQueueKinds);
constexpr FieldSpec kFuture = resourceField("future", kFutureKinds);

constexpr std::array kTimed{kSeconds};
// Always written when not "\n" (a fresh Step's): FieldWrite::UnlessDefault compares to it.
constexpr FieldSpec kEnd{.key = "end",
                         .type = T::Text,
                         .write = UnlessDefault,
                         .member = &Step::end,
                         .label = "End",
                         .hint = "Written after the text: print(..., end=...). A new line when "
                                 "left out."};
constexpr std::array kPrint{kText, kEnd};
constexpr std::array kCall{kCoro, kArgs, kAwait, kResultAs};
constexpr std::array kCreateTask{kCoro, kArgs, kTaskName, kTaskAs};
constexpr std::array kTaskOnly{kTask};
constexpr std::array kAwaitTask{kTask, kResultAs};
constexpr std::array kGather{kItems, kReturnExceptions, kResultAs};
constexpr std::array kBodyOnly{kBody};
constexpr std::array kWaitFor{kTimeout, kOptionalCoro, kArgs, kOptionalTask, kResultAs};
constexpr std::array kWith{kWithResource, kBody};
constexpr std::array kLockOnly{kLock};
constexpr std::array kEventOnly{kEvent};
constexpr std::array kPut{kQueue, kQueueItem};
constexpr FieldSpec kGetAs{.key = "as",
                           .type = T::Target,
                           .write = UnlessDefault,
                           .member = &Step::as,
                           .label = "Variable",
                           .initial = "\"item\""};
constexpr std::array kGet{kQueue, kGetAs};
constexpr std::array kQueueOnly{kQueue};
constexpr std::array kFutureSet{kFuture, kFutureValue};
constexpr std::array kFutureAwait{kFuture, kResultAs};
constexpr std::array kRepeat{kCount, kVar, kBody};
constexpr std::array kDrain{kQueue, kItemAs, kBody};
constexpr std::array kTry{kBody, kExcept, kFinally};
constexpr std::array kRaise{kError, kMessage};
constexpr std::array kToThread{kOptionalWork, kOptionalSeconds, kFunction, kArgs, kResultAs};
constexpr std::array kRunInExecutor{kNullablePool, kOptionalWork, kOptionalSeconds,
                                    kFunction,     kArgs,         kResultAs};
constexpr std::array kPutNowait{kQueue, kQueueItem};
constexpr std::array kGetNowait{kQueue, kResultAs};
constexpr std::array kCallSoon{kRequiredFunction, kArgs};
constexpr std::array kCallLater{kDelay, kRequiredFunction, kArgs};
constexpr std::array kWait{kItems, kReturnWhen, kLimitTimeout, kWaitAs};
constexpr std::array kAsCompleted{kItems, kLimitTimeout, kResultAs, kBody};
constexpr std::array kShield{kOptionalCoro, kArgs, kOptionalTask, kResultAs};
constexpr std::array kConditionOnly{kCondition};
constexpr std::array kConditionWaitFor{kCondition, kPredicate};
constexpr std::array kNotify{kCondition, kNotifyN};
constexpr std::array kBarrierWait{kBarrier, kResultAs};
constexpr std::array kTimeoutBlock{kLimitSeconds, kBody};
constexpr std::array kReturn{kReturnValue};
constexpr std::array kIf{kCond, kBody, kElifs, kElse};
constexpr std::array kFor{kForVar, kIn, kBody};
constexpr std::array kWhile{kCond, kBody};
constexpr std::array<FieldSpec, 0> kNoFields{};
constexpr std::array kSet{kSetName, kSetValue};
constexpr std::array kRun{kCoro, kArgs, kResultAs};

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
