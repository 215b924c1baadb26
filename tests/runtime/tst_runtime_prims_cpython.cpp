// Each family of issue 15's primitives runs on the virtual clock as CPython 3.12 ran the same
// program: tests/runtime/scenarios/prims/<family>.loop.json against
// tests/fidelity/expected/prims-<family>.txt, recorded from tests/fidelity/prims-<family>.py
// (hand-written asyncio, run on the real clock). Same outcome, duration, and the same prints
// from the same lanes in the same order, to the millisecond. The exported programs are checked
// against the same files (export_fidelity_prims_*), and all but the threads' on CPython's own
// loop with a virtual clock (differential_prims).
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QFile>
#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

const QString kScenarios = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/runtime/scenarios/");
const QString kExpected = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/fidelity/expected/");

Trace runFile(const QString &path)
{
    const ScenarioLoad load = readScenarioFile(kScenarios + path);
    if (!load.ok())
        qFatal("%s", qPrintable(load.problems.front().toString()));
    return runScenario(*load.scenario);
}

// "T LANE TEXT" as the expected files write a print (T with 3 decimals; a lane may hold a
// space: "event loop"), and `outcome` and `duration` as they are.
struct Expected
{
    QString outcome;
    QString duration;
    QStringList prints;
};

QString printLine(double t, const QString &lane, const QString &text)
{
    return QString::number(t, 'f', 3) + u' ' + lane + u' ' + text;
}

Expected readExpected(const QString &family)
{
    QFile file(kExpected + QStringLiteral("prims-%1.txt").arg(family));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        qFatal("no expected file for %s", qPrintable(family));
    Expected expected;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts)) {
        const QString key = line.section(u' ', 0, 0);
        if (key == u"outcome")
            expected.outcome = line.section(u' ', 1);
        else if (key == u"duration")
            expected.duration = QString::number(line.section(u' ', 1).toDouble());
        else if (key == u"print")
            expected.prints << line.section(u' ', 1);
    }
    return expected;
}

QStringList tracePrints(const Trace &trace)
{
    QStringList prints;
    for (const TraceEvent &event : trace.events)
        if (event.kind == EventKind::Print)
            prints << printLine(event.t, trace.lanes[std::size_t(event.lane)].name, event.text);
    return prints;
}

} // namespace

class TestRuntimePrimsCPython : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsAsCPython_data();
    void runsAsCPython();
    void shieldKeepsTheInnerTaskRunning();
    void waitFirstException();
};

void TestRuntimePrimsCPython::runsAsCPython_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("family");
    for (const char *family : {"wait", "shield", "condition", "timeout", "callbacks"})
        QTest::newRow(family) << QStringLiteral("prims/%1.loop.json").arg(QLatin1String(family))
                              << QString::fromLatin1(family);
    QTest::newRow("executor") << QStringLiteral("prims-threads/executor.loop.json")
                              << QStringLiteral("executor");
}

void TestRuntimePrimsCPython::runsAsCPython()
{
    QFETCH(QString, file);
    QFETCH(QString, family);
    const Expected expected = readExpected(family);
    const Trace trace = runFile(file);
    QCOMPARE(trace.outcome.status == OutcomeStatus::Completed ? QStringLiteral("completed")
                                                              : trace.outcome.error,
             expected.outcome);
    QCOMPARE(QString::number(trace.duration), expected.duration);
    QCOMPARE(tracePrints(trace), expected.prints);
    QCOMPARE(invariantProblem(trace), QString());
}

// guard-1 awaits shield(inner(1)) and is cancelled at 1: it leaves at once (its finally runs),
// while inner-1 goes on to 2 and ends done. keep-1 shields the task inner-2 and is cancelled at
// 1.5; inner-2 ends at 3 and main still gets its result.
void TestRuntimePrimsCPython::shieldKeepsTheInnerTaskRunning()
{
    const Trace trace = runFile(QStringLiteral("prims/shield.loop.json"));
    QCOMPARE(spansText(trace, "guard-1"),
             QString("running 0-0 | waiting 0-1 shield | running 1-1"));
    QCOMPARE(spansText(trace, "inner-1"), QString("running 0-0 | waiting 0-2 timer | running 2-2"));
    QCOMPARE(spansText(trace, "keep-1"),
             QString("running 1-1 | waiting 1-1.5 shield | running 1.5-1.5"));
    QCOMPARE(spansText(trace, "inner-2"), QString("running 1-1 | waiting 1-3 timer | running 3-3"));
    QCOMPARE(resultsText(trace), QString("main=done guard-1=cancelled inner-1=done inner-2=done "
                                         "keep-1=cancelled inner-3=done"));
}

// wait(FIRST_EXCEPTION) returns when bad(1.5) raises, with job(1) done before and job(3)
// still pending; the waiting span ends at 1.5, on `wait`.
void TestRuntimePrimsCPython::waitFirstException()
{
    const Trace trace = runFile(QStringLiteral("prims/wait.loop.json"));
    QVERIFY(printsText(trace).contains(
        QStringLiteral("1.5 main: first exception: 2 done, 1 pending, b done: True")));
    QVERIFY(spansText(trace, "main")
                .startsWith(QStringLiteral(
                    "running 0-0 | waiting 0-1 wait | running 1-1 | waiting 1-1.5 wait | "
                    "running 1.5-1.5 | waiting 1.5-2 wait | running 2-2 | waiting 2-3 wait")));
    QCOMPARE(spansText(trace, "bad-1"),
             QString("running 0-0 | waiting 0-1.5 timer | running 1.5-1.5"));
    QVERIFY(resultsText(trace).startsWith(
        QStringLiteral("main=done job-1=done bad-1=failed job-2=done")));
}

QTEST_GUILESS_MAIN(TestRuntimePrimsCPython)
#include "tst_runtime_prims_cpython.moc"
