// A program that runs the loop itself (issue 16): loop = asyncio.new_event_loop(), call_soon
// and call_later before it runs, run_forever, stop from a callback, close. Each scenario is
// what the importer makes of a small program; the expected prints and errors are CPython
// 3.12's running that program (base_events.py: stop() ends the loop after the iteration it is
// in; called before run_forever, the next run_forever runs one iteration that waits for nothing).
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

// def a(loop): print("a"); loop.stop(); loop.call_soon(c, loop)
// def b(loop): print("b")
// def c(loop): print("c"); loop.stop()
// loop = asyncio.new_event_loop(); loop.call_soon(a, loop); loop.call_soon(b, loop)
// loop.run_forever(); print("first run over"); loop.run_forever(); print("second run over")
// loop.close()
const char *const kStopInCallback
    = R"JSON({"format": "loopscope-scenario", "version": 1, "functions": [{"name": "a", "params": ["loop"], "steps": [{"op": "print", "text": "a"}, {"op": "stop", "loop": "loop"}, {"op": "call_soon", "function": "c", "args": {"loop": "$loop"}, "loop": "loop"}]}, {"name": "b", "params": ["loop"], "steps": [{"op": "print", "text": "b"}]}, {"name": "c", "params": ["loop"], "steps": [{"op": "print", "text": "c"}, {"op": "stop", "loop": "loop"}]}], "coroutines": [], "program": [{"op": "set", "name": "loop", "value": "$asyncio.new_event_loop()"}, {"op": "call_soon", "function": "a", "args": {"loop": "$loop"}, "loop": "loop"}, {"op": "call_soon", "function": "b", "args": {"loop": "$loop"}, "loop": "loop"}, {"op": "run_forever", "loop": "loop"}, {"op": "print", "text": "first run over"}, {"op": "run_forever", "loop": "loop"}, {"op": "print", "text": "second run over"}, {"op": "close", "loop": "loop"}]})JSON";

// def hello(loop): print("hello"); loop.stop()
// def b(loop): print("b")
// loop = asyncio.new_event_loop(); t0 = loop.time()
// loop.call_later(1, hello, loop); loop.call_soon(b, loop); loop.stop()
// loop.run_forever(); print("after"); loop.run_forever(); loop.close()
// then call_soon and run_forever on the closed loop, each in try/except RuntimeError as e:
// print(e); and close() once more (a closed loop closes quietly).
const char *const kStopBeforeRun
    = R"JSON({"format": "loopscope-scenario", "version": 1, "functions": [{"name": "hello", "params": ["loop"], "steps": [{"op": "print", "text": "hello"}, {"op": "stop", "loop": "loop"}]}, {"name": "b", "params": ["loop"], "steps": [{"op": "print", "text": "b"}]}], "coroutines": [], "program": [{"op": "set", "name": "loop", "value": "$asyncio.new_event_loop()"}, {"op": "set", "name": "t0", "value": "$loop.time()"}, {"op": "call_later", "delay": 1, "function": "hello", "args": {"loop": "$loop"}, "loop": "loop"}, {"op": "call_soon", "function": "b", "args": {"loop": "$loop"}, "loop": "loop"}, {"op": "stop", "loop": "loop"}, {"op": "run_forever", "loop": "loop"}, {"op": "print", "text": "after"}, {"op": "run_forever", "loop": "loop"}, {"op": "close", "loop": "loop"}, {"op": "try", "steps": [{"op": "call_soon", "function": "b", "args": {"loop": "$loop"}, "loop": "loop"}], "except": {"RuntimeError": {"as": "e", "steps": [{"op": "print", "text": "{e}"}]}}}, {"op": "try", "steps": [{"op": "run_forever", "loop": "loop"}], "except": {"RuntimeError": {"as": "e", "steps": [{"op": "print", "text": "{e}"}]}}}, {"op": "close", "loop": "loop"}]})JSON";

// async def main(): asyncio.get_running_loop().stop(); await asyncio.sleep(1); print("...")
// asyncio.run(main())
const char *const kStopUnderRun
    = R"JSON({"format": "loopscope-scenario", "version": 1, "coroutines": [{"name": "main", "steps": [{"op": "stop"}, {"op": "sleep", "seconds": 1}, {"op": "print", "text": "not reached"}]}]})JSON";

