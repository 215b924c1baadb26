// Values at run time, as CPython has them: numbers printed through `{x}` as Python's str()
// writes them, whichever way they reach the coroutine (argument, task argument, queue item),
// and a task put in a queue stays a task (awaited, gathered, cancelled, waited for), down to
// the task that awaits itself. Expected prints are CPython 3.12's (the Python export of each
// scenario was run under python3.12; see tests/fidelity/differential.py for the generator).
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

QByteArray scenario(const char *resources, const char *coroutines)
{
    return QByteArray(R"({"format": "loopscope-scenario", "version": 1, "resources": [)")
           + resources + R"(], "coroutines": [)" + coroutines + "]}";
}

} // namespace

class TestRuntimeValues : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void printsValuesAsPython_data();
    void printsValuesAsPython();
    void repeatVariableIsAnInt();
    void taskThroughAQueue();
    void taskAwaitingItself();
    void awaitingATaskThatAwaitedItself();
};

void TestRuntimeValues::printsValuesAsPython_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<QString>("printed");
    const auto row = [](const char *name, const char *literal, const char *printed) {
        QTest::newRow(name) << QByteArray(literal) << QString::fromUtf8(printed);
    };
    row("0.27", "0.27", "0.27");
    row("0.1", "0.1", "0.1");
    row("whole_float", "1.0", "1.0");
    row("int", "1", "1");
    row("2.5", "2.5", "2.5");
    row("small", "1e-05", "1e-05");
    row("positional_small", "0.0001", "0.0001");
    row("large", "1e20", "1e+20");
    row("last_positional", "1e15", "1000000000000000.0");
    row("first_exponent", "1e16", "1e+16");
    row("negative_zero", "-0.0", "-0.0");
    row("big_int", "9007199254740993", "9007199254740993");
    row("bool", "true", "True");
    row("none", "null", "None");
    row("list", R"([1.0, 2, "a"])", "[1.0, 2, 'a']");
    row("dict_in_file_order", R"({"b": 0.5, "a": [null]})", "{'b': 0.5, 'a': [None]}");
}

// Each value reaches `show` four ways: call argument, create_task argument, initial queue item,
// and put then get.
void TestRuntimeValues::printsValuesAsPython()
{
    QFETCH(QByteArray, literal);
    QFETCH(QString, printed);
    const QByteArray json = scenario(
        (R"({"id": "q", "kind": "queue", "items": [)" + literal + "]}").constData(),
        (R"({"name": "show", "params": ["x"], "steps": [{"op": "print", "text": "x={x}"}]},
            {"name": "main", "steps": [
              {"op": "call", "coro": "show", "args": {"x": )"
         + literal + R"(}},
              {"op": "create_task", "coro": "show", "args": {"x": )"
         + literal + R"(}, "as": "t"}, {"op": "await", "task": "t"},
              {"op": "get", "queue": "q", "as": "first"}, {"op": "print", "text": "x={first}"},
              {"op": "put", "queue": "q", "item": )"
         + literal + R"(}, {"op": "get", "queue": "q", "as": "second"},
              {"op": "print", "text": "x={second}"}]})")
            .constData());
    const QString line = QStringLiteral(": x=") + printed;
    QCOMPARE(printsText(runJson(json)),
             QStringList({"0 main" + line, "0 show-1" + line, "0 main" + line, "0 main" + line}));
}

void TestRuntimeValues::repeatVariableIsAnInt()
{
    const Trace trace = runJson(scenario("", R"({"name": "main", "steps": [{"op": "repeat",
        "count": 2, "var": "i", "steps": [{"op": "print", "text": "round {i}"}]}]})"));
    QCOMPARE(printsText(trace), QStringList({"0 main: round 0", "0 main: round 1"}));
}

