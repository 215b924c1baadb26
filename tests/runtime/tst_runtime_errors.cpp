// Exceptions as CPython 3.12 has them (tests/runtime/scenarios/errors, each checked against
// CPython by differential_errors): the outcome's error text is the last line of Python's
// traceback (a KeyError shows its key's repr, a CancelledError keeps its message), every
// built-in exception class may be raised, StopIteration leaving a coroutine becomes a
// RuntimeError, classes outside Exception pass `except *`, KeyboardInterrupt and SystemExit
// end the loop at once and asyncio.run cancels what is left, and tg.create_task on a TaskGroup
// that is shutting down raises RuntimeError.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "scenario/scenario_validate.h"
#include "trace_text.h"

#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

Trace runFile(const QString &name)
{
    const ScenarioLoad load = readScenarioFile(
        QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/runtime/scenarios/errors/%1.loop.json")
            .arg(name));
    if (!load.ok())
        return {};
    return runScenario(*load.scenario);
}

QByteArray raising(const QString &error)
{
    return QStringLiteral(R"({"format":"loopscope-scenario","version":1,"coroutines":[
        {"name":"main","steps":[{"op":"raise","error":"%1","message":"m"}]}]})")
        .arg(error)
        .toUtf8();
}

} // namespace

class TestRuntimeErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactOutcome_data();
    void exactOutcome();
    void everyBuiltinExceptionMayBeRaised_data();
    void everyBuiltinExceptionMayBeRaised();
    void unknownExceptionIsRefused();
    void createTaskOnAShuttingDownGroupRaises();
    void exceptionGroupHoldsItsExceptions();
};

void TestRuntimeErrors::exactOutcome_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("duration");
    QTest::addColumn<QStringList>("prints");
    QTest::addColumn<QString>("results");
    QTest::newRow("base-exception-group")
        << "base-exception-group"
        << "BaseExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)"
        << "0.5" << QStringList{} << "main=failed w-1=failed v-1=cancelled";
    QTest::newRow("base-exception-not-star") << "base-exception-not-star"
                                             << "GeneratorExit: g"
                                             << "0" << QStringList{} << "main=failed";
    QTest::newRow("cancelled-message-awaited") << "cancelled-message-awaited"
                                               << "CancelledError"
                                               << "0.5" << QStringList{"0.5 watch-1: watch saw it"}
                                               << "main=cancelled w-1=cancelled watch-1=done";
    QTest::newRow("cancelled-message") << "cancelled-message"
                                       << "CancelledError: stop here"
                                       << "0.5" << QStringList{} << "main=cancelled";
    // An expression's errors are caught by class and base (check accepted only eight names);
    // its KeyError's text was the key's repr twice: KeyError: "'k2'".
    QTest::newRow("except-expression-errors")
        << "except-expression-errors"
        << "KeyError: 'k2'"
        << "0"
        << QStringList{"0 main: KeyError caught",
                       "0 main: ArithmeticError caught a ZeroDivisionError",
                       "0 main: LookupError caught an IndexError", "0 main: TypeError caught",
                       "0 main: [1, KeyError('b'), KeyError(3)] 'b' 3"}
        << "main=failed look-1=done look-2=failed look-3=failed";
    QTest::newRow("key-error-quotes") << "key-error-quotes"
                                      << "KeyError: \"it's here\""
                                      << "0" << QStringList{} << "main=failed";
    // Found by differential.py on lesson mutants: a task variable bound only inside a repeat
    // of count 0 was read as "not a task" (TypeError) instead of unbound.
    QTest::newRow("unbound-task-variable")
        << "unbound-task-variable"
        << "UnboundLocalError: cannot access local variable 't' where it is not associated with "
           "a value"
        << "0" << QStringList{"0 main: before"} << "main=failed";
    QTest::newRow("key-error") << "key-error"
                               << "KeyError: 'no such key'"
                               << "0" << QStringList{"0 main: before"} << "main=failed";
    QTest::newRow("keyboard-interrupt-in-group")
        << "keyboard-interrupt-in-group"
        << "KeyboardInterrupt"
        << "0.5" << QStringList{"0.5 slow-1: slow finally", "0.5 main: main finally"}
        << "main=failed bomb-1=failed slow-1=cancelled";
    QTest::newRow("raised-exception-group") << "raised-exception-group"
                                            << "ExceptionGroup: many (1 sub-exception)"
                                            << "0" << QStringList{} << "main=failed";
    QTest::newRow("stop-iteration-caught-inside")
        << "stop-iteration-caught-inside"
        << "StopAsyncIteration: y"
        << "0" << QStringList{"0 main: star caught it"} << "main=failed";
    QTest::newRow("stop-iteration")
        << "stop-iteration"
        << "RuntimeError: coroutine raised StopIteration"
        << "0" << QStringList{"0 main: w runs", "0 main: caught RuntimeError", "0 w-1: w runs"}
        << "main=failed w-1=failed";
    QTest::newRow("system-exit-in-main")
        << "system-exit-in-main"
        << "SystemExit"
        << "0.5" << QStringList{"0.5 slow-1: slow finally"} << "main=failed slow-1=cancelled";
    QTest::newRow("system-exit-in-task") << "system-exit-in-task"
                                         << "SystemExit: bye"
                                         << "1.5"
                                         << QStringList{"0 other-1: other 1 start",
                                                        "0 bomb-1: bomb start",
                                                        "0 other-2: other 2 start",
                                                        "1 main: main sleeping",
                                                        "1 waiter-1: waiter cancelled",
                                                        "1 main: main cancelled",
                                                        "1 main: main finally",
                                                        "1 other-1: other 1 cancelled",
                                                        "1 other-2: other 2 cancelled",
                                                        "1.5 other-1: other 1 cleanup done",
                                                        "1.5 other-2: other 2 cleanup done"}
                                         << "main=cancelled other-1=cancelled bomb-1=failed "
                                            "waiter-1=done other-2=cancelled tick-1=cancelled";
    QTest::newRow("taskgroup-shutting-down-caught")
        << "taskgroup-shutting-down-caught"
        << "ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)"
        << "0.5"
        << QStringList{"0.5 main: body cancelled", "0.5 main: create_task refused",
                       "0.5 main: body goes on"}
        << "main=failed fail-1=failed";
    QTest::newRow("taskgroup-shutting-down")
        << "taskgroup-shutting-down"
        << "ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)"
        << "0.5" << QStringList{"0.5 main: body cancelled"}
        << "main=failed fail-1=failed slow-1=cancelled";
    QTest::newRow("unicode-errors")
        << "unicode-errors"
        << "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start "
           "byte"
        << "0" << QStringList{"0 main: ValueError caught a UnicodeDecodeError"} << "main=failed";
    QTest::newRow("warning-and-alias")
        << "warning-and-alias"
        << "OSError: disk"
        << "0" << QStringList{"0 main: star caught UserWarning"} << "main=failed";
}

