// The fields of every op, as op_table.cpp's rows list them: one FieldSpec per kind of field (its
// key, type, whether it is required or written, the Step member, label, hint and the value a new
// palette block gets), then each op's fields in the order the editor shows them. Only
// op_table.cpp includes this.
#pragma once

#include "scenario/op_table.h"

#include <array>

namespace loopscope::op_fields {

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
// wait_for's timeout: null is None, no deadline, held as an infinite Quantity (Step::timeout).
constexpr FieldSpec kTimeout{.key = "timeout",
                             .type = T::Duration,
                             .need = Required,
                             .member = &Step::timeout,
                             .label = "Timeout",
                             .initial = "1",
                             .nullable = true};
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
// The loop a call_soon, call_later or stop is made on (`loop.stop()`); without it the
// running loop's (asyncio.get_running_loop()). run_forever and close need it.
constexpr FieldSpec kLoop{.key = "loop",
                          .type = T::Expression,
                          .write = UnlessDefault,
                          .member = &Step::loop,
                          .label = "Loop",
                          .hint = "The loop's variable (loop = asyncio.new_event_loop()); empty: "
                                  "asyncio.get_running_loop()"};
constexpr FieldSpec kRequiredLoop{.key = "loop",
                                  .type = T::Expression,
                                  .need = Required,
                                  .member = &Step::loop,
                                  .label = "Loop",
                                  .initial = "\"loop\"",
                                  .hint = "The loop's variable (loop = asyncio.new_event_loop())"};
constexpr std::array kCallSoon{kRequiredFunction, kArgs, kLoop};
constexpr std::array kCallLater{kDelay, kRequiredFunction, kArgs, kLoop};
constexpr std::array kLoopOnly{kLoop};
constexpr std::array kRequiredLoopOnly{kRequiredLoop};
constexpr std::array kRunUntilComplete{kRequiredLoop, kCoro, kArgs, kResultAs};
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

} // namespace loopscope::op_fields
