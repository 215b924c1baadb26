// The editor inside the main window: a save that cannot happen (the target is a directory)
// shows its error and leaves the document modified; New asks before dropping unsaved changes;
// at start the window offers an autosaved copy and restores exactly what was autosaved.
#include "app/main_window.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace loopscope;

class TestCanvasWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void saveOverADirectoryShowsTheErrorAndStaysModified();
    void newAsksBeforeDroppingUnsavedChanges();
    void startOffersTheAutosavedCopyAndRestoresItExactly();

private:
    // Answers the next message box with `button` and keeps its text.
    void answerNextMessageBox(QMessageBox::StandardButton button);
    QAction *action(const MainWindow &window, const QString &text) const;
    QString exampleCopy() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QTemporaryDir> m_recovery;
    QStringList m_boxTexts;
};

void TestCanvasWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    QSettings().clear();
}

void TestCanvasWindow::init()
{
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
    m_dir = std::make_unique<QTemporaryDir>();
    m_recovery = std::make_unique<QTemporaryDir>();
    qputenv("LOOPSCOPE_RECOVERY_DIR", m_recovery->path().toUtf8());
    m_boxTexts.clear();
}

void TestCanvasWindow::answerNextMessageBox(QMessageBox::StandardButton button)
{
    auto *poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [this, poll, button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        poll->deleteLater();
        poll->stop();
        m_boxTexts << box->text();
        box->button(button)->click();
    });
    poll->start(10);
}

QAction *TestCanvasWindow::action(const MainWindow &window, const QString &text) const
{
    for (QAction *a : window.findChildren<QAction *>())
        if (a->text() == text)
            return a;
    return nullptr;
}

QString TestCanvasWindow::exampleCopy() const
{
    const QString copy = m_dir->filePath(QStringLiteral("14-semaphore.loop.json"));
    QFile::copy(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json"), copy);
    QFile(copy).setFileTime(QDateTime::currentDateTime().addSecs(-60),
                            QFileDevice::FileModificationTime);
    return copy;
}

void TestCanvasWindow::saveOverADirectoryShowsTheErrorAndStaysModified()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString path = exampleCopy();
    QVERIFY(window.openScenario(path));
    Scenario edited = window.document()->scenario();
    edited.title = QStringLiteral("changed");
    window.document()->edit(edited, QStringLiteral("title"));
    QCOMPARE(window.windowTitle(), QStringLiteral("14-semaphore.loop.json* \u2014 Loopscope"));
    // The file becomes a directory: the save cannot replace it.
    QVERIFY(QFile::remove(path));
    QVERIFY(QDir().mkpath(path));
    QString expectedError;
    QCOMPARE(saveScenarioFile(edited, path, &expectedError), false);

    answerNextMessageBox(QMessageBox::Ok);
    QAction *save = action(window, QStringLiteral("&Save"));
    QVERIFY(save);
    save->trigger();
    QCOMPARE(m_boxTexts, QStringList{expectedError});
    QCOMPARE(window.document()->isModified(), true);
    QVERIFY(window.document()->scenario() == edited);
    QCOMPARE(window.windowTitle(), QStringLiteral("14-semaphore.loop.json* \u2014 Loopscope"));
    QCOMPARE(QFileInfo(path).isDir(), true);
    window.document()->undoStack()->undo(); // back to clean: closing does not ask
}

void TestCanvasWindow::newAsksBeforeDroppingUnsavedChanges()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openScenario(exampleCopy()));
    Scenario edited = window.document()->scenario();
    edited.title = QStringLiteral("changed");
    window.document()->edit(edited, QStringLiteral("title"));

    QAction *newScenario = action(window, QStringLiteral("&New"));
    QVERIFY(newScenario);
    answerNextMessageBox(QMessageBox::Cancel);
    newScenario->trigger();
    QCOMPARE(m_boxTexts,
             QStringList{QStringLiteral("14-semaphore.loop.json has unsaved changes. Save them?")});
    QVERIFY(window.document()->scenario() == edited);

    answerNextMessageBox(QMessageBox::Discard);
    newScenario->trigger();
    QCOMPARE(m_boxTexts.size(), 2);
    QVERIFY(window.document()->scenario() == emptyScenario());
    QCOMPARE(window.document()->isModified(), false);
    QCOMPARE(window.windowTitle(), QStringLiteral("Untitled \u2014 Loopscope"));
}

void TestCanvasWindow::startOffersTheAutosavedCopyAndRestoresItExactly()
{
    const QString path = exampleCopy();
    Scenario autosaved;
    auto crashed = std::make_unique<ScenarioDocument>();
    QVERIFY(crashed->open(path).ok());
    crashed->setAutosaveDelay(20);
    QSignalSpy saved(crashed.get(), &ScenarioDocument::autosaved);
    autosaved = crashed->scenario();
    insertStep(autosaved, {{QStringLiteral("main"), {}, 0}, 0},
               defaultStep(autosaved, StepKind::Cpu));
    crashed->edit(autosaved, QStringLiteral("add cpu"));
    QVERIFY(saved.wait(2000));
    const RecoveryFile recovery = crashed->recoveryFile();
    // A crash leaves the files behind: keep them across the document's clean close.
    const QString keptScenario = m_dir->filePath(QStringLiteral("kept.loop.json"));
    const QString keptSidecar = m_dir->filePath(QStringLiteral("kept.recovery.json"));
    QVERIFY(QFile::copy(recovery.scenarioFile, keptScenario));
    QVERIFY(QFile::copy(recovery.sidecarFile, keptSidecar));
    crashed.reset();
    QCOMPARE(QFileInfo::exists(recovery.scenarioFile), false);
    QVERIFY(QFile::copy(keptScenario, recovery.scenarioFile));
    QVERIFY(QFile::copy(keptSidecar, recovery.sidecarFile));

    answerNextMessageBox(QMessageBox::Yes);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(m_boxTexts.size(), 1);
    QVERIFY(window.document()->scenario() == autosaved);
    QCOMPARE(window.document()->path(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(window.document()->isModified(), true);
    QCOMPARE(window.windowTitle(), QStringLiteral("14-semaphore.loop.json* \u2014 Loopscope"));
    QString error;
    QVERIFY2(window.document()->save(&error), qPrintable(error));
    QCOMPARE(QFileInfo::exists(recovery.scenarioFile), false);
    QCOMPARE(QFileInfo::exists(recovery.sidecarFile), false);
}

QTEST_MAIN(TestCanvasWindow)
#include "tst_canvas_window.moc"
