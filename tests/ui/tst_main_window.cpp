// The main window on the real runtime: opening the semaphore lesson runs it on the virtual
// clock, the timeline and the log show the trace, a log line takes the timeline to its instant,
// and a live run grows the timeline while it goes.
#include "app/main_window.h"
#include "app/trace_list_dock.h"
#include "export/mermaid.h"
#include "timeline/timeline_theme.h"
#include "timeline/timeline_view.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace loopscope;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void openingRunsOnTheVirtualClock();
    void clickingALogLineRevealsItsInstant();
    void liveRunGrowsTheTimeline();
    void refusedFileKeepsTheWindowAsItWas();
    void copiesTheTimelineAsMermaidAndImage();
    void highlightingAResourceMarksHoldersAndWaiters();

private:
    static QString example()
    {
        return QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json");
    }
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("lesson/askOnOpen"), false); // tst_predict asks
}

void TestMainWindow::init()
{
    // Every warning fails, except the offscreen platform's notes on what it cannot do.
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
}

void TestMainWindow::openingRunsOnTheVirtualClock()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openScenario(example()));
    QTRY_COMPARE(window.timeline()->trace().lanes.size(), std::size_t(7));
    const Trace &trace = window.timeline()->trace();
    QCOMPARE(trace.duration, 3.0);
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QCOMPARE(trace.lanes[0].name, QStringLiteral("main"));
    auto *log = window.findChild<TraceListDock *>(QStringLiteral("logDock"));
    QVERIFY(log);
    QCOMPARE(log->rowCount(), 10); // five "Accessing" and five "Releasing" lines
    QCOMPARE(window.windowTitle(), QStringLiteral("14-semaphore.loop.json \u2014 Loopscope"));
}

void TestMainWindow::clickingALogLineRevealsItsInstant()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openScenario(example()));
    QTRY_COMPARE(window.timeline()->trace().lanes.size(), std::size_t(7));
    window.timeline()->zoomIn(); // so that revealing has to move the view
    window.timeline()->zoomIn();
    auto *list
        = window.findChild<TraceListDock *>(QStringLiteral("logDock"))->findChild<QTreeWidget *>();
    QTreeWidgetItem *last = list->topLevelItem(list->topLevelItemCount() - 1); // at 3 s
    QCOMPARE(last->text(0), QStringLiteral("3.000 s"));
    list->scrollToItem(last); // the log dock starts short: bring the row into view first
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(last).center());
    const TimeRange range = window.timeline()->visibleRange();
    QCOMPARE((range.start + range.end) / 2, 3.0);
}

void TestMainWindow::liveRunGrowsTheTimeline()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openScenario(example()));
    QTRY_COMPARE(window.timeline()->trace().lanes.size(), std::size_t(7));
    // Run plays live unless the user chose otherwise; at 0.1 wall s per scenario s here.
    QCOMPARE(window.findChild<QComboBox *>()->currentText(), QStringLiteral("Live clock"));
    window.findChild<QDoubleSpinBox *>()->setValue(0.1);
    QSignalSpy ranges(window.timeline(), &TimelineView::visibleRangeChanged);
    window.run();
    QVERIFY(window.timeline()->followsPresent());
    QCOMPARE(window.timeline()->trace().lanes.size(), std::size_t(0)); // a fresh trace
    // 3 scenario seconds at 0.1: about 300 ms of wall time (generous under sanitizers).
    QTRY_VERIFY_WITH_TIMEOUT(!window.timeline()->followsPresent(), 20000);
    const Trace &trace = window.timeline()->trace();
    QVERIFY(trace.liveClock);
    QCOMPARE(trace.lanes.size(), std::size_t(7));
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QVERIFY2(ranges.count() > 3, "the view followed the growing trace");
}

void TestMainWindow::refusedFileKeepsTheWindowAsItWas()
{
    MainWindow window;
    // A missing file is refused with a message box; close it as a user would.
    QTimer::singleShot(0, [] {
        if (QWidget *box = QApplication::activeModalWidget())
            box->close();
    });
    QVERIFY(!window.openScenario(QStringLiteral("/nonexistent/scenario.loop.json")));
    QVERIFY(!window.scenario().has_value());
    QCOMPARE(window.windowTitle(), QStringLiteral("no scenario \u2014 Loopscope"));
}

void TestMainWindow::copiesTheTimelineAsMermaidAndImage()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openScenario(example()));
    QTRY_COMPARE(window.timeline()->trace().lanes.size(), std::size_t(7));
    auto action = [&](const QString &text) {
        for (QAction *a : window.findChildren<QAction *>())
            if (a->text() == text)
                return a;
        return static_cast<QAction *>(nullptr);
    };
    QAction *mermaid = action(QStringLiteral("Copy as &Mermaid"));
    QVERIFY(mermaid && mermaid->isEnabled());
    mermaid->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(),
             mermaidGantt(window.timeline()->trace(), QStringLiteral("Semaphore: two at a time")));
    action(QStringLiteral("Copy as &Image"))->trigger();
    const QImage image = QGuiApplication::clipboard()->image();
    QVERIFY(!image.isNull());
    QCOMPARE(image.width(), 2 * 1200); // ImageExportOptions' default width, at 2x
}

void TestMainWindow::highlightingAResourceMarksHoldersAndWaiters()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openScenario(example()));
    QTRY_COMPARE(window.timeline()->trace().lanes.size(), std::size_t(7));
    auto *box = window.findChild<QComboBox *>(QStringLiteral("resourceHighlight"));
    QVERIFY(box);
    QCOMPARE(box->count(), 2); // none, sem
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Down); // a real key press picks the next entry
    QCOMPARE(box->currentText(), QStringLiteral("Highlight sem"));
    QCOMPARE(window.timeline()->highlightedResource(), QStringLiteral("sem"));

    const QImage frame = window.timeline()->viewport()->grab().toImage();
    const QColor ink = TimelineTheme::light().text;
    const Trace &trace = window.timeline()->trace();
    // access_resource-5 (lane 5) waits for sem from 0 to 2 s: outlined along its top edge.
    const QPoint waiter
        = window.timeline()->pointAt(1.0, trace.laneIndex(QStringLiteral("task-6")));
    QCOMPARE(frame.pixelColor(waiter.x(), waiter.y() - 7), ink);
    // access_resource-1 holds sem from 0 to 1 s: a bar along its bottom edge.
    const QPoint holder
        = window.timeline()->pointAt(0.5, trace.laneIndex(QStringLiteral("task-2")));
    QCOMPARE(frame.pixelColor(holder.x(), holder.y() + 8), ink);
    // After it released, no bar.
    const QPoint released
        = window.timeline()->pointAt(2.5, trace.laneIndex(QStringLiteral("task-2")));
    QVERIFY(frame.pixelColor(released.x(), released.y() + 8) != ink);
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