// async def w(i): print("w", i); await asyncio.sleep(10)
// async def both(): await asyncio.gather(w(1), w(2))
// def starter(loop): asyncio.create_task(w(0)); asyncio.create_task(both())
//     loop.call_later(1, halt, loop)
// def halt(loop): loop.stop()
// loop = asyncio.new_event_loop(); loop.call_soon(starter, loop); loop.run_forever()
// print("after"); loop.close()
const char *const kLeftPending
    = R"JSON({"format": "loopscope-scenario", "version": 1, "functions": [{"name": "starter", "params": ["loop"], "steps": [{"op": "create_task", "coro": "w", "args": {"i": 0}}, {"op": "create_task", "coro": "both"}, {"op": "call_later", "delay": 1, "function": "halt", "args": {"loop": "$loop"}, "loop": "loop"}]}, {"name": "halt", "params": ["loop"], "steps": [{"op": "stop", "loop": "loop"}]}], "coroutines": [{"name": "w", "params": ["i"], "steps": [{"op": "print", "text": "w {i}"}, {"op": "sleep", "seconds": 10}]}, {"name": "both", "steps": [{"op": "gather", "items": [{"coro": "w", "args": {"i": 1}}, {"coro": "w", "args": {"i": 2}}]}]}], "program": [{"op": "set", "name": "loop", "value": "$asyncio.new_event_loop()"}, {"op": "call_soon", "function": "starter", "args": {"loop": "$loop"}, "loop": "loop"}, {"op": "run_forever", "loop": "loop"}, {"op": "print", "text": "after"}, {"op": "close", "loop": "loop"}]})JSON";

// try: asyncio.get_running_loop()
// except RuntimeError as e: print("before:", e)
// def cb(): print("in a callback:", asyncio.get_running_loop().time() >= 0)
// loop = asyncio.new_event_loop(); loop.call_soon(cb); loop.call_soon(halt, loop)
// loop.run_forever(); loop.close(); asyncio.get_running_loop()
const char *const kNoRunningLoop
    = R"JSON({"format": "loopscope-scenario", "version": 1, "functions": [{"name": "cb", "steps": [{"op": "print", "text": "in a callback: {asyncio.get_running_loop().time() >= 0}"}]}, {"name": "halt", "params": ["loop"], "steps": [{"op": "stop", "loop": "loop"}]}], "coroutines": [], "program": [{"op": "try", "steps": [{"op": "set", "name": "x", "value": "$asyncio.get_running_loop()"}], "except": {"RuntimeError": {"as": "e", "steps": [{"op": "print", "text": "before: {e}"}]}}}, {"op": "set", "name": "loop", "value": "$asyncio.new_event_loop()"}, {"op": "call_soon", "function": "cb", "loop": "loop"}, {"op": "call_soon", "function": "halt", "args": {"loop": "$loop"}, "loop": "loop"}, {"op": "run_forever", "loop": "loop"}, {"op": "close", "loop": "loop"}, {"op": "set", "name": "x", "value": "$asyncio.get_running_loop()"}]})JSON";

// async def work(n): print('work', n); await asyncio.sleep(n); return n * 10
// async def fail(): await asyncio.sleep(0.5); raise ValueError('bad')
// async def idle(): await asyncio.sleep(100)
// async def spawner(): asyncio.create_task(idle()); return 'spawned'
// loop = asyncio.new_event_loop()
// try: r = loop.run_until_complete(work(1)); print('r', r); loop.run_until_complete(work(2))
//      print('second'); try: loop.run_until_complete(fail()) except ValueError as e: print(...)
//      s = loop.run_until_complete(spawner()); print(s)
// finally: loop.close()
// try: loop.run_until_complete(work(3)) except RuntimeError as e: print(e)
const char *const kRunUntilComplete
    = R"JSON({"format": "loopscope-scenario", "version": 1, "coroutines": [{"name": "work", "params": ["n"], "steps": [{"op": "print", "text": "work {n}"}, {"op": "sleep", "seconds": "$n"}, {"op": "return", "value": "$n * 10"}]}, {"name": "fail", "steps": [{"op": "sleep", "seconds": 0.5}, {"op": "raise", "error": "ValueError", "message": "bad"}]}, {"name": "idle", "steps": [{"op": "sleep", "seconds": 100}]}, {"name": "spawner", "steps": [{"op": "create_task", "coro": "idle"}, {"op": "return", "value": "spawned"}]}], "program": [{"op": "set", "name": "loop", "value": "$asyncio.new_event_loop()"}, {"op": "try", "steps": [{"op": "run_until_complete", "loop": "loop", "coro": "work", "args": {"n": 1}, "as": "r"}, {"op": "print", "text": "r {r}"}, {"op": "run_until_complete", "loop": "loop", "coro": "work", "args": {"n": 2}}, {"op": "print", "text": "second"}, {"op": "try", "steps": [{"op": "run_until_complete", "loop": "loop", "coro": "fail"}], "except": {"ValueError": {"as": "e", "steps": [{"op": "print", "text": "caught {e}"}]}}}, {"op": "run_until_complete", "loop": "loop", "coro": "spawner", "as": "s"}, {"op": "print", "text": "{s}"}], "finally": [{"op": "close", "loop": "loop"}]}, {"op": "try", "steps": [{"op": "run_until_complete", "loop": "loop", "coro": "work", "args": {"n": 3}}], "except": {"RuntimeError": {"as": "e", "steps": [{"op": "print", "text": "{e}"}]}}}]})JSON";

