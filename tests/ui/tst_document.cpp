// The editor's document: every change is an undo step that restores the model exactly, card
// moves merge, autosave writes a recovery copy that a new document restores exactly, a clean
// save removes it, and a save that cannot happen says why and leaves the document modified.
#include "document/recovery_files.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"
#include "scenario/recovery.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace loopscope;

class TestDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void undoAndRedoRestoreTheModelExactly();
    void movesOfOneDragMergeIntoOneStep();
    void moveStepReordersInsideABody_data();
    void moveStepReordersInsideABody();
    void renamingAResourceRenamesItsReferences();
    void everyNewBlockSurvivesSaveAndLoad_data();
    void everyNewBlockSurvivesSaveAndLoad();
    void autosaveWritesARecoveryCopyThatRestoresExactly();
    void cleanSaveRemovesTheRecoveryCopy();
    void anImportedDocumentRestoresAsImported();
    void anAutosaveMadeMidEditRestoresWithItsProblems();
    void aCopyTheReaderCannotReadIsRefusedAndKept();
    void saveOverADirectoryFailsAndStaysModified();

private:
    QString exampleCopy(const QString &name);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QTemporaryDir> m_recovery;
};

void TestDocument::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_recovery = std::make_unique<QTemporaryDir>();
    qputenv("LOOPSCOPE_RECOVERY_DIR", m_recovery->path().toUtf8());
}

QString TestDocument::exampleCopy(const QString &name)
{
    const QString copy = m_dir->filePath(name);
    QFile::copy(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/") + name, copy);
    QFile(copy).setFileTime(QDateTime::currentDateTime().addSecs(-60),
                            QFileDevice::FileModificationTime);
    return copy;
}

void TestDocument::undoAndRedoRestoreTheModelExactly()
{
    ScenarioDocument document;
    QVERIFY(document.open(exampleCopy(QStringLiteral("14-semaphore.loop.json"))).ok());
    const Scenario original = document.scenario();
    Scenario first = original;
    insertStep(first, {{QStringLiteral("main"), {}, 0}, 1}, defaultStep(first, StepKind::Sleep));
    document.edit(first, QStringLiteral("add"));
    Scenario second = first;
    renameResource(second, QStringLiteral("sem"), QStringLiteral("slots"));
    document.edit(second, QStringLiteral("rename"));
    QCOMPARE(document.undoStack()->count(), 2);
    QCOMPARE(document.isModified(), true);
    document.undoStack()->undo();
    QVERIFY(document.scenario() == first);
    document.undoStack()->undo();
    QVERIFY(document.scenario() == original);
    QCOMPARE(document.isModified(), false);
    document.undoStack()->redo();
    document.undoStack()->redo();
    QVERIFY(document.scenario() == second);
}

void TestDocument::movesOfOneDragMergeIntoOneStep()
{
    ScenarioDocument document;
    const Scenario original = document.scenario();
    for (int x : {50, 60, 70}) {
        Scenario moved = document.scenario();
        setCardPosition(moved, QStringLiteral("main"), QPointF(x, 40));
        document.edit(moved, QStringLiteral("move"), QStringLiteral("drag-1"));
    }
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(cardPosition(document.scenario(), QStringLiteral("main")), QPointF(70, 40));
    Scenario other = document.scenario();
    setCardPosition(other, QStringLiteral("main"), QPointF(80, 40));
    document.edit(other, QStringLiteral("move"), QStringLiteral("drag-2"));
    QCOMPARE(document.undoStack()->count(), 2);
    document.undoStack()->undo();
    document.undoStack()->undo();
    QVERIFY(document.scenario() == original);
}

void TestDocument::moveStepReordersInsideABody_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<int>("index");
    QTest::addColumn<QStringList>("expected");
    // access_resource: with s1 { print s2, sleep s3, print s4 }
    QTest::newRow("last to first") << "s4" << 0 << QStringList{"s4", "s2", "s3"};
    QTest::newRow("first to end") << "s2" << 3 << QStringList{"s3", "s4", "s2"};
    QTest::newRow("onto its own place") << "s3" << 1 << QStringList{"s2", "s3", "s4"};
}

