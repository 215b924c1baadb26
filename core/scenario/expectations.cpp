#include "scenario/expectations.h"

namespace loopscope::expect {

std::vector<ResourceKind> resourceKindsFor(StepKind kind)
{
    switch (kind) {
    case StepKind::With:
    case StepKind::Acquire:
    case StepKind::Release:
        return {ResourceKind::Lock, ResourceKind::Semaphore};
    case StepKind::EventWait:
    case StepKind::EventSet:
    case StepKind::EventClear:
        return {ResourceKind::Event};
    case StepKind::Put:
    case StepKind::Get:
    case StepKind::TaskDone:
    case StepKind::Join:
    case StepKind::Drain:
        return {ResourceKind::Queue};
    case StepKind::FutureSet:
    case StepKind::FutureAwait:
        return {ResourceKind::Future};
    case StepKind::RunInExecutor:
        return {ResourceKind::ThreadPool, ResourceKind::ProcessPool};
    default:
        return {};
    }
}

QString withArticle(ResourceKind kind)
{
    const QString name = resourceKindName(kind);
    return (kind == ResourceKind::Event ? QStringLiteral("an ") : QStringLiteral("a ")) + name;
}

QString resourceKindsText(StepKind kind)
{
    QStringList names;
    for (const ResourceKind k : resourceKindsFor(kind))
        names << (names.isEmpty() ? withArticle(k) : resourceKindName(k));
    return names.join(QLatin1String(" or "));
}

} // namespace loopscope::expect