void TestRuntimeErrors::exactOutcome()
{
    QFETCH(QString, file);
    QFETCH(QString, error);
    QFETCH(QString, duration);
    QFETCH(QStringList, prints);
    QFETCH(QString, results);
    const Trace trace = runFile(file);
    QCOMPARE(trace.outcome.status, OutcomeStatus::Failed);
    QCOMPARE(trace.outcome.error, error);
    QCOMPARE(QString::number(trace.duration), duration);
    QCOMPARE(printsText(trace), prints);
    QCOMPARE(resultsText(trace), results);
    QCOMPARE(invariantProblem(trace), QString());
}

// Every class Python 3.12's builtins module defines (dir(builtins)), aliases too, and asyncio's
// CancelledError: `check` accepts a `raise` of each, and the run fails with it.
void TestRuntimeErrors::everyBuiltinExceptionMayBeRaised_data()
{
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("outcome");
    const QString names = QStringLiteral(
        "ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup "
        "BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError "
        "ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError "
        "DeprecationWarning EOFError EncodingWarning Exception ExceptionGroup FileExistsError "
        "FileNotFoundError FloatingPointError FutureWarning GeneratorExit ImportError "
        "ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError "
        "KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError "
        "NotADirectoryError NotImplementedError OSError OverflowError "
        "PendingDeprecationWarning PermissionError ProcessLookupError RecursionError "
        "ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration "
        "StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError "
        "TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError "
        "UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ZeroDivisionError "
        "CancelledError");
    for (const QString &name : names.split(QLatin1Char(' '))) {
        QString outcome = name + QStringLiteral(": m");
        if (name == QLatin1String("KeyError"))
            outcome = QStringLiteral("KeyError: 'm'");
        else if (name.endsWith(QLatin1String("ExceptionGroup")))
            outcome = name + QStringLiteral(": m (1 sub-exception)");
        else if (name == QLatin1String("StopIteration"))
            outcome = QStringLiteral("RuntimeError: coroutine raised StopIteration");
        else if (name == QLatin1String("UnicodeDecodeError"))
            outcome = QStringLiteral(
                "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: m");
        else if (name == QLatin1String("UnicodeEncodeError"))
            outcome = QStringLiteral("UnicodeEncodeError: 'ascii' codec can't encode character "
                                     "'\\xe9' in position 0: m");
        else if (name == QLatin1String("UnicodeTranslateError"))
            outcome = QStringLiteral(
                "UnicodeTranslateError: can't translate character '\\xe9' in position 0: m");
        QTest::newRow(qPrintable(name)) << name << outcome;
    }
    QTest::newRow("IOError") << "IOError"
                             << "OSError: m";
    QTest::newRow("EnvironmentError") << "EnvironmentError"
                                      << "OSError: m";
}

