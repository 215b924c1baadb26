// A coroutine object gathered twice (issue 16): tasks.py's gather makes one task of an object
// named twice in one call (arg_to_fut), but a later gather of an object that a task already runs
// or ran makes a new Task of it, whose steps find the coroutine exhausted: CPython 3.12 raises
// `RuntimeError: cannot reuse already awaited coroutine`. Loopscope gave the first task again.
// The programs in the comments, run under python3.12, print what each test expects.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

// async def f(i): await asyncio.sleep(1); return i
// async def main():
//     cs = [f(i) for i in range(2)]
//     print(await asyncio.gather(*cs, *cs))
//     try: print(await asyncio.gather(*cs))
//     except RuntimeError as e: print("RuntimeError", e)
const char *const kAfterTheFirst
    = R"JSON({"format": "loopscope-scenario", "version": 1, "coroutines": [{"name": "f", "params": ["i"], "steps": [{"op": "sleep", "seconds": 1}, {"op": "return", "value": "$i"}]}, {"name": "main", "steps": [{"op": "set", "name": "cs", "value": "$[f(i) for i in range(2)]"}, {"op": "gather", "items": [{"star": "cs"}, {"star": "cs"}], "as": "r"}, {"op": "print", "text": "{r}"}, {"op": "try", "steps": [{"op": "gather", "items": [{"star": "cs"}], "as": "r"}, {"op": "print", "text": "{r}"}], "except": {"RuntimeError": {"as": "e", "steps": [{"op": "print", "text": "RuntimeError {e}"}]}}}]}]})JSON";

// async def f(i): await asyncio.sleep(1); print("f", i); return i
// async def first(): return await asyncio.gather(*cs)
// async def main():
//     global cs; cs = [f(i) for i in range(2)]
//     t = asyncio.create_task(first()); await asyncio.sleep(0.1)
//     try: print(await asyncio.gather(*cs))
//     except RuntimeError as e: print("RuntimeError", e)
//     print(await t)
const char *const kWhileTheFirstRuns
    = R"JSON({"format": "loopscope-scenario", "version": 1, "coroutines": [{"name": "f", "params": ["i"], "steps": [{"op": "sleep", "seconds": 1}, {"op": "print", "text": "f {i}"}, {"op": "return", "value": "$i"}]}, {"name": "first", "steps": [{"op": "gather", "items": [{"star": "cs"}], "as": "r"}, {"op": "return", "value": "$r"}]}, {"name": "main", "globals": ["cs"], "steps": [{"op": "set", "name": "cs", "value": "$[f(i) for i in range(2)]"}, {"op": "create_task", "coro": "first", "as": "t"}, {"op": "sleep", "seconds": 0.1}, {"op": "try", "steps": [{"op": "gather", "items": [{"star": "cs"}], "as": "r"}, {"op": "print", "text": "{r}"}], "except": {"RuntimeError": {"as": "e", "steps": [{"op": "print", "text": "RuntimeError {e}"}]}}}, {"op": "await", "task": "t", "as": "r1"}, {"op": "print", "text": "{r1}"}]}]})JSON";

// Each print with the loop iteration it ran in (0: the first _run_once, main's first step), as
// the program above prints it under python3.12 with a counter of BaseEventLoop._run_once.
QStringList printsByIteration(const Trace &trace)
{
    QStringList lines;
    const LoopTrace &loop = trace.loop;
    std::size_t iteration = 0;
    for (std::size_t e = 0; e < trace.events.size(); ++e) {
        if (trace.events[e].kind != EventKind::Print)
            continue;
        std::size_t ran = 0; // the last callback taken before this print was recorded
        while (ran + 1 < loop.ran.size() && loop.ran[ran + 1].events <= e)
            ++ran;
        while (iteration + 1 < loop.iterations.size()
               && loop.iterations[iteration + 1].firstRan <= ran)
            ++iteration;
        lines << QStringLiteral("%1 %2").arg(iteration).arg(trace.events[e].text);
    }
    return lines;
}

} // namespace

class TestRuntimeCoroutineReuse : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gatheredAgainAfterTheFirst();
    void gatheredAgainWhileTheFirstRuns();
    void failsInTheIterationTheCoroutineEnds();
};

// `*cs, *cs` in one gather: one task per object (f-1, f-2), both waited for 1 s. The second
// gather makes f-3 and f-4, which fail at once; main sees the first error.
void TestRuntimeCoroutineReuse::gatheredAgainAfterTheFirst()
{
    const Trace trace = runJson(kAfterTheFirst);
    QCOMPARE(printsText(trace),
             QStringList({"1 main: [0, 1, 0, 1]",
                          "1 main: RuntimeError cannot reuse already awaited coroutine"}));
    QCOMPARE(resultsText(trace), QStringLiteral("main=done f-1=done f-2=done f-3=failed "
                                                "f-4=failed"));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QCOMPARE(trace.duration, 1.0);
    QCOMPARE(invariantProblem(trace), QString());
}

// While first's tasks still run the coroutines, main's gather makes new tasks that wait with
// them (f-3 on f-1, lane task-3) and fail when the coroutines end, at 1.
void TestRuntimeCoroutineReuse::gatheredAgainWhileTheFirstRuns()
{
    const Trace trace = runJson(kWhileTheFirstRuns);
    QCOMPARE(printsText(trace),
             QStringList({"1 f-1: f 0", "1 f-2: f 1",
                          "1 main: RuntimeError cannot reuse already awaited coroutine",
                          "1 main: [0, 1]"}));
    QCOMPARE(spansText(trace, QStringLiteral("f-3")),
             QStringLiteral("running 0.1-0.1 | waiting 0.1-1 task-3 | running 1-1"));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QCOMPARE(invariantProblem(trace), QString());
}

// f-3 sends into f(0) while f-1 waits in its sleep, so it waits on the sleep's own future, its
// wake-up queued behind f-1's: at 1 (iteration 7) f-1's step ends the coroutine and f-3's
// send, right after it, fails; main's gather hears of it two iterations later (9), as in
// CPython. Waiting for f-1's end (its done callbacks) instead put every step after a step late.
void TestRuntimeCoroutineReuse::failsInTheIterationTheCoroutineEnds()
{
    const Trace trace = runJson(kWhileTheFirstRuns);
    QCOMPARE(printsByIteration(trace),
             QStringList({"7 f 0", "7 f 1", "9 RuntimeError cannot reuse already awaited coroutine",
                          "10 [0, 1]"}));
}

QTEST_MAIN(TestRuntimeCoroutineReuse)
#include "tst_runtime_coroutine_reuse.moc"
