// Values, expressions and control flow at run time, exactly: what each await gives to `as`,
// return, if/elif/else, for, while, break, continue, globals changed across an await (the
// check-then-act race, without and with a lock) and the program's code around asyncio.run.
// Expected prints are CPython 3.12's: the scenarios under scenarios/values/ are also run
// against it by ctest differential_values (tests/fidelity/differential.py --files).
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QFile>
#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

Trace runFile(const QString &name)
{
    const QString path = QStringLiteral(LOOPSCOPE_VALUES_DIR "/") + name;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    const ScenarioLoad load = readScenario(file.readAll(), path);
    if (!load.ok())
        qFatal("%s", qPrintable(load.problems.front().toString()));
    return runScenario(*load.scenario);
}

QString checkProblems(const QByteArray &json)
{
    const ScenarioLoad load = readScenario(json, QStringLiteral("t.loop.json"));
    QStringList lines;
    for (const auto &p : load.problems)
        lines << p.path + QStringLiteral(": ") + p.message;
    return lines.join(u'\n');
}

QByteArray mainOnly(const char *steps)
{
    return QByteArray(R"({"format": "loopscope-scenario", "version": 1, "coroutines": [
        {"name": "main", "steps": [)")
           + steps + "]}]}";
}

} // namespace

class TestRuntimeFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resultsThroughEveryAwait();
    void controlFlow();
    void raceWithoutALock();
    void raceWithALock();
    void taskFieldsAreExpressions();
    void toThreadGivesNone();
    void expressionErrorsArePythons_data();
    void expressionErrorsArePythons();
    void checkNamesTheUnknownName();
    void checkRefusesFlowOutOfPlace();
    void literalSleepCostsNoEvaluation();
    void clocksAreScenarioTime();
    void seededRandomIsCPythons();
};

void TestRuntimeFlow::resultsThroughEveryAwait()
{
    const Trace trace = runFile(QStringLiteral("results-through-awaits.loop.json"));
    QCOMPARE(printsText(trace),
             QStringList({
                 "1 main: call gave 4",
                 "1.5 main: await gave 1, t.result() is 1, done=True",
                 "2 main: gather gave [1, ValueError('bad'), 0.25] and 3 items; first + last = "
                 "1.25",
                 "2 main: ValueError('bad') says 'bad'",
                 "4 main: wait_for gave 9 and 1",
                 "4.5 main: future gave [1, 2.0, 'three'], sum of its numbers 3.00",
                 "4.5 main: queue gave x=4 y=1",
             }));
    // The sleeps of `n * 0.5`: square(2) inline, then square(1) as a task.
    QCOMPARE(spansText(trace, QStringLiteral("square-1")),
             QStringLiteral("running 1-1 | waiting 1-1.5 timer | running 1.5-1.5"));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
}

void TestRuntimeFlow::controlFlow()
{
    const Trace trace = runFile(QStringLiteral("control-flow.loop.json"));
    QCOMPARE(printsText(trace), QStringList({
                                    "0.25 main: checked 1",
                                    "1 main: checked 3",
                                    "1 main: first over 2 at index 2",
                                    "1 main: small 1",
                                    "1.25 main: two",
                                    "1.5 main: other 3",
                                    "1.75 main: left the loop at n=4",
                                    "1.75 main: t=10 j=0",
                                    "1.75 main: t=6 j=0",
                                    "1.75 main: t=2 j=0",
                                }));
    // Sleeps of x / 4 for x = 1 and 3 (2 is skipped by continue), then four rounds of 0.25.
    QCOMPARE(spansText(trace, QStringLiteral("main")),
             QStringLiteral("running 0-0 | waiting 0-0.25 timer | running 0.25-0.25 | waiting "
                            "0.25-1 timer | running 1-1 | waiting 1-1.25 timer | running "
                            "1.25-1.25 | waiting 1.25-1.5 timer | running 1.5-1.5 | waiting "
                            "1.5-1.75 timer | running 1.75-1.75"));
}

// Each task checks `stock > 0`, then awaits; by the time it takes one, the others have
// checked too: three take two.
void TestRuntimeFlow::raceWithoutALock()
{
    const Trace trace = runFile(QStringLiteral("race-counter.loop.json"));
    QCOMPARE(printsText(trace), QStringList({"0 main: without a lock:",
                                             "0.125 main: stock -1, taken by ['a', 'b', 'c']"}));
    QCOMPARE(resultsText(trace), QStringLiteral("main=done take-1=done take-2=done take-3=done"));
    QCOMPARE(trace.duration, 0.125);
}

void TestRuntimeFlow::raceWithALock()
{
    const Trace trace = runFile(QStringLiteral("race-counter-locked.loop.json"));
    QCOMPARE(printsText(trace),
             QStringList({"0 main: with a lock:", "0.25 take_locked-3: c: none left",
                          "0.25 main: stock 0, taken by ['a', 'b']"}));
    QCOMPARE(spansText(trace, QStringLiteral("take_locked-2")),
             QStringLiteral("running 0-0 | blocked 0-0.125 lock | running 0.125-0.125 | waiting "
                            "0.125-0.25 timer | running 0.25-0.25"));
}

// Tasks kept in a list: cancel tasks[-1], gather tasks[0..2], await tasks[1] again.
void TestRuntimeFlow::taskFieldsAreExpressions()
{
    const Trace trace = runFile(QStringLiteral("task-list.loop.json"));
    QCOMPARE(
        printsText(trace),
        QStringList({"2 main: [10, 20, CancelledError('')] [False, False, True]", "2 main: 20"}));
    QCOMPARE(resultsText(trace), QStringLiteral("main=done job-1=done job-2=done job-3=cancelled"));
}

