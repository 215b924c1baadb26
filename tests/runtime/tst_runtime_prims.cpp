// Issue 15's missing primitives at run time, on the virtual clock: the default pool
// (run_in_executor with pool null), awaitable ops and `*expr` as gather items, plain functions
// on pool workers (their prints at the worker's time, on its lane; their return value), loop
// callbacks (call_soon, call_later), put_nowait/get_nowait, wait, as_completed, shield,
// Condition, Barrier and the timeout block. Expected prints are CPython 3.12's (the exported
// programs; each family's hand-written program is tests/fidelity/prims-*.py).
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

QByteArray scenario(const char *resources, const char *functions, const char *coroutines)
{
    return QByteArray(R"({"format": "loopscope-scenario", "version": 1, "resources": [)")
           + resources + R"(], "functions": [)" + functions + R"(], "coroutines": [)" + coroutines
           + "]}";
}

} // namespace

class TestRuntimePrims : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultPoolFunctionAndOpItems();
    void functionReturnValues();
    void loopCallbacks();
    void nowaitRaisesQueueFullAndEmpty();
    void waitAndAsCompleted();
    void conditionBarrierAndTimeout();
    void timeoutZeroCancelsBeforeTheNextStep();
    void refusesBadFields_data();
    void refusesBadFields();
};

namespace {

// The scenarios D wrote with the primitives (their exports ran under CPython 3.12: same prints).
const char *const kExecutor
    = R"JSON({"format": "loopscope-scenario", "version": 1, "title": "executor", "functions": [{"name": "work", "params": ["n"], "steps": [{"op": "print", "text": "start {n}"}, {"op": "block", "seconds": 1}, {"op": "print", "text": "end {n}"}]}], "coroutines": [{"name": "main", "steps": [{"op": "run_in_executor", "pool": null, "function": "work", "args": {"n": 1}, "as": "r"}, {"op": "print", "text": "got {r}"}, {"op": "gather", "items": [{"op": "sleep", "seconds": 0.5}, {"op": "to_thread", "function": "work", "args": {"n": 2}}]}, {"op": "print", "text": "done"}]}]})JSON";
const char *const kReturns
    = R"JSON({"format": "loopscope-scenario", "version": 1, "resources": [{"id": "pool", "kind": "process_pool", "workers": 2}], "functions": [{"name": "square", "params": ["n"], "steps": [{"op": "cpu", "seconds": 0.5}, {"op": "print", "text": "squared {n}"}, {"op": "return", "value": "$n * n"}]}], "coroutines": [{"name": "main", "steps": [{"op": "to_thread", "function": "square", "args": {"n": 3}, "as": "a"}, {"op": "gather", "items": [{"op": "run_in_executor", "pool": "pool", "function": "square", "args": {"n": 4}}, {"op": "run_in_executor", "pool": null, "function": "square", "args": {"n": 5}}], "as": "L"}, {"op": "print", "text": "a={a} L={L}"}]}]})JSON";
const char *const kCallbacks
    = R"JSON({"format": "loopscope-scenario", "version": 1, "title": "callbacks", "functions": [{"name": "hello", "params": ["who"], "steps": [{"op": "print", "text": "hello {who}"}]}], "coroutines": [{"name": "main", "steps": [{"op": "call_later", "delay": 0.5, "function": "hello", "args": {"who": "later"}}, {"op": "call_soon", "function": "hello", "args": {"who": "soon"}}, {"op": "print", "text": "scheduled"}, {"op": "sleep", "seconds": 0}, {"op": "print", "text": "after sleep 0"}, {"op": "sleep", "seconds": 1}, {"op": "print", "text": "end"}]}]})JSON";
const char *const kNowait
    = R"JSON({"format": "loopscope-scenario", "version": 1, "title": "nowait", "resources": [{"id": "q", "kind": "queue", "maxsize": 1}], "coroutines": [{"name": "main", "steps": [{"op": "put_nowait", "queue": "q", "item": 1}, {"op": "try", "steps": [{"op": "put_nowait", "queue": "q", "item": 2}], "except": {"QueueFull": [{"op": "print", "text": "full"}]}}, {"op": "get_nowait", "queue": "q", "as": "x"}, {"op": "print", "text": "got {x}"}, {"op": "get_nowait", "queue": "q"}]}]})JSON";
const char *const kWait
    = R"JSON({"format": "loopscope-scenario", "version": 1, "title": "wait", "coroutines": [{"name": "job", "params": ["s"], "steps": [{"op": "sleep", "seconds": "$s"}, {"op": "print", "text": "job {s}"}]}, {"name": "main", "steps": [{"op": "create_task", "coro": "job", "args": {"s": 1}, "as": "a"}, {"op": "create_task", "coro": "job", "args": {"s": 2}, "as": "b"}, {"op": "wait", "items": [{"task": "a"}, {"task": "b"}], "return_when": "FIRST_COMPLETED", "as": "done, pending"}, {"op": "print", "text": "done {len(done)} pending {len(pending)}"}, {"op": "wait", "items": [{"task": "b"}], "timeout": 0.5, "as": "done, pending"}, {"op": "print", "text": "timeout: done {len(done)} pending {len(pending)}"}, {"op": "as_completed", "items": [{"coro": "job", "args": {"s": 0.3}}, {"task": "b"}, {"coro": "job", "args": {"s": 0.1}}], "steps": [{"op": "print", "text": "completed"}]}, {"op": "print", "text": "end"}]}]})JSON";
const char *const kCondition
    = R"JSON({"format": "loopscope-scenario", "version": 1, "title": "condition", "resources": [{"id": "cond", "kind": "condition"}, {"id": "bar", "kind": "barrier", "parties": 3}], "coroutines": [{"name": "consumer", "params": ["n"], "steps": [{"op": "with", "resource": "cond", "steps": [{"op": "print", "text": "consumer {n} waits"}, {"op": "condition_wait", "condition": "cond"}, {"op": "print", "text": "consumer {n} woke"}]}]}, {"name": "party", "params": ["n"], "steps": [{"op": "sleep", "seconds": "$n"}, {"op": "barrier_wait", "barrier": "bar", "as": "i"}, {"op": "print", "text": "party {n} index {i}"}]}, {"name": "main", "steps": [{"op": "create_task", "coro": "consumer", "args": {"n": 1}, "as": "c1"}, {"op": "create_task", "coro": "consumer", "args": {"n": 2}, "as": "c2"}, {"op": "sleep", "seconds": 1}, {"op": "with", "resource": "cond", "steps": [{"op": "notify", "condition": "cond"}]}, {"op": "sleep", "seconds": 1}, {"op": "with", "resource": "cond", "steps": [{"op": "notify_all", "condition": "cond"}]}, {"op": "gather", "items": [{"task": "c1"}, {"task": "c2"}, {"coro": "party", "args": {"n": 0.5}}, {"coro": "party", "args": {"n": 0.1}}, {"coro": "party", "args": {"n": 0.2}}]}, {"op": "try", "steps": [{"op": "timeout", "seconds": 0.5, "steps": [{"op": "sleep", "seconds": 1}, {"op": "print", "text": "not reached"}]}], "except": {"TimeoutError": [{"op": "print", "text": "timed out"}]}}, {"op": "create_task", "coro": "party", "args": {"n": 0.1}, "as": "p"}, {"op": "print", "text": "end"}]}]})JSON";

} // namespace

