// The run on screen belongs to the document on screen, and the status says which run it is:
// File ▸ New and a restored autosave clear the old run; an edit greys the run and says it is
// out of date (undo takes that back); the status names the clock of the run shown (not the
// tool bar's choice for the next one) and says "paused" while a live run is paused. Driven with
// real key and mouse events on the real window.
#include "app/main_window.h"
#include "app/trace_list_dock.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"
#include "timeline/timeline_marks.h"
#include "timeline/timeline_theme.h"
#include "timeline/timeline_view.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
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

class TestRunView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void newClearsTheRunOfTheOldDocument();
    void restoringAnAutosaveClearsTheRun();
    void anEditGreysTheRunUntilItIsUndone();
    void theStatusNamesTheShownRunsClockAndPause();

private:
    // A window showing a copy of lesson 14 after its first (virtual) run.
    void openLesson(MainWindow &window);
    QLabel *status(const MainWindow &window) const;
    int rows(const MainWindow &window, const char *dock) const;
    RecoveryFile writeAutosave(Scenario *autosaved) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QTemporaryDir> m_recovery;
};

void TestRunView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
}

void TestRunView::init()
{
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
    QSettings().clear(); // Run plays live, at the default scale
    QSettings().setValue(QStringLiteral("lesson/askOnOpen"), false); // tst_predict asks
    m_dir = std::make_unique<QTemporaryDir>();
    m_recovery = std::make_unique<QTemporaryDir>();
    qputenv("LOOPSCOPE_RECOVERY_DIR", m_recovery->path().toUtf8());
}

void TestRunView::openLesson(MainWindow &window)
{
    const QString copy = m_dir->filePath(QStringLiteral("14-semaphore.loop.json"));
    QFile::remove(copy);
    QVERIFY(
        QFile::copy(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json"), copy));
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openScenario(copy));
    QTRY_COMPARE(window.timeline()->trace().lanes.size(), std::size_t(7));
    QCOMPARE(rows(window, "logDock"), 10);
}

QLabel *TestRunView::status(const MainWindow &window) const
{
    return window.findChild<QLabel *>(QStringLiteral("runStatus"));
}

int TestRunView::rows(const MainWindow &window, const char *dock) const
{
    return window.findChild<TraceListDock *>(QLatin1String(dock))->rowCount();
}

void TestRunView::newClearsTheRunOfTheOldDocument()
{
    MainWindow window;
    openLesson(window);
    QCOMPARE(status(window)->text(), QStringLiteral("completed \u00b7 3 s \u00b7 virtual clock"));
    QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier); // File ▸ New; nothing to save
    QCOMPARE(window.windowTitle(), QStringLiteral("Untitled \u2014 Loopscope"));
    QCOMPARE(window.timeline()->trace().lanes.size(), std::size_t(0));
    QCOMPARE(window.timeline()->trace().events.size(), std::size_t(0));
    QCOMPARE(rows(window, "logDock"), 0);
    QCOMPARE(rows(window, "diagnosticsDock"), 0);
    QCOMPARE(status(window)->text(), QStringLiteral("no run yet"));
    QCOMPARE(window.timeline()->staleNote(), QString());
    // Nothing of the old run can be exported under the new document's name.
    for (QAction *action : window.findChildren<QAction *>())
        if (action->text() == QLatin1String("Save &Trace\u2026"))
            QCOMPARE(action->isEnabled(), false);
}

