// The loop view (Window ▸ Event Loop) and the loop cursor: Run ▸ Step Iteration / Step Task Step
// and their Back twins, Next / Previous Event of Lane. On a finished run, a trace file, or a live
// run paused, they move the cursor through what has happened; the timeline's marker, the loop
// view, the log's selection and the canvas's selected block follow it.
#include "app/main_window.h"

#include "app/run_controller.h"
#include "app/trace_list_dock.h"
#include "canvas/scenario_editor.h"
#include "loopview/loop_stepper.h"
#include "loopview/loop_view.h"
#include "teach/lesson_quiz.h"
#include "timeline/timeline_view.h"

#include <QAction>
#include <QDockWidget>
#include <QMenuBar>

namespace loopscope {

namespace {

QMenu *menuTitled(QMenuBar *bar, const QString &title)
{
    for (QAction *action : bar->actions())
        if (action->menu() && action->text() == title)
            return action->menu();
    return bar->addMenu(title);
}

} // namespace

void MainWindow::setupLoopView()
{
    m_stepper = new LoopStepper(this);
    m_loopView = new LoopView(m_stepper);
    auto *dock = new QDockWidget(tr("Event Loop"), this);
    dock->setObjectName(QStringLiteral("loopDock"));
    dock->setWidget(m_loopView);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    QAction *show = dock->toggleViewAction();
    show->setShortcut(QKeySequence(tr("Ctrl+3")));
    connect(show, &QAction::triggered, this, [this, dock](bool shown) {
        if (shown && m_quiz && m_quiz->isAsking())
            dock->hide(); // its headline would tell the duration the learner is predicting
    });
    menuTitled(menuBar(), tr("&Window"))->addAction(show);

    QMenu *run = menuTitled(menuBar(), tr("&Run"));
    run->addSeparator();
    // A step shows the loop view if it was closed (it is, on the first start: the editor and the
    // lesson's questions get the room).
    auto add = [&](const QString &text, const QKeySequence &key, auto move) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, [this, dock, move] {
            if (m_quiz && m_quiz->isAsking())
                return; // stepping would show the run the learner is predicting
            dock->show();
            move();
        });
        run->addAction(action);
        addAction(action);
        m_loopActions.push_back(action);
    };
    add(tr("Step &Iteration"), QKeySequence(Qt::Key_F8),
        [this] { m_stepper->forward(LoopStride::Iteration); });
    add(tr("Step Back Iteration"), QKeySequence(tr("Shift+F8")),
        [this] { m_stepper->back(LoopStride::Iteration); });
    add(tr("Step Task Step"), QKeySequence(Qt::Key_F7),
        [this] { m_stepper->forward(LoopStride::TaskStep); });
    add(tr("Step Back Task Step"), QKeySequence(tr("Shift+F7")),
        [this] { m_stepper->back(LoopStride::TaskStep); });
    add(tr("Next Event of Lane"), QKeySequence(tr("Alt+Right")),
        [this] { m_stepper->nextOfLane(); });
    add(tr("Previous Event of Lane"), QKeySequence(tr("Alt+Left")),
        [this] { m_stepper->previousOfLane(); });

    connect(m_stepper, &LoopStepper::moved, this, [this](LoopPosition at, double t) {
        m_loopAtEnd = m_stepper->hasLoop() && at == lastPosition(m_stepper->trace()->loop);
        showLoopPosition(t);
    });
    connect(m_timeline, &TimelineView::spanClicked, this,
            [this](int lane, int, const QString &) { m_stepper->setSelectedLane(lane); });
    connect(m_runs, &RunController::pausedChanged, this, &MainWindow::loopRunPaused);
    connect(m_runs, &RunController::started, this, &MainWindow::updateLoopActions);
    connect(m_runs, &RunController::finished, this, &MainWindow::updateLoopActions);
    updateLoopActions();
}

// A new trace puts the cursor at its end; a live run that goes on keeps it there, and so does
// one that grows or finishes while the cursor is at its end; a paused or finished one keeps it
// where the user stepped.
// The cursor's move to the end of a new trace is not a step: the timeline's cursor, the log's
// selection and the block selected on the canvas stay the user's until they step.
void MainWindow::followLoop(bool newRun)
{
    const bool going = m_runs->isRunning() && !m_runs->isPaused();
    m_loopTraceChanging = true;
    if (newRun || going || m_loopAtEnd || m_stepper->trace() != &m_timeline->trace())
        m_stepper->setTrace(&m_timeline->trace(), true);
    else
        m_stepper->traceGrew();
    m_loopTraceChanging = false;
    updateLoopActions();
}

// Paused: what has happened so far, the cursor at its end. Resumed: the steps were only looked
// at; the cursor goes and the timeline follows the present again if it did before.
void MainWindow::loopRunPaused(bool paused)
{
    if (paused) {
        m_followedBeforePause = m_timeline->followsPresent();
        followLoop(false);
    } else if (m_runs->isRunning()) {
        m_timeline->clearCursor();
        if (m_followedBeforePause)
            m_timeline->setFollowPresent(true);
    }
    updateLoopActions();
}

void MainWindow::showLoopPosition(double t)
{
    if (!m_stepper->hasLoop() || m_loopTraceChanging)
        return;
    const bool going = m_runs->isRunning() && !m_runs->isPaused();
    if (going) // the live view follows the present, not a cursor
        return;
    m_timeline->setCursorTime(t);
    const auto [first, end] = m_stepper->runningEvents();
    m_log->followEvents(first, end);
    const LoopSnapshot s = m_stepper->snapshot();
    if (s.running && s.running->step != 0)
        m_editor->selectStep(m_stepper->trace()->str(s.running->step));
}

void MainWindow::updateLoopActions()
{
    const bool going = m_runs->isRunning() && !m_runs->isPaused();
    for (QAction *action : m_loopActions)
        action->setEnabled(!going && m_stepper->hasLoop());
}

} // namespace loopscope