// run_in_executor(None, work, 1): the default pool's thread asyncio_0 runs the function's steps,
// its prints at the thread's time on its lane; gather of asyncio.sleep(0.5) and
// asyncio.to_thread(work, 2) wraps each in a task (sleep-1, to_thread-1). CPython 3.12 prints
// the same lines in the same order (the export run under python3.12).
void TestRuntimePrims::defaultPoolFunctionAndOpItems()
{
    const Trace trace = runJson(kExecutor);
    QCOMPARE(printsText(trace),
             QStringList({"0 asyncio_0: start 1", "1 asyncio_0: end 1", "1 main: got None",
                          "1 asyncio_0: start 2", "2 asyncio_0: end 2", "2 main: done"}));
    QCOMPARE(spansText(trace, "main"), QString("running 0-0 | waiting 0-1 thread | running 1-1 | "
                                               "waiting 1-2 gather | running 2-2"));
    QCOMPARE(spansText(trace, "sleep-1"),
             QString("running 1-1 | waiting 1-1.5 timer | running 1.5-1.5"));
    QCOMPARE(spansText(trace, "to_thread-1"),
             QString("running 1-1 | waiting 1-2 thread | running 2-2"));
    QCOMPARE(spansText(trace, "asyncio_0"), QString("blocking 0-2"));
    QCOMPARE(resultsText(trace), QString("main=done sleep-1=done to_thread-1=done"));
    QCOMPARE(invariantProblem(trace), QString());
}

