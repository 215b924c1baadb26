#include "teach/question_card.h"

#include "teach/print_order_list.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QDoubleValidator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace loopscope {

namespace {

// The two answers of a deadlock question, as the button group's ids.
constexpr int kNo = 0;
constexpr int kYes = 1;

} // namespace

QuestionCard::QuestionCard(int number, Question question, QWidget *parent)
    : QFrame(parent)
    , m_question(std::move(question))
{
    setObjectName(QStringLiteral("question%1").arg(number));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    const QString prompt
        = m_question.prompt.isEmpty() ? defaultPrompt(m_question) : m_question.prompt;
    auto *title
        = new QLabel(QStringLiteral("<b>%1.</b> %2").arg(number).arg(prompt.toHtmlEscaped()));
    title->setWordWrap(true);
    title->setMinimumWidth(200); // wraps rather than widening the panel
    layout->addWidget(title);
    addInput();
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("verdict"));
    m_verdict->setWordWrap(true);
    m_verdict->hide();
    layout->addWidget(m_verdict);
    m_showMiss = new QPushButton(tr("Show where on the timeline"), this);
    m_showMiss->setObjectName(QStringLiteral("showMiss"));
    m_showMiss->hide();
    layout->addWidget(m_showMiss, 0, Qt::AlignLeft);
    connect(m_showMiss, &QPushButton::clicked, this, &QuestionCard::showMissRequested);
}

void QuestionCard::addInput()
{
    switch (m_question.kind) {
    case QuestionKind::PrintOrder:
        m_order = new PrintOrderList(m_question.prints, this);
        layout()->addWidget(m_order);
        connect(m_order, &PrintOrderList::orderChanged, this, &QuestionCard::answerChanged);
        return;
    case QuestionKind::Duration: {
        m_number = new QLineEdit(this);
        m_number->setObjectName(QStringLiteral("seconds"));
        m_number->setPlaceholderText(tr("seconds, e.g. 2.5"));
        auto *validator = new QDoubleValidator(0.0, 1e6, 6, m_number);
        validator->setNotation(QDoubleValidator::StandardNotation);
        validator->setLocale(QLocale::c()); // "2.5" whatever the desktop's language
        m_number->setValidator(validator);
        layout()->addWidget(m_number);
        connect(m_number, &QLineEdit::textChanged, this, &QuestionCard::answerChanged);
        return;
    }
    case QuestionKind::LockHolder:
    case QuestionKind::FirstToFinish:
        return addChoices(m_question.choices);
    case QuestionKind::Deadlock:
        return addChoices({tr("No, it finishes"), tr("Yes, it deadlocks")});
    }
}

void QuestionCard::addChoices(const std::vector<QString> &choices)
{
    m_choices = new QButtonGroup(this);
    for (std::size_t i = 0; i < choices.size(); ++i) {
        auto *button = new QRadioButton(choices[i], this);
        m_choices->addButton(button, int(i));
        layout()->addWidget(button); // one under the other: task names can be long
    }
    connect(m_choices, &QButtonGroup::idClicked, this, &QuestionCard::answerChanged);
}

bool QuestionCard::isAnswered() const
{
    if (m_number)
        return m_number->hasAcceptableInput();
    if (m_choices)
        return m_choices->checkedId() >= 0;
    return true; // an order is always an answer
}

Answer QuestionCard::answer() const
{
    Answer a;
    switch (m_question.kind) {
    case QuestionKind::PrintOrder:
        a.order = m_order->order();
        break;
    case QuestionKind::Duration:
        a.number = QLocale::c().toDouble(m_number->text());
        break;
    case QuestionKind::LockHolder:
    case QuestionKind::FirstToFinish:
        if (m_choices->checkedId() >= 0)
            a.lane = m_question.choices[std::size_t(m_choices->checkedId())];
        break;
    case QuestionKind::Deadlock:
        a.yes = m_choices->checkedId() == kYes;
        break;
    }
    return a;
}

void QuestionCard::setAnswer(const Answer &a)
{
    switch (m_question.kind) {
    case QuestionKind::PrintOrder:
        m_order->setOrder(a.order);
        break;
    case QuestionKind::Duration:
        m_number->setText(QLocale::c().toString(a.number, 'g', 12));
        break;
    case QuestionKind::LockHolder:
    case QuestionKind::FirstToFinish: {
        const auto &c = m_question.choices;
        const auto it = std::find(c.begin(), c.end(), a.lane);
        if (it != c.end())
            m_choices->button(int(it - c.begin()))->setChecked(true);
        break;
    }
    case QuestionKind::Deadlock:
        m_choices->button(a.yes ? kYes : kNo)->setChecked(true);
        break;
    }
}

void QuestionCard::showGrade(const Grade &grade)
{
    m_verdict->setText((grade.right ? QStringLiteral("\u2714 ") : QStringLiteral("\u2718 "))
                       + grade.explanation);
    m_verdict->setStyleSheet(grade.right ? QStringLiteral("color: #1a7f37;")
                                         : QStringLiteral("color: #c62828;"));
    m_verdict->show();
    m_showMiss->setVisible(grade.miss.has_value());
}

void QuestionCard::clearGrade()
{
    m_verdict->hide();
    m_showMiss->hide();
}

} // namespace loopscope