void TestDocument::moveStepReordersInsideABody()
{
    QFETCH(QString, step);
    QFETCH(int, index);
    QFETCH(QStringList, expected);
    ScenarioLoad load = readScenarioFile(exampleCopy(QStringLiteral("14-semaphore.loop.json")));
    QVERIFY(load.ok());
    Scenario scenario = *load.scenario;
    QVERIFY(moveStep(scenario, step,
                     {{QStringLiteral("access_resource"), QStringLiteral("s1"), 0}, index}));
    QStringList ids;
    for (const Step &s : findStep(scenario, QStringLiteral("s1"))->steps)
        ids << s.id;
    QCOMPARE(ids, expected);
    QCOMPARE(moveStep(scenario, QStringLiteral("s1"),
                      {{QStringLiteral("access_resource"), QStringLiteral("s1"), 0}, 0}),
             false); // not into itself
}

void TestDocument::renamingAResourceRenamesItsReferences()
{
    ScenarioLoad load = readScenarioFile(exampleCopy(QStringLiteral("14-semaphore.loop.json")));
    QVERIFY(load.ok());
    Scenario scenario = *load.scenario;
    QCOMPARE(resourceUses(scenario, QStringLiteral("sem")), 1);
    renameResource(scenario, QStringLiteral("sem"), QStringLiteral("slots"));
    QCOMPARE(scenario.resources.front().id, QStringLiteral("slots"));
    QCOMPARE(findStep(scenario, QStringLiteral("s1"))->resource, QStringLiteral("slots"));
    QCOMPARE(resourceUses(scenario, QStringLiteral("sem")), 0);
}

void TestDocument::everyNewBlockSurvivesSaveAndLoad_data()
{
    QTest::addColumn<int>("kind");
    for (int k = 0; k < int(kStepKindCount); ++k)
        if (StepKind(k) != StepKind::Run && StepKind(k) != StepKind::RunForever
            && StepKind(k) != StepKind::Close
            && StepKind(k) != StepKind::RunUntilComplete) // the program's: the palette offers them
                                                          // to no card
            QTest::newRow(qPrintable(opName(StepKind(k)))) << k;
}

// A block dropped from the palette is saved and read back as it was: autosave and recovery
// depend on it.
void TestDocument::everyNewBlockSurvivesSaveAndLoad()
{
    QFETCH(int, kind);
    ScenarioLoad load = readScenarioFile(exampleCopy(QStringLiteral("14-semaphore.loop.json")));
    QVERIFY(load.ok());
    Scenario scenario = *load.scenario;
    for (int r = 0; r < int(kResourceKindCount); ++r) {
        Resource resource;
        resource.kind = ResourceKind(r);
        resource.id = freshName(resourceIds(scenario), resourceKindName(resource.kind));
        scenario.resources.push_back(resource);
    }
    scenario.functions.push_back(Coroutine{QStringLiteral("tick"), {}, {}}); // for call_soon
    const StepBody main{QStringLiteral("main"), {}, 0};
    QVERIFY(insertStep(scenario, {main, 1}, defaultStep(scenario, StepKind::CreateTask)));
    Step block = defaultStep(scenario, StepKind(kind));
    if (block.kind == StepKind::Break || block.kind == StepKind::Continue) {
        Step loop = defaultStep(scenario, StepKind::For); // they need a loop around them
        block.id += QStringLiteral("b");                  // both took the scenario's next free id
        loop.steps.push_back(block);
        block = loop;
    }
    QVERIFY(insertStep(scenario, {main, 2}, block));
    const ScenarioLoad reread
        = readScenario(writeScenario(scenario), QStringLiteral("new.loop.json"));
    QStringList problems;
    for (const ScenarioProblem &problem : reread.problems)
        problems << problem.toString();
    QCOMPARE(problems.join(QLatin1Char('\n')), QString());
    QVERIFY(*reread.scenario == scenario);
}

