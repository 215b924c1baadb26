#include "trace/trace.h"

#include <array>

namespace loopscope {

StringId Trace::intern(const QString &s)
{
    if (s.isEmpty())
        return 0;
    auto it = stringIndex.constFind(s);
    if (it != stringIndex.cend())
        return it.value();
    const auto id = static_cast<StringId>(strings.size());
    strings.push_back(s);
    stringIndex.insert(s, id);
    return id;
}

QString clockName(const Trace &trace)
{
    if (trace.recorded)
        return trace.liveClock ? QStringLiteral("cpython") : QStringLiteral("cpython-virtual");
    return trace.liveClock ? QStringLiteral("live") : QStringLiteral("virtual");
}

int Trace::laneIndex(const QString &id) const
{
    for (std::size_t i = 0; i < lanes.size(); ++i)
        if (lanes[i].id == id)
            return static_cast<int>(i);
    return -1;
}

namespace {
constexpr std::array kStateNames{"running", "ready", "blocking", "waiting", "blocked"};
constexpr std::array kLaneKindNames{"task", "thread", "process", "loop"};
constexpr std::array kResultNames{"", "done", "failed", "cancelled", "pending"};
constexpr std::array kOutcomeNames{"completed", "failed", "deadlock", "stopped"};
constexpr std::array kEventNames{"print", "create", "acquire", "release", "set",    "put",
                                 "get",   "wake",   "cancel",  "raise",   "timeout"};
constexpr std::array kSeverityNames{"info", "warning", "error"};
} // namespace

const Span *stuckSpan(const Trace &trace, const Lane &lane)
{
    if (lane.result != LaneResult::Pending || lane.spans.empty())
        return nullptr;
    const Span &last = lane.spans.back();
    if (last.state == LaneState::Running)
        return nullptr;
    if (trace.outcome.status == OutcomeStatus::Deadlock && lane.kind == LaneKind::Task)
        return &last;
    return last.end <= last.start ? &last : nullptr;
}

QString stateName(LaneState s)
{
    return QString::fromLatin1(kStateNames[std::size_t(s)]);
}

std::optional<LaneState> stateFromName(const QString &name)
{
    for (std::size_t i = 0; i < kStateNames.size(); ++i)
        if (name == QLatin1String(kStateNames[i]))
            return LaneState(i);
    return std::nullopt;
}

QString laneKindName(LaneKind k)
{
    return QString::fromLatin1(kLaneKindNames[std::size_t(k)]);
}
QString laneResultName(LaneResult r)
{
    return QString::fromLatin1(kResultNames[std::size_t(r)]);
}
QString outcomeName(OutcomeStatus s)
{
    return QString::fromLatin1(kOutcomeNames[std::size_t(s)]);
}
QString eventKindName(EventKind k)
{
    return QString::fromLatin1(kEventNames[std::size_t(k)]);
}
QString severityName(Severity s)
{
    return QString::fromLatin1(kSeverityNames[std::size_t(s)]);
}

} // namespace loopscope