// The autosave of lesson 14 with one more step in main, as a crash would have left it.
RecoveryFile TestRunView::writeAutosave(Scenario *autosaved) const
{
    const QString path = m_dir->filePath(QStringLiteral("crashed.loop.json"));
    QFile::copy(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json"), path);
    auto crashed = std::make_unique<ScenarioDocument>();
    [&] { QVERIFY(crashed->open(path).ok()); }();
    crashed->setAutosaveDelay(10);
    QSignalSpy saved(crashed.get(), &ScenarioDocument::autosaved);
    *autosaved = crashed->scenario();
    insertStep(*autosaved, {{QStringLiteral("main"), {}, 0}, 0},
               defaultStep(*autosaved, StepKind::Cpu));
    crashed->edit(*autosaved, QStringLiteral("add cpu"));
    [&] { QVERIFY(saved.wait(2000)); }();
    const RecoveryFile recovery = crashed->recoveryFile();
    const QByteArray scenario = [&] {
        QFile f(recovery.scenarioFile);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    const QByteArray sidecar = [&] {
        QFile f(recovery.sidecarFile);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    crashed.reset(); // a clean close removes the copy: put it back as a crash leaves it
    for (const auto &[file, bytes] :
         {std::pair{recovery.scenarioFile, scenario}, std::pair{recovery.sidecarFile, sidecar}}) {
        QFile f(file);
        [&] { QVERIFY(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size()); }();
    }
    return recovery;
}

void TestRunView::restoringAnAutosaveClearsTheRun()
{
    MainWindow window;
    openLesson(window);
    Scenario autosaved;
    writeAutosave(&autosaved);
    auto *yes = new QTimer(&window);
    connect(yes, &QTimer::timeout, yes, [yes] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            yes->stop();
            box->button(QMessageBox::Yes)->click();
        }
    });
    yes->start(10);
    window.offerRecovery();
    QVERIFY(window.document()->scenario() == autosaved);
    QCOMPARE(window.document()->isModified(), true);
    QCOMPARE(window.timeline()->trace().lanes.size(), std::size_t(0));
    QCOMPARE(rows(window, "logDock"), 0);
    QCOMPARE(status(window)->text(), QStringLiteral("no run yet"));
}

void TestRunView::anEditGreysTheRunUntilItIsUndone()
{
    MainWindow window;
    openLesson(window);
    TimelineView *timeline = window.timeline();
    const Trace &trace = timeline->trace();
    // access_resource-1 sleeps (waiting on the timer) from 0 to 1 s while it holds sem.
    const int lane = trace.laneIndex(QStringLiteral("task-2"));
    const QPoint waiting = timeline->pointAt(0.5, lane);
    const auto hit = timeline->spanAt(waiting);
    QVERIFY(hit);
    QCOMPARE(trace.lanes[lane].spans[hit->span].state, LaneState::Waiting);
    const QColor fresh = stateColor(LaneState::Waiting);
    QCOMPARE(timeline->viewport()->grab().toImage().pixelColor(waiting), fresh);

    // A real edit: click the sleep block in the canvas, press Delete.
    ScenarioCanvas *canvas = window.editor()->canvas();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {},
                      canvas->blockPoint(QStringLiteral("s3")));
    QCOMPARE(canvas->selectedStep(), QStringLiteral("s3"));
    QTest::keyClick(canvas, Qt::Key_Delete);
    QCOMPARE(window.document()->isModified(), true);
    QCOMPARE(
        timeline->staleNote(),
        QStringLiteral("Edited since this run \u2014 Run (F5) shows the scenario as it is now"));
    QCOMPARE(
        status(window)->text(),
        QStringLiteral("edited since this run \u00b7 completed \u00b7 3 s \u00b7 virtual clock"));
    // The lanes are greyed: the waiting colour under the background's veil.
    const QColor paper = TimelineTheme::light().background;
    const auto veiled = [&](int from, int to) {
        return (from * (255 - kStaleVeilAlpha) + to * kStaleVeilAlpha + 127) / 255;
    };
    const QColor greyed = timeline->viewport()->grab().toImage().pixelColor(waiting);
    QVERIFY2(std::abs(greyed.red() - veiled(fresh.red(), paper.red())) <= 2
                 && std::abs(greyed.green() - veiled(fresh.green(), paper.green())) <= 2
                 && std::abs(greyed.blue() - veiled(fresh.blue(), paper.blue())) <= 2,
             qPrintable(greyed.name()));
    // The run itself is untouched: it is still there to compare with.
    QCOMPARE(trace.lanes.size(), std::size_t(7));
    QCOMPARE(rows(window, "logDock"), 10);

    // Undo: the scenario is the one that ran again, and the run is current.
    QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(window.document()->isModified(), false);
    QCOMPARE(timeline->staleNote(), QString());
    QCOMPARE(status(window)->text(), QStringLiteral("completed \u00b7 3 s \u00b7 virtual clock"));
    QCOMPARE(timeline->viewport()->grab().toImage().pixelColor(waiting), fresh);

    // Moving a card changes no run: not out of date.
    Scenario moved = window.document()->scenario();
    setCardPosition(moved, QStringLiteral("main"), {300, 300});
    window.document()->edit(moved, QStringLiteral("move"));
    QCOMPARE(timeline->staleNote(), QString());
    window.document()->undoStack()->undo();
}

void TestRunView::theStatusNamesTheShownRunsClockAndPause()
{
    MainWindow window;
    openLesson(window);
    // The tool bar's clock is the next run's, and says so; the status names the shown run's.
    auto *clock = window.findChild<QComboBox *>();
    QCOMPARE(clock->currentText(), QStringLiteral("Live clock"));
    auto *next = window.findChild<QLabel *>(QStringLiteral("nextRunLabel"));
    QVERIFY(next);
    QCOMPARE(next->text(), QStringLiteral("Next run:"));
    QCOMPARE(next->buddy(), clock);
    QCOMPARE(status(window)->text(), QStringLiteral("completed \u00b7 3 s \u00b7 virtual clock"));

    // A live run at 1 wall s per scenario s: 3 s of wall time.
    window.findChild<QDoubleSpinBox *>()->setValue(1.0);
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_VERIFY(window.timeline()->trace().duration > 0.05);
    QVERIFY(status(window)->text().startsWith(QStringLiteral("running \u00b7 ")));
    QVERIFY(status(window)->text().endsWith(QStringLiteral(" \u00b7 live clock")));
    QTest::keyClick(&window, Qt::Key_F6); // Pause
    const QRegularExpression paused(
        QStringLiteral("^paused \u00b7 [0-9.]+ (ms|s) \u00b7 live clock$"));
    QTRY_VERIFY(paused.match(status(window)->text()).hasMatch());
    // The live run keeps reporting while paused; the status must not go back to "running".
    QTest::qWait(200);
    QVERIFY2(paused.match(status(window)->text()).hasMatch(), qPrintable(status(window)->text()));
    QTest::keyClick(&window, Qt::Key_F6); // Resume
    QTRY_VERIFY(status(window)->text().startsWith(QStringLiteral("running \u00b7 ")));
    QTest::keyClick(&window, Qt::Key_F5, Qt::ShiftModifier); // Stop
    QTRY_VERIFY_WITH_TIMEOUT(status(window)->text().startsWith(QStringLiteral("stopped \u00b7 ")),
                             5000);
    QVERIFY(status(window)->text().contains(QStringLiteral(" \u00b7 live clock")));
}

QTEST_MAIN(TestRunView)
#include "tst_run_view.moc"
