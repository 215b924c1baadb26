// The checks of questions that need more than one field: an order that is the offered lines
// rearranged, an answer among the choices, a lock that the scenario has.
#include "scenario/question_io.h"

#include "scenario/json_text.h"

#include <QSet>

#include <algorithm>

namespace loopscope {

namespace {

struct QuestionCheck
{
    const Scenario &scenario;
    QString path;
    std::vector<ScenarioProblem> &problems;

    void report(const QString &key, const QString &message) const
    {
        reportAt(json::childPath(path, key), message);
    }
    void reportAt(const QString &at, const QString &message) const
    {
        problems.push_back({{}, 0, 0, at, message});
    }
};

void checkOrder(const QuestionCheck &c, const Question &q)
{
    if (q.prints.size() < 2)
        c.report(QStringLiteral("prints"),
                 QStringLiteral("expected at least 2 lines to order, got %1").arg(q.prints.size()));
    std::vector<QString> offered = q.prints;
    std::vector<QString> answered = q.answer.order;
    std::sort(offered.begin(), offered.end());
    std::sort(answered.begin(), answered.end());
    if (offered != answered)
        c.report(QStringLiteral("answer"),
                 QStringLiteral("expected the lines of \"prints\", each as often as there, "
                                "in the order the run prints them"));
}

void checkChoices(const QuestionCheck &c, const Question &q)
{
    QSet<QString> seen;
    for (std::size_t i = 0; i < q.choices.size(); ++i) {
        const QString &choice = q.choices[i];
        const QString at
            = json::indexPath(json::childPath(c.path, QStringLiteral("choices")), qsizetype(i));
        if (choice.isEmpty())
            c.reportAt(at, QStringLiteral("expected a task's name, got an empty string"));
        else if (seen.contains(choice))
            c.reportAt(at, QStringLiteral("expected a choice no other choice is, got %1 again")
                               .arg(json::quoted(choice)));
        seen.insert(choice);
    }
    if (q.choices.size() < 2)
        c.report(QStringLiteral("choices"),
                 QStringLiteral("expected at least 2 choices, got %1").arg(q.choices.size()));
    if (!q.answer.lane.isEmpty() && !seen.contains(q.answer.lane))
        c.report(
            QStringLiteral("answer"),
            QStringLiteral("expected one of the choices, got %1").arg(json::quoted(q.answer.lane)));
}

void checkLock(const QuestionCheck &c, const Question &q)
{
    const Resource *lock = c.scenario.resource(q.resource);
    if (!q.resource.isEmpty()
        && (!lock || (lock->kind != ResourceKind::Lock && lock->kind != ResourceKind::Condition)))
        c.report(QStringLiteral("resource"),
                 QStringLiteral("expected the id of a lock or condition of the scenario, got %1")
                     .arg(json::quoted(q.resource)));
    if (q.at < 0)
        c.report(QStringLiteral("at"), QString::fromUtf8("expected a number ≥ 0 (seconds), got %1")
                                           .arg(json::formatNumber(q.at)));
}

void checkQuestion(const QuestionCheck &c, const Question &q)
{
    const QString seconds = QString::fromUtf8("expected a number ≥ 0 (seconds), got %1");
    switch (q.kind) {
    case QuestionKind::PrintOrder:
        return checkOrder(c, q);
    case QuestionKind::Duration:
        if (q.answer.number < 0)
            c.report(QStringLiteral("answer"), seconds.arg(json::formatNumber(q.answer.number)));
        if (q.tolerance < 0)
            c.report(QStringLiteral("tolerance"), seconds.arg(json::formatNumber(q.tolerance)));
        return;
    case QuestionKind::LockHolder:
        checkLock(c, q);
        [[fallthrough]];
    case QuestionKind::FirstToFinish:
        return checkChoices(c, q);
    case QuestionKind::Deadlock:
        return;
    }
}

} // namespace

std::vector<ScenarioProblem> validateQuestions(const Scenario &scenario)
{
    std::vector<ScenarioProblem> problems;
    for (std::size_t i = 0; i < scenario.questions.size(); ++i) {
        const QuestionCheck check{
            scenario, json::indexPath(QStringLiteral("questions"), qsizetype(i)), problems};
        checkQuestion(check, scenario.questions[i]);
    }
    return problems;
}

} // namespace loopscope