void TestDocument::autosaveWritesARecoveryCopyThatRestoresExactly()
{
    const QString path = exampleCopy(QStringLiteral("16-queue-workers.loop.json"));
    Scenario edited;
    {
        ScenarioDocument document;
        QVERIFY(document.open(path).ok());
        document.setAutosaveDelay(50);
        QSignalSpy saved(&document, &ScenarioDocument::autosaved);
        edited = document.scenario();
        insertStep(edited, {{QStringLiteral("main"), {}, 0}, 0},
                   defaultStep(edited, StepKind::Print));
        setCardPosition(edited, QStringLiteral("main"), QPointF(123, 45));
        document.edit(edited, QStringLiteral("edit"));
        QVERIFY(saved.wait(2000));
        QCOMPARE(saved.count(), 1);
        const RecoveryFile recovery = document.recoveryFile();
        QCOMPARE(saved.first().first().toString(), recovery.scenarioFile);
        QFile sidecar(recovery.sidecarFile);
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const QJsonObject meta = QJsonDocument::fromJson(sidecar.readAll()).object();
        QCOMPARE(meta.value(QLatin1String("original")).toString(),
                 QFileInfo(path).absoluteFilePath());
        QVERIFY(
            QDateTime::fromString(meta.value(QLatin1String("time")).toString(), Qt::ISODateWithMs)
                .isValid());
        // A crash: the document never closes, so its recovery copy stays.
        const std::vector<RecoveryFile> pending = pendingRecoveries();
        QCOMPARE(pending.size(), std::size_t(1));
        ScenarioDocument restored;
        QString error;
        QVERIFY2(restored.restore(pending.front(), &error), qPrintable(error));
        QVERIFY(restored.scenario() == edited);
        QCOMPARE(restored.path(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(restored.isModified(), true);
        // Keep the first document from discarding the copy the second one now owns.
        document.discardRecoveryFile();
        QCOMPARE(QFileInfo::exists(pending.front().scenarioFile), false);
        QVERIFY(restored.saveAs(path, &error));
        QCOMPARE(restored.isModified(), false);
    }
    QVERIFY(readScenarioFile(path).scenario == edited);
}

// A program imported from Python and edited, then a crash: the copy restores under the
// program's name ("hello.py (imported)"), still without a path, as before the crash.
void TestDocument::anImportedDocumentRestoresAsImported()
{
    const QString program = m_dir->filePath(QStringLiteral("hello.py"));
    ScenarioDocument document;
    document.setAutosaveDelay(20);
    QSignalSpy saved(&document, &ScenarioDocument::autosaved);
    document.takeImported(emptyScenario(), program);
    Scenario edited = document.scenario();
    insertStep(edited, {{QStringLiteral("main"), {}, 0}, 0}, defaultStep(edited, StepKind::Print));
    document.edit(edited, QStringLiteral("edit"));
    QVERIFY(saved.wait(2000));
    QFile sidecar(document.recoveryFile().sidecarFile);
    QVERIFY(sidecar.open(QIODevice::ReadOnly));
    const QJsonObject meta = QJsonDocument::fromJson(sidecar.readAll()).object();
    QCOMPARE(meta.value(QLatin1String("imported")).toString(), program);
    QCOMPARE(meta.value(QLatin1String("original")).toString(), QString());

    const std::vector<RecoveryFile> pending = pendingRecoveries();
    QCOMPARE(pending.size(), std::size_t(1));
    QCOMPARE(pending.front().importedFrom, program);
    ScenarioDocument restored;
    QString error;
    QVERIFY2(restored.restore(pending.front(), &error), qPrintable(error));
    QVERIFY(restored.scenario() == edited);
    QCOMPARE(restored.displayName(), QStringLiteral("hello.py (imported)"));
    QCOMPARE(restored.importedFrom(), program);
    QCOMPARE(restored.path(), QString());
    QCOMPARE(restored.isModified(), true);
    document.discardRecoveryFile(); // the restored document owns the copy now
}

void TestDocument::cleanSaveRemovesTheRecoveryCopy()
{
    ScenarioDocument document;
    document.setAutosaveDelay(20);
    QSignalSpy saved(&document, &ScenarioDocument::autosaved);
    Scenario edited = document.scenario();
    insertStep(edited, {{QStringLiteral("main"), {}, 0}, 0}, defaultStep(edited, StepKind::Sleep));
    document.edit(edited, QStringLiteral("edit"));
    QVERIFY(saved.wait(2000));
    QCOMPARE(QFileInfo::exists(document.recoveryFile().scenarioFile), true);
    QCOMPARE(pendingRecoveries().size(), std::size_t(1));
    QString error;
    QVERIFY2(document.saveAs(m_dir->filePath(QStringLiteral("new.loop.json")), &error),
             qPrintable(error));
    QCOMPARE(QFileInfo::exists(document.recoveryFile().scenarioFile), false);
    QCOMPARE(QFileInfo::exists(document.recoveryFile().sidecarFile), false);
    QCOMPARE(pendingRecoveries().size(), std::size_t(0));
}

// The user was mid-edit: a `with` names a resource that is not there yet. The autosave keeps
// that, and restoring gives it back with the problem, for the editor to list.
void TestDocument::anAutosaveMadeMidEditRestoresWithItsProblems()
{
    const QString path = exampleCopy(QStringLiteral("14-semaphore.loop.json"));
    ScenarioDocument document;
    QVERIFY(document.open(path).ok());
    document.setAutosaveDelay(20);
    QSignalSpy saved(&document, &ScenarioDocument::autosaved);
    Scenario edited = document.scenario();
    findStep(edited, QStringLiteral("s1"))->resource = QStringLiteral("lock");
    document.edit(edited, QStringLiteral("edit"));
    QVERIFY(saved.wait(2000));
    const RecoveryFile recovery = pendingRecoveries().at(0);
    QCOMPARE(readScenarioFile(recovery.scenarioFile).ok(), false);

    ScenarioDocument restored;
    QString error;
    std::vector<ScenarioProblem> problems;
    QVERIFY2(restored.restore(recovery, &error, &problems), qPrintable(error));
    QVERIFY(restored.scenario() == edited);
    QCOMPARE(restored.isModified(), true);
    QCOMPARE(problems.size(), std::size_t(1));
    QCOMPARE(problems[0].toString(),
             recovery.scenarioFile
                 + QStringLiteral(":17:23: coroutines[0].steps[0].resource: expected a lock, "
                                  "semaphore or condition, got \"lock\" (no resource has that "
                                  "id)"));
    document.discardRecoveryFile(); // the restored document owns the copy now
}

void TestDocument::aCopyTheReaderCannotReadIsRefusedAndKept()
{
    RecoveryFile recovery = RecoveryFile::forKey(QStringLiteral("autosave-broken"));
    recovery.savedAt = QDateTime::currentDateTimeUtc();
    QVERIFY(writeRecovery(recovery, emptyScenario()));
    QFile copy(recovery.scenarioFile);
    QVERIFY(copy.open(QIODevice::WriteOnly | QIODevice::Truncate));
    copy.write(R"({"format": "loopscope-scenario", "version": 1, "coroutines": 7})");
    copy.close();

    ScenarioDocument document;
    QString error;
    std::vector<ScenarioProblem> problems;
    QCOMPARE(document.restore(recovery, &error, &problems), false);
    QCOMPARE(error, recovery.scenarioFile
                        + QStringLiteral(":1:62: coroutines: expected an array of coroutines, "
                                         "got 7"));
    QCOMPARE(problems.size(), std::size_t(0));
    QVERIFY(document.scenario() == emptyScenario());
    QCOMPARE(document.isModified(), false);
    QCOMPARE(QFileInfo::exists(recovery.scenarioFile), true);
    QCOMPARE(pendingRecoveries().size(), std::size_t(1));
}

void TestDocument::saveOverADirectoryFailsAndStaysModified()
{
    ScenarioDocument document;
    Scenario edited = document.scenario();
    edited.title = QStringLiteral("changed");
    document.edit(edited, QStringLiteral("title"));
    QSignalSpy modified(&document, &ScenarioDocument::modifiedChanged);
    const QString target = m_dir->filePath(QStringLiteral("a-directory"));
    QVERIFY(QDir().mkpath(target));
    QString error;
    QCOMPARE(document.saveAs(target, &error), false);
    QVERIFY2(error.contains(target), qPrintable(error));
    QCOMPARE(document.isModified(), true);
    QCOMPARE(document.path(), QString());
    QCOMPARE(modified.count(), 0);
    QCOMPARE(QFileInfo(target).isDir(), true);
}

QTEST_GUILESS_MAIN(TestDocument)
#include "tst_document.moc"
