#include "teach/lesson_quiz.h"

#include "teach/miss_marker.h"
#include "teach/predict_panel.h"
#include "teach/question_card.h"
#include "timeline/timeline_view.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QPushButton>
#include <QTimer>

namespace loopscope {

LessonQuiz::LessonQuiz(QMainWindow *window, TimelineView *timeline, std::vector<QWidget *> hidden)
    : QObject(window)
    , m_timeline(timeline)
    , m_hidden(hidden.begin(), hidden.end())
{
    m_dock = new QDockWidget(tr("Predict, Then Run"), window);
    m_dock->setObjectName(QStringLiteral("predictDock"));
    m_panel = new PredictPanel(m_dock);
    m_dock->setWidget(m_panel);
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide();
    m_marker = new MissMarker(timeline);
    connect(m_panel, &PredictPanel::gradeRequested, this, &LessonQuiz::requestRun);
    connect(m_panel, &PredictPanel::showMissRequested, this, &LessonQuiz::pointAt);
}

bool LessonQuiz::ask(const Scenario &scenario, const QString &lesson)
{
    if (scenario.questions.empty()) {
        dismiss();
        return false;
    }
    m_questions = scenario.questions;
    m_lesson = lesson;
    m_grades.clear();
    m_waiting = false;
    m_panel->setQuestions(m_questions);
    for (std::size_t i = 0; i < m_questions.size(); ++i)
        if (const auto saved = m_store.saved(m_lesson, int(i), m_questions[i]))
            m_panel->cards()[i]->setAnswer(saved->answer);
    m_panel->updateGradeButton();
    if (const auto score = m_store.score(m_lesson))
        m_panel->setScoreText(tr("Last time: %1 of %2 right").arg(score->right).arg(score->asked));
    m_marker->setMiss(std::nullopt);
    if (!m_asking)
        hideAnswers(true);
    m_asking = true;
    m_dock->show();
    m_dock->raise();
    return true;
}

void LessonQuiz::dismiss()
{
    m_waiting = false;
    m_marker->setMiss(std::nullopt);
    if (m_asking)
        hideAnswers(false);
    m_asking = false;
    m_dock->hide();
}

// The timeline and the log would show the run the learner is to predict.
void LessonQuiz::hideAnswers(bool hide)
{
    m_timeline->setVisible(!hide);
    if (hide)
        m_wasVisible.clear();
    for (std::size_t i = 0; i < m_hidden.size(); ++i) {
        QWidget *widget = m_hidden[i];
        if (hide) {
            m_wasVisible.push_back(widget && widget->isVisible());
            if (widget)
                widget->hide();
        } else if (widget && i < m_wasVisible.size() && m_wasVisible[i]) {
            widget->show();
        }
    }
}

void LessonQuiz::requestRun()
{
    m_answers = m_panel->answers();
    m_waiting = true;
    m_panel->gradeButton()->setEnabled(false);
    Q_EMIT runRequested();
}

void LessonQuiz::runFinished(const Trace &trace)
{
    if (!m_waiting)
        return;
    m_waiting = false;
    // After the window has put the run on the timeline (it hears of the run after us), so that
    // the marker's reveal is not undone by the new trace's fit.
    QTimer::singleShot(0, this, [this, trace] { grade(trace); });
}

void LessonQuiz::grade(const Trace &trace)
{
    m_grades.clear();
    for (std::size_t i = 0; i < m_questions.size() && i < m_answers.size(); ++i)
        m_grades.push_back(gradeAnswer(m_questions[i], m_answers[i], trace));
    keep(m_answers);
    m_panel->showGrades(m_grades);
    m_panel->gradeButton()->setEnabled(true);
    if (m_asking)
        hideAnswers(false);
    m_asking = false;
    const auto wrong
        = std::find_if(m_grades.begin(), m_grades.end(), [](const Grade &g) { return !g.right; });
    if (wrong != m_grades.end())
        pointAt(int(wrong - m_grades.begin()));
    else
        m_marker->setMiss(std::nullopt);
    Q_EMIT graded();
}

void LessonQuiz::keep(const std::vector<Answer> &answers)
{
    int right = 0;
    for (std::size_t i = 0; i < m_grades.size(); ++i) {
        m_store.save(m_lesson, int(i), m_questions[i], answers[i], m_grades[i].right);
        right += m_grades[i].right ? 1 : 0;
    }
    const PredictionStore::Score score{right, int(m_grades.size())};
    m_store.saveScore(m_lesson, score);
    m_panel->setScoreText(tr("%1 of %2 right").arg(score.right).arg(score.asked));
}

void LessonQuiz::pointAt(int question)
{
    if (question < 0 || question >= int(m_grades.size()) || !m_grades[std::size_t(question)].miss)
        return;
    const Miss &miss = *m_grades[std::size_t(question)].miss;
    m_timeline->revealTime(miss.t, miss.lane);
    m_marker->setMiss(miss);
}

} // namespace loopscope
