// Every refusal of scenario-format.md: the exact JSON path, message, line and column, and the
// text found at that line and column (so a wrong position cannot pass by accident).
#include "scenario/scenario_json.h"
#include "scenario/scenario_validate.h"

#include <QTest>

#include "support/scenario_text.h"

#include <cmath>

using namespace loopscope;

namespace {

using loopscope::test::textAt;

QByteArray doc(const char *mainSteps, const char *resources = "", const char *others = "")
{
    return loopscope::test::scenarioDoc(mainSteps, resources, others);
}

} // namespace

class TestScenarioRefusals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusal_data();
    void refusal();
    void reportsEveryProblemNotJustTheFirst();
    void aCallNeverAwaitedIsNoCycle();
    void newerVersionIsNotReadFurther();
    void validatorChecksAModelWithoutText();
    void problemText_data();
    void problemText();
};

void TestScenarioRefusals::refusal_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("at");
    const auto row = [](const char *name, const QByteArray &json, const char *path,
                        const char *message, int line, int column, const char *at) {
        QTest::newRow(name) << json << QString::fromUtf8(path) << QString::fromUtf8(message) << line
                            << column << QString::fromUtf8(at);
    };
    row("not_json", R"({"format": "loopscope-scenario",
 "version": 1 "coroutines": []})",
        "", "not JSON: unterminated object", 2, 16, "coroutines\"");
    row("empty_file", "\n", "", "not JSON: the file is empty", 0, 0, "");
    row("top_level_not_object", R"([1, 2])", "",
        "expected a JSON object at the top level, got an array", 1, 1, "[1");
    row("format_missing", R"({"version": 1, "coroutines": []})", "format",
        "required field missing (expected \"loopscope-scenario\")", 1, 1, "{\"version\"");
    row("format_unknown", R"({"format": "loopscope-trace", "version": 1, "coroutines": []})",
        "format", "expected \"loopscope-scenario\", got \"loopscope-trace\"", 1, 12,
        "\"loopscope-trace\"");
    row("version_missing", R"({"format": "loopscope-scenario", "coroutines": []})", "version",
        "required field missing (expected 1)", 1, 1, "{\"format\"");
    row("version_newer", R"({"format": "loopscope-scenario", "version": 2, "coroutines": []})",
        "version", "version 2 is newer than this Loopscope understands (1)", 1, 45, "2,");
    row("version_not_a_number",
        R"({"format": "loopscope-scenario", "version": "1", "coroutines": []})", "version",
        "expected 1, got \"1\"", 1, 45, "\"1\"");
    row("coroutines_missing", R"({"format": "loopscope-scenario", "version": 1})", "coroutines",
        "required field missing (expected an array of coroutines)", 1, 1, "{\"format\"");
    row("main_missing",
        R"({"format": "loopscope-scenario", "version": 1, "coroutines": [{"name": "worker", "steps": []}]})",
        "coroutines", "expected a coroutine named \"main\", got worker", 1, 62,
        "[{\"name\": \"worker\"");
    row("main_with_params",
        R"({"format": "loopscope-scenario", "version": 1, "coroutines": [{"name": "main", "params": ["x"], "steps": []}]})",
        "coroutines[0].params",
        "expected no parameters for \"main\" (asyncio.run(main()) passes none), got 1", 1, 90,
        "[\"x\"]");
    row("coroutine_name_missing", doc(R"()", R"()", R"({"steps": []})"), "coroutines[1].name",
        "required field missing (expected a Python identifier)", 4, 1, "{\"steps\"");
    row("coroutine_name_not_identifier", doc(R"()", R"()", R"({"name": "my worker", "steps": []})"),
        "coroutines[1].name", "expected a Python identifier, got \"my worker\"", 4, 10,
        "\"my worker\"");
    row("coroutine_steps_missing", doc(R"()", R"()", R"({"name": "helper"})"),
        "coroutines[1].steps", "required field missing (expected an array of steps)", 4, 1,
        "{\"name\": \"helper\"}");
    row("duplicate_coroutine", doc(R"()", R"()", R"({"name": "main", "steps": []})"),
        "coroutines[1].name",
        "expected a name no other coroutine has, got \"main\" (also coroutines[0])", 4, 10,
        "\"main\", \"steps\": []}]}");
    row("duplicate_param",
        doc(R"()", R"()", R"({"name": "helper", "params": ["a", "a"], "steps": []})"),
        "coroutines[1].params[1]", "expected a parameter name not used before, got \"a\"", 4, 36,
        "\"a\"], \"steps\"");
    row("duplicate_resource",
        doc(R"()", R"({"id": "sem", "kind": "lock"}, {"id": "sem", "kind": "event"})"),
        "resources[1].id", "expected an id no other resource has, got \"sem\" (also resources[0])",
        2, 53, "\"sem\", \"kind\": \"event\"");
    row("resource_kind_unknown", doc(R"()", R"({"id": "m", "kind": "mutex"})"), "resources[0].kind",
        "expected one of lock, semaphore, event, queue, future, thread_pool, process_pool, "
        "condition, barrier, got "
        "\"mutex\"",
        2, 35, "\"mutex\"");
    row("resource_kind_unknown_blamed_once",
        doc(R"({"op": "event_set", "event": "e"})", R"({"id": "e", "kind": "evnt"})"),
        "resources[0].kind",
        "expected one of lock, semaphore, event, queue, future, thread_pool, process_pool, "
        "condition, barrier, got "
        "\"evnt\"",
        2, 35, "\"evnt\"");
    row("resource_id_missing", doc(R"()", R"({"kind": "lock"})"), "resources[0].id",
        "required field missing (expected a resource id)", 2, 15, "{\"kind\"");
    row("semaphore_value_zero", doc(R"()", R"({"id": "sem", "kind": "semaphore", "value": 0})"),
        "resources[0].value", "expected a whole number ≥ 1, got 0", 2, 59, "0}");
    row("semaphore_value_fraction",
        doc(R"()", R"({"id": "sem", "kind": "semaphore", "value": 1.5})"), "resources[0].value",
        "expected a whole number ≥ 1, got 1.5", 2, 59, "1.5}");
    row("queue_items_over_maxsize",
        doc(R"()", R"({"id": "q", "kind": "queue", "maxsize": 2, "items": [1, 2, 3]})"),
        "resources[0].items", "expected at most 2 initial items (maxsize 2), got 3", 2, 67,
        "[1, 2, 3]");
    row("pool_workers_zero", doc(R"()", R"({"id": "p", "kind": "thread_pool", "workers": 0})"),
        "resources[0].workers", "expected a whole number ≥ 1, got 0", 2, 61, "0}");
    row("process_startup_negative",
        doc(R"()", R"({"id": "p", "kind": "process_pool", "startup": -1})"), "resources[0].startup",
        "expected a number ≥ 0, got -1", 2, 62, "-1}");
    row("clock_mode_unknown",
        R"({"format": "loopscope-scenario", "version": 1, "clock": {"mode": "fast"}, "coroutines": [{"name": "main", "steps": []}]})",
        "clock.mode", "expected \"virtual\" or \"live\", got \"fast\"", 1, 66, "\"fast\"");
    row("clock_key_unknown",
        R"({"format": "loopscope-scenario", "version": 1, "clock": {"speed": 2}, "coroutines": [{"name": "main", "steps": []}]})",
        "clock.speed", "expected one of mode, scale, got \"speed\"", 1, 67, "2}");
    row("switch_interval_zero",
        R"({"format": "loopscope-scenario", "version": 1, "python": {"switch_interval": 0}, "coroutines": [{"name": "main", "steps": []}]})",
        "python.switch_interval", "expected a number > 0, got 0", 1, 78, "0}");
    row("gil_not_bool",
        R"({"format": "loopscope-scenario", "version": 1, "python": {"gil": "yes"}, "coroutines": [{"name": "main", "steps": []}]})",
        "python.gil", "expected true or false, got \"yes\"", 1, 66, "\"yes\"");
    row("step_not_object", doc(R"("sleep")"), "coroutines[0].steps[0]",
        "expected a step object, got \"sleep\"", 3, 43, "\"sleep\"");
    row("op_missing", doc(R"({"seconds": 1})"), "coroutines[0].steps[0].op",
        "required field missing (expected an op name)", 3, 43, "{\"seconds\"");
    row("op_unknown", doc(R"({"op": "slep", "seconds": 1})"), "coroutines[0].steps[0].op",
        "expected one of sleep, cpu, block, print, call, create_task, await, gather, task_group, "
        "wait_for, with, acquire, release, event_wait, event_set, event_clear, put, get, "
        "task_done, join, future_set, future_await, repeat, drain, try, raise, cancel, to_thread, "
        "run_in_executor, return, if, for, while, break, continue, set, run, put_nowait, "
        "get_nowait, call_soon, call_later, wait, as_completed, shield, condition_wait, "
        "condition_wait_for, notify, notify_all, barrier_wait, timeout, run_forever, stop, close, "
        "run_until_complete, got \"slep\"",
        3, 50, "\"slep\"");
    row("seconds_missing", doc(R"({"op": "sleep"})"), "coroutines[0].steps[0].seconds",
        "required field missing (expected a number ≥ 0 or \"$param\")", 3, 43,
        "{\"op\": \"sleep\"}");
    row("seconds_wrong_type", doc(R"({"op": "sleep", "seconds": "2s"})"),
        "coroutines[0].steps[0].seconds", "expected a number ≥ 0 or \"$param\", got \"2s\"", 3, 70,
        "\"2s\"");
    row("seconds_negative", doc(R"({"op": "cpu", "seconds": -1})"),
        "coroutines[0].steps[0].seconds", "expected a number ≥ 0 or \"$param\", got -1", 3, 68,
        "-1}");
    row("seconds_over_limit", doc(R"({"op": "block", "seconds": 2e6})"),
        "coroutines[0].steps[0].seconds", "expected at most 1e6 seconds, got 2000000", 3, 70,
        "2e6}");
    row("nested_seconds",
        doc(R"({"op": "repeat", "count": 2, "steps": [{"op": "print", "text": "x"}, {"op": "sleep", "seconds": true}]})"),
        "coroutines[0].steps[0].steps[1].seconds", "expected a number ≥ 0 or \"$param\", got true",
        3, 139, "true}");
    row("timeout_negative",
        doc(R"({"op": "wait_for", "timeout": -0.5, "coro": "h"})", R"()",
            R"({"name": "h", "steps": []})"),
        "coroutines[0].steps[0].timeout", "expected a number ≥ 0 or \"$param\", got -0.5", 3, 73,
        "-0.5");
    row("text_missing", doc(R"({"op": "print"})"), "coroutines[0].steps[0].text",
        "required field missing (expected a string)", 3, 43, "{\"op\": \"print\"}");
    row("call_coro_unknown", doc(R"({"op": "call", "coro": "fetch"})"),
        "coroutines[0].steps[0].coro", "expected the name of a coroutine (main), got \"fetch\"", 3,
        66, "\"fetch\"");
    row("create_task_coro_missing", doc(R"({"op": "create_task", "as": "t"})"),
        "coroutines[0].steps[0].coro", "required field missing (expected the name of a coroutine)",
        3, 43, "{\"op\": \"create_task\"");
    row("gather_item_coro_unknown",
        doc(R"()", R"()",
            R"({"name": "w", "steps": [{"op": "gather", "items": [{"coro": "w2"}, {"coro": "w2"}, {"coro": "nope"}]}]},
{"name": "w2", "steps": []})"),
        "coroutines[1].steps[0].items[2].coro",
        "expected the name of a coroutine (main, w, w2), got \"nope\"", 4, 93, "\"nope\"");
    row("gather_item_both",
        doc(R"({"op": "create_task", "coro": "h", "as": "t"}, {"op": "gather", "items": [{"coro": "h", "task": "t"}]})",
            R"()", R"({"name": "h", "steps": []})"),
        "coroutines[0].steps[1].items[0]", "expected \"coro\" or \"task\", got both", 3, 117,
        "{\"coro\": \"h\", \"task\"");
    row("gather_item_unknown_key",
        doc(R"({"op": "gather", "items": [{"coro": "h", "arg": {}}]})", R"()",
            R"({"name": "h", "steps": []})"),
        "coroutines[0].steps[0].items[0].arg", "unknown key; did you mean \"args\"?", 3, 91,
        "{}}]}");
    row("args_unknown_parameter",
        doc(R"({"op": "call", "coro": "h", "args": {"n": 1, "x": 2}})", R"()",
            R"({"name": "h", "params": ["n"], "steps": []})"),
        "coroutines[0].steps[0].args.x", "expected a parameter of \"h\" (n), got \"x\"", 3, 93,
        "2}}");
    row("args_missing_parameter",
        doc(R"({"op": "create_task", "coro": "h", "args": {"n": 1}})", R"()",
            R"({"name": "h", "params": ["n", "m"], "steps": []})"),
        "coroutines[0].steps[0].args",
        "expected a value for every parameter of \"h\" (n, m), got none for \"m\"", 3, 86,
        "{\"n\": 1}");
    row("args_reference_unknown",
        doc(R"({"op": "call", "coro": "h", "args": {"n": "$nope"}})", R"()",
            R"({"name": "h", "params": ["n"], "steps": []})"),
        "coroutines[0].steps[0].args.n",
        "expected a parameter or variable of \"main\" (it has none), got \"$nope\"", 3, 85,
        "\"$nope\"");
    row("resource_unknown",
        doc(R"({"op": "acquire", "resource": "lok"})", R"({"id": "lock", "kind": "lock"})"),
        "coroutines[0].steps[0].resource",
        "expected a lock or semaphore, got \"lok\" (no resource has that id)", 3, 73, "\"lok\"");
    row("with_on_an_event",
        doc(R"({"op": "with", "resource": "ev", "steps": []})", R"({"id": "ev", "kind": "event"})"),
        "coroutines[0].steps[0].resource",
        "expected a lock, semaphore or condition, got \"ev\" (an event)", 3, 70,
        "\"ev\", \"steps\"");
    row("event_wait_on_a_lock",
        doc(R"({"op": "event_wait", "event": "l"})", R"({"id": "l", "kind": "lock"})"),
        "coroutines[0].steps[0].event", "expected an event, got \"l\" (a lock)", 3, 73, "\"l\"}");
    row("put_on_a_future",
        doc(R"({"op": "put", "queue": "f", "item": 1})", R"({"id": "f", "kind": "future"})"),
        "coroutines[0].steps[0].queue", "expected a queue, got \"f\" (a future)", 3, 66,
        "\"f\", \"item\"");
    row("future_await_on_a_queue",
        doc(R"({"op": "future_await", "future": "q"})", R"({"id": "q", "kind": "queue"})"),
        "coroutines[0].steps[0].future", "expected a future, got \"q\" (a queue)", 3, 76, "\"q\"}");
    row("executor_on_a_lock",
        doc(R"({"op": "run_in_executor", "pool": "l", "work": "cpu", "seconds": 1})",
            R"({"id": "l", "kind": "lock"})"),
        "coroutines[0].steps[0].pool", "expected a thread_pool or process_pool, got \"l\" (a lock)",
        3, 77, "\"l\", \"work\"");
    row("put_item_missing",
        doc(R"({"op": "put", "queue": "q"})", R"({"id": "q", "kind": "queue"})"),
        "coroutines[0].steps[0].item", "required field missing (expected a JSON value)", 3, 43,
        "{\"op\": \"put\"");
    row("task_unknown",
        doc(R"({"op": "create_task", "coro": "h", "as": "t1"}, {"op": "await", "task": "t2"})",
            R"()", R"({"name": "h", "steps": []})"),
        "coroutines[0].steps[1].task", "expected a task variable of \"main\" (t1), got \"t2\"", 3,
        115, "\"t2\"");
    row("task_before_create_task",
        doc(R"({"op": "cancel", "task": "t1"}, {"op": "create_task", "coro": "h", "as": "t1"})",
            R"()", R"({"name": "h", "steps": []})"),
        "coroutines[0].steps[0].task",
        "expected a task variable of \"main\" (it has none), got \"t1\"", 3, 68, "\"t1\"}");
    row("task_of_another_coroutine",
        doc(R"({"op": "create_task", "coro": "h", "args": {"p": 1}, "as": "t1"})", R"()",
            R"({"name": "h", "params": ["p"], "steps": [{"op": "await", "task": "t1"}]})"),
        "coroutines[1].steps[0].task", "expected a task variable of \"h\" (p), got \"t1\"", 4, 66,
        "\"t1\"}]}");
    row("wait_for_task_unknown", doc(R"({"op": "wait_for", "timeout": 1, "task": "t"})"),
        "coroutines[0].steps[0].task",
        "expected a task variable of \"main\" (it has none), got \"t\"", 3, 84, "\"t\"}");
    row("wait_for_neither", doc(R"({"op": "wait_for", "timeout": 1})"), "coroutines[0].steps[0]",
        "expected \"coro\" or \"task\", got neither", 3, 43, "{\"op\": \"wait_for\"");
    row("parameter_unknown",
        doc(R"()", R"()",
            R"({"name": "h", "params": ["delay"], "steps": [{"op": "sleep", "seconds": "$dealy"}]})"),
        "coroutines[1].steps[0].seconds",
        "expected a parameter or loop variable of \"h\" (delay), got \"$dealy\"", 4, 73,
        "\"$dealy\"");
    row("parameter_names_a_task",
        doc(R"({"op": "create_task", "coro": "h", "as": "t"}, {"op": "sleep", "seconds": "$t"})",
            R"()", R"({"name": "h", "steps": []})"),
        "coroutines[0].steps[1].seconds",
        "expected a parameter or loop variable of \"main\" (it has none), got \"$t\"", 3, 117,
        "\"$t\"");
    row("loop_variable_out_of_scope",
        doc(R"({"op": "repeat", "count": 2, "var": "i", "steps": [{"op": "sleep", "seconds": "$i"}]}, {"op": "cpu", "seconds": "$i"})"),
        "coroutines[0].steps[1].seconds",
        "expected a parameter or loop variable of \"main\" (it has none), got \"$i\"", 3, 155,
        "\"$i\"}");
    row("repeat_without_count", doc(R"({"op": "repeat", "steps": []})"),
        "coroutines[0].steps[0].count",
        "required field missing (expected a whole number ≥ 0, \"$param\", or null (forever))", 3,
        43, "{\"op\": \"repeat\"");
    row("repeat_count_fraction", doc(R"({"op": "repeat", "count": 2.5, "steps": []})"),
        "coroutines[0].steps[0].count",
        "expected a whole number ≥ 0, \"$param\", or null (forever), got 2.5", 3, 69, "2.5");
    row("repeat_steps_missing", doc(R"({"op": "repeat", "count": 1})"),
        "coroutines[0].steps[0].steps", "required field missing (expected an array of steps)", 3,
        43, "{\"op\": \"repeat\"");
    row("call_recursion_self",
        doc(R"()", R"()",
            R"({"name": "a", "steps": [{"op": "print", "text": "x"}, {"op": "call", "coro": "a"}]})"),
        "coroutines[1].steps[1].coro",
        "expected a call that does not lead back to \"a\", got a cycle of inline calls: a → a", 4,
        78, "\"a\"}]}");
    row("call_recursion_cycle",
        doc(R"({"op": "call", "coro": "a"})", R"()",
            R"({"name": "a", "steps": [{"op": "call", "coro": "b"}]},
{"name": "b", "steps": [{"op": "try", "steps": [{"op": "wait_for", "timeout": 1, "coro": "a"}]}]})"),
        "coroutines[2].steps[0].steps[0].coro",
        "expected a call that does not lead back to \"a\", got a cycle of inline calls: a → b → a",
        5, 90, "\"a\"}]}]}");
    row("call_await_not_bool",
        doc(R"({"op": "call", "coro": "h", "await": "no"})", R"()",
            R"({"name": "h", "steps": []})"),
        "coroutines[0].steps[0].await", "expected true or false, got \"no\"", 3, 80, "\"no\"}");
    row("call_never_awaited_still_checks_args",
        doc(R"({"op": "call", "coro": "h", "await": false})", R"()",
            R"({"name": "h", "params": ["url"], "steps": []})"),
        "coroutines[0].steps[0].args",
        "expected a value for every parameter of \"h\" (url), got none for \"url\"", 3, 43,
        "{\"op\": \"call\"");
    row("duplicate_step_id",
        doc(R"({"op": "print", "text": "a", "id": "p"}, {"op": "print", "text": "b", "id": "p"})"),
        "coroutines[0].steps[1].id",
        "expected an id no other step has, got \"p\" (also coroutines[0].steps[0])", 3, 119,
        "\"p\"}");
    row("except_unknown_error", doc(R"({"op": "try", "steps": [], "except": {"KeyErr": []}})"),
        "coroutines[0].steps[0].except.KeyErr",
        "expected a built-in exception class, one of asyncio's (CancelledError, QueueFull, "
        "QueueEmpty, BrokenBarrierError, InvalidStateError) or \"*\", got \"KeyErr\"",
        3, 91, "[]}}");
    row("except_star_not_last",
        doc(R"({"op": "try", "steps": [], "except": {"*": [], "ValueError": []}})"),
        "coroutines[0].steps[0].except[\"*\"]",
        "expected \"*\" to be the last handler, got it before \"ValueError\"", 3, 86,
        "[], \"ValueError\"");
    row("except_not_steps", doc(R"({"op": "try", "steps": [], "except": {"ValueError": {}}})"),
        "coroutines[0].steps[0].except.ValueError", "expected an array of steps, got an object", 3,
        95, "{}}}");
    row("raise_unknown_error", doc(R"({"op": "raise", "error": "MyError"})"),
        "coroutines[0].steps[0].error",
        "expected the name of a built-in exception class or CancelledError, got \"MyError\"", 3, 68,
        "\"MyError\"");
    row("work_unknown", doc(R"({"op": "to_thread", "work": "gpu", "seconds": 1})"),
        "coroutines[0].steps[0].work", "expected \"io\" or \"cpu\", got \"gpu\"", 3, 71, "\"gpu\"");
    row("target_not_names",
        doc(R"({"op": "get", "queue": "q", "as": "a, 1x"})", R"({"id": "q", "kind": "queue"})"),
        "coroutines[0].steps[0].as",
        "expected a variable name or names separated by commas, got \"a, 1x\"", 3, 77, "\"a, 1x\"");
    row("variable_not_identifier",
        doc(R"({"op": "get", "queue": "q", "as": "my item"})", R"({"id": "q", "kind": "queue"})"),
        "coroutines[0].steps[0].as",
        "expected a variable name or names separated by commas, got \"my item\"", 3, 77,
        "\"my item\"");
}

