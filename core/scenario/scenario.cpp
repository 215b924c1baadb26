#include "scenario/scenario.h"

#include <array>

namespace loopscope {

namespace {
constexpr std::array kOpNames{
    "sleep",          "cpu",         "block",    "print", "call",      "create_task", "await",
    "gather",         "task_group",  "wait_for", "with",  "acquire",   "release",     "event_wait",
    "event_set",      "event_clear", "put",      "get",   "task_done", "join",        "future_set",
    "future_await",   "repeat",      "drain",    "try",   "raise",     "cancel",      "to_thread",
    "run_in_executor"};
static_assert(kOpNames.size() == std::size_t(StepKind::RunInExecutor) + 1);

constexpr std::array kResourceNames{"lock",   "semaphore",   "event",       "queue",
                                    "future", "thread_pool", "process_pool"};
static_assert(kResourceNames.size() == std::size_t(ResourceKind::ProcessPool) + 1);
} // namespace

QString opName(StepKind kind)
{
    return QString::fromLatin1(kOpNames[std::size_t(kind)]);
}

std::optional<StepKind> stepKindFromOp(const QString &op)
{
    for (std::size_t i = 0; i < kOpNames.size(); ++i)
        if (op == QLatin1String(kOpNames[i]))
            return StepKind(i);
    return std::nullopt;
}

QString resourceKindName(ResourceKind kind)
{
    return QString::fromLatin1(kResourceNames[std::size_t(kind)]);
}

std::optional<ResourceKind> resourceKindFromName(const QString &name)
{
    for (std::size_t i = 0; i < kResourceNames.size(); ++i)
        if (name == QLatin1String(kResourceNames[i]))
            return ResourceKind(i);
    return std::nullopt;
}

QString resourceKeyFor(StepKind kind)
{
    switch (kind) {
    case StepKind::With:
    case StepKind::Acquire:
    case StepKind::Release:
        return QStringLiteral("resource");
    case StepKind::EventWait:
    case StepKind::EventSet:
    case StepKind::EventClear:
        return QStringLiteral("event");
    case StepKind::Put:
    case StepKind::Get:
    case StepKind::TaskDone:
    case StepKind::Join:
    case StepKind::Drain:
        return QStringLiteral("queue");
    case StepKind::FutureSet:
    case StepKind::FutureAwait:
        return QStringLiteral("future");
    case StepKind::RunInExecutor:
        return QStringLiteral("pool");
    default:
        return {};
    }
}

bool hasBody(StepKind kind)
{
    return kind == StepKind::TaskGroup || kind == StepKind::With || kind == StepKind::Repeat
           || kind == StepKind::Drain || kind == StepKind::Try;
}

const Coroutine *Scenario::coroutine(const QString &name) const
{
    for (const auto &c : coroutines)
        if (c.name == name)
            return &c;
    return nullptr;
}

const Resource *Scenario::resource(const QString &id) const
{
    for (const auto &r : resources)
        if (r.id == id)
            return &r;
    return nullptr;
}

} // namespace loopscope
