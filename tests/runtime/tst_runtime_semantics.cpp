// Disagreements with CPython 3.12 that differential.py's semantics stream (tests/fidelity/
// differential_semantics.py: finished tasks, cancelled waiters, task groups, errors, numbers)
// found, each minimised to a scenario under scenarios/semantics/, which ctest
// differential_semantics also runs against CPython. Exact prints and task ends of the run.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

Trace runFile(const QString &name)
{
    const ScenarioLoad load = readScenarioFile(QStringLiteral(LOOPSCOPE_SEMANTICS_DIR "/") + name);
    if (!load.ok())
        qFatal("%s", qPrintable(load.problems.front().toString()));
    return runScenario(*load.scenario);
}

} // namespace

class TestRuntimeSemantics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void invalidStateErrorIsAnException();
    void reprOfBuiltExceptions();
    void keywordConstantsAreExpressions();
    void floatsBeyondRangeAndArityWords();
    void strIsCodePoints();
    void taskGetNameIsCPythons();
    void popFromWaitsDoneSet();
    void waitForWithoutATimeout();
};

// asyncio.InvalidStateError (t.result() of a pending task, a future's result set twice) was no
// class `except` knew: `*` let it through and main failed; `except InvalidStateError` was
// refused by check.
void TestRuntimeSemantics::invalidStateErrorIsAnException()
{
    const Trace trace = runFile(QStringLiteral("invalid-state-caught.loop.json"));
    QCOMPARE(printsText(trace),
             QStringList({"0 main: result: InvalidStateError('Result is not set.')",
                          "0 main: exception: InvalidStateError('Exception is not set.')",
                          "0 main: set twice: InvalidStateError('invalid state') invalid state",
                          "0.25 main: 0.27 1"}));
    QCOMPARE(resultsText(trace), QStringLiteral("main=done job-1=done"));
}

// repr() of an ExceptionGroup left out its exceptions, a Unicode error's its codec, input and
// positions, and a float overflow's showed its (errno, text) args as one quoted string.
void TestRuntimeSemantics::reprOfBuiltExceptions()
{
    const Trace trace = runFile(QStringLiteral("exception-reprs.loop.json"));
    const QString group = QStringLiteral("ExceptionGroup('unhandled errors in a TaskGroup', "
                                         "[KeyError('child 0.125')])");
    QCOMPARE(printsText(trace),
             QStringList(
                 {"0.125 main: unhandled errors in a TaskGroup (1 sub-exception)",
                  "0.125 main: ExceptionGroup('unhandled errors in a TaskGroup', [" + group + "])",
                  "0.125 main: (" + group + ",)",
                  "0.125 main: UnicodeDecodeError('utf-8', b'\\xff', 0, 1, \"it's\")",
                  "0.125 main: UnicodeDecodeError('utf-8', b'\\xff', 0, 1, 'invalid start byte')",
                  QStringLiteral("0.125 main: UnicodeEncodeError('ascii', '\u00e9', 0, 1, 'no')"),
                  QStringLiteral("0.125 main: UnicodeTranslateError('\u00e9', 0, 1, "
                                 "'character maps to <undefined>')"),
                  "0.125 main: ExceptionGroup('own', [Exception('own')]) own (1 sub-exception)",
                  "0.125 main: OverflowError(34, 'Numerical result out of range') "
                  "(34, 'Numerical result out of range')"}));
    QCOMPARE(resultsText(trace),
             QStringLiteral("main=done inner-1=failed bad-1=cancelled bad-2=failed"));
}

// "$None", "$True" and "$False" were taken for references to variables of those names, so
// check refused them (expected a parameter or variable of "main"): they are Python's constants.
void TestRuntimeSemantics::keywordConstantsAreExpressions()
{
    const Trace trace = runFile(QStringLiteral("keyword-constants.loop.json"));
    QCOMPARE(printsText(trace), QStringList({"0.125 main: None False True None"}));
    QCOMPARE(resultsText(trace), QStringLiteral("main=done job-1=done"));
}

