// The loop view and the loop cursor with real key and mouse events: lesson 08's run, stepped
// back and forward by iteration, by task step and by the events of a clicked lane. At every
// stop the loop view, the timeline's marker, the log's selection and the canvas's selected
// block agree with trace.loop; stepping away and back gives the same pixels.
#include "app/main_window.h"
#include "app/trace_list_dock.h"
#include "canvas/card_item.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "loopview/loop_stepper.h"
#include "loopview/loop_view.h"
#include "timeline/timeline_view.h"

#include <QDockWidget>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace loopscope;

class TestLoopView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void stepsBackAndForwardEveryViewFollows();
    void laneEventsOfAClickedLane();
    void aSteppedBlocksCardIsShownWhole();

private:
    void openLesson(MainWindow &window);
    void press(MainWindow &window, Qt::Key key, Qt::KeyboardModifiers modifiers = {});
    // Position, headline, running callback, marker, log selection and selected block, at once.
    void expectAt(MainWindow &window, LoopPosition at, const QString &running, double t,
                  const QStringList &printed, const QString &step);
    QImage pixels(MainWindow &window) const;
};

void TestLoopView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("lesson/askOnOpen"), false); // tst_predict asks
}

void TestLoopView::init()
{
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
}

void TestLoopView::openLesson(MainWindow &window)
{
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openScenario(
        QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/08-await-order.loop.json")));
    QTRY_VERIFY(window.loopStepper()->hasLoop());
}

void TestLoopView::press(MainWindow &window, Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    QTest::keyClick(&window, key, modifiers);
    QCoreApplication::processEvents();
}

void TestLoopView::expectAt(MainWindow &window, LoopPosition at, const QString &running, double t,
                            const QStringList &printed, const QString &step)
{
    QCOMPARE(window.loopStepper()->position(), at);
    QCOMPARE(window.loopView()->runningText(), QStringLiteral("Running now: ") + running);
    QCOMPARE(window.timeline()->markedTime(), std::optional<double>(t));
    auto *log = window.findChild<TraceListDock *>(QStringLiteral("logDock"));
    QVERIFY(log);
    QCOMPARE(log->selectedTexts(), printed);
    if (!step.isEmpty())
        QCOMPARE(window.editor()->canvas()->selectedStep(), step);
}

QImage TestLoopView::pixels(MainWindow &window) const
{
    QImage image(1200, 900, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    window.loopView()->render(&painter);
    window.timeline()->viewport()->render(&painter, QPoint(0, 450));
    return image;
}

void TestLoopView::stepsBackAndForwardEveryViewFollows()
{
    MainWindow window;
    openLesson(window);
    LoopView *view = window.loopView();
    // A finished run: the cursor at its last iteration, asyncio.run's done callback.
    QCOMPARE(window.loopStepper()->position(), (LoopPosition{7, 0}));
    QCOMPARE(view->headline(), QStringLiteral("Iteration 8 of 8 · t = 2.000 s · callback 1 of 1"));

    press(window, Qt::Key_F8, Qt::ShiftModifier); // Step Back Iteration
    expectAt(window, {6, 0}, QStringLiteral("main · wakeup · s6"), 2.0,
             {QStringLiteral("Task 2 fully completed"), QStringLiteral("Task 1 fully completed")},
             QStringLiteral("s6"));
    const QImage atMainWakeup = pixels(window);
    QVERIFY(view->readyRows().isEmpty());
    QVERIFY(view->timerRows().isEmpty());

    for (int i = 0; i < 3; ++i)
        press(window, Qt::Key_F8, Qt::ShiftModifier);
    expectAt(window, {3, 0}, QStringLiteral("fetch_data-1 · wakeup · s2"), 1.0,
             {QStringLiteral("Task 1 finished its work")}, QStringLiteral("s2"));
    QCOMPARE(view->timerRows(),
             QStringList{QStringLiteral("2.000 s  fetch_data-2 · set_result · s2")});
    QVERIFY(pixels(window) != atMainWakeup);

    press(window, Qt::Key_F7, Qt::ShiftModifier); // Step Back Task Step
    expectAt(window, {2, 0}, QStringLiteral("fetch_data-1 · set_result · s2"), 1.0, {}, {});
    press(window, Qt::Key_F7, Qt::ShiftModifier);
    // Iteration 1's second callback: the first task's step ran and set its sleep's timer; the
    // log selects what the running step prints.
    expectAt(window, {1, 1}, QStringLiteral("fetch_data-2 · step"), 0.0,
             {QStringLiteral("Task 2 started")}, {});
    QCOMPARE(view->timerRows(),
             QStringList{QStringLiteral("1.000 s  fetch_data-1 · set_result · s2")});
    QCOMPARE(view->headline(), QStringLiteral("Iteration 2 of 8 · t = 0.000 s · callback 2 of 2"));
    press(window, Qt::Key_F7, Qt::ShiftModifier);
    expectAt(window, {1, 0}, QStringLiteral("fetch_data-1 · step"), 0.0,
             {QStringLiteral("Task 1 started")}, {});
    QCOMPARE(view->readyRows(), QStringList{QStringLiteral("fetch_data-2 · step")});
    QVERIFY(view->timerRows().isEmpty());

    // Forward again, by task step then by iteration, to where it began: the same pixels.
    press(window, Qt::Key_F7);
    QCOMPARE(window.loopStepper()->position(), (LoopPosition{1, 1}));
    press(window, Qt::Key_F7);
    QCOMPARE(window.loopStepper()->position(), (LoopPosition{2, 0}));
    for (int i = 0; i < 4; ++i)
        press(window, Qt::Key_F8);
    expectAt(window, {6, 0}, QStringLiteral("main · wakeup · s6"), 2.0,
             {QStringLiteral("Task 2 fully completed"), QStringLiteral("Task 1 fully completed")},
             QStringLiteral("s6"));
    QCOMPARE(pixels(window), atMainWakeup);
    press(window, Qt::Key_F8);
    press(window, Qt::Key_F8); // past the end: stays
    QCOMPARE(window.loopStepper()->position(), (LoopPosition{7, 0}));
}

// A click on main's lane selects it; Alt+Left and Alt+Right go to its callbacks.
void TestLoopView::laneEventsOfAClickedLane()
{
    MainWindow window;
    openLesson(window);
    TimelineView *timeline = window.timeline();
    const int main = timeline->trace().laneIndex(QStringLiteral("task-1"));
    QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, timeline->pointAt(1.0, main));
    QCOMPARE(window.loopStepper()->selectedLane(), main);
    press(window, Qt::Key_Left, Qt::AltModifier);
    expectAt(window, {6, 0}, QStringLiteral("main · wakeup · s6"), 2.0,
             {QStringLiteral("Task 2 fully completed"), QStringLiteral("Task 1 fully completed")},
             QStringLiteral("s6"));
    press(window, Qt::Key_Left, Qt::AltModifier);
    expectAt(window, {0, 0}, QStringLiteral("main · step"), 0.0, {}, {});
    QCOMPARE(window.loopView()->readyRows(), QStringList{});
    press(window, Qt::Key_Left, Qt::AltModifier); // none before: stays
    QCOMPARE(window.loopStepper()->position(), (LoopPosition{0, 0}));
    press(window, Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(window.loopStepper()->position(), (LoopPosition{6, 0}));
}

// On a canvas narrower than its two cards, a step into fetch_data's block scrolls so that the
// card is shown whole from its left edge, main's card wholly out of view rather than cut through
// (scrolling just far enough to show the block left main's card half shown); a step back into
// main's block scrolls back the same way.
void TestLoopView::aSteppedBlocksCardIsShownWhole()
{
    MainWindow window;
    openLesson(window);
    window.resize(1000, 800);
    ScenarioCanvas *canvas = window.editor()->canvas();
    auto visibleCards = [&] {
        const QRectF visible = canvas->mapToScene(canvas->viewport()->rect()).boundingRect();
        QStringList whole;
        for (const QString &name : {QStringLiteral("main"), QStringLiteral("fetch_data")}) {
            const QRectF card = canvas->card(name)->sceneBoundingRect();
            if (visible.contains(card))
                whole << name;
            else if (visible.intersects(card))
                whole << name + QStringLiteral(" (cut)");
        }
        return whole;
    };
    QCOMPARE(visibleCards(), QStringList{QStringLiteral("main")});
    for (int i = 0; i < 4; ++i) // iteration 3: fetch_data-1 wakes at its sleep, s2
        press(window, Qt::Key_F8, Qt::ShiftModifier);
    QCOMPARE(canvas->selectedStep(), QStringLiteral("s2"));
    // The view the step opened took the canvas down to 76 px; the editor's side gives way now.
    QVERIFY(canvas->viewport()->width()
            >= canvas->card(QStringLiteral("main"))->boundingRect().width());
    QCOMPARE(visibleCards(), QStringList{QStringLiteral("fetch_data")});
    press(window, Qt::Key_F8); // iterations 4 and 5: nothing selected; 6: main's s6
    press(window, Qt::Key_F8);
    press(window, Qt::Key_F8);
    QCOMPARE(canvas->selectedStep(), QStringLiteral("s6"));
    QCOMPARE(visibleCards(), QStringList{QStringLiteral("main")});
}

QTEST_MAIN(TestLoopView)
#include "tst_loop_view.moc"