void TestRuntimeErrors::everyBuiltinExceptionMayBeRaised()
{
    QFETCH(QString, error);
    QFETCH(QString, outcome);
    const ScenarioLoad load = readScenario(raising(error), QStringLiteral("raise.loop.json"));
    QVERIFY2(load.ok(), load.problems.empty() ? "" : qPrintable(load.problems[0].toString()));
    const Trace trace = runScenario(*load.scenario);
    QCOMPARE(trace.outcome.status, OutcomeStatus::Failed);
    QCOMPARE(trace.outcome.error, outcome);
}

void TestRuntimeErrors::unknownExceptionIsRefused()
{
    const ScenarioLoad load
        = readScenario(raising(QStringLiteral("NoSuchError")), QStringLiteral("raise.loop.json"));
    QVERIFY(!load.ok());
    QCOMPARE(
        load.problems.at(0).toString(),
        QStringLiteral("raise.loop.json:2:55: coroutines[0].steps[0].error: expected the name "
                       "of a built-in exception class or CancelledError, got \"NoSuchError\""));
}

// The body catches the CancelledError of a failing child, then calls tg.create_task: asyncio
// raises RuntimeError (taskgroups.py), no task is made, the body's next line never runs, and
// the group ends with 2 sub-exceptions (the child's ValueError and that RuntimeError).
void TestRuntimeErrors::createTaskOnAShuttingDownGroupRaises()
{
    const Trace trace = runFile(QStringLiteral("taskgroup-shutting-down"));
    QStringList raises;
    for (const TraceEvent &e : trace.events)
        if (e.kind == EventKind::Raise)
            raises << e.resource + QStringLiteral(": ") + e.text;
    QCOMPARE(raises, QStringList({QStringLiteral("ValueError: boom"),
                                  QStringLiteral("RuntimeError: TaskGroup <TaskGroup tasks=1 "
                                                 "errors=1 cancelling> is shutting down")}));
    QCOMPARE(printsText(trace), QStringList{QStringLiteral("0.5 main: body cancelled")});
    QCOMPARE(resultsText(trace), QStringLiteral("main=failed fail-1=failed slow-1=cancelled"));
    QCOMPARE(trace.outcome.error,
             QStringLiteral("ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)"));
    QStringList warnings;
    for (const Diagnostic &d : trace.diagnostics)
        warnings << d.code + QStringLiteral(": ") + d.message;
    QCOMPARE(warnings, QStringList{QStringLiteral(
                           "never-awaited: RuntimeWarning: coroutine 'quick' was never awaited")});
}

// `except ExceptionGroup as eg: for exc in eg.exceptions` (the asyncio tutorial's TaskGroup
// failure, as the import's refusal of `except*` advises): CPython 3.12 prints these lines.
void TestRuntimeErrors::exceptionGroupHoldsItsExceptions()
{
    const QByteArray json = R"({"format":"loopscope-scenario","version":1,"coroutines":[
        {"name":"fail","params":["n"],"steps":[{"op":"raise","error":"ValueError",
         "message":"bad {n}"}]},
        {"name":"main","steps":[{"op":"try","steps":[{"op":"task_group","steps":[
          {"op":"create_task","coro":"fail","args":{"n":1}},
          {"op":"create_task","coro":"fail","args":{"n":2}}]}],
         "except":{"ExceptionGroup":{"as":"eg","steps":[
          {"op":"print","text":"{eg.message} {len(eg.exceptions)} {eg.exceptions}"},
          {"op":"for","var":"exc","in":"eg.exceptions","steps":[
            {"op":"print","text":"Caught: {exc!r} {exc}"}]}]}}}]}]})";
    const ScenarioLoad load = readScenario(json, QStringLiteral("group.loop.json"));
    QVERIFY2(load.ok(), load.problems.empty() ? "" : qPrintable(load.problems[0].toString()));
    const Trace trace = runScenario(*load.scenario);
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QCOMPARE(printsText(trace),
             QStringList({QStringLiteral("0 main: unhandled errors in a TaskGroup 2 "
                                         "(ValueError('bad 1'), ValueError('bad 2'))"),
                          QStringLiteral("0 main: Caught: ValueError('bad 1') bad 1"),
                          QStringLiteral("0 main: Caught: ValueError('bad 2') bad 2")}));
}

QTEST_GUILESS_MAIN(TestRuntimeErrors)
#include "tst_runtime_errors.moc"
