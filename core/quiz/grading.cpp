#include "quiz/grading.h"

#include "quiz/run_facts.h"
#include "scenario/json_text.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace loopscope {

namespace {

// A duration the learner typed is compared to the run's within this much beyond the question's
// tolerance, so that 0.3 is 0.1 + 0.2.
constexpr double kSlack = 1e-9;

QString seconds(double t)
{
    return std::isinf(t) ? QStringLiteral("never") : json::formatNumber(t) + QStringLiteral(" s");
}

QString laneName(const Trace &trace, int lane)
{
    return lane >= 0 && lane < int(trace.lanes.size()) ? trace.lanes[std::size_t(lane)].name
                                                       : QString();
}

int mainLane(const Trace &trace)
{
    const int main = taskLaneNamed(trace, QStringLiteral("main"));
    return main >= 0 || trace.lanes.empty() ? main : 0;
}

Grade gradeOrder(const Question &q, const Answer &a, const Trace &trace)
{
    const std::vector<int> prints = printsAmong(trace, q.prints);
    Grade g;
    for (int i : prints)
        g.truth.order.push_back(trace.events[std::size_t(i)].text);
    g.right = a.order == g.truth.order;
    if (g.right)
        return g;
    std::size_t i = 0;
    while (i < a.order.size() && i < g.truth.order.size() && a.order[i] == g.truth.order[i])
        ++i;
    if (i < prints.size()) {
        const TraceEvent &e = trace.events[std::size_t(prints[i])];
        const QString yours
            = i < a.order.size() ? json::quoted(a.order[i]) : QStringLiteral("nothing");
        g.miss = Miss{e.t, e.lane,
                      QStringLiteral("Line %1: at %2 %3 printed %4; you put %5 there.")
                          .arg(i + 1)
                          .arg(seconds(e.t), laneName(trace, e.lane), json::quoted(e.text), yours)};
    } else {
        g.miss = Miss{trace.duration, -1,
                      QStringLiteral("The run printed only %1 of these lines.").arg(prints.size())};
    }
    return g;
}

Grade gradeDuration(const Question &q, const Answer &a, const Trace &trace)
{
    const int lane = q.task.isEmpty() ? mainLane(trace) : taskLaneNamed(trace, q.task);
    const double actual = q.task.isEmpty() ? trace.duration : finishTime(trace, lane);
    const QString who = q.task.isEmpty() ? QStringLiteral("the run") : q.task;
    Grade g;
    g.truth.number = actual;
    g.right = std::fabs(a.number - actual) <= q.tolerance + kSlack;
    if (g.right)
        return g;
    if (a.number < actual) {
        const double t = std::max(0.0, a.number);
        const QString later = std::isinf(actual)
                                  ? QStringLiteral("it never did")
                                  : QStringLiteral("it finished at ") + seconds(actual);
        g.miss = Miss{t, lane,
                      QStringLiteral("At %1 %2 had not finished: %3.").arg(seconds(t), who, later)};
    } else {
        g.miss = Miss{actual, lane,
                      QStringLiteral("%1 finished at %2, not %3.")
                          .arg(who, seconds(actual), seconds(a.number))};
        g.miss->what[0] = g.miss->what[0].toUpper();
    }
    return g;
}

Grade gradeLockHolder(const Question &q, const Answer &a, const Trace &trace)
{
    const int holder = lockHolderAt(trace, q.resource, q.at);
    Grade g;
    g.truth.lane = holder >= 0 ? laneName(trace, holder) : kNobody;
    g.right = a.lane == g.truth.lane;
    if (g.right)
        return g;
    if (holder >= 0)
        g.miss = Miss{q.at, holder,
                      QStringLiteral("At %1 %2 held %3, not %4.")
                          .arg(seconds(q.at), g.truth.lane, q.resource, a.lane)};
    else
        g.miss = Miss{q.at, taskLaneNamed(trace, a.lane),
                      QStringLiteral("At %1 nobody held %2: %3 did not.")
                          .arg(seconds(q.at), q.resource, a.lane)};
    return g;
}

Grade gradeFirstToFinish(const Question &q, const Answer &a, const Trace &trace)
{
    Grade g;
    double first = kNeverFinished;
    int firstLane = -1;
    for (const QString &choice : q.choices) {
        const int lane = taskLaneNamed(trace, choice);
        if (const double t = finishTime(trace, lane); t < first) {
            first = t;
            firstLane = lane;
            g.truth.lane = choice;
        }
    }
    const double yours = finishTime(trace, taskLaneNamed(trace, a.lane));
    // Tasks that finish at the same instant both finished first.
    g.right = !std::isinf(first) && yours == first;
    if (g.right)
        return g;
    g.miss = Miss{std::isinf(first) ? trace.duration : first, firstLane,
                  QStringLiteral("%1 finished first, at %2; %3 finished: %4.")
                      .arg(g.truth.lane.isEmpty() ? QStringLiteral("None of them") : g.truth.lane,
                           seconds(first), a.lane, seconds(yours))};
    return g;
}

Grade gradeDeadlock(const Answer &a, const Trace &trace)
{
    Grade g;
    g.truth.yes = trace.outcome.status == OutcomeStatus::Deadlock;
    g.right = a.yes == g.truth.yes;
    if (g.right)
        return g;
    if (g.truth.yes)
        g.miss = Miss{trace.duration, stuckTaskLane(trace),
                      QStringLiteral("At %1 the run deadlocked: %2")
                          .arg(seconds(trace.duration), trace.outcome.error)};
    else
        g.miss = Miss{trace.duration, mainLane(trace),
                      QStringLiteral("The run ended at %1 (%2): nothing deadlocked.")
                          .arg(seconds(trace.duration), outcomeName(trace.outcome.status))};
    return g;
}

QString explanation(const Question &q, const Grade &g)
{
    if (g.right)
        return QStringLiteral("Right: %1.").arg(answerText(q, g.truth));
    QString text = QStringLiteral("Wrong: the run says %1.").arg(answerText(q, g.truth));
    if (q.kind == QuestionKind::Duration && std::isinf(g.truth.number))
        text = QStringLiteral("Wrong: %1 never finished.").arg(q.task);
    return g.miss ? text + QLatin1Char(' ') + g.miss->what : text;
}

Grade gradeKind(const Question &q, const Answer &a, const Trace &trace)
{
    switch (q.kind) {
    case QuestionKind::PrintOrder:
        return gradeOrder(q, a, trace);
    case QuestionKind::Duration:
        return gradeDuration(q, a, trace);
    case QuestionKind::LockHolder:
        return gradeLockHolder(q, a, trace);
    case QuestionKind::FirstToFinish:
        return gradeFirstToFinish(q, a, trace);
    case QuestionKind::Deadlock:
        return gradeDeadlock(a, trace);
    }
    return {};
}

} // namespace

Grade gradeAnswer(const Question &question, const Answer &answer, const Trace &trace)
{
    Grade g = gradeKind(question, answer, trace);
    g.explanation = explanation(question, g);
    return g;
}

Answer runAnswer(const Question &question, const Trace &trace)
{
    return gradeKind(question, Answer{}, trace).truth;
}

} // namespace loopscope
