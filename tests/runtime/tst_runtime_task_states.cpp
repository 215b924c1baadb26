// The task-state matrix (tests/runtime/scenarios/task-states, written by its generate.py):
// every way a task can be awaited, gathered (with and without return_exceptions, twice in one
// gather), wait_for-ed (long, short and zero timeouts), cancelled then awaited, and awaited by
// several tasks at once, against a task that is fresh, pending, failing or cancelled later,
// cancelling, swallowing its cancellation, done, failed or cancelled. Each row's exact trace
// (prints with times and lanes, the state spans of main and the task, every task's result, the
// outcome) is compared with <name>.expected.txt; differential_task_states (tests/runtime
// CMakeLists.txt) checks every row against CPython 3.12 on a virtual clock.
// LOOPSCOPE_RECORD_EXPECTED=1 rewrites the expected files (then review them and run the
// differential).
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

const QString kDir = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/runtime/scenarios/task-states");

// The trace as the expected files hold it.
QString traceText(const Trace &trace)
{
    QStringList lines;
    lines << QStringLiteral("outcome: %1 at %2 %3")
                 .arg(outcomeName(trace.outcome.status))
                 .arg(trace.duration, 0, 'f', 3)
                 .arg(trace.outcome.error);
    lines << printsText(trace);
    lines << QStringLiteral("results: ") + resultsText(trace);
    for (const char *lane : {"main", "job-1"})
        lines << QLatin1String(lane) + QStringLiteral(": ") + spansText(trace, QLatin1String(lane));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace

class TestRuntimeTaskStates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matrixIsComplete();
    void exactTrace_data();
    void exactTrace();
};

// 9 operations x 9 states, each with its expected trace: a row lost is a case untested.
void TestRuntimeTaskStates::matrixIsComplete()
{
    const QDir dir(kDir);
    QCOMPARE(dir.entryList({QStringLiteral("*.loop.json")}).size(), 81);
    QCOMPARE(dir.entryList({QStringLiteral("*.expected.txt")}).size(), 81);
}

void TestRuntimeTaskStates::exactTrace_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &file : QDir(kDir).entryList({QStringLiteral("*.loop.json")})) {
        const QString name = file.chopped(QStringLiteral(".loop.json").size());
        QTest::newRow(qPrintable(name)) << name;
    }
}

void TestRuntimeTaskStates::exactTrace()
{
    QFETCH(QString, name);
    const ScenarioLoad load = readScenarioFile(kDir + QLatin1Char('/') + name + ".loop.json");
    QVERIFY(load.ok());
    const Trace trace = runScenario(*load.scenario);
    QCOMPARE(invariantProblem(trace), QString());
    const QString actual = traceText(trace);
    QFile expectedFile(kDir + QLatin1Char('/') + name + ".expected.txt");
    if (qEnvironmentVariableIntValue("LOOPSCOPE_RECORD_EXPECTED") == 1) {
        QVERIFY(expectedFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        expectedFile.write(actual.toUtf8());
        return;
    }
    QVERIFY2(expectedFile.open(QIODevice::ReadOnly), qPrintable(expectedFile.fileName()));
    QCOMPARE(actual, QString::fromUtf8(expectedFile.readAll()));
}

QTEST_GUILESS_MAIN(TestRuntimeTaskStates)
#include "tst_runtime_task_states.moc"
