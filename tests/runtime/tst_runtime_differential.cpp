// Disagreements with CPython 3.12 that differential.py's mixed stream (tests/fidelity/
// differential_mixed.py) found, each minimised to a scenario under scenarios/values/, which
// ctest differential_values also runs against CPython. Exact prints and spans of the run, and
// the exported line where the Python export was wrong.
#include "export/python_program.h"
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QFile>
#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

ScenarioLoad loadFile(const QString &name)
{
    const QString path = QStringLiteral(LOOPSCOPE_VALUES_DIR "/") + name;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return readScenario(file.readAll(), path);
}

QString problemsOf(const ScenarioLoad &load)
{
    QStringList lines;
    for (const auto &p : load.problems)
        lines << p.toString();
    return lines.join(u'\n');
}

} // namespace

class TestRuntimeDifferential : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expressionArgumentsForSeconds();
    void putNowaitOfAnExpression();
    void poolCompletionQueuedAtSubmit();
};

// `fetch(i=i, d=(i % 2) * 0.25 + 0.125)` for a `d` used as seconds was refused by check
// ("expected a number ... got "$(i % 2) * 0.25 + 0.125""): only a JSON number or a bare
// "$name" passed. An expression's type is known when it runs, as in Python.
void TestRuntimeDifferential::expressionArgumentsForSeconds()
{
    const ScenarioLoad load = loadFile(QStringLiteral("expression-arguments.loop.json"));
    QVERIFY2(load.ok(), qPrintable(problemsOf(load)));
    const Trace trace = runScenario(*load.scenario);
    QCOMPARE(
        printsText(trace),
        QStringList({"0.125 fetch-1: fetch 0 after 0.125", "0.125 fetch-3: fetch 2 after 0.125",
                     "0.375 fetch-2: fetch 1 after 0.375", "0.5 fetch-4: fetch 7 after 0.5",
                     "0.5 main: [0, 10, 20, 70]"}));
    QCOMPARE(spansText(trace, QStringLiteral("main")),
             QStringLiteral("running 0-0 | waiting 0-0.5 gather | running 0.5-0.5"));
    QCOMPARE(spansText(trace, QStringLiteral("fetch-2")),
             QStringLiteral("running 0-0 | waiting 0-0.375 timer | running 0.375-0.375"));
}

// `q.put_nowait("$(i % 2 + 1) * 0.125")` ran as the expression's value, but the Python export
// wrote the text itself, `q.put_nowait("$(i % 2 + 1) * 0.125")` (`put` wrote the expression).
void TestRuntimeDifferential::putNowaitOfAnExpression()
{
    const ScenarioLoad load = loadFile(QStringLiteral("put-nowait-expression.loop.json"));
    QVERIFY2(load.ok(), qPrintable(problemsOf(load)));
    const Trace trace = runScenario(*load.scenario);
    QCOMPARE(printsText(trace),
             QStringList({"0.125 main: slept 0.125, 2 left", "0.375 main: slept 0.250, 1 left",
                          "0.5 main: slept 0.125, 0 left"}));
    const QStringList program = pythonProgram(*load.scenario).split(u'\n');
    QVERIFY2(program.contains(QStringLiteral("        q.put_nowait(((i % 2 + 1) * 0.125))")),
             qPrintable(program.join(u'\n')));
}

// Iteration 2 runs napper (sleeps), offload (submits `work`, which completes at once: its
// call_soon_threadsafe is queued there and then) and main (cancels napper: napper's wake-up is
// queued after it). Iteration 3 sets the future (offload's wake-up queued) and wakes napper,
// which ends (main's wake-up queued after offload's). The completion used to wait for the next
// iteration's drain, behind napper's wake-up, so main printed first.
void TestRuntimeDifferential::poolCompletionQueuedAtSubmit()
{
    const ScenarioLoad load = loadFile(QStringLiteral("pool-completion-order.loop.json"));
    QVERIFY2(load.ok(), qPrintable(problemsOf(load)));
    const Trace trace = runScenario(*load.scenario);
    QCOMPARE(printsText(trace),
             QStringList({"0 asyncio_0: work runs", "0 napper-1: napper cancelled",
                          "0 offload-1: offload got 4", "0 main: main after napper"}));
    QCOMPARE(resultsText(trace), QStringLiteral("main=done napper-1=done offload-1=done"));
    QCOMPARE(spansText(trace, QStringLiteral("main")),
             QStringLiteral("running 0-0 | running 0-0 | running 0-0 | waiting 0-0.25 timer | "
                            "running 0.25-0.25"));
    QCOMPARE(trace.duration, 0.25);
}

QTEST_GUILESS_MAIN(TestRuntimeDifferential)
#include "tst_runtime_differential.moc"
