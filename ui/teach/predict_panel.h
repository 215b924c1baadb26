// The questions of a lesson, one card each, and the button that runs the lesson and grades the
// answers; afterwards the score. It asks and shows; LessonQuiz runs, grades and keeps.
#pragma once

#include "quiz/grading.h"
#include "scenario/questions.h"

#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace loopscope {

class QuestionCard;

class PredictPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PredictPanel(QWidget *parent = nullptr);

    void setQuestions(const std::vector<Question> &questions);
    const std::vector<QuestionCard *> &cards() const { return m_cards; }
    std::vector<Answer> answers() const;
    // The score after grading ("2 of 3 right"), or what was kept from last time.
    void setScoreText(const QString &text);
    void showGrades(const std::vector<Grade> &grades);

    // Enables Run and Grade once every question has an answer; an answer changed since the
    // grading drops its verdict.
    void updateGradeButton();

    QPushButton *gradeButton() const { return m_grade; }
    QLabel *scoreLabel() const { return m_score; }

Q_SIGNALS:
    void gradeRequested();
    void showMissRequested(int question);

private:
    QVBoxLayout *m_list = nullptr;
    std::vector<QuestionCard *> m_cards;
    QPushButton *m_grade = nullptr;
    QLabel *m_score = nullptr;
};

} // namespace loopscope
