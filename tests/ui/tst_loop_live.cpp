// Stepping back through a paused live-clock run, with real key and mouse events: lesson 08 runs
// on the live clock, is paused once fetch_data-1 has woken at 1 s, and is stepped back and
// forward by iteration, by task step and by the events of a clicked lane. At every stop the loop
// view, the timeline's marker, the log's selection and the canvas's selected block agree with the
// trace's loop section, and stay put while the paused run keeps reporting; resumed, the run
// goes on to the end and the cursor can be stepped again.
#include "app/main_window.h"
#include "app/trace_list_dock.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "loopview/loop_stepper.h"
#include "loopview/loop_view.h"
#include "timeline/timeline_view.h"

#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace loopscope;

class TestLoopLive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void stepsBackThroughAPausedLiveRun();

private:
    void press(MainWindow &window, Qt::Key key, Qt::KeyboardModifiers modifiers = {});
    // Position, running callback, marker (at the iteration's own time, which on the live clock
    // is the loop's reading after its select), log selection and selected block, at once.
    void expectAt(MainWindow &window, LoopPosition at, const QString &running,
                  const QStringList &printed, const QString &step);
    // The one timer, a sleep's: on the live clock its deadline is the sleep's length after the
    // instant the step ran, a millisecond or two late on a loaded machine.
    void expectTimer(MainWindow &window, const QString &seconds, const QString &lane);
};

void TestLoopLive::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("lesson/askOnOpen"), false); // tst_predict asks
}

void TestLoopLive::init()
{
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
}

void TestLoopLive::press(MainWindow &window, Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    QTest::keyClick(&window, key, modifiers);
    QCoreApplication::processEvents();
}

void TestLoopLive::expectAt(MainWindow &window, LoopPosition at, const QString &running,
                            const QStringList &printed, const QString &step)
{
    const LoopStepper *stepper = window.loopStepper();
    QCOMPARE(stepper->position(), at);
    QCOMPARE(window.loopView()->runningText(), QStringLiteral("Running now: ") + running);
    QCOMPARE(window.timeline()->markedTime(),
             std::optional<double>(timeOf(window.timeline()->trace().loop, at)));
    auto *log = window.findChild<TraceListDock *>(QStringLiteral("logDock"));
    QVERIFY(log);
    QCOMPARE(log->selectedTexts(), printed);
    if (!step.isEmpty())
        QCOMPARE(window.editor()->canvas()->selectedStep(), step);
}

void TestLoopLive::expectTimer(MainWindow &window, const QString &seconds, const QString &lane)
{
    const QStringList rows = window.loopView()->timerRows();
    QCOMPARE(rows.size(), 1);
    const QRegularExpression row(
        QRegularExpression::escape(seconds) + QStringLiteral("[0-9]{2} s  ")
        + QRegularExpression::escape(lane + QStringLiteral(" · set_result · s2"))
        + QLatin1Char('$'));
    QVERIFY2(row.match(rows.front()).hasMatch(), qPrintable(rows.front()));
}

