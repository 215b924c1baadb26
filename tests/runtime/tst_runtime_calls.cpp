// How a coroutine is called, as CPython calls it: parameter defaults (`async def f(x,
// delay=0.5)`), coroutine objects made in an expression and gathered (`gather(*(f(i) for i in
// range(3)))`, as lessons_semaphore and lessons_lock_shared_resource write it), with Python's
// TypeErrors for a wrong call; and print's `end`. Expected prints are CPython 3.12's
// (scenarios/values/defaults-and-star.loop.json is also run against it by differential_values).
#include "export/python_program.h"
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace/trace_json.h"
#include "trace_text.h"

#include <QFile>
#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

ScenarioLoad load(const QByteArray &json)
{
    return readScenario(json, QStringLiteral("t.loop.json"));
}

Trace run(const QByteArray &json)
{
    const ScenarioLoad loaded = load(json);
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.problems.front().toString()));
    return runScenario(*loaded.scenario);
}

QString problems(const QByteArray &json)
{
    QStringList lines;
    for (const auto &p : load(json).problems)
        lines << p.path + QStringLiteral(": ") + p.message;
    return lines.join(u'\n');
}

QByteArray withWork(const char *mainSteps)
{
    return QByteArray(R"({"format": "loopscope-scenario", "version": 1, "coroutines": [
        {"name": "work", "params": ["n", "delay"], "defaults": {"delay": 0.25}, "steps": [
          {"op": "sleep", "seconds": "delay"}, {"op": "print", "text": "work {n} {delay}"}]},
        {"name": "main", "steps": [)")
           + mainSteps + "]}]}";
}

} // namespace

class TestRuntimeCalls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAndGeneratorOfCoroutines();
    void wrongCallsRaiseTypeError_data();
    void wrongCallsRaiseTypeError();
    void oneCoroutineTwiceIsOneTask();
    void checkKnowsTheDefaults();
    void printEndIsInTheTrace();
    void exportWritesDefaultsAndEnd();
    void datetimeNowIsTheWallClock();
};

// fetch's default list is one object across calls; gather makes a task of each coroutine the
// generator gives, in order, and the semaphore lets two of access in at a time.
void TestRuntimeCalls::defaultsAndGeneratorOfCoroutines()
{
    const QString path = QStringLiteral(LOOPSCOPE_VALUES_DIR "/defaults-and-star.loop.json");
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const ScenarioLoad loaded = readScenario(file.readAll(), path);
    QVERIFY(loaded.ok());
    const Trace trace = runScenario(*loaded.scenario);
    QCOMPARE(printsText(trace),
             QStringList({"0 main: a waits 0.5", "0.5 main: b waits 0.25", "0.75 main: a1 b2",
                          "0.75 access-1: in 0", "0.75 access-2: in 1", "0.75 fetch-1: c waits 0.5",
                          "0.75 fetch-2: d waits 0.125", "1.75 access-1: out 0",
                          "1.75 access-2: out 1", "1.75 access-3: in 2", "2.75 access-3: out 2",
                          "2.75 main: [None, None, None, 'c3', 'd4']"}));
    QCOMPARE(spansText(trace, QStringLiteral("access-3")),
             QStringLiteral("running 0.75-0.75 | blocked 0.75-1.75 sem | running 1.75-1.75 | "
                            "waiting 1.75-2.75 timer | running 2.75-2.75"));
}

void TestRuntimeCalls::wrongCallsRaiseTypeError_data()
{
    QTest::addColumn<QByteArray>("star");
    QTest::addColumn<QString>("error");
    QTest::newRow("missing") << QByteArray("[work()]")
                             << "TypeError: work() missing 1 required positional argument: 'n'";
    QTest::newRow("too_many") << QByteArray("[work(1, 2, 3)]")
                              << "TypeError: work() takes 2 positional arguments but 3 were given";
    QTest::newRow("unknown_keyword")
        << QByteArray("[work(1, pause=2)]")
        << "TypeError: work() got an unexpected keyword argument 'pause'";
    QTest::newRow("twice") << QByteArray("[work(1, n=2)]")
                           << "TypeError: work() got multiple values for argument 'n'";
}

void TestRuntimeCalls::wrongCallsRaiseTypeError()
{
    QFETCH(QByteArray, star);
    QFETCH(QString, error);
    const QByteArray steps = R"j({"op": "set", "name": "c", "value": "$work(0)"},
        {"op": "gather", "items": [{"star": ")j"
                             + star + R"j("}]})j";
    const Trace trace = run(withWork(steps.constData()));
    QCOMPARE(trace.outcome.error, error);
    QCOMPARE(trace.outcome.status, OutcomeStatus::Failed);
}