void TestScenarioRefusals::refusal()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, at);
    const ScenarioLoad load = readScenario(json, QStringLiteral("t.loop.json"));
    QVERIFY(!load.ok());
    QStringList all;
    for (const ScenarioProblem &p : load.problems)
        all << p.toString();
    QVERIFY2(load.problems.size() == 1, qPrintable(all.join(QLatin1Char('\n'))));
    const ScenarioProblem &problem = load.problems.front();
    QCOMPARE(problem.file, QStringLiteral("t.loop.json"));
    QCOMPARE(problem.path, path);
    QCOMPARE(problem.message, message);
    QCOMPARE(problem.line, line);
    QCOMPARE(problem.column, column);
    if (line > 0) // a problem of the whole file has no position
        QVERIFY2(textAt(json, line, column).startsWith(at), qPrintable(textAt(json, line, column)));
}

// `a()` without await inside `a` only makes a coroutine object: the body never runs again.
void TestScenarioRefusals::aCallNeverAwaitedIsNoCycle()
{
    const QByteArray json
        = doc(R"({"op": "call", "coro": "a"})", R"()",
              R"({"name": "a", "steps": [{"op": "call", "coro": "a", "await": false}]})");
    const ScenarioLoad load = readScenario(json, QStringLiteral("t.loop.json"));
    QVERIFY2(load.ok(), load.problems.empty() ? "" : qPrintable(load.problems[0].toString()));
    QCOMPARE(load.scenario->coroutines[1].steps[0].awaited, false);
}

