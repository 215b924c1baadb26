// One question of a lesson on screen: the prompt, the way to answer it (lines to put in order,
// a number of seconds to type, a task to pick, yes or no), and, once graded, right or wrong in
// words with a button that points at the timeline where the prediction went wrong.
#pragma once

#include "quiz/grading.h"
#include "scenario/questions.h"

#include <QFrame>

#include <optional>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;

namespace loopscope {

class PrintOrderList;

class QuestionCard : public QFrame
{
    Q_OBJECT
public:
    QuestionCard(int number, Question question, QWidget *parent = nullptr);

    const Question &question() const { return m_question; }
    bool isAnswered() const;
    Answer answer() const;
    void setAnswer(const Answer &answer);
    void showGrade(const Grade &grade);
    void clearGrade();

    // The inputs, for tests and for the panel's focus order; null when the kind has none.
    PrintOrderList *orderList() const { return m_order; }
    QLineEdit *numberEdit() const { return m_number; }
    QButtonGroup *choiceGroup() const { return m_choices; }
    QLabel *verdictLabel() const { return m_verdict; }
    QPushButton *showMissButton() const { return m_showMiss; }

Q_SIGNALS:
    void answerChanged();
    void showMissRequested();

private:
    void addChoices(const std::vector<QString> &choices);
    void addInput();

    Question m_question;
    PrintOrderList *m_order = nullptr;
    QLineEdit *m_number = nullptr;
    QButtonGroup *m_choices = nullptr;
    QLabel *m_verdict = nullptr;
    QPushButton *m_showMiss = nullptr;
};

} // namespace loopscope
