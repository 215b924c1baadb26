#include "canvas/problem_text.h"

#include <QRegularExpression>
#include <QVariant>

namespace loopscope {

namespace {

// One part of a JSON path: `steps[2]`, `except["*"][0]`, `seconds`.
struct PathPart
{
    QString name;
    QList<QVariant> subscripts; // int indices and string keys, in order
};

QList<PathPart> splitPath(const QString &path)
{
    static const QRegularExpression part(
        QStringLiteral(R"re(\.?([A-Za-z_][A-Za-z0-9_]*)?((?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])*))re"));
    static const QRegularExpression subscript(
        QStringLiteral(R"re(\[(\d+|"((?:[^"\\]|\\.)*)")\])re"));
    QList<PathPart> parts;
    qsizetype at = 0;
    while (at < path.size()) {
        const QRegularExpressionMatch m = part.match(path, at, QRegularExpression::NormalMatch,
                                                     QRegularExpression::AnchorAtOffsetMatchOption);
        if (!m.hasMatch() || m.capturedLength() == 0)
            break;
        PathPart p{m.captured(1), {}};
        for (auto it = subscript.globalMatch(m.captured(2)); it.hasNext();) {
            const QRegularExpressionMatch s = it.next();
            if (s.captured(2).isNull())
                p.subscripts << s.captured(1).toInt();
            else
                p.subscripts << s.captured(2);
        }
        parts << p;
        at += m.capturedLength();
    }
    return parts;
}

// The text of `parts` from `from` on, as a path again: "items[1].coro".
QString joinParts(const QList<PathPart> &parts, qsizetype from)
{
    QString text;
    for (qsizetype i = from; i < parts.size(); ++i) {
        if (!text.isEmpty() && !parts[i].name.isEmpty())
            text += QLatin1Char('.');
        text += parts[i].name;
        for (const QVariant &s : parts[i].subscripts)
            text += s.typeId() == QMetaType::Int ? QStringLiteral("[%1]").arg(s.toInt())
                                                 : QStringLiteral("[\"%1\"]").arg(s.toString());
    }
    return text;
}

const Steps *exceptBody(const Step &step, const QString &error)
{
    for (const ExceptClause &clause : step.excepts)
        if (clause.error == error)
            return &clause.steps;
    return nullptr;
}

// Follows `steps[i]`, `steps`, `except.Name[i]` and `finally[i]` down from a coroutine's body.
void followSteps(const QList<PathPart> &parts, qsizetype at, const Steps *body, ProblemPlace &place)
{
    const Step *step = nullptr;
    while (at < parts.size()) {
        const PathPart &p = parts[at];
        const Steps *next = nullptr;
        QString heading;
        QList<QVariant> subscripts = p.subscripts;
        if (p.name == QLatin1String("steps")) {
            next = step ? &step->steps : body;
        } else if (step && p.name == QLatin1String("finally") && step->finallySteps) {
            next = &*step->finallySteps;
            heading = QStringLiteral("finally");
        } else if (step && p.name == QLatin1String("except")) {
            // except.ValueError[0] is two parts; except["*"][0] is one.
            QString error;
            if (!subscripts.isEmpty() && subscripts.front().typeId() == QMetaType::QString)
                error = subscripts.takeFirst().toString();
            else if (at + 1 < parts.size()) {
                ++at;
                error = parts[at].name;
                subscripts = parts[at].subscripts;
            }
            // except.E.steps[0]: the body of a handler written {"as": ..., "steps": [...]}.
            if (subscripts.isEmpty() && at + 1 < parts.size()
                && parts[at + 1].name == QLatin1String("steps")) {
                ++at;
                subscripts = parts[at].subscripts;
            }
            next = exceptBody(*step, error);
            heading = QStringLiteral("except ") + (error == u"*" ? QStringLiteral("*") : error);
        }
        if (!next)
            break;
        if (!heading.isEmpty())
            place.blocks << heading;
        if (subscripts.isEmpty()) // the body itself ("steps": an empty body)
            break;
        const int index = subscripts.front().toInt();
        if (index < 0 || index >= int(next->size()))
            break;
        step = &(*next)[std::size_t(index)];
        place.blocks << blockHeading(*step);
        place.stepId = step->id;
        ++at;
    }
    place.field = joinParts(parts, at);
}

// "expected X, got Y" about `field` reads "field must be X, not Y".
QString plainMessage(const QString &field, const QString &message)
{
    static const QRegularExpression expected(QStringLiteral(R"(^expected (.*), got (.*)$)"),
                                             QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = expected.match(message);
    if (field.isEmpty() || !m.hasMatch())
        return message;
    // "$param" is how a file writes a parameter; the Python has a name there.
    QString what = m.captured(1);
    what.replace(QStringLiteral("\"$param\""), QStringLiteral("a parameter"));
    return QStringLiteral("%1 must be %2, not %3").arg(field, what, m.captured(2));
}

} // namespace

QString blockHeading(const Step &step)
{
    const QString op = opName(step.kind);
    if (!step.resource.isEmpty())
        return op + QLatin1Char(' ') + step.resource;
    if (!step.coro.isEmpty())
        return op + QLatin1Char(' ') + step.coro;
    if (!step.task.isEmpty())
        return op + QLatin1Char(' ') + step.task;
    return op;
}

ProblemPlace problemPlace(const Scenario &scenario, const QString &path)
{
    ProblemPlace place;
    const QList<PathPart> parts = splitPath(path);
    if (parts.isEmpty() || parts.front().subscripts.size() != 1) {
        place.field = path;
        return place;
    }
    const int index = parts.front().subscripts.front().toInt();
    if (parts.front().name == QLatin1String("coroutines") && index >= 0
        && index < int(scenario.coroutines.size())) {
        const Coroutine &coroutine = scenario.coroutines[std::size_t(index)];
        place.blocks << coroutine.name;
        followSteps(parts, 1, &coroutine.steps, place);
    } else if (parts.front().name == QLatin1String("resources") && index >= 0
               && index < int(scenario.resources.size())) {
        place.blocks << QStringLiteral("resource ") + scenario.resources[std::size_t(index)].id;
        place.field = joinParts(parts, 1);
    } else {
        place.field = path;
    }
    return place;
}

QString problemInPythonTerms(const Scenario &scenario, const ScenarioProblem &problem)
{
    const ProblemPlace place = problemPlace(scenario, problem.path);
    const QString message = plainMessage(place.field, problem.message);
    const bool fieldInMessage = message != problem.message;
    QStringList where = place.blocks;
    if (!fieldInMessage && !place.field.isEmpty())
        where << place.field;
    if (where.isEmpty())
        return message;
    return where.join(QStringLiteral(" \u203a ")) + QStringLiteral(": ") + message;
}

} // namespace loopscope
