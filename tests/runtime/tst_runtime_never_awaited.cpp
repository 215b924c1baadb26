// A call never awaited (`fetch()` without await): the coroutine's body never runs, no lane is
// made, the caller goes on without suspending, and a `never-awaited` warning is recorded on the
// caller's lane at that instant, worded as CPython's RuntimeWarning.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QProcess>
#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

using K = StepKind;

Step say(const QString &id, const QString &text)
{
    return Step{.kind = K::Print, .id = id, .text = text};
}

Step sleep(const QString &id, double seconds)
{
    return Step{.kind = K::Sleep, .id = id, .seconds = Quantity::literal(seconds)};
}

Step dropped(const QString &id, const QString &coro, const QJsonObject &args = {})
{
    return Step{.kind = K::Call, .id = id, .coro = coro, .args = args, .awaited = false};
}

// main starts a worker, then calls `fetch` and `failing` without await; the worker does the
// same with `fetch` at 1.5 s. Neither callee ever runs: `failing` would raise.
Scenario forgetfulProgram()
{
    Scenario s;
    s.title = QStringLiteral("forgetful");
    const QJsonObject url{{QStringLiteral("url"), QStringLiteral("/a")}};
    s.coroutines = {
        {QStringLiteral("fetch"),
         {QStringLiteral("url")},
         {say("f1", "fetching {url}"), sleep("f2", 1), say("f3", "fetched {url}")},
         {}},
        {QStringLiteral("failing"),
         {},
         {Step{.kind = K::Raise, .id = "r1", .error = "ValueError", .message = "never raised"}},
         {}},
        {QStringLiteral("worker"),
         {},
         {say("w1", "worker starts"), sleep("w2", 1.5), dropped("w3", "fetch", url),
          say("w4", "worker after"), sleep("w5", 0.5)},
         {}},
        {QStringLiteral("main"),
         {},
         {Step{.kind = K::CreateTask, .id = "m1", .coro = "worker", .as = "w"},
          dropped("m2", "fetch", url), say("m3", "main after"), dropped("m4", "failing"),
          sleep("m5", 0.25), Step{.kind = K::Await, .id = "m6", .task = "w"},
          say("m7", "main done")},
         {}},
    };
    return s;
}

void removeDroppedCalls(Steps &steps)
{
    std::erase_if(steps, [](const Step &s) { return s.kind == K::Call && !s.awaited; });
    for (Step &s : steps)
        removeDroppedCalls(s.steps);
}

// Every span of every lane with what it waits on and the step that caused it.
QStringList allSpans(const Trace &trace)
{
    QStringList lines;
    for (const Lane &lane : trace.lanes) {
        QStringList spans;
        for (const Span &span : lane.spans)
            spans << QStringLiteral("%1 %2-%3 %4 %5")
                         .arg(stateName(span.state))
                         .arg(span.start)
                         .arg(span.end)
                         .arg(trace.str(span.on), trace.str(span.step));
        lines << lane.name + QStringLiteral(": ") + spans.join(QStringLiteral(" | "));
    }
    return lines;
}

QStringList allEvents(const Trace &trace)
{
    QStringList lines;
    for (const TraceEvent &e : trace.events)
        lines << QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                     .arg(e.t)
                     .arg(e.lane)
                     .arg(eventKindName(e.kind), e.text, e.resource)
                     .arg(e.by)
                     .arg(e.via);
    return lines;
}

QString diagnosticText(const Trace &trace, const Diagnostic &d)
{
    return QStringLiteral("%1 %2 %3 %4: %5")
        .arg(d.t)
        .arg(d.lane >= 0 ? trace.lanes[std::size_t(d.lane)].name : QStringLiteral("-"),
             severityName(d.severity), d.code, d.message);
}

QStringList diagnosticsText(const Trace &trace)
{
    QStringList lines;
    for (const Diagnostic &d : trace.diagnostics)
        lines << diagnosticText(trace, d);
    return lines;
}

} // namespace

class TestRuntimeNeverAwaited : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theLessonWarnsOnceAndRunsFetchOnce();
    void callerRunsAsIfTheCallWereAbsent();
    void warnsOnTheCallersLaneAtThatInstant();
    void runCommandPrintsTheWarning();
};