void TestScenarioRefusals::reportsEveryProblemNotJustTheFirst()
{
    const QByteArray json = doc(R"({"op": "sleep", "seconds": "2s"})",
                                R"({"id": "sem", "kind": "semaphore", "value": 0})",
                                R"({"name": "helper", "steps": [{"op": "await", "task": "t9"}]})");
    const ScenarioLoad load = readScenario(json, QStringLiteral("three.loop.json"));
    QVERIFY(!load.ok());
    QStringList got;
    for (const ScenarioProblem &p : load.problems)
        got << p.toString();
    const QStringList expected{
        QString::fromUtf8("three.loop.json:2:59: resources[0].value: expected a whole number ≥ 1, "
                          "got 0"),
        QString::fromUtf8("three.loop.json:3:70: coroutines[0].steps[0].seconds: expected a number "
                          "≥ 0 or \"$param\", got \"2s\""),
        QStringLiteral("three.loop.json:4:54: coroutines[1].steps[0].task: expected a task "
                       "variable of \"helper\" (it has none), got \"t9\""),
    };
    QCOMPARE(got, expected);
}

void TestScenarioRefusals::newerVersionIsNotReadFurther()
{
    const QByteArray json = R"({"format": "loopscope-scenario", "version": 2,
        "coroutines": [{"name": "main", "steps": [{"op": "teleport"}]}]})";
    const ScenarioLoad load = readScenario(json, QStringLiteral("v2.loop.json"));
    QVERIFY(!load.ok());
    QCOMPARE(load.problems.size(), std::size_t(1));
    QCOMPARE(load.problems[0].toString(),
             QStringLiteral("v2.loop.json:1:45: version: version 2 is newer than this Loopscope "
                            "understands (1)"));
}

