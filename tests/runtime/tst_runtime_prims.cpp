// Issue 15's missing primitives at run time, on the virtual clock: the default pool
// (run_in_executor with pool null), awaitable ops and `*expr` as gather items, plain functions
// on pool workers (their prints at the worker's time, on its lane; their return value), loop
// callbacks (call_soon, call_later), put_nowait/get_nowait, wait, as_completed, shield,
// Condition, Barrier and the timeout block. Expected prints are CPython 3.12's: each scenario's
// program is tests/fidelity/24-*.py .. 27-*.py (same prints, times on the virtual clock).
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

Trace run(const QByteArray &json)
{
    const ScenarioLoad load = readScenario(json, QStringLiteral("t.loop.json"));
    if (!load.ok())
        qFatal("%s", qPrintable(load.problems.front().toString()));
    return runScenario(*load.scenario);
}

QStringList problems(const QByteArray &json)
{
    QStringList out;
    for (const ScenarioProblem &p : readScenario(json, QStringLiteral("t.loop.json")).problems)
        out << p.path + QStringLiteral(": ") + p.message;
    return out;
}

[[maybe_unused]] QByteArray scenario(const char *resources, const char *functions, const char *coroutines)
{
    return QByteArray(R"({"format": "loopscope-scenario", "version": 1, "resources": [)")
           + resources + R"(], "functions": [)" + functions + R"(], "coroutines": [)" + coroutines
           + "]}";
}

QString dump(const Trace &trace)
{
    QStringList out = printsText(trace);
    for (const Lane &lane : trace.lanes)
        out << lane.name + QStringLiteral(": ") + spansText(trace, lane.name);
    out << resultsText(trace) << trace.outcome.error;
    return out.join(QLatin1Char('\n'));
}

} // namespace

class TestRuntimePrims : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void explore();
};

void TestRuntimePrims::explore()
{
    QFile f(QStringLiteral("/tmp/prims/in.json"));
    if (!f.open(QIODevice::ReadOnly))
        QSKIP("no exploration input");
    const QByteArray json = f.readAll();
    const QStringList p = problems(json);
    if (!p.isEmpty())
        qWarning("%s", qPrintable(p.join(QLatin1Char('\n'))));
    else
        qWarning("%s", qPrintable(dump(run(json))));
}

QTEST_GUILESS_MAIN(TestRuntimePrims)
#include "tst_runtime_prims.moc"