// async def stopper(loop): loop.stop(); await asyncio.sleep(1); print('late')
// loop = asyncio.new_event_loop()
// try: loop.run_until_complete(stopper(loop)) except RuntimeError as e: print(e)
// print(loop.run_until_complete(work(2))); loop.close()
const char *const kStoppedBeforeComplete
    = R"JSON({"format": "loopscope-scenario", "version": 1, "coroutines": [{"name": "work", "params": ["n"], "steps": [{"op": "print", "text": "work {n}"}, {"op": "sleep", "seconds": "$n"}, {"op": "return", "value": "$n * 10"}]}, {"name": "stopper", "params": ["loop"], "steps": [{"op": "stop", "loop": "loop"}, {"op": "sleep", "seconds": 1}, {"op": "print", "text": "late"}]}], "program": [{"op": "set", "name": "loop", "value": "$asyncio.new_event_loop()"}, {"op": "try", "steps": [{"op": "run_until_complete", "loop": "loop", "coro": "stopper", "args": {"loop": "$loop"}}], "except": {"RuntimeError": {"as": "e", "steps": [{"op": "print", "text": "{e}"}]}}}, {"op": "run_until_complete", "loop": "loop", "coro": "work", "args": {"n": 2}, "as": "r"}, {"op": "print", "text": "{r}"}, {"op": "close", "loop": "loop"}]})JSON";

QString diagnosticsText(const Trace &trace)
{
    QStringList lines;
    for (const Diagnostic &d : trace.diagnostics)
        lines << QStringLiteral("%1 %2 %3: %4")
                     .arg(d.t)
                     .arg(trace.lanes[std::size_t(d.lane)].name, d.code, d.message);
    return lines.join(QLatin1Char('\n'));
}

QByteArray program(const char *steps)
{
    return QByteArray(R"({"format": "loopscope-scenario", "version": 1, "functions": [
        {"name": "f", "steps": [{"op": "close", "loop": "loop"}]}],
        "coroutines": [{"name": "main", "steps": [{"op": "run_forever", "loop": "loop"}]}],
        "program": )")
           + steps + "}";
}

} // namespace

class TestRuntimeOwnLoop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stopEndsTheIterationItIsIn();
    void stopBeforeRunForeverWaitsForNothing();
    void stopUnderAsyncioRunEndsTheRun();
    void pendingTasksAreDestroyedAtTheEnd();
    void getRunningLoopOutsideTheLoopRaises();
    void loopFieldIsEvaluated();
    void checkRefusesLoopOpsOutOfPlace();
    void runUntilCompleteRunsTheLoopUntilTheTaskIsDone();
    void runUntilCompleteOfALoopStoppedEarlyRaises();
    void checkRefusesRunUntilCompleteOutOfPlace();
};

// a's stop() lets b, ready in the same iteration, run; c, which a scheduled, waits for the
// second run_forever. Everything on the event loop's lane, at 0; no main.
void TestRuntimeOwnLoop::stopEndsTheIterationItIsIn()
{
    const Trace trace = runJson(kStopInCallback);
    QCOMPARE(printsText(trace),
             QStringList({"0 event loop: a", "0 event loop: b", "0 event loop: first run over",
                          "0 event loop: c", "0 event loop: second run over"}));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QCOMPARE(trace.duration, 0.0);
    QVERIFY(!laneNamed(trace, QStringLiteral("main")));
}

