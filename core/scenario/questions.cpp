#include "scenario/questions.h"

#include "scenario/json_text.h"

#include <QStringList>

#include <array>

namespace loopscope {

namespace {

struct KindName
{
    QuestionKind kind;
    const char *name;
};
constexpr std::array kKindNames{
    KindName{QuestionKind::PrintOrder, "print_order"},
    KindName{QuestionKind::Duration, "duration"},
    KindName{QuestionKind::LockHolder, "lock_holder"},
    KindName{QuestionKind::FirstToFinish, "first_to_finish"},
    KindName{QuestionKind::Deadlock, "deadlock"},
};

} // namespace

QString questionKindName(QuestionKind kind)
{
    for (const KindName &k : kKindNames)
        if (k.kind == kind)
            return QLatin1String(k.name);
    return {};
}

std::optional<QuestionKind> questionKindFromName(const QString &name)
{
    for (const KindName &k : kKindNames)
        if (name == QLatin1String(k.name))
            return k.kind;
    return std::nullopt;
}

QString defaultPrompt(const Question &q)
{
    switch (q.kind) {
    case QuestionKind::PrintOrder:
        return QStringLiteral("In what order are these lines printed?");
    case QuestionKind::Duration:
        return q.task.isEmpty()
                   ? QStringLiteral("How many seconds does the whole run take?")
                   : QStringLiteral("How many seconds after the start does %1 finish?").arg(q.task);
    case QuestionKind::LockHolder:
        return QStringLiteral("Which task holds %1 at %2 s?")
            .arg(q.resource, json::formatNumber(q.at));
    case QuestionKind::FirstToFinish:
        return QStringLiteral("Which task finishes first?");
    case QuestionKind::Deadlock:
        return QStringLiteral("Does this program deadlock?");
    }
    return {};
}

QString answerText(const Question &q, const Answer &a)
{
    switch (q.kind) {
    case QuestionKind::PrintOrder: {
        QStringList lines;
        for (const QString &line : a.order)
            lines << json::quoted(line);
        return lines.join(QLatin1String(", "));
    }
    case QuestionKind::Duration:
        return json::formatNumber(a.number) + QStringLiteral(" s");
    case QuestionKind::LockHolder:
    case QuestionKind::FirstToFinish:
        return a.lane;
    case QuestionKind::Deadlock:
        return a.yes ? QStringLiteral("yes") : QStringLiteral("no");
    }
    return {};
}

} // namespace loopscope