// gather(c, c) as tasks.py's arg_to_fut has it: one task, its result twice.
void TestRuntimeCalls::oneCoroutineTwiceIsOneTask()
{
    const Trace trace = run(withWork(R"j({"op": "set", "name": "c", "value": "$work(7)"},
        {"op": "gather", "items": [{"star": "[c, c]"}], "as": "r"},
        {"op": "print", "text": "{r}"})j"));
    QCOMPARE(printsText(trace),
             QStringList({"0.25 work-1: work 7 0.25", "0.25 main: [None, None]"}));
    QCOMPARE(resultsText(trace), QStringLiteral("main=done work-1=done"));
}

void TestRuntimeCalls::checkKnowsTheDefaults()
{
    QCOMPARE(problems(withWork(R"({"op": "call", "coro": "work", "args": {"n": 1}})")), QString());
    QCOMPARE(problems(withWork(R"({"op": "call", "coro": "work", "args": {"delay": 1}})")),
             QStringLiteral("coroutines[1].steps[0].args: expected a value for every parameter "
                            "of \"work\" (n, delay), got none for \"n\""));
    QByteArray json = withWork(R"({"op": "call", "coro": "work", "args": {"n": 1}})");
    json.replace(R"("defaults": {"delay": 0.25})", R"("defaults": {"dealy": 0.25})");
    QVERIFY2(problems(json).startsWith(
                 QStringLiteral("coroutines[0].defaults.dealy: expected a parameter of \"work\" "
                                "(n, delay), got \"dealy\"")),
             qPrintable(problems(json)));
}

// print(x, end=...): the trace's print event keeps its end (absent when "\n"), and saving the
// scenario writes `end` only when it is not "\n".
void TestRuntimeCalls::printEndIsInTheTrace()
{
    const Trace trace = run(withWork(R"({"op": "print", "text": "a", "end": ""},
        {"op": "print", "text": "b", "end": "\t|\n"}, {"op": "print", "text": "c"})"));
    const auto ends = [](const Trace &t) {
        QStringList out;
        for (const TraceEvent &e : t.events)
            if (e.kind == EventKind::Print)
                out << e.text + QLatin1Char('=') + e.end;
        return out;
    };
    QCOMPARE(ends(trace), QStringList({"a=", "b=\t|\n", "c=\n"}));
    const QByteArray json = writeTraceJson(trace);
    QVERIFY2(json.contains(R"("text": "a", "end": "")"), json.constData());
    QVERIFY2(json.contains(R"("text": "c"})"), json.constData());
    QString error;
    const std::optional<Trace> reread = readTraceJson(json, &error);
    QVERIFY2(reread, qPrintable(error));
    QCOMPARE(ends(*reread), ends(trace));
    const QByteArray saved = writeScenario(*load(withWork(R"({"op": "print", "text": "a",
        "end": ""}, {"op": "print", "text": "c"})"))
                                                .scenario);
    QVERIFY2(saved.contains(R"({"op": "print", "id": "s3", "text": "a", "end": ""})"),
             saved.constData());
    QVERIFY2(saved.contains(R"({"op": "print", "id": "s4", "text": "c"})"), saved.constData());
    QVERIFY2(saved.contains(R"("defaults": {"delay": 0.25})"), saved.constData());
}

void TestRuntimeCalls::exportWritesDefaultsAndEnd()
{
    QByteArray json = withWork(R"({"op": "print", "text": "a", "end": "!\n"})");
    json.replace(R"("params": ["n", "delay"])", R"("params": ["n", "delay", "tag"])");
    const QString program = pythonProgram(*load(json).scenario);
    QVERIFY2(program.contains(QStringLiteral("async def work(n, delay=0.25, *, tag):")),
             qPrintable(program));
    QVERIFY2(program.contains(QStringLiteral("print(\"a\", end='!\\n')")), qPrintable(program));
}

// pydocs_display_date prints datetime.datetime.now(): the scenario's wall clock, in UTC, as
// CPython prints it with TZ=UTC (2024-01-01 17:13:52 at 0; microseconds only when not 0).
void TestRuntimeCalls::datetimeNowIsTheWallClock()
{
    const Trace trace = run(withWork(R"({"op": "print", "text": "{datetime.datetime.now()!r}"},
        {"op": "sleep", "seconds": 1.5},
        {"op": "print", "text": "{datetime.datetime.now()} {datetime.datetime.now().second}"})"));
    QCOMPARE(printsText(trace), QStringList({"0 main: datetime.datetime(2024, 1, 1, 17, 13, 52)",
                                             "1.5 main: 2024-01-01 17:13:53.500000 53"}));
    const QString program = pythonProgram(
        *load(withWork(R"({"op": "print", "text": "{datetime.datetime.now()}"})")).scenario);
    QVERIFY2(program.contains(QStringLiteral("\nimport datetime\n")), qPrintable(program));
}

QTEST_GUILESS_MAIN(TestRuntimeCalls)
#include "tst_runtime_calls.moc"
