// Predict, then run, for the window: asks a lesson's questions with the timeline (and the docks
// that would give the answers away, such as the log) hidden, has the lesson run when the
// learner is done, grades every answer against that run, keeps answers and score, and points
// on the timeline at where the first wrong prediction parted from the run.
#pragma once

#include "quiz/grading.h"
#include "scenario/scenario.h"
#include "teach/prediction_store.h"
#include "trace/trace.h"

#include <QObject>
#include <QPointer>

#include <vector>

class QDockWidget;
class QMainWindow;

namespace loopscope {

class MissMarker;
class PredictPanel;
class TimelineView;

class LessonQuiz : public QObject
{
    Q_OBJECT
public:
    // `hidden`: what else to hide while asking, because it tells the run (the log, the status
    // bar's outcome and duration); each comes back as it was.
    LessonQuiz(QMainWindow *window, TimelineView *timeline, std::vector<QWidget *> hidden);

    // Asks the scenario's questions; false (and nothing asked) when it has none. `lesson` names
    // it in the store: its file name.
    bool ask(const Scenario &scenario, const QString &lesson);
    // Leaves the questions: the timeline and the docks come back, the marker goes.
    void dismiss();
    bool isAsking() const { return m_asking; }
    // A run that finished: graded when it is the one the quiz asked for.
    void runFinished(const Trace &trace);
    void pointAt(int question); // the marker at that question's miss

    PredictPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }
    MissMarker *marker() const { return m_marker; }
    const std::vector<Grade> &grades() const { return m_grades; }
    PredictionStore &store() { return m_store; }

Q_SIGNALS:
    void runRequested(); // run the lesson on the virtual clock; runFinished() gets its trace
    void graded();

private:
    void requestRun();
    void grade(const Trace &trace);
    void keep(const std::vector<Answer> &answers);
    void hideAnswers(bool hide);

    TimelineView *m_timeline;
    std::vector<QPointer<QWidget>> m_hidden;
    std::vector<bool> m_wasVisible;
    QDockWidget *m_dock = nullptr;
    PredictPanel *m_panel = nullptr;
    MissMarker *m_marker = nullptr;
    PredictionStore m_store;
    std::vector<Question> m_questions;
    QString m_lesson;
    bool m_asking = false;  // the timeline is hidden, the questions are open
    bool m_waiting = false; // the run was asked for; its trace is not graded yet
    std::vector<Answer> m_answers;
    std::vector<Grade> m_grades;
};

} // namespace loopscope