void TestLoopLive::stepsBackThroughAPausedLiveRun()
{
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openScenario(
        QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/08-await-order.loop.json")));
    QTRY_VERIFY(window.loopStepper()->hasLoop());
    auto *status = window.findChild<QLabel *>(QStringLiteral("runStatus"));
    QVERIFY(status);

    // The live clock at 1 wall second per scenario second; paused once fetch_data-1 has woken
    // (iteration 3, t = 1 s), a second before anything else happens.
    window.findChild<QComboBox *>()->setCurrentIndex(1);
    window.findChild<QDoubleSpinBox *>()->setValue(1.0);
    press(window, Qt::Key_F5);
    const LoopTrace &loop = window.timeline()->trace().loop;
    QTRY_VERIFY_WITH_TIMEOUT(loop.iterations.size() >= 4, 5000);
    press(window, Qt::Key_F6); // Pause
    QTRY_VERIFY(status->text().startsWith(QStringLiteral("paused \u00b7 ")));
    QVERIFY2(window.timeline()->trace().duration < 1.9,
             "paused too late: fetch_data-2's timer may have fired");
    QCOMPARE(loop.iterations.size(), std::size_t(4));
    QVERIFY(loop.iterations[3].t >= 1.0 && loop.iterations[3].t < 1.5);
    const std::size_t callbacks = loop.ran.size();
    QCOMPARE(callbacks, std::size_t(5));

    // Step Back Iteration opens the loop view, at the iteration before the last.
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("loopDock"));
    QVERIFY(dock);
    press(window, Qt::Key_F8, Qt::ShiftModifier);
    QVERIFY(dock->isVisible());
    expectAt(window, {2, 0}, QStringLiteral("fetch_data-1 · set_result · s2"), {}, {});
    expectTimer(window, QStringLiteral("2.0"), QStringLiteral("fetch_data-2"));
    press(window, Qt::Key_F8); // Step Iteration: the last one, fetch_data-1 wakes and prints
    expectAt(window, {3, 0}, QStringLiteral("fetch_data-1 · wakeup · s2"),
             {QStringLiteral("Task 1 finished its work")}, QStringLiteral("s2"));
    press(window, Qt::Key_F8); // nothing after it yet: stays
    QCOMPARE(window.loopStepper()->position(), (LoopPosition{3, 0}));

    press(window, Qt::Key_F7, Qt::ShiftModifier); // Step Back Task Step
    press(window, Qt::Key_F7, Qt::ShiftModifier);
    expectAt(window, {1, 1}, QStringLiteral("fetch_data-2 · step"),
             {QStringLiteral("Task 2 started")}, {});
    QCOMPARE(window.loopView()->readyRows(), QStringList{});
    expectTimer(window, QStringLiteral("1.0"), QStringLiteral("fetch_data-1"));
    // The paused run keeps reporting, ~60 times a second: the cursor and every view stay.
    QTest::qWait(300);
    QCOMPARE(loop.ran.size(), callbacks);
    expectAt(window, {1, 1}, QStringLiteral("fetch_data-2 · step"),
             {QStringLiteral("Task 2 started")}, {});

    // main's lane clicked: Alt+Left goes to its first step, Alt+Right finds none after it yet.
    TimelineView *timeline = window.timeline();
    const int main = timeline->trace().laneIndex(QStringLiteral("task-1"));
    QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, timeline->pointAt(0.5, main));
    QCOMPARE(window.loopStepper()->selectedLane(), main);
    press(window, Qt::Key_Left, Qt::AltModifier);
    expectAt(window, {0, 0}, QStringLiteral("main · step"), {}, {});
    press(window, Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(window.loopStepper()->position(), (LoopPosition{0, 0}));
    QTest::qWait(100);
    expectAt(window, {0, 0}, QStringLiteral("main · step"), {}, {});

    // Resumed, the run goes on to its end; the steps were only looked at: the marker goes and
    // the timeline follows the present again (a step back far enough to scroll had stopped it).
    press(window, Qt::Key_F6);
    QVERIFY(status->text().startsWith(QStringLiteral("running · ")));
    QCOMPARE(window.timeline()->markedTime(), std::nullopt);
    QVERIFY(window.timeline()->followsPresent());
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("completed \u00b7 ")), 5000);
    QCOMPARE(loop.iterations.size(), std::size_t(8));
    QCOMPARE(window.loopStepper()->position(), (LoopPosition{7, 0}));
    press(window, Qt::Key_F8, Qt::ShiftModifier);
    expectAt(window, {6, 0}, QStringLiteral("main · wakeup · s6"),
             {QStringLiteral("Task 2 fully completed"), QStringLiteral("Task 1 fully completed")},
             QStringLiteral("s6"));
    QVERIFY(timeOf(loop, {6, 0}) >= 2.0);
}

QTEST_MAIN(TestLoopLive)
#include "tst_loop_live.moc"
