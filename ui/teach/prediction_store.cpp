#include "teach/prediction_store.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QStringList>

namespace loopscope {

namespace {

// QSettings reads '/' as a group separator and '\\' specially: a file name holds neither.
QString group(const QString &lesson)
{
    QString key = lesson;
    return key.replace(QLatin1Char('/'), QLatin1Char('_'))
        .replace(QLatin1Char('\\'), QLatin1Char('_'));
}

QString questionKey(const QString &lesson, int index, const char *field)
{
    return QStringLiteral("%1/q%2/%3").arg(group(lesson)).arg(index).arg(QLatin1String(field));
}

} // namespace

PredictionStore::PredictionStore(QString path)
    : m_path(std::move(path))
{}

QString PredictionStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("predictions.ini"));
}

void PredictionStore::save(const QString &lesson, int index, const Question &question,
                           const Answer &answer, bool right) const
{
    QSettings settings(m_path, QSettings::IniFormat);
    QVariant value;
    switch (question.kind) {
    case QuestionKind::PrintOrder:
        value = QStringList(answer.order.begin(), answer.order.end());
        break;
    case QuestionKind::Duration:
        value = answer.number;
        break;
    case QuestionKind::LockHolder:
    case QuestionKind::FirstToFinish:
        value = answer.lane;
        break;
    case QuestionKind::Deadlock:
        value = answer.yes;
        break;
    }
    settings.setValue(questionKey(lesson, index, "kind"), questionKindName(question.kind));
    settings.setValue(questionKey(lesson, index, "answer"), value);
    settings.setValue(questionKey(lesson, index, "right"), right);
}

std::optional<PredictionStore::Saved> PredictionStore::saved(const QString &lesson, int index,
                                                             const Question &question) const
{
    const QSettings settings(m_path, QSettings::IniFormat);
    if (settings.value(questionKey(lesson, index, "kind")).toString()
        != questionKindName(question.kind))
        return std::nullopt;
    const QVariant value = settings.value(questionKey(lesson, index, "answer"));
    Saved saved;
    saved.right = settings.value(questionKey(lesson, index, "right")).toBool();
    switch (question.kind) {
    case QuestionKind::PrintOrder: {
        const QStringList lines = value.toStringList();
        saved.answer.order.assign(lines.begin(), lines.end());
        break;
    }
    case QuestionKind::Duration:
        saved.answer.number = value.toDouble();
        break;
    case QuestionKind::LockHolder:
    case QuestionKind::FirstToFinish:
        saved.answer.lane = value.toString();
        break;
    case QuestionKind::Deadlock:
        saved.answer.yes = value.toBool();
        break;
    }
    return saved;
}

void PredictionStore::saveScore(const QString &lesson, Score score) const
{
    QSettings settings(m_path, QSettings::IniFormat);
    settings.setValue(group(lesson) + QStringLiteral("/right"), score.right);
    settings.setValue(group(lesson) + QStringLiteral("/asked"), score.asked);
}

std::optional<PredictionStore::Score> PredictionStore::score(const QString &lesson) const
{
    const QSettings settings(m_path, QSettings::IniFormat);
    const QString asked = group(lesson) + QStringLiteral("/asked");
    if (!settings.contains(asked))
        return std::nullopt;
    return Score{settings.value(group(lesson) + QStringLiteral("/right")).toInt(),
                 settings.value(asked).toInt()};
}

} // namespace loopscope
