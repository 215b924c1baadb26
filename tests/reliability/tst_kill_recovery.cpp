// kill -9 while a document has unsaved changes: the real binary, with its test hooks (see
// app/command_gui.cpp), makes one edit, autosaves a recovery copy and is killed with SIGKILL;
// the file on disk is untouched, and the next start restores the edit and saves it.
#include "scenario/scenario_json.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace loopscope;

class KillRecoveryTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QProcess> start(const QProcessEnvironment &hooks) const;
    QStringList recoveryFiles() const;

    QTemporaryDir m_dir;      // the scenario being edited and the settings
    QTemporaryDir m_recovery; // LOOPSCOPE_RECOVERY_DIR
    QString m_scenarioPath;
    QByteArray m_originalBytes;
    Scenario m_recovered; // the recovery copy the killed process left

private Q_SLOTS:
    void initTestCase();
    void killAfterAutosaveKeepsFileAndCopy();
    void restartRestoresCopy();
};

std::unique_ptr<QProcess> KillRecoveryTest::start(const QProcessEnvironment &hooks) const
{
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("LOOPSCOPE_RECOVERY_DIR"), m_recovery.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    for (const char *name : {"LOOPSCOPE_TEST_EDIT", "LOOPSCOPE_TEST_ACCEPT_RECOVERY",
                             "LOOPSCOPE_AUTOSAVE_MS", "LOOPSCOPE_CRASH_TEST"})
        env.remove(QString::fromLatin1(name));
    env.insert(hooks);
    process->setProcessEnvironment(env);
    process->setProcessChannelMode(QProcess::SeparateChannels);
    process->start(QStringLiteral(LOOPSCOPE_BINARY), {m_scenarioPath});
    return process;
}

QStringList KillRecoveryTest::recoveryFiles() const
{
    return QDir(m_recovery.path()).entryList(QDir::Files, QDir::Name);
}

void KillRecoveryTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_recovery.isValid());
    m_scenarioPath = m_dir.filePath(QStringLiteral("semaphore.loop.json"));
    QVERIFY(QFile::copy(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json"),
                        m_scenarioPath));
    QFile original(m_scenarioPath);
    QVERIFY(original.open(QIODevice::ReadOnly));
    m_originalBytes = original.readAll();
}

void KillRecoveryTest::killAfterAutosaveKeepsFileAndCopy()
{
    QProcessEnvironment hooks;
    hooks.insert(QStringLiteral("LOOPSCOPE_TEST_EDIT"), QStringLiteral("print"));
    hooks.insert(QStringLiteral("LOOPSCOPE_AUTOSAVE_MS"), QStringLiteral("200"));
    const std::unique_ptr<QProcess> process = start(hooks);
    QVERIFY(process->waitForStarted(30000));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += process->readAllStandardOutput()).contains("edited\n")
                                 || process->state() == QProcess::NotRunning,
                             30000);
    QCOMPARE(process->state(), QProcess::Running);
    // The sidecar is written after the scenario copy: once it is there, both are complete.
    QTRY_COMPARE_WITH_TIMEOUT(
        QDir(m_recovery.path()).entryList({QStringLiteral("*.recovery.json")}).size(), 1, 10000);
    process->kill(); // SIGKILL: no destructor, no clean-up, no save
    QVERIFY(process->waitForFinished(10000));
    QCOMPARE(process->exitStatus(), QProcess::CrashExit);

    QFile onDisk(m_scenarioPath);
    QVERIFY(onDisk.open(QIODevice::ReadOnly));
    QCOMPARE(onDisk.readAll(), m_originalBytes);

    const QStringList files = recoveryFiles();
    QCOMPARE(files.size(), 2); // <key>.loop.json and <key>.recovery.json
    const QString copyName = files.filter(QStringLiteral(".loop.json")).value(0);
    const ScenarioLoad copy = readScenarioFile(m_recovery.filePath(copyName));
    QVERIFY2(copy.ok(), qPrintable(copyName));
    const ScenarioLoad original = readScenarioFile(m_scenarioPath);
    QVERIFY(original.ok());
    Scenario expected = *original.scenario;
    Step edit;
    edit.kind = StepKind::Print;
    edit.id = QStringLiteral("test-edit");
    edit.text = QStringLiteral("edited by LOOPSCOPE_TEST_EDIT");
    auto mainCoro = std::find_if(expected.coroutines.begin(), expected.coroutines.end(),
                                 [](const Coroutine &coro) { return coro.name == u"main"; });
    QVERIFY(mainCoro != expected.coroutines.end());
    mainCoro->steps.push_back(edit);
    QVERIFY(*copy.scenario == expected);
    QVERIFY(!(*copy.scenario == *original.scenario));
    m_recovered = *copy.scenario;
}

void KillRecoveryTest::restartRestoresCopy()
{
    QVERIFY(!m_recovered.coroutines.empty()); // the kill test ran and left a copy
    QProcessEnvironment hooks;
    hooks.insert(QStringLiteral("LOOPSCOPE_TEST_ACCEPT_RECOVERY"), QStringLiteral("1"));
    const std::unique_ptr<QProcess> process = start(hooks);
    QVERIFY(process->waitForFinished(60000));
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(process->exitCode(), 0);
    QCOMPARE(QString::fromLocal8Bit(process->readAllStandardOutput()),
             QStringLiteral("restored %1\n").arg(m_scenarioPath));

    const ScenarioLoad saved = readScenarioFile(m_scenarioPath);
    QVERIFY(saved.ok());
    QVERIFY(*saved.scenario == m_recovered);
    QCOMPARE(recoveryFiles(), QStringList()); // saved: the copy is no longer pending
}

QTEST_GUILESS_MAIN(KillRecoveryTest)
#include "tst_kill_recovery.moc"