void TestRuntimeNeverAwaited::theLessonWarnsOnceAndRunsFetchOnce()
{
    const ScenarioLoad load = readScenarioFile(
        QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/23-forgotten-await.loop.json"));
    QVERIFY(load.ok());
    const Trace trace = runScenario(*load.scenario);
    QCOMPARE(outcomeName(trace.outcome.status), QStringLiteral("completed"));
    QCOMPARE(trace.duration, 1.0);
    // No lane for the coroutine never awaited: main and the loop only.
    QCOMPARE(trace.lanes.size(), std::size_t(2));
    QCOMPARE(trace.lanes[1].kind, LaneKind::Loop);
    QCOMPARE(spansText(trace, "main"), "running 0-0 | waiting 0-1 timer | running 1-1");
    QCOMPARE(printsText(trace), QStringList({"0 main: Main: calling fetch() without await",
                                             "0 main: Main: back at once, nothing was fetched",
                                             "0 main: Fetching /users", "1 main: Fetched /users",
                                             "1 main: Main: done"}));
    QCOMPARE(trace.diagnostics.size(), std::size_t(1));
    const Diagnostic &d = trace.diagnostics[0];
    QCOMPARE(d.t, 0.0);
    QCOMPARE(d.lane, 0);
    QCOMPARE(d.severity, Severity::Warning);
    QCOMPARE(d.code, QStringLiteral("never-awaited"));
    QCOMPARE(d.message, QStringLiteral("RuntimeWarning: coroutine 'fetch' was never awaited"));
}

// Spans (with their steps), events, outcome and duration are exactly those of the program
// without the calls: the caller never suspended and nothing else ran.
void TestRuntimeNeverAwaited::callerRunsAsIfTheCallWereAbsent()
{
    const Scenario forgetful = forgetfulProgram();
    Scenario without = forgetful;
    for (Coroutine &c : without.coroutines)
        removeDroppedCalls(c.steps);
    QVERIFY(!(without == forgetful));
    const Trace with = runScenario(forgetful);
    const Trace absent = runScenario(without);
    QCOMPARE(outcomeName(with.outcome.status), QStringLiteral("completed"));
    QCOMPARE(with.duration, 2.0);
    QCOMPARE(absent.duration, with.duration);
    QCOMPARE(allSpans(with), allSpans(absent));
    QCOMPARE(allEvents(with), allEvents(absent));
    QCOMPARE(printsText(with), QStringList({"0 main: main after", "0 worker-1: worker starts",
                                            "1.5 worker-1: worker after", "2 main: main done"}));
    QCOMPARE(resultsText(with), QStringLiteral("main=done worker-1=done"));
    QCOMPARE(diagnosticsText(absent), QStringList());
}

void TestRuntimeNeverAwaited::warnsOnTheCallersLaneAtThatInstant()
{
    const Trace trace = runScenario(forgetfulProgram());
    QCOMPARE(diagnosticsText(trace),
             QStringList({"0 main warning never-awaited: RuntimeWarning: coroutine 'fetch' was "
                          "never awaited",
                          "0 main warning never-awaited: RuntimeWarning: coroutine 'failing' was "
                          "never awaited",
                          "1.5 worker-1 warning never-awaited: RuntimeWarning: coroutine 'fetch' "
                          "was never awaited"}));
}

// `loopscope run` prints the diagnostics after the chart, this one among them.
void TestRuntimeNeverAwaited::runCommandPrintsTheWarning()
{
    QProcess run;
    run.start(QStringLiteral(LOOPSCOPE_BINARY),
              {QStringLiteral("run"),
               QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/23-forgotten-await.loop.json")});
    QVERIFY(run.waitForFinished(60000));
    QCOMPARE(run.exitCode(), 0);
    const QStringList lines = QString::fromUtf8(run.readAllStandardOutput()).split(u'\n');
    QCOMPARE(lines.filter(QStringLiteral("never-awaited")),
             QStringList({QStringLiteral("   0.000 warning [never-awaited] main: RuntimeWarning: "
                                         "coroutine 'fetch' was never awaited")}));
}

QTEST_GUILESS_MAIN(TestRuntimeNeverAwaited)
#include "tst_runtime_never_awaited.moc"
