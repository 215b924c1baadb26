#include "teach/predict_panel.h"

#include "teach/question_card.h"

#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace loopscope {

PredictPanel::PredictPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("predictPanel"));
    setMinimumWidth(340);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Read the program, then predict what its run will do. The "
                                "timeline stays hidden until you have answered."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // cards wrap to the width
    auto *content = new QWidget(scroll);
    m_list = new QVBoxLayout(content);
    m_list->addStretch();
    scroll->setWidget(content);
    layout->addWidget(scroll, 1);
    m_score = new QLabel(this);
    m_score->setObjectName(QStringLiteral("score"));
    layout->addWidget(m_score);
    m_grade = new QPushButton(tr("&Run and Grade"), this);
    m_grade->setObjectName(QStringLiteral("runAndGrade"));
    m_grade->setDefault(true);
    layout->addWidget(m_grade);
    connect(m_grade, &QPushButton::clicked, this, &PredictPanel::gradeRequested);
}

void PredictPanel::setQuestions(const std::vector<Question> &questions)
{
    for (QuestionCard *card : m_cards)
        delete card;
    m_cards.clear();
    for (std::size_t i = 0; i < questions.size(); ++i) {
        auto *card = new QuestionCard(int(i) + 1, questions[i]);
        m_list->insertWidget(int(i), card);
        m_cards.push_back(card);
        connect(card, &QuestionCard::answerChanged, this, &PredictPanel::updateGradeButton);
        connect(card, &QuestionCard::showMissRequested, this,
                [this, i] { Q_EMIT showMissRequested(int(i)); });
    }
    m_score->clear();
    updateGradeButton();
}

std::vector<Answer> PredictPanel::answers() const
{
    std::vector<Answer> answers;
    for (const QuestionCard *card : m_cards)
        answers.push_back(card->answer());
    return answers;
}

void PredictPanel::setScoreText(const QString &text)
{
    m_score->setText(text);
}

void PredictPanel::showGrades(const std::vector<Grade> &grades)
{
    for (std::size_t i = 0; i < grades.size() && i < m_cards.size(); ++i)
        m_cards[i]->showGrade(grades[i]);
}

// Grading needs every answer: the button says what is missing until then.
void PredictPanel::updateGradeButton()
{
    const auto open = std::count_if(m_cards.begin(), m_cards.end(),
                                    [](const QuestionCard *c) { return !c->isAnswered(); });
    m_grade->setEnabled(open == 0 && !m_cards.empty());
    m_grade->setToolTip(open == 0 ? tr("Runs the lesson on the virtual clock and grades your "
                                       "answers against the run")
                                  : tr("%n question(s) still to answer", nullptr, int(open)));
    for (QuestionCard *card : m_cards)
        card->clearGrade();
}

} // namespace loopscope
