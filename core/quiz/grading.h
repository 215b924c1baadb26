// Grading a prediction: the learner's answer to one of a lesson's questions against the trace
// of the lesson's run. Right or wrong, what the run says instead, and where on the timeline the
// prediction parted from the run (an instant and a lane), for the view to point at.
#pragma once

#include "scenario/questions.h"
#include "trace/trace.h"

#include <QString>

#include <optional>

namespace loopscope {

// Where a prediction went wrong: the instant and the lane (an index into trace.lanes; -1 when
// no lane is to blame, only the instant), and what happened there, in words.
struct Miss
{
    double t = 0.0;
    int lane = -1;
    QString what;

    friend bool operator==(const Miss &, const Miss &) = default;
};

struct Grade
{
    bool right = false;
    Answer truth;             // the answer the run gives
    QString explanation;      // one or two sentences for the learner
    std::optional<Miss> miss; // set exactly when the answer is wrong
};

// Pure: the same question, answer and trace always grade the same.
Grade gradeAnswer(const Question &question, const Answer &answer, const Trace &trace);

// What the run answers to the question (gradeAnswer(q, runAnswer(q, trace), trace) is right).
Answer runAnswer(const Question &question, const Trace &trace);

} // namespace loopscope
