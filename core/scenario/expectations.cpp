#include "scenario/expectations.h"

#include "scenario/op_table.h"

namespace loopscope::expect {

std::vector<ResourceKind> resourceKindsFor(StepKind kind)
{
    const FieldSpec *field = fieldOfType(kind, FieldType::Resource);
    return field ? std::vector<ResourceKind>(field->kinds.begin(), field->kinds.end())
                 : std::vector<ResourceKind>{};
}

QString withArticle(ResourceKind kind)
{
    return QLatin1String(resourceSpec(kind).article) + QLatin1Char(' ') + resourceKindName(kind);
}

QString resourceKindsText(StepKind kind)
{
    QStringList names;
    for (const ResourceKind k : resourceKindsFor(kind))
        names << (names.isEmpty() ? withArticle(k) : resourceKindName(k));
    // "a lock or semaphore", "a lock, semaphore or condition"
    const QString last = names.takeLast();
    return names.isEmpty() ? last : names.join(QLatin1String(", ")) + QLatin1String(" or ") + last;
}

} // namespace loopscope::expect
