// A lesson's questions (scenario-format.md, "Questions"): what the learner predicts before the
// run, and the author's answer, which the run must bear out. Grading against a run is
// core/quiz's; this is the plain data the file holds.
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace loopscope {

enum class QuestionKind {
    PrintOrder,    // order the prints
    Duration,      // how long the run (or one task) takes
    LockHolder,    // which task holds the lock at an instant
    FirstToFinish, // which of some tasks finishes first
    Deadlock,      // does the run deadlock
};

// The choice of a lock_holder question that means "no task holds it".
inline const QString kNobody = QStringLiteral("nobody");

// An answer to one question: the field its kind uses, the others left empty.
struct Answer
{
    std::vector<QString> order; // print_order: the lines, first printed first
    double number = 0.0;        // duration: scenario seconds
    QString lane;               // lock_holder, first_to_finish: a task's name (or kNobody)
    bool yes = false;           // deadlock

    friend bool operator==(const Answer &, const Answer &) = default;
};

struct Question
{
    QuestionKind kind = QuestionKind::PrintOrder;
    QString prompt;               // optional: defaultPrompt() when empty
    std::vector<QString> prints;  // print_order: the lines, in the order they are offered
    std::vector<QString> choices; // lock_holder, first_to_finish: the task names offered
    QString task;                 // duration: whose ("": the whole run)
    QString resource;             // lock_holder: the lock's id
    double at = 0.0;              // lock_holder: the instant asked about
    double tolerance = 0.0;       // duration: how far off a number may be and still be right
    Answer answer;                // the author's answer, true to the lesson's run
    QJsonObject extra;            // "x-..." keys, kept as read

    friend bool operator==(const Question &, const Question &) = default;
};

// "print_order", "duration", "lock_holder", "first_to_finish", "deadlock".
QString questionKindName(QuestionKind kind);
std::optional<QuestionKind> questionKindFromName(const QString &name);
// The question as asked when the file gives no prompt.
QString defaultPrompt(const Question &question);
// The answer in words: `"a", "b"`, `5 s`, `worker-1`, `yes`.
QString answerText(const Question &question, const Answer &answer);

} // namespace loopscope