// A function's return value is the await's: to_thread's `as`, and gather's list of a process
// pool's and the default pool's futures. The cpu steps are the workers' (0.5 s each, the two
// pools in parallel); CPython 3.12 prints "squared 3", "squared 5", "squared 4", "a=9 L=[16, 25]".
void TestRuntimePrims::functionReturnValues()
{
    const Trace trace = runJson(kReturns);
    QCOMPARE(printsText(trace), QStringList({"0.5 asyncio_0: squared 3", "1 asyncio_0: squared 5",
                                             "1 Process-1: squared 4", "1 main: a=9 L=[16, 25]"}));
    QCOMPARE(spansText(trace, "asyncio_0"), QString("running 0-1"));
    QCOMPARE(spansText(trace, "Process-1"), QString("running 0.5-1"));
}

// call_soon runs at the next iteration, before main resumes from sleep(0); call_later(0.5) at
// 0.5; both on the event loop's lane, which is the one lane of kind loop.
void TestRuntimePrims::loopCallbacks()
{
    const Trace trace = runJson(kCallbacks);
    QCOMPARE(printsText(trace),
             QStringList({"0 main: scheduled", "0 event loop: hello soon", "0 main: after sleep 0",
                          "0.5 event loop: hello later", "1 main: end"}));
    int loops = 0;
    for (const Lane &lane : trace.lanes)
        loops += lane.kind == LaneKind::Loop;
    QCOMPARE(loops, 1);
    QCOMPARE(trace.lanes.back().kind, LaneKind::Loop);
    QCOMPARE(spansText(trace, "event loop"), QString("waiting 0-1 select"));
}

// put_nowait on a full queue raises QueueFull (caught), get_nowait on an empty one QueueEmpty
// (uncaught: main fails with it, as asyncio.queues.QueueEmpty ends CPython's run).
void TestRuntimePrims::nowaitRaisesQueueFullAndEmpty()
{
    const Trace trace = runJson(kNowait);
    QCOMPARE(printsText(trace), QStringList({"0 main: full", "0 main: got 1"}));
    QCOMPARE(resultsText(trace), QString("main=failed"));
    QCOMPARE(trace.outcome.error, QString("QueueEmpty"));
}

// wait(FIRST_COMPLETED) returns when job(1) ends; wait(timeout=0.5) with nothing done by then;
// as_completed gives the tasks in the order they end. Spans and prints are those of CPython
// 3.12 (loopscope record --virtual of the export: the same times).
void TestRuntimePrims::waitAndAsCompleted()
{
    const Trace trace = runJson(kWait);
    QCOMPARE(printsText(trace),
             QStringList({"1 job-1: job 1", "1 main: done 1 pending 1",
                          "1.5 main: timeout: done 0 pending 1", "1.6 job-4: job 0.1",
                          "1.6 main: completed", "1.8 job-3: job 0.3", "1.8 main: completed",
                          "2 job-2: job 2", "2 main: completed", "2 main: end"}));
    QCOMPARE(spansText(trace, "main"),
             QString("running 0-0 | waiting 0-1 wait | running 1-1 | waiting 1-1.5 wait | "
                     "running 1.5-1.5 | waiting 1.5-1.6 as_completed | running 1.6-1.6 | "
                     "waiting 1.6-1.8 as_completed | running 1.8-1.8 | waiting 1.8-2 as_completed "
                     "| running 2-2"));
    QCOMPARE(spansText(trace, "job-4"),
             QString("running 1.5-1.5 | waiting 1.5-1.6 timer | running 1.6-1.6"));
    QCOMPARE(resultsText(trace), QString("main=done job-1=done job-2=done job-3=done job-4=done"));
}

// notify() wakes one waiter at 1, notify_all() the other at 2 (blocked on the condition, as
// CPython's recorder calls Condition.wait); the barrier of 3 releases every party when the
// last arrives (index = arrival order); the timeout block raises TimeoutError at 3.
void TestRuntimePrims::conditionBarrierAndTimeout()
{
    const Trace trace = runJson(kCondition);
    QCOMPARE(printsText(trace),
             QStringList({"0 consumer-1: consumer 1 waits", "0 consumer-2: consumer 2 waits",
                          "1 consumer-1: consumer 1 woke", "2 consumer-2: consumer 2 woke",
                          "2.5 party-1: party 0.5 index 2", "2.5 party-2: party 0.1 index 0",
                          "2.5 party-3: party 0.2 index 1", "3 main: timed out", "3 main: end"}));
    QCOMPARE(spansText(trace, "consumer-1"),
             QString("running 0-0 | blocked 0-1 cond | running 1-1"));
    QCOMPARE(spansText(trace, "consumer-2"),
             QString("running 0-0 | blocked 0-2 cond | running 2-2"));
    QCOMPARE(spansText(trace, "party-2"),
             QString("running 2-2 | waiting 2-2.1 timer | running 2.1-2.1 | blocked 2.1-2.5 bar | "
                     "running 2.5-2.5"));
    QCOMPARE(spansText(trace, "main"),
             QString("running 0-0 | waiting 0-1 timer | running 1-1 | waiting 1-2 timer | running "
                     "2-2 | waiting 2-2.5 gather | running 2.5-2.5 | waiting 2.5-3 timer | "
                     "running 3-3"));
}