// A stop() before run_forever: one iteration that runs b and waits for no timer, so the time
// stays 0; the second run_forever waits for the timer, at exactly 1.0 (call_at(time() + 1)).
// A closed loop refuses call_soon and run_forever with CPython's message.
void TestRuntimeOwnLoop::stopBeforeRunForeverWaitsForNothing()
{
    const Trace trace = runJson(kStopBeforeRun);
    QCOMPARE(
        printsText(trace),
        QStringList({"0 event loop: b", "0 event loop: after", "1 event loop: hello",
                     "1 event loop: Event loop is closed", "1 event loop: Event loop is closed"}));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QCOMPARE(trace.duration, 1.0);
}

// run_until_complete's own error when the loop stops before main is done; main is then
// cancelled by asyncio.run's shutdown, at 0.
void TestRuntimeOwnLoop::stopUnderAsyncioRunEndsTheRun()
{
    const Trace trace = runJson(kStopUnderRun);
    QCOMPARE(printsText(trace), QStringList());
    QCOMPARE(trace.outcome.status, OutcomeStatus::Failed);
    QCOMPARE(trace.outcome.error,
             QStringLiteral("RuntimeError: Event loop stopped before Future completed."));
    QCOMPARE(trace.duration, 0.0);
    QCOMPARE(resultsText(trace), QStringLiteral("main=cancelled"));
}

// The loop stops at 1 with three tasks asleep: the program goes on and ends, and CPython's
// Task.__del__ logs the two made with create_task (w-1, both-1), not gather's (w-2, w-3).
void TestRuntimeOwnLoop::pendingTasksAreDestroyedAtTheEnd()
{
    const Trace trace = runJson(kLeftPending);
    QCOMPARE(printsText(trace),
             QStringList({"0 w-1: w 0", "0 w-2: w 1", "0 w-3: w 2", "1 event loop: after"}));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QCOMPARE(diagnosticsText(trace),
             QStringLiteral("1 w-1 destroyed-pending: Task was destroyed but it is pending!: "
                            "<Task pending name='w-1'>\n"
                            "1 both-1 destroyed-pending: Task was destroyed but it is pending!: "
                            "<Task pending name='both-1'>"));
}

// The module's code runs with no loop running, before run_forever and after it: CPython's
// RuntimeError; a callback runs on the running loop.
void TestRuntimeOwnLoop::getRunningLoopOutsideTheLoopRaises()
{
    const Trace trace = runJson(kNoRunningLoop);
    QCOMPARE(printsText(trace), QStringList({"0 event loop: before: no running event loop",
                                             "0 event loop: in a callback: True"}));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Failed);
    QCOMPARE(trace.outcome.error, QStringLiteral("RuntimeError: no running event loop"));
}

// `x.stop()` of a value that is no loop, and of a name nothing binds, fail as Python's do.
void TestRuntimeOwnLoop::loopFieldIsEvaluated()
{
    const QByteArray head = R"({"format": "loopscope-scenario", "version": 1, "coroutines": [],
        "program": [{"op": "set", "name": "x", "value": 5}, )";
    Trace trace
        = runJson(head + R"({"op": "stop", "loop": "x"}, {"op": "run_forever", "loop": "x"}]})");
    QCOMPARE(trace.outcome.status, OutcomeStatus::Failed);
    QCOMPARE(trace.outcome.error, QStringLiteral("AttributeError: 'int' object has no attribute "
                                                 "'stop'"));
    const QByteArray closed = R"J({"op": "set", "name": "lp", "value": "$asyncio.new_event_loop()"},
        {"op": "stop", "loop": "lp"}, {"op": "run_forever", "loop": "lp"}, {"op": "close", "loop": "lp"},
        {"op": "run_forever", "loop": "lp"}]})J";
    trace = runJson(head + closed);
    QCOMPARE(trace.outcome.error, QStringLiteral("RuntimeError: Event loop is closed"));
    // Nothing scheduled and no stop(): CPython's run_forever waits for ever.
    const QByteArray hangs = R"J({"op": "set", "name": "lp", "value": "$asyncio.new_event_loop()"},
        {"op": "run_forever", "loop": "lp"}, {"op": "print", "text": "never"}]})J";
    trace = runJson(head + hangs);
    QCOMPARE(trace.outcome.status, OutcomeStatus::Deadlock);
    QCOMPARE(trace.outcome.error, QStringLiteral("loop.run_forever() never returns: no callback, "
                                                 "timer or task is left to run, and nothing "
                                                 "calls loop.stop()"));
    QCOMPARE(printsText(trace), QStringList());
}