void TestScenarioRefusals::validatorChecksAModelWithoutText()
{
    Scenario scenario;
    Coroutine main;
    main.name = QStringLiteral("main");
    Step sleep;
    sleep.kind = StepKind::Sleep;
    sleep.seconds = Quantity::literal(-2);
    main.steps.push_back(sleep);
    scenario.coroutines.push_back(main);
    const std::vector<ScenarioProblem> problems = validateScenario(scenario, QStringLiteral("m"));
    QCOMPARE(problems.size(), std::size_t(1));
    QCOMPARE(problems[0].toString(),
             QString::fromUtf8("m: coroutines[0].steps[0].seconds: expected a number ≥ 0 or "
                               "\"$param\", got -2"));
    scenario.coroutines[0].steps[0].seconds = Quantity::literal(std::nan(""));
    scenario.coroutines[0].steps.push_back(sleep);
    scenario.coroutines[0].steps[1].kind = StepKind::Call; // a call that names nothing
    QStringList texts;
    for (const ScenarioProblem &problem : validateScenario(scenario, QStringLiteral("m")))
        texts << problem.toString();
    QCOMPARE(texts,
             QStringList({QString::fromUtf8("m: coroutines[0].steps[0].seconds: expected a number "
                                            "≥ 0 or \"$param\", got NaN"),
                          QStringLiteral("m: coroutines[0].steps[1].coro: expected the name of a "
                                         "coroutine (main), got \"\"")}));
    const std::vector<ScenarioProblem> empty = validateScenario(Scenario{});
    QCOMPARE(empty.size(), std::size_t(1));
    QCOMPARE(empty[0].toString(),
             QStringLiteral("coroutines: expected a coroutine named \"main\", got none"));
}

void TestScenarioRefusals::problemText_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("text");
    QTest::newRow("everything") << "f.json" << 3 << 7 << "a.b"
                                << "f.json:3:7: a.b: msg";
    QTest::newRow("no_column") << "f.json" << 3 << 0 << "a.b"
                               << "f.json:3: a.b: msg";
    QTest::newRow("no_line") << "f.json" << 0 << 0 << "a.b"
                             << "f.json: a.b: msg";
    QTest::newRow("no_path") << "f.json" << 1 << 2 << ""
                             << "f.json:1:2: msg";
    QTest::newRow("nothing_known") << "" << 0 << 0 << ""
                                   << "msg";
}

void TestScenarioRefusals::problemText()
{
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, path);
    QFETCH(QString, text);
    const ScenarioProblem problem{file, line, column, path, QStringLiteral("msg")};
    QCOMPARE(problem.toString(), text);
}

QTEST_GUILESS_MAIN(TestScenarioRefusals)
#include "tst_scenario_refusals.moc"
