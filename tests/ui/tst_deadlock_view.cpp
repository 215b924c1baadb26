// A deadlock shown as strongly as it is named: lesson 21's run heads the Diagnostics dock with
// the cycle, one row per task saying what it waits for and who holds it; clicking a row (a real
// click) selects that task's waiting block on the canvas and takes the timeline to its lane.
#include "app/main_window.h"
#include "app/trace_list_dock.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "timeline/deadlock_waits.h"
#include "timeline/timeline_view.h"

#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace loopscope;

class TestDeadlockView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void theDiagnosticsListTheCycle();
    void clickingAWaitSelectsItsBlockAndLane();
    void noDeadlockNoRows();

private:
    QTreeWidget *diagnostics(MainWindow &window) const;
    void openLesson(MainWindow &window, const char *lesson);
};

void TestDeadlockView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("lesson/askOnOpen"), false); // tst_predict asks
}

void TestDeadlockView::init()
{
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
}

QTreeWidget *TestDeadlockView::diagnostics(MainWindow &window) const
{
    auto *dock = window.findChild<TraceListDock *>(QStringLiteral("diagnosticsDock"));
    dock->raise(); // tabbed behind the log
    return dock->findChild<QTreeWidget *>();
}

void TestDeadlockView::openLesson(MainWindow &window, const char *lesson)
{
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openScenario(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/") + lesson));
    QTRY_VERIFY(!window.timeline()->trace().lanes.empty());
}

void TestDeadlockView::theDiagnosticsListTheCycle()
{
    MainWindow window;
    openLesson(window, "21-deadlock.loop.json");
    const Trace &trace = window.timeline()->trace();
    QCOMPARE(trace.outcome.status, OutcomeStatus::Deadlock);
    QTreeWidget *list = diagnostics(window);
    QVERIFY(list->topLevelItemCount() >= 2);
    auto row = [&](int i) {
        QStringList cells;
        for (int c = 0; c < list->columnCount(); ++c)
            cells << list->topLevelItem(i)->text(c);
        return cells;
    };
    QCOMPARE(row(0), (QStringList{"1.000 s", "transfer_ab-1", "error",
                                  "deadlock: waits for b, held by transfer_ba-1"}));
    QCOMPARE(row(1), (QStringList{"1.000 s", "transfer_ba-1", "error",
                                  "deadlock: waits for a, held by transfer_ab-1"}));
    // The rest are the run's own diagnostics, after the cycle.
    QCOMPARE(list->topLevelItemCount(), 2 + int(trace.diagnostics.size()));

    const std::vector<DeadlockWait> waits = deadlockWaits(trace);
    QCOMPARE(waits.size(), std::size_t(2));
    QCOMPARE(waits[0].waiter, trace.laneIndex(QStringLiteral("task-2")));
    QCOMPARE(waits[0].holder, trace.laneIndex(QStringLiteral("task-3")));
    QCOMPARE(waits[0].step, QStringLiteral("s5"));
    QCOMPARE(waits[1].step, QStringLiteral("s11"));
}

void TestDeadlockView::clickingAWaitSelectsItsBlockAndLane()
{
    MainWindow window;
    openLesson(window, "21-deadlock.loop.json");
    QTreeWidget *list = diagnostics(window);
    window.timeline()->zoomIn(); // so that revealing the instant has to move the view
    window.timeline()->zoomIn();
    window.timeline()->setVisibleRange({0.0, 0.2});
    QTreeWidgetItem *second = list->topLevelItem(1);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(second).center());
    QCOMPARE(window.editor()->canvas()->selectedStep(), QStringLiteral("s11")); // with a
    const TimeRange range = window.timeline()->visibleRange();
    QCOMPARE((range.start + range.end) / 2, 1.0);
    QTreeWidgetItem *first = list->topLevelItem(0);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(first).center());
    QCOMPARE(window.editor()->canvas()->selectedStep(), QStringLiteral("s5")); // with b
}

void TestDeadlockView::noDeadlockNoRows()
{
    MainWindow window;
    openLesson(window, "14-semaphore.loop.json");
    QCOMPARE(window.timeline()->trace().outcome.status, OutcomeStatus::Completed);
    QVERIFY(deadlockWaits(window.timeline()->trace()).empty());
    QCOMPARE(diagnostics(window)->topLevelItemCount(),
             int(window.timeline()->trace().diagnostics.size()));
}

QTEST_MAIN(TestDeadlockView)
#include "tst_deadlock_view.moc"
