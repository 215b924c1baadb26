// What expected values are called in messages. The reader (wrong types) and the validator
// (wrong values) use the same words, so one field always reads the same way to a user.
#pragma once

#include "scenario/scenario.h"

#include <QString>

#include <vector>

namespace loopscope::expect {

inline QString duration()
{
    return QString::fromUtf8("a number ≥ 0 or \"$param\"");
}
inline QString count()
{
    return QString::fromUtf8("a whole number ≥ 0, \"$param\", or null (forever)");
}
inline QString wholeAtLeast(int least)
{
    return QString::fromUtf8("a whole number ≥ %1").arg(least);
}
inline QString coroutineName()
{
    return QStringLiteral("the name of a coroutine");
}
inline QString taskVariable()
{
    return QStringLiteral("a task variable");
}
inline QString steps()
{
    return QStringLiteral("an array of steps");
}

// The resource kinds a step may name, for ops that name one; "a lock or semaphore".
std::vector<ResourceKind> resourceKindsFor(StepKind kind);
QString resourceKindsText(StepKind kind);
// "a lock", "an event", "a thread_pool".
QString withArticle(ResourceKind kind);

} // namespace loopscope::expect