// put "$a" ... get as x: x is the task a, for await, gather, cancel and wait_for.
void TestRuntimeValues::taskThroughAQueue()
{
    const Trace trace = runJson(scenario(R"({"id": "q", "kind": "queue"})", R"(
      {"name": "job", "params": ["n"], "steps": [{"op": "sleep", "seconds": "$n"},
        {"op": "print", "text": "job {n} done"}]},
      {"name": "taker", "steps": [
        {"op": "get", "queue": "q", "as": "x"}, {"op": "await", "task": "x"},
        {"op": "print", "text": "awaited"},
        {"op": "get", "queue": "q", "as": "y"}, {"op": "gather", "items": [{"task": "y"}]},
        {"op": "print", "text": "gathered"},
        {"op": "get", "queue": "q", "as": "z"}, {"op": "cancel", "task": "z"},
        {"op": "try", "steps": [{"op": "await", "task": "z"}],
         "except": {"CancelledError": [{"op": "print", "text": "z cancelled"}]}},
        {"op": "get", "queue": "q", "as": "w"},
        {"op": "try", "steps": [{"op": "wait_for", "task": "w", "timeout": 0.25}],
         "except": {"TimeoutError": [{"op": "print", "text": "w timed out"}]}}]},
      {"name": "main", "steps": [
        {"op": "create_task", "coro": "job", "args": {"n": 0.5}, "as": "a"},
        {"op": "create_task", "coro": "job", "args": {"n": 1.0}, "as": "b"},
        {"op": "create_task", "coro": "job", "args": {"n": 2}, "as": "c"},
        {"op": "create_task", "coro": "job", "args": {"n": 3}, "as": "d"},
        {"op": "put", "queue": "q", "item": "$a"}, {"op": "put", "queue": "q", "item": "$b"},
        {"op": "put", "queue": "q", "item": "$c"}, {"op": "put", "queue": "q", "item": "$d"},
        {"op": "call", "coro": "taker"}]})"));
    QCOMPARE(printsText(trace),
             QStringList({"0.5 job-1: job 0.5 done", "0.5 main: awaited", "1 job-2: job 1.0 done",
                          "1 main: gathered", "1 main: z cancelled", "1.25 main: w timed out"}));
    QCOMPARE(resultsText(trace), QStringLiteral("main=done job-1=done job-2=done job-3=cancelled "
                                                "job-4=cancelled"));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
}

// CPython 3.12 prints (C Task): the task is woken with RuntimeError one loop iteration after
// it awaits itself; the second time the task is still marked `blocking` and the await raises
// at once, so main hears of the failure before `other` prints its third line.
void TestRuntimeValues::taskAwaitingItself()
{
    const Trace trace = runJson(scenario(R"({"id": "q", "kind": "queue"})", R"(
      {"name": "taker", "steps": [{"op": "get", "queue": "q", "as": "me"},
        {"op": "print", "text": "taker got itself"},
        {"op": "try", "steps": [{"op": "await", "task": "me"}],
         "except": {"RuntimeError": [{"op": "print", "text": "taker: RuntimeError"}]}},
        {"op": "print", "text": "taker after"}, {"op": "get", "queue": "q", "as": "again"},
        {"op": "await", "task": "again"}]},
      {"name": "other", "steps": [{"op": "print", "text": "other 1"},
        {"op": "sleep", "seconds": 0}, {"op": "print", "text": "other 2"},
        {"op": "sleep", "seconds": 0}, {"op": "print", "text": "other 3"}]},
      {"name": "main", "steps": [{"op": "create_task", "coro": "taker", "as": "t"},
        {"op": "put", "queue": "q", "item": "$t"}, {"op": "put", "queue": "q", "item": "$t"},
        {"op": "create_task", "coro": "other", "as": "o"},
        {"op": "try", "steps": [{"op": "await", "task": "t"}],
         "except": {"RuntimeError": [{"op": "print", "text": "main: taker failed"}]}},
        {"op": "await", "task": "o"}]})"));
    QCOMPARE(printsText(trace), QStringList({"0 taker-1: taker got itself", "0 other-1: other 1",
                                             "0 taker-1: taker: RuntimeError",
                                             "0 taker-1: taker after", "0 other-1: other 2",
                                             "0 main: main: taker failed", "0 other-1: other 3"}));
    QCOMPARE(resultsText(trace), QStringLiteral("main=done taker-1=failed other-1=done"));
}

// After awaiting itself a task stays marked: awaiting it (or wait_for) while it is pending
// raises RuntimeError at once; gather, and await once it is done, work.
void TestRuntimeValues::awaitingATaskThatAwaitedItself()
{
    const Trace trace = runJson(scenario(R"({"id": "q", "kind": "queue"})", R"(
      {"name": "taker", "steps": [{"op": "get", "queue": "q", "as": "me"},
        {"op": "try", "steps": [{"op": "await", "task": "me"}],
         "except": {"RuntimeError": [{"op": "print", "text": "taker: RuntimeError"}]}},
        {"op": "sleep", "seconds": 1}, {"op": "print", "text": "taker done"}]},
      {"name": "main", "steps": [{"op": "create_task", "coro": "taker", "as": "t"},
        {"op": "put", "queue": "q", "item": "$t"}, {"op": "sleep", "seconds": 0.5},
        {"op": "try", "steps": [{"op": "await", "task": "t"}],
         "except": {"RuntimeError": [{"op": "print", "text": "main: RuntimeError"}]}},
        {"op": "try", "steps": [{"op": "wait_for", "task": "t", "timeout": 2}],
         "except": {"RuntimeError": [{"op": "print", "text": "main: RuntimeError again"}]}},
        {"op": "gather", "items": [{"task": "t"}]}, {"op": "print", "text": "gathered"},
        {"op": "await", "task": "t"}, {"op": "print", "text": "awaited once done"}]})"));
    QCOMPARE(printsText(trace),
             QStringList({"0 taker-1: taker: RuntimeError", "0.5 main: main: RuntimeError",
                          "0.5 main: main: RuntimeError again", "1 taker-1: taker done",
                          "1 main: gathered", "1 main: awaited once done"}));
    QCOMPARE(resultsText(trace), QStringLiteral("main=done taker-1=done"));
}

QTEST_GUILESS_MAIN(TestRuntimeValues)
#include "tst_runtime_values.moc"