// run_forever and close belong to the program, which runs the loop either with run_forever
// or with one run (asyncio.run makes a loop of its own).
void TestRuntimeOwnLoop::checkRefusesLoopOpsOutOfPlace()
{
    const char *both = R"J([{"op": "set", "name": "loop", "value": "$asyncio.new_event_loop()"},
        {"op": "run_forever", "loop": "loop"}, {"op": "run", "coro": "main"}])J";
    QCOMPARE(jsonProblems(program(both)),
             QStringList({"functions[0].steps[0]: expected close only among the program's steps "
                          "(the loop is running there: RuntimeError)",
                          "coroutines[0].steps[0]: expected run_forever only among the program's "
                          "steps (the loop is running there: RuntimeError)",
                          "program: expected either one run step or run_forever / "
                          "run_until_complete steps (asyncio.run makes a loop of its own), got "
                          "both"}));
    const char *unbound = R"([{"op": "run_forever", "loop": "lop"}])";
    QCOMPARE(jsonProblems(program(unbound)).last(),
             QStringLiteral("program[0].loop: column 1: name 'lop' is not defined; did you "
                            "mean 'loop'?"));
}

// Each run_until_complete runs the loop again until its task is done (CPython 3.12 prints the
// same): its result bound to `as`, its exception raised in the program; the task spawner
// left (idle-1) is not cancelled but destroyed pending at the end; on the closed loop
// RuntimeError, and the coroutine object made for the call is never awaited.
void TestRuntimeOwnLoop::runUntilCompleteRunsTheLoopUntilTheTaskIsDone()
{
    const Trace trace = runJson(kRunUntilComplete);
    QCOMPARE(printsText(trace),
             QStringList({"0 work-1: work 1", "1 event loop: r 10", "1 work-2: work 2",
                          "3 event loop: second", "3.5 event loop: caught bad",
                          "3.5 event loop: spawned", "3.5 event loop: Event loop is closed"}));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QCOMPARE(trace.duration, 3.5);
    QCOMPARE(spansText(trace, QStringLiteral("work-2")),
             QStringLiteral("running 1-1 | waiting 1-3 timer | running 3-3"));
    QCOMPARE(diagnosticsText(trace),
             QStringLiteral("3.5 event loop never-awaited: RuntimeWarning: coroutine 'work' was "
                            "never awaited\n"
                            "3.5 idle-1 destroyed-pending: Task was destroyed but it is pending!: "
                            "<Task pending name='idle-1'>"));
    QCOMPARE(invariantProblem(trace), QString());
}

// stop() inside the task: run_forever returns with the task pending, CPython's RuntimeError;
// the task goes on in the next run_until_complete, which returns work's result.
void TestRuntimeOwnLoop::runUntilCompleteOfALoopStoppedEarlyRaises()
{
    const Trace trace = runJson(kStoppedBeforeComplete);
    QCOMPARE(printsText(trace),
             QStringList({"0 event loop: Event loop stopped before Future completed.",
                          "0 work-1: work 2", "1 stopper-1: late", "2 event loop: 20"}));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QCOMPARE(diagnosticsText(trace), QString());
}

// run_until_complete belongs to the program (the loop runs inside a coroutine), needs a loop
// and a coroutine, and is no companion of run.
void TestRuntimeOwnLoop::checkRefusesRunUntilCompleteOutOfPlace()
{
    const QByteArray bad = R"J({"format": "loopscope-scenario", "version": 1, "coroutines": [
        {"name": "main", "steps": [{"op": "run_until_complete", "loop": "loop", "coro": "main"}]}],
        "program": [{"op": "set", "name": "loop", "value": "$asyncio.new_event_loop()"},
        {"op": "run_until_complete", "coro": "main"},
        {"op": "run_until_complete", "loop": "loop", "coro": "mian"},
        {"op": "run", "coro": "main"}]})J";
    QCOMPARE(
        jsonProblems(bad),
        QStringList({"coroutines[0].steps[0]: expected run_until_complete only among the "
                     "program's steps (the loop is running there: RuntimeError)",
                     "program: expected either one run step or run_forever / "
                     "run_until_complete steps (asyncio.run makes a loop of its own), got "
                     "both",
                     "program[1].loop: required field missing (expected a Python expression)",
                     "program[2].coro: expected the name of a coroutine (main), got \"mian\""}));
}

QTEST_MAIN(TestRuntimeOwnLoop)
#include "tst_runtime_own_loop.moc"
