// The structure-aware mutator keeps every scenario valid, through the file format too, and
// reaches every pair of task state and task use; every mutant runs to an end on the virtual
// clock (the runtime fuzzer's conditions), never crashes and never stops without saying why.
#include "scenario_mutator.h"

#include "runtime/runner.h"
#include "scenario/scenario_json.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

class TestScenarioMutator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameMutants();
    void lessonMutantsStayValidAndEnd();
    void everyTaskStateAndUseIsReached();
};

namespace {

// As fuzz_runtime runs its inputs: through the file format, with small limits.
void runAsTheFuzzerDoes(const Scenario &mutant, const QString &what)
{
    const QByteArray json = writeScenario(mutant);
    // A crash ends the test before it can say which mutant: leave it where it can be read.
    if (const QByteArray dump = qgetenv("LOOPSCOPE_MUTANT_DUMP"); !dump.isEmpty()) {
        QFile file(QString::fromLocal8Bit(dump));
        if (file.open(QIODevice::WriteOnly))
            file.write(json);
    }
    const ScenarioLoad load = readScenario(json, what);
    QVERIFY2(load.ok(),
             qPrintable(what + ": "
                        + (load.problems.empty() ? QString() : load.problems.front().message)));
    RunOptions options;
    options.clock = ClockMode::Virtual;
    options.scenarioLimit = 1000;
    options.wallLimit = 10;
    const Trace trace = runScenario(*load.scenario, options);
    QVERIFY2(trace.outcome.status != OutcomeStatus::Stopped || !trace.outcome.error.isEmpty(),
             qPrintable(what));
}

Scenario lesson(const QString &file)
{
    const ScenarioLoad load = readScenarioFile(file);
    if (!load.ok())
        qFatal("%s does not load", qPrintable(file));
    return *load.scenario;
}

} // namespace

void TestScenarioMutator::sameSeedSameMutants()
{
    const Scenario base
        = lesson(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/13-lock-counter.loop.json"));
    ScenarioMutator first(7);
    ScenarioMutator second(7);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(first.mutate(base), second.mutate(base));
}

// Five edits in a row on each lesson, twenty times per lesson.
void TestScenarioMutator::lessonMutantsStayValidAndEnd()
{
    const QDir examples(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples"));
    const QStringList files = examples.entryList({QStringLiteral("*.loop.json")}, QDir::Files);
    QCOMPARE(files.size(), 25);
    ScenarioMutator mutator(2026);
    int mutants = 0;
    for (const QString &file : files) {
        const Scenario base = lesson(examples.filePath(file));
        for (int chain = 0; chain < 20; ++chain) {
            Scenario current = base;
            for (int edit = 0; edit < 5; ++edit) {
                std::optional<Scenario> next = mutator.mutate(current);
                if (!next)
                    break;
                current = std::move(*next);
                ++mutants;
            }
            runAsTheFuzzerDoes(current, QStringLiteral("%1, chain %2").arg(file).arg(chain));
        }
    }
    QVERIFY2(mutants > 25 * 20 * 4, qPrintable(QString::number(mutants))); // few edits fail
}

// The class of `gather` of a finished task: a task pending, done, failed or cancelled, then
// awaited, gathered (raising or returning exceptions), wait_for-ed, cancelled, or awaited by
// two tasks at once. Each pair is reached from a small program, and each such program runs.
void TestScenarioMutator::everyTaskStateAndUseIsReached()
{
    const Scenario base
        = lesson(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/08-await-order.loop.json"));
    ScenarioMutator mutator(1);
    for (int i = 0; i < 600; ++i) {
        const std::optional<Scenario> mutant = mutator.mutate(base);
        QVERIFY(mutant);
        runAsTheFuzzerDoes(*mutant, QStringLiteral("mutant %1").arg(i));
    }
    for (int state = 0; state < 4; ++state)
        for (int use = 0; use < 6; ++use)
            QVERIFY2(
                mutator.taskUses().count({TaskState(state), TaskUse(use)}),
                qPrintable(QStringLiteral("state %1, use %2 never inserted").arg(state).arg(use)));
}

QTEST_GUILESS_MAIN(TestScenarioMutator)
#include "tst_scenario_mutator.moc"