// A float literal or float() text beyond DBL_MAX read as 0.0 (std::from_chars leaves its
// value unset out of range) where Python reads inf; argument-count errors said "exactly 1
// argument" and "upper() takes exactly 0 arguments" where CPython words them otherwise.
void TestRuntimeSemantics::floatsBeyondRangeAndArityWords()
{
    const Trace trace = runFile(QStringLiteral("float-range-and-arity.loop.json"));
    const QString overflow
        = QStringLiteral("0 main: OverflowError('cannot convert float infinity to integer')");
    QCOMPARE(printsText(trace),
             QStringList({"0 main: inf", "0 main: -inf", "0 main: nan", overflow, "0 main: inf",
                          "0 main: -inf", "0 main: 0.0", "0 main: inf", overflow,
                          "0 main: TypeError('str.upper() takes no arguments (1 given)')",
                          "0 main: TypeError('strip expected at most 1 argument, got 3')",
                          "0 main: TypeError('list.append() takes exactly one argument (0 given)')",
                          "0 main: TypeError('len() takes exactly one argument (0 given)')",
                          "0 main: TypeError('abs() takes exactly one argument (2 given)')"}));
}

// Indexing, slicing, iterating, find, padding and comparing a str went by UTF-16 units: an
// emoji outside the BMP came out as two surrogate halves (printed "?"), `center` padded it
// one short and '\uffff' < '\U0001f680' was false.
void TestRuntimeSemantics::strIsCodePoints()
{
    const Trace trace = runFile(QStringLiteral("code-points.loop.json"));
    const QString rocket = QString::fromUcs4(U"\U0001f680", 1);
    QStringList expected = {"0 main: 'R'",
                            "0 main: 'Rb'",
                            "0 main: 'bRa'",
                            "0 main: ['a', 'R', 'b']",
                            "0 main: 128640",
                            "0 main: 2",
                            "0 main: '..aRb..'",
                            "0 main: 'aRb  |'",
                            "0 main: '000aRb'",
                            "0 main: ['a', 'R', 'b']",
                            "0 main: ['a', 'b', 'R']",
                            "0 main: 'R'",
                            "0 main: True",
                            "0 main: 4",
                            "0 main: 'RRRaRb'",
                            "0 main: 'b' 'a'"};
    for (QString &line : expected)
        line.replace(u'R', rocket);
    QCOMPARE(printsText(trace), expected);
}

// get_name() of a task created without name= gave its lane's name (job-1); CPython's is
// Task-<n>, n counting every task: asyncio.run's is Task-1, gather's of job(n=3) Task-4. The
// lanes keep their names.
void TestRuntimeSemantics::taskGetNameIsCPythons()
{
    const Trace trace = runFile(QStringLiteral("task-get-name.loop.json"));
    QCOMPARE(printsText(trace), QStringList({"0.2 main: [1, 3, 2] Task-2 worker Task-5"}));
    QCOMPARE(resultsText(trace), QStringLiteral("main=done job-1=done worker=done job-3=done "
                                                "job-4=done"));
}

// `done.pop()` on asyncio.wait's set raised AttributeError; an empty set's pop raises KeyError.
void TestRuntimeSemantics::popFromWaitsDoneSet()
{
    const Trace trace = runFile(QStringLiteral("wait-done-pop.loop.json"));
    QCOMPARE(
        printsText(trace),
        QStringList({"1 main: popped 10, done 0, pending 1",
                     "1 main: empty: KeyError('pop from an empty set') 'pop from an empty set'",
                     "2 main: rest 20 0"}));
    QCOMPARE(resultsText(trace), QStringLiteral("main=done job-1=done job-2=done"));
}

// wait_for(aw, None) waits without a deadline, for a coroutine (inline, no lane of its own) and
// for a task; check refused the null timeout.
void TestRuntimeSemantics::waitForWithoutATimeout()
{
    const Trace trace = runFile(QStringLiteral("wait-for-none.loop.json"));
    QCOMPARE(printsText(trace), QStringList({"5 main: 20 30 True"}));
    QCOMPARE(resultsText(trace), QStringLiteral("main=done job-1=done"));
}

QTEST_GUILESS_MAIN(TestRuntimeSemantics)
#include "tst_runtime_semantics.moc"