// timeout(0): timeouts.py call_soon's the cancellation on entry, so it runs before the task's
// step after sleep(0) (which then raises CancelledError: TimeoutError out of the block); a body
// that never suspends leaves first and the handle is cancelled. As CPython 3.12 (differential,
// seed 199); with a timer due now, the sleep(0) finished first.
void TestRuntimePrims::timeoutZeroCancelsBeforeTheNextStep()
{
    const ScenarioLoad load = readScenarioFile(QStringLiteral(
        LOOPSCOPE_SOURCE_DIR "/tests/runtime/scenarios/prims/timeout-zero.loop.json"));
    QVERIFY(load.ok());
    const Trace trace = runScenario(*load.scenario);
    QCOMPARE(printsText(trace), QStringList({"0 main: sleep 0 cancelled", "0 main: timed out",
                                             "0 main: body never suspends", "0 main: after"}));
    QCOMPARE(resultsText(trace), QString("main=done"));
}

void TestRuntimePrims::refusesBadFields_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("problem");
    const auto row
        = [](const char *name, const char *resources, const char *steps, const char *problem) {
              QTest::newRow(name) << scenario(
                  resources, R"({"name": "f", "params": ["n"], "steps": []})",
                  (QByteArray(R"({"name": "main", "steps": [)") + steps + "]}").constData())
                                  << QString::fromUtf8(problem);
          };
    row("unknown_function", "", R"({"op": "call_soon", "function": "g", "args": {}})",
        "coroutines[0].steps[0].function: expected the name of a function (f), got \"g\"");
    row("function_and_work", "",
        R"({"op": "to_thread", "function": "f", "args": {"n": 1}, "work": "io", "seconds": 1})",
        "coroutines[0].steps[0]: expected \"function\" or \"work\" and \"seconds\", got both");
    row("missing_arg", "", R"({"op": "to_thread", "function": "f"})",
        "coroutines[0].steps[0].args: expected a value for every parameter of \"f\" (n), got "
        "none for \"n\"");
    row("bad_return_when", "", R"({"op": "wait", "items": [], "return_when": "FIRST"})",
        "coroutines[0].steps[0].return_when: expected \"FIRST_COMPLETED\", \"FIRST_EXCEPTION\" or "
        "\"ALL_COMPLETED\", got \"FIRST\"");
    row("item_not_awaitable", "", R"({"op": "gather", "items": [{"op": "print", "text": "x"}]})",
        "coroutines[0].steps[0].items[0].op: expected \"sleep\", \"to_thread\", "
        "\"run_in_executor\" or \"shield\" (an awaitable), got \"print\"");
    row("notify_a_lock", R"({"id": "l", "kind": "lock"})", R"({"op": "notify", "condition": "l"})",
        "coroutines[0].steps[0].condition: expected a condition, got \"l\" (a lock)");
    row("condition_lock_not_a_lock",
        R"({"id": "e", "kind": "event"}, {"id": "c", "kind": "condition", "lock": "e"})", "",
        "resources[1].lock: expected the id of a lock, got \"e\" (an event)");
    row("barrier_parties", R"({"id": "b", "kind": "barrier", "parties": 0})", "",
        "resources[0].parties: expected a whole number ≥ 1, got 0");
    row("pool_null_elsewhere", "", R"({"op": "with", "resource": null, "steps": []})",
        "coroutines[0].steps[0].resource: expected the id of a lock, semaphore or condition, got "
        "null");
}

void TestRuntimePrims::refusesBadFields()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, problem);
    const QStringList found = jsonProblems(json);
    if (!found.contains(problem))
        QFAIL(qPrintable(found.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestRuntimePrims)
#include "tst_runtime_prims.moc"
