// The scenarios tst_python_program exports: small hand-built models, one per group of ops, and
// the step builders they are made of.
#pragma once

#include "scenario/scenario.h"

#include <QJsonObject>

#include <optional>
#include <vector>

namespace loopscope::testing {

using K = StepKind;

inline Quantity secs(double v)
{
    return Quantity::literal(v);
}

inline Step sleep(double s)
{
    return Step{.kind = K::Sleep, .seconds = secs(s)};
}

inline Step say(const QString &text)
{
    return Step{.kind = K::Print, .text = text};
}

inline Step raise(const QString &error, const QString &message)
{
    return Step{.kind = K::Raise, .error = error, .message = message};
}

inline Step createTask(const QString &coro, const QJsonObject &args, const QString &as,
                       const QString &name = {})
{
    return Step{.kind = K::CreateTask, .coro = coro, .args = args, .name = name, .as = as};
}

inline Step onResource(K kind, const QString &resource, Steps body = {})
{
    return Step{.kind = kind, .resource = resource, .steps = std::move(body)};
}

inline Step tryStep(Steps body, std::vector<ExceptClause> excepts,
                    std::optional<Steps> finally = {})
{
    return Step{.kind = K::Try,
                .steps = std::move(body),
                .excepts = std::move(excepts),
                .finallySteps = std::move(finally)};
}

inline Resource resource(const QString &id, ResourceKind kind)
{
    return Resource{.id = id, .kind = kind};
}

// scenario-format.md's own example.
inline Scenario semaphoreScenario()
{
    Scenario s;
    s.title = QStringLiteral("Semaphore: two at a time");
    s.resources = {Resource{.id = "sem", .kind = ResourceKind::Semaphore, .value = 2}};
    s.coroutines = {
        {"access_resource",
         {"rid"},
         {onResource(K::With, "sem",
                     {say("Accessing resource {rid}"), sleep(1), say("Releasing resource {rid}")})},
         {}},
        {"main",
         {},
         {Step{.kind = K::Gather,
               .items = {{"access_resource", {{"rid", 0}}, {}, {}},
                         {"access_resource", {{"rid", 1}}, {}, {}},
                         {"access_resource", {{"rid", 2}}, {}, {}}}}},
         {}}};
    return s;
}

// wait_for with a coroutine, try/finally, except TimeoutError (lesson 18).
inline Scenario timeoutScenario()
{
    Scenario s;
    s.coroutines
        = {{"slow_operation",
            {},
            {say("Operation started"), tryStep({sleep(2), say("Operation finished")}, {},
                                               Steps{say("Operation cleaned up")})},
            {}},
           {"main",
            {},
            {tryStep({Step{.kind = K::WaitFor, .timeout = secs(1), .coro = "slow_operation"}},
                     {{"TimeoutError", {say("Timed out after 1 s")}}})},
            {}}};
    return s;
}

// wait_for with a timeout of 0: wait_for itself, not asyncio.timeout (found by differential.py).
inline Scenario zeroTimeoutScenario()
{
    Scenario s = timeoutScenario();
    s.coroutines[1].steps[0].steps[0].timeout = secs(0);
    return s;
}

// wait_for with the timeout a parameter: known only when the program runs, so both forms.
inline Scenario paramTimeoutScenario()
{
    Scenario s = timeoutScenario();
    s.coroutines[1].name = "guarded";
    s.coroutines[1].params = {"limit"};
    s.coroutines[1].steps[0].steps[0].timeout = Quantity::ref("limit");
    s.coroutines.push_back(
        {"main",
         {},
         {Step{.kind = K::Call, .coro = "guarded", .args = QJsonObject{{"limit", 0}}}},
         {}});
    return s;
}

// A TaskGroup whose failing task cancels its sibling; the group's error is caught.
inline Scenario taskGroupScenario()
{
    Scenario s;
    s.coroutines
        = {{"worker",
            {"n", "delay"},
            {tryStep({say("start {n}"), Step{.kind = K::Sleep, .seconds = Quantity::ref("delay")},
                      say("end {n}")},
                     {{"CancelledError",
                       {say("cancelled {n}"), raise("CancelledError", "stopped {n}")}}})},
            {}},
           {"failing", {}, {sleep(0.5), raise("ValueError", "boom")}, {}},
           {"main",
            {},
            {tryStep({Step{.kind = K::TaskGroup,
                           .steps = {createTask("worker", {{"n", 1}, {"delay", 2}}, "w"),
                                     createTask("failing", {}, {})}}},
                     {{"ExceptionGroup", {say("group failed")}}}),
             say("after")},
            {}}};
    return s;
}

// Producer and consumer on a pre-filled queue, join, cancel, repeat (counted and forever),
// and a drain.
inline Scenario queueScenario()
{
    Scenario s;
    s.resources = {Resource{.id = "jobs", .kind = ResourceKind::Queue, .items = {1, 2}},
                   Resource{.id = "files", .kind = ResourceKind::Queue, .items = {"a", "b"}}};
    s.coroutines
        = {{"producer",
            {},
            {Step{.kind = K::Repeat,
                  .count = secs(2),
                  .resource = {},
                  .var = "i",
                  .steps = {Step{.kind = K::Put, .resource = "jobs", .item = "extra {i}"}}}},
            {}},
           {"consumer",
            {},
            {Step{.kind = K::Repeat,
                  .steps = {Step{.kind = K::Get, .as = "job", .resource = "jobs"}, say("got {job}"),
                            onResource(K::TaskDone, "jobs")}}},
            {}},
           {"main",
            {},
            {createTask("consumer", {}, "c"), Step{.kind = K::Call, .coro = "producer"},
             onResource(K::Join, "jobs"), Step{.kind = K::Cancel, .task = "c"}, say("all done"),
             Step{.kind = K::Drain, .as = "f", .resource = "files", .steps = {say("drained {f}")}}},
            {}}};
    return s;
}

// Threads (default and named pool), a process pool with a start-up, blocking and CPU work on
// the loop, a future and an event set by another task.
inline Scenario offloadScenario()
{
    Scenario s;
    s.python.gil = false;
    s.python.cpuCount = 2;
    s.python.switchInterval = 0.01;
    s.resources
        = {Resource{.id = "pool", .kind = ResourceKind::ThreadPool, .workers = 2},
           Resource{.id = "pp", .kind = ResourceKind::ProcessPool, .workers = 1, .startup = 0.5},
           resource("answer", ResourceKind::Future), resource("ready", ResourceKind::Event)};
    auto offload = [](K kind, WorkKind work, double s, const QString &pool = {}) {
        return Step{.kind = kind, .seconds = secs(s), .resource = pool, .work = work};
    };
    s.coroutines = {
        {"setter",
         {},
         {sleep(0.1), Step{.kind = K::FutureSet, .resource = "answer", .value = 42},
          onResource(K::EventSet, "ready")},
         {}},
        {"main",
         {},
         {say("start"), offload(K::ToThread, WorkKind::Io, 1), say("io thread done"),
          offload(K::ToThread, WorkKind::Cpu, 0.5), say("cpu thread done"),
          offload(K::RunInExecutor, WorkKind::Io, 0.5, "pool"),
          offload(K::RunInExecutor, WorkKind::Cpu, 0.2, "pp"), say("process done"),
          Step{.kind = K::Block, .seconds = secs(0.2)}, Step{.kind = K::Cpu, .seconds = secs(0.1)},
          createTask("setter", {}, "s"), onResource(K::FutureAwait, "answer"), say("future done"),
          onResource(K::EventWait, "ready"), say("event seen"), Step{.kind = K::Await, .task = "s"},
          say("end")},
         {}}};
    return s;
}

// Everything else: lock ops, event_clear, gather of a named coroutine, a task and a failure
// with return_exceptions, wait_for on a task, except *, a literal {{brace}}, and an
// uncaught error at the end.
inline Scenario assortedScenario()
{
    Scenario s;
    s.resources = {resource("lk", ResourceKind::Lock), resource("ev", ResourceKind::Event)};
    s.coroutines = {
        {"child",
         {"n"},
         {say("child {n} {{unknown}}"), Step{.kind = K::Sleep, .seconds = Quantity::ref("n")}},
         {}},
        {"fails", {}, {raise("KeyError", "k")}, {}},
        {"main",
         {},
         {onResource(K::Acquire, "lk"), say("locked"), onResource(K::Release, "lk"),
          onResource(K::EventClear, "ev"), createTask("child", {{"n", 1}}, "t1", "kid-{x}"),
          Step{.kind = K::Gather,
               .items
               = {{"child", {{"n", 0.5}}, "named", {}}, {{}, {}, {}, "t1"}, {"fails", {}, {}, {}}},
               .returnExceptions = true},
          say("gathered"), createTask("child", {{"n", 5}}, "slow"),
          tryStep({Step{.kind = K::WaitFor, .timeout = secs(0.3), .task = "slow"}},
                  {{"TimeoutError", {say("slow timed out")}}}),
          tryStep({raise("ValueError", "v")}, {{"*", {say("caught any")}}}),
          Step{.kind = K::Call, .coro = "child", .args = {{"n", 0}}}, say("before failure"),
          raise("RuntimeError", "broken")},
         {}}};
    return s;
}

// fetch(url="/a") without await, then await fetch(url="/b") (lesson 23).
inline Scenario forgottenAwaitScenario()
{
    Scenario s;
    s.title = QStringLiteral("A forgotten await");
    s.coroutines
        = {{"fetch", {"url"}, {say("fetching {url}"), sleep(0.1)}, {}},
           {"main",
            {},
            {say("before"),
             Step{.kind = K::Call, .coro = "fetch", .args = {{"url", "/a"}}, .awaited = false},
             say("after"), Step{.kind = K::Call, .coro = "fetch", .args = {{"url", "/b"}}}},
            {}}};
    return s;
}

} // namespace loopscope::testing