void TestRuntimeFlow::toThreadGivesNone()
{
    const Trace trace
        = runJson(mainOnly(R"({"op": "to_thread", "work": "io", "seconds": 0.5, "as": "r"},
        {"op": "print", "text": "{r} {r is None}"})"));
    QCOMPARE(printsText(trace), QStringList({"0.5 main: None True"}));
}

void TestRuntimeFlow::expressionErrorsArePythons_data()
{
    QTest::addColumn<QByteArray>("steps");
    QTest::addColumn<QString>("error");
    QTest::newRow("zero_division")
        << QByteArray(R"({"op": "set", "name": "x", "value": "$1 // 0"})")
        << "ZeroDivisionError: integer division or modulo by zero";
    QTest::newRow("str_plus_int") << QByteArray(R"({"op": "print", "text": "{'a' + 1}"})")
                                  << "TypeError: can only concatenate str (not \"int\") to str";
    QTest::newRow("unpack") << QByteArray(R"({"op": "set", "name": "a, b", "value": "$[1, 2, 3]"})")
                            << "ValueError: too many values to unpack (expected 2)";
    QTest::newRow("unbound_local")
        << QByteArray(R"({"op": "print", "text": "{n}"}, {"op": "set", "name": "n", "value": 1})")
        << "UnboundLocalError: cannot access local variable 'n' where it is not associated with "
           "a value";
    QTest::newRow("sleep_of_a_str") << QByteArray(R"({"op": "set", "name": "d", "value": "s"},
        {"op": "sleep", "seconds": "d * 2"})")
                                    << "TypeError: 'str' object cannot be interpreted as a number";
}

void TestRuntimeFlow::expressionErrorsArePythons()
{
    QFETCH(QByteArray, steps);
    QFETCH(QString, error);
    const Trace trace = runJson(mainOnly(steps.constData()));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Failed);
    QCOMPARE(trace.outcome.error, error);
}

void TestRuntimeFlow::checkNamesTheUnknownName()
{
    const QByteArray json = R"({"format": "loopscope-scenario", "version": 1, "coroutines": [
        {"name": "work", "params": ["delay"], "steps": [{"op": "sleep", "seconds": "dealy * 2"}]},
        {"name": "main", "steps": [{"op": "call", "coro": "work", "args": {"delay": 1}},
          {"op": "if", "cond": "x > 1", "steps": []}]}]})";
    QCOMPARE(checkProblems(json),
             QStringLiteral("coroutines[0].steps[0].seconds: column 1: name 'dealy' is not "
                            "defined; did you mean 'delay'?\n"
                            "coroutines[1].steps[1].cond: column 1: name 'x' is not defined"));
}

void TestRuntimeFlow::checkRefusesFlowOutOfPlace()
{
    const QByteArray json = R"({"format": "loopscope-scenario", "version": 1, "coroutines": [
        {"name": "main", "steps": [{"op": "break"}, {"op": "run", "coro": "main"}]}],
        "program": [{"op": "return"}, {"op": "run", "coro": "main"}, {"op": "cpu", "seconds": 1}]})";
    QCOMPARE(checkProblems(json),
             QStringLiteral(
                 "coroutines[0].steps[0]: SyntaxError: 'break' outside loop\n"
                 "coroutines[0].steps[1]: expected run only among the program's steps "
                 "(asyncio.run() inside a coroutine raises RuntimeError)\n"
                 "program: expected only set, print, if, for, while, break, continue, raise, try, "
                 "run, and the loop's call_soon, call_later, run_forever, run_until_complete, "
                 "stop and close in the program (no task runs there, and the trace's clock is the "
                 "loop's: no cpu or "
                 "block), got cpu\n"
                 "program[0]: SyntaxError: 'return' outside function"));
}

// The hot path: a literal duration is used as it is, no expression is parsed or evaluated; a
// sleep of an expression costs a parse once per run.
void TestRuntimeFlow::literalSleepCostsNoEvaluation()
{
    const Trace trace = runJson(mainOnly(R"({"op": "repeat", "count": 3, "var": "i", "steps": [
        {"op": "sleep", "seconds": 0.5}, {"op": "sleep", "seconds": "i / 4"}]},
        {"op": "print", "text": "done"})"));
    QCOMPARE(printsText(trace), QStringList({"2.25 main: done"}));
}

// time.perf_counter() and loop.time() read the scenario clock, so elapsed times print exactly.
void TestRuntimeFlow::clocksAreScenarioTime()
{
    const Trace trace
        = runJson(mainOnly(R"json({"op": "set", "name": "t0", "value": "$loop.time()"},
        {"op": "sleep", "seconds": 1.5},
        {"op": "print", "text": "{loop.time() - t0} {time.perf_counter():.3f}"})json"));
    QCOMPARE(printsText(trace), QStringList({"1.5 main: 1.5 1.500"}));
}

// random.seed(7); random.randint(1, 100), random.uniform(0, 1) under CPython 3.12.
void TestRuntimeFlow::seededRandomIsCPythons()
{
    const Trace trace = runJson(R"json({"format": "loopscope-scenario", "version": 1, "seed": 7,
        "coroutines": [{"name": "main", "steps": [
          {"op": "print", "text": "{random.randint(1, 100)} {random.uniform(0, 1)!r}"}]}]})json");
    QCOMPARE(printsText(trace), QStringList({"0 main: 42 0.9478653606090632"}));
}

QTEST_GUILESS_MAIN(TestRuntimeFlow)
#include "tst_runtime_flow.moc"
