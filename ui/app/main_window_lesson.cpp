// Lesson ▸ Predict…: a lesson's questions before its run (ui/teach). Opening a lesson that has
// questions asks them (unless Lesson ▸ Ask When a Lesson Opens is off): the first look at the
// run happens as for any scenario, but the timeline and the log stay hidden until the answers
// are graded against a run of their own.
#include "app/main_window.h"

#include "app/run_controller.h"
#include "app/trace_list_dock.h"
#include "document/scenario_document.h"
#include "teach/lesson_quiz.h"

#include <QAction>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>

namespace loopscope {

namespace {

const QString kAskOnOpen = QStringLiteral("lesson/askOnOpen");

} // namespace

void MainWindow::setupLesson()
{
    // The loop view's headline says the run's duration: hidden with the rest while asking.
    m_quiz = new LessonQuiz(
        this, m_timeline,
        {m_log, m_diagnostics, m_outcome, findChild<QDockWidget *>(QStringLiteral("loopDock"))});
    connect(m_quiz, &LessonQuiz::runRequested, this, [this] {
        if (m_scenario)
            startRun(ClockMode::Virtual);
    });
    connect(m_runs, &RunController::finished, m_quiz, &LessonQuiz::runFinished);
    connect(m_document, &ScenarioDocument::replaced, m_quiz, &LessonQuiz::dismiss);
    auto *lesson = new QMenu(tr("&Lesson"), this);
    const QList<QAction *> menus = menuBar()->actions();
    menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.last(), lesson); // before Help
    QAction *predict = lesson->addAction(tr("&Predict\u2026"));
    predict->setObjectName(QStringLiteral("predictAction"));
    predict->setShortcut(QKeySequence(tr("Ctrl+Shift+P")));
    predict->setStatusTip(tr("Answer the lesson's questions, then run it and see what you got "
                             "right"));
    connect(predict, &QAction::triggered, this, &MainWindow::predictLesson);
    QAction *askOnOpen = lesson->addAction(tr("&Ask When a Lesson Opens"));
    askOnOpen->setObjectName(QStringLiteral("askOnOpenAction"));
    askOnOpen->setCheckable(true);
    askOnOpen->setChecked(QSettings().value(kAskOnOpen, true).toBool());
    connect(askOnOpen, &QAction::toggled, this,
            [](bool on) { QSettings().setValue(kAskOnOpen, on); });
}

void MainWindow::offerQuestions()
{
    if (m_scenario && QSettings().value(kAskOnOpen, true).toBool())
        m_quiz->ask(*m_scenario, lessonKey());
    else
        m_quiz->dismiss();
}

void MainWindow::predictLesson()
{
    if (!m_scenario || m_scenario->questions.empty())
        return statusBar()->showMessage(
            tr("This scenario asks no questions: the lessons of Help \u25b8 Examples do"), 10000);
    m_quiz->ask(*m_scenario, lessonKey());
}

QString MainWindow::lessonKey() const
{
    return m_scenarioPath.isEmpty() ? m_scenario->title : QFileInfo(m_scenarioPath).fileName();
}

} // namespace loopscope
