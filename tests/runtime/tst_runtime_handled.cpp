// The exception being handled (scenario-format.md, "except ... as name" and "A bare raise"):
// tests/runtime/scenarios/errors/except-as and bare-raise, both checked against CPython 3.12 by
// differential_errors, run here with their exact prints, spans and outcome; what check says
// of a bad handler or raise; and the file and Python texts they are written back as.
#include "export/python_program.h"
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

ScenarioLoad loadFile(const QString &name)
{
    return readScenarioFile(
        QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/runtime/scenarios/errors/%1.loop.json")
            .arg(name));
}

Trace runFile(const QString &name)
{
    const ScenarioLoad load = loadFile(name);
    return load.ok() ? runScenario(*load.scenario) : Trace{};
}

QString firstProblem(const QByteArray &steps)
{
    const ScenarioLoad load = readScenario(
        R"({"format":"loopscope-scenario","version":1,"coroutines":[{"name":"main","steps":)"
            + steps + "}]}",
        QStringLiteral("h.loop.json"));
    return load.problems.empty() ? QString() : load.problems.at(0).toString();
}

} // namespace

class TestRuntimeHandled : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exceptAsBindsTheExceptionUntilTheHandlerEnds();
    void bareRaiseReraisesTheExceptionBeingHandled();
    void badHandlersAndRaisesAreRefused_data();
    void badHandlersAndRaisesAreRefused();
    void writtenBackAsRead();
};

// str and repr of a raised ValueError, of an expression's KeyError (the key's repr) and of a
// raised KeyError; after the last handler, e is gone.
void TestRuntimeHandled::exceptAsBindsTheExceptionUntilTheHandlerEnds()
{
    const Trace trace = runFile(QStringLiteral("except-as"));
    QCOMPARE(printsText(trace), QStringList({QStringLiteral("0 main: boom ValueError('boom')"),
                                             QStringLiteral("0 main: 'k' KeyError('k') 3"),
                                             QStringLiteral("0.5 main: 'gone' KeyError('gone')")}));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Failed);
    QCOMPARE(trace.outcome.error,
             QStringLiteral("UnboundLocalError: cannot access local variable 'e' where it is not "
                            "associated with a value"));
    QCOMPARE(QString::number(trace.duration), QStringLiteral("0.5"));
    QCOMPARE(resultsText(trace), QStringLiteral("main=failed"));
    QCOMPARE(invariantProblem(trace), QString());
}

// The docs' cancel_me (a handler's raise lets the CancelledError go on, the task ends
// cancelled at 1 s), a coroutine awaited inline from a handler, a finally run by a KeyError,
// a handler whose inner handler has ended, a task made in a handler (none), main at the end.
void TestRuntimeHandled::bareRaiseReraisesTheExceptionBeingHandled()
{
    const Trace trace = runFile(QStringLiteral("bare-raise"));
    QCOMPARE(printsText(trace),
             QStringList({QStringLiteral("0 cancel_me-1: cancel_me(): before sleep"),
                          QStringLiteral("1 cancel_me-1: cancel_me(): cancel sleep"),
                          QStringLiteral("1 cancel_me-1: cancel_me(): after sleep"),
                          QStringLiteral("1 main: main(): cancel_me is cancelled now"),
                          QStringLiteral("1 main: helper re-raised ValueError('inner')"),
                          QStringLiteral("1 main: finally re-raised KeyError('k')"),
                          QStringLiteral("1 main: outer re-raised KeyError('k')"),
                          QStringLiteral("1 main: task: No active exception to reraise")}));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Failed);
    QCOMPARE(trace.outcome.error, QStringLiteral("RuntimeError: No active exception to reraise"));
    QCOMPARE(resultsText(trace),
             QStringLiteral("main=failed cancel_me-1=cancelled reraiser-1=failed"));
    QCOMPARE(spansText(trace, QStringLiteral("cancel_me-1")),
             QStringLiteral("running 0-0 | waiting 0-1 timer | running 1-1"));
    // main runs three times at 1 s: after the timer, when cancel_me-1 ended, when reraiser-1
    // failed (the zero-length waits between leave no span).
    QCOMPARE(spansText(trace, QStringLiteral("main")),
             QStringLiteral("running 0-0 | waiting 0-1 timer | running 1-1 | running 1-1 | "
                            "running 1-1"));
    QCOMPARE(invariantProblem(trace), QString());
}

void TestRuntimeHandled::badHandlersAndRaisesAreRefused_data()
{
    QTest::addColumn<QByteArray>("steps");
    QTest::addColumn<QString>("problem");
    QTest::newRow("message without error")
        << QByteArray(R"([{"op":"raise","message":"m"}])")
        << QStringLiteral("h.loop.json:1:82: coroutines[0].steps[0].error: expected an exception "
                          "class for the message (a bare raise re-raises the exception being "
                          "handled as it is), got none");
    QTest::newRow("as no identifier")
        << QByteArray(R"([{"op":"try","steps":[],"except":{"KeyError":{"as":"1e","steps":[]}}}])")
        << QStringLiteral("h.loop.json:1:132: coroutines[0].steps[0].except.KeyError.as: "
                          "expected a Python identifier, got \"1e\"");
    QTest::newRow("handler without steps")
        << QByteArray(R"([{"op":"try","steps":[],"except":{"KeyError":{"as":"e"}}}])")
        << QStringLiteral("h.loop.json:1:126: coroutines[0].steps[0].except.KeyError.steps: "
                          "required field missing (expected an array of steps)");
    QTest::newRow("unknown key in handler")
        << QByteArray(
               R"([{"op":"try","steps":[],"except":{"KeyError":{"as":"e","steps":[],"s":1}}}])")
        << QStringLiteral("h.loop.json:1:151: coroutines[0].steps[0].except.KeyError.s: "
                          "unknown key; did you mean \"as\"?");
}

void TestRuntimeHandled::badHandlersAndRaisesAreRefused()
{
    QFETCH(QByteArray, steps);
    QFETCH(QString, problem);
    QCOMPARE(firstProblem(steps), problem);
}

// The file writes a handler with `as` as {as, steps} and a bare raise without `error`; the
// Python export writes `except KeyError as e:` and `raise`.
void TestRuntimeHandled::writtenBackAsRead()
{
    const ScenarioLoad load = readScenario(
        R"({"format":"loopscope-scenario","version":1,"coroutines":[{"name":"main","steps":[
        {"op":"try","id":"t","steps":[],"except":{"KeyError":{"as":"e","steps":[
        {"op":"print","id":"p","text":"{e!r}"},{"op":"raise","id":"r"}]}}}]}]})",
        QStringLiteral("w.loop.json"));
    QVERIFY(load.ok());
    const Step &step = load.scenario->coroutines.at(0).steps.at(0);
    QCOMPARE(QString::fromUtf8(writeStepJson(step)).simplified(),
             QStringLiteral(R"({ "op": "try", "id": "t", "steps": [], "except": { "KeyError": {)"
                            R"( "as": "e", "steps": [{"op": "print", "id": "p", "text": "{e!r}"},)"
                            R"( {"op": "raise", "id": "r"}] } } })"));
    const QString python = pythonProgram(*load.scenario);
    QVERIFY2(python.contains(QStringLiteral("    try:\n        pass\n    except KeyError as e:\n"
                                            "        print(f\"{e!r}\")\n        raise\n")),
             qPrintable(python));
}

QTEST_GUILESS_MAIN(TestRuntimeHandled)
#include "tst_runtime_handled.moc"
