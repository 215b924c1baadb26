// The learner's answers and score, per lesson and question, in an INI file under the app's
// data folder (tests give a temporary one). A lesson is known by its file name, so that the
// bundled lessons keep their answers wherever the app is installed.
#pragma once

#include "scenario/questions.h"

#include <QString>

#include <optional>

namespace loopscope {

class PredictionStore
{
public:
    explicit PredictionStore(QString path = defaultPath());
    // <AppDataLocation>/predictions.ini
    static QString defaultPath();
    const QString &path() const { return m_path; }

    struct Saved
    {
        Answer answer;
        bool right = false;
    };
    void save(const QString &lesson, int index, const Question &question, const Answer &answer,
              bool right) const;
    // Nothing when the lesson's question was never answered, or was of another kind then.
    std::optional<Saved> saved(const QString &lesson, int index, const Question &question) const;

    struct Score
    {
        int right = 0;
        int asked = 0;
        friend bool operator==(const Score &, const Score &) = default;
    };
    void saveScore(const QString &lesson, Score score) const;
    std::optional<Score> score(const QString &lesson) const;

private:
    QString m_path;
};

} // namespace loopscope
