// Reading and writing questions. Each kind asks for its own keys only, so a key of another
// kind (`resource` on a print_order question) is refused as unknown, with "did you mean".
#include "scenario/question_io.h"

#include "scenario/json_text.h"

namespace loopscope {

namespace {

using P = Presence;

std::vector<QString> readStrings(ReadContext &context, ObjectReader &r, const QString &key,
                                 const QString &expected)
{
    std::vector<QString> strings;
    const auto array = r.array(key, P::Required, expected);
    for (qsizetype i = 0; array && i < array->size(); ++i) {
        if (!array->at(i).isString())
            context.wrongType(json::indexPath(r.pathOf(key), i), QStringLiteral("a string"),
                              array->at(i));
        strings.push_back(array->at(i).toString());
    }
    return strings;
}

void readAnswer(ReadContext &context, ObjectReader &r, Question &q)
{
    const QString key = QStringLiteral("answer");
    switch (q.kind) {
    case QuestionKind::PrintOrder:
        q.answer.order = readStrings(context, r, key,
                                     QStringLiteral("an array of the prints in the run's order"));
        return;
    case QuestionKind::Duration:
        if (!r.has(key))
            context.missing(r.pathOf(key), QString::fromUtf8("a number ≥ 0 (seconds)"));
        q.answer.number = r.number(key, 0.0, QString::fromUtf8("a number ≥ 0 (seconds)"));
        return;
    case QuestionKind::LockHolder:
    case QuestionKind::FirstToFinish:
        q.answer.lane = r.string(key, P::Required, QStringLiteral("one of the choices"));
        return;
    case QuestionKind::Deadlock: {
        const QJsonValue value = r.raw(key);
        if (value.isBool())
            q.answer.yes = value.toBool();
        else if (value.isUndefined())
            context.missing(r.pathOf(key), QStringLiteral("true or false"));
        else
            context.wrongType(r.pathOf(key), QStringLiteral("true or false"), value);
        return;
    }
    }
}

void readKindFields(ReadContext &context, ObjectReader &r, Question &q)
{
    const QString seconds = QString::fromUtf8("a number ≥ 0 (seconds)");
    switch (q.kind) {
    case QuestionKind::PrintOrder:
        q.prints = readStrings(context, r, QStringLiteral("prints"),
                               QStringLiteral("an array of the printed lines, as offered"));
        break;
    case QuestionKind::Duration:
        q.task = r.string(QStringLiteral("task"), P::Optional, QStringLiteral("a task's name"));
        q.tolerance = r.number(QStringLiteral("tolerance"), 0.0, seconds);
        break;
    case QuestionKind::LockHolder:
        q.resource = r.string(QStringLiteral("resource"), P::Required, QStringLiteral("a lock id"));
        if (!r.has(QStringLiteral("at")))
            context.missing(r.pathOf(QStringLiteral("at")), seconds);
        q.at = r.number(QStringLiteral("at"), 0.0, seconds);
        [[fallthrough]];
    case QuestionKind::FirstToFinish:
        q.choices = readStrings(context, r, QStringLiteral("choices"),
                                QStringLiteral("an array of task names"));
        break;
    case QuestionKind::Deadlock:
        break;
    }
}

QString allKinds()
{
    return QStringLiteral("\"print_order\", \"duration\", \"lock_holder\", \"first_to_finish\" "
                          "or \"deadlock\"");
}

Question readQuestion(ReadContext &context, const QJsonValue &value, const QString &path)
{
    Question q;
    if (!value.isObject()) {
        context.wrongType(path, QStringLiteral("a question object"), value);
        return q;
    }
    ObjectReader r(context, value.toObject(), path);
    const QString kind = r.string(QStringLiteral("kind"), P::Required, allKinds());
    const auto k = questionKindFromName(kind);
    if (!k) {
        if (r.raw(QStringLiteral("kind")).isString())
            context.wrongType(r.pathOf(QStringLiteral("kind")), allKinds(), kind);
        // Read as the kind with nothing to check, so that the validator adds nothing to the
        // one problem: the kind.
        q.kind = QuestionKind::Deadlock;
        return q;
    }
    q.kind = *k;
    q.prompt = r.string(QStringLiteral("prompt"), P::Optional);
    readKindFields(context, r, q);
    readAnswer(context, r, q);
    r.refuseUnknownKeys();
    q.extra = r.unusedKeys();
    return q;
}

OrderedJson strings(const std::vector<QString> &list)
{
    OrderedJson array = OrderedJson::array();
    for (const QString &s : list)
        array.append(s);
    return array;
}

OrderedJson answerJson(const Question &q)
{
    switch (q.kind) {
    case QuestionKind::PrintOrder:
        return strings(q.answer.order);
    case QuestionKind::Duration:
        return q.answer.number;
    case QuestionKind::LockHolder:
    case QuestionKind::FirstToFinish:
        return q.answer.lane;
    case QuestionKind::Deadlock:
        return q.answer.yes;
    }
    return {};
}

} // namespace

std::vector<Question> readQuestions(ReadContext &context, const QJsonArray &array,
                                    const QString &path)
{
    std::vector<Question> questions;
    for (qsizetype i = 0; i < array.size(); ++i)
        questions.push_back(readQuestion(context, array.at(i), json::indexPath(path, i)));
    return questions;
}

OrderedJson questionJson(const Question &q)
{
    OrderedJson o = OrderedJson::object();
    o.set(QStringLiteral("kind"), questionKindName(q.kind));
    if (!q.prompt.isEmpty())
        o.set(QStringLiteral("prompt"), q.prompt);
    switch (q.kind) {
    case QuestionKind::PrintOrder:
        o.set(QStringLiteral("prints"), strings(q.prints));
        break;
    case QuestionKind::Duration:
        if (!q.task.isEmpty())
            o.set(QStringLiteral("task"), q.task);
        if (q.tolerance != 0.0)
            o.set(QStringLiteral("tolerance"), q.tolerance);
        break;
    case QuestionKind::LockHolder:
        o.set(QStringLiteral("resource"), q.resource).set(QStringLiteral("at"), q.at);
        [[fallthrough]];
    case QuestionKind::FirstToFinish:
        o.set(QStringLiteral("choices"), strings(q.choices));
        break;
    case QuestionKind::Deadlock:
        break;
    }
    o.set(QStringLiteral("answer"), answerJson(q));
    for (auto it = q.extra.begin(); it != q.extra.end(); ++it)
        o.set(it.key(), it.value());
    return o;
}

} // namespace loopscope
