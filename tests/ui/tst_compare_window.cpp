// The compare window as a window: Esc and Ctrl+W close it (real key presses), and Export starts
// in the documents folder, then in the folder of the last comparison exported, never in the
// folder the app happens to run in (the lessons', when started from a checkout).
#include "compare/compare_window.h"
#include "scenario/scenario_json.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QLineEdit>
#include <QPointer>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace loopscope;

class TestCompareWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void closesWithEscapeAndCtrlW_data();
    void closesWithEscapeAndCtrlW();
    void exportStartsInTheDocumentsThenTheLastFolder();

private:
    CompareWindow *showLesson();
    QString exportDialogStart(CompareWindow *window, const QString &choose);

    std::unique_ptr<QTemporaryDir> m_home;
};

void TestCompareWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
}

void TestCompareWindow::init()
{
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
    QSettings().clear();
    m_home = std::make_unique<QTemporaryDir>();
    qputenv("HOME", m_home->path().toUtf8()); // the documents folder is $HOME/Documents
    QDir().mkpath(m_home->filePath(QStringLiteral("Documents")));
    // Run from the lessons' folder, as `cd examples && loopscope ...` does.
    QDir::setCurrent(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples"));
}

CompareWindow *TestCompareWindow::showLesson()
{
    auto *window = new CompareWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    const ScenarioLoad load = readScenarioFile(
        QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/10-loop-vs-taskgroup.loop.json"));
    [&] { QVERIFY(load.ok()); }();
    window->setScenario(*load.scenario, QStringLiteral("10-loop-vs-taskgroup"));
    window->show();
    [&] { QVERIFY(QTest::qWaitForWindowExposed(window)); }();
    window->activateWindow();
    [&] { QVERIFY(QTest::qWaitForWindowActive(window)); }();
    return window;
}

void TestCompareWindow::closesWithEscapeAndCtrlW_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("modifiers");
    QTest::newRow("escape") << int(Qt::Key_Escape) << int(Qt::NoModifier);
    QTest::newRow("ctrl_w") << int(Qt::Key_W) << int(Qt::ControlModifier);
}

void TestCompareWindow::closesWithEscapeAndCtrlW()
{
    QFETCH(int, key);
    QFETCH(int, modifiers);
    QPointer<CompareWindow> window = showLesson();
    QVERIFY(window);
    // The key goes to whatever has the focus inside the window, as a hand's would.
    QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : window.data();
    QTest::keyClick(target, Qt::Key(key), Qt::KeyboardModifiers(modifiers));
    QTRY_VERIFY(window.isNull()); // closed, and deleted on close
}

// Answers the export's file dialog with `choose` ("" cancels) and returns where it started.
QString TestCompareWindow::exportDialogStart(CompareWindow *window, const QString &choose)
{
    QString start;
    QTimer poll;
    connect(&poll, &QTimer::timeout, &poll, [&] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        poll.stop();
        start = dialog->selectedFiles().value(0);
        if (choose.isEmpty())
            return dialog->reject();
        // As a hand does: to the folder, then the name typed and Enter.
        dialog->setDirectory(QFileInfo(choose).absolutePath());
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        QVERIFY(name);
        name->selectAll();
        QTest::keyClicks(name, QFileInfo(choose).fileName());
        QTest::keyClick(name, Qt::Key_Return);
    });
    poll.start(10);
    window->findChild<QAction *>(QStringLiteral("compareExport"))->trigger();
    return start;
}

void TestCompareWindow::exportStartsInTheDocumentsThenTheLastFolder()
{
    QPointer<CompareWindow> window = showLesson();
    window->runAll();
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QCOMPARE(documents, m_home->filePath(QStringLiteral("Documents")));
    QCOMPARE(exportDialogStart(window, {}),
             QDir(documents).filePath(
                 QStringLiteral("compare-a-for-loop-of-awaits-vs-a-taskgroup.svg")));

    const QString notes = m_home->filePath(QStringLiteral("notes"));
    QVERIFY(QDir().mkpath(notes));
    const QString written = QDir(notes).filePath(QStringLiteral("mine.svg"));
    exportDialogStart(window, written);
    QVERIFY(QFileInfo::exists(written));
    QCOMPARE(
        exportDialogStart(window, {}),
        QDir(notes).filePath(QStringLiteral("compare-a-for-loop-of-awaits-vs-a-taskgroup.svg")));
    window->close();
}

QTEST_MAIN(TestCompareWindow)
#include "tst_compare_window.moc"
