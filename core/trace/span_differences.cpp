#include "trace/span_differences.h"

#include <algorithm>

namespace loopscope {

namespace {

QString times(const Span &s)
{
    return QStringLiteral("%1\u2013%2 s").arg(s.start, 0, 'f', 3).arg(s.end, 0, 'f', 3);
}

QString spanText(const Span &s, bool withState)
{
    return withState ? stateName(s.state) + QLatin1Char(' ') + times(s) : times(s);
}

const Lane *laneNamed(const Trace &trace, const QString &name)
{
    for (const Lane &lane : trace.lanes)
        if (lane.name == name)
            return &lane;
    return nullptr;
}

bool sameSpan(const Span &x, const Span &y)
{
    return x.state == y.state && x.start == y.start && x.end == y.end;
}

// The first span where the two lanes part, or an empty string when they never do.
QString laneDifference(const Lane &x, const Lane &y, const QString &nameX, const QString &nameY)
{
    const std::size_t n = std::max(x.spans.size(), y.spans.size());
    for (std::size_t i = 0; i < n; ++i) {
        const Span *sx = i < x.spans.size() ? &x.spans[i] : nullptr;
        const Span *sy = i < y.spans.size() ? &y.spans[i] : nullptr;
        if (sx && sy && sameSpan(*sx, *sy))
            continue;
        const bool sameState = sx && sy && sx->state == sy->state;
        const QString first = sx ? spanText(*sx, true) : QStringLiteral("nothing");
        const QString second = sy ? spanText(*sy, !sameState) : QStringLiteral("nothing");
        return QStringLiteral("%1: %2 in %3, %4 in %5").arg(x.name, first, nameX, second, nameY);
    }
    return {};
}

} // namespace

QStringList spanDifferences(const NamedTrace &a, const NamedTrace &b, int limit)
{
    QStringList lines;
    auto add = [&](const QString &line) {
        if (!line.isEmpty())
            lines << line;
    };
    for (const Lane &lane : a.trace.lanes) {
        if (lane.kind == LaneKind::Loop)
            continue;
        const Lane *other = laneNamed(b.trace, lane.name);
        add(other ? laneDifference(lane, *other, a.name, b.name)
                  : QStringLiteral("%1: only in %2").arg(lane.name, a.name));
    }
    for (const Lane &lane : b.trace.lanes)
        if (lane.kind != LaneKind::Loop && !laneNamed(a.trace, lane.name))
            add(QStringLiteral("%1: only in %2").arg(lane.name, b.name));
    if (lines.size() > limit) {
        const qsizetype more = lines.size() - limit;
        lines = lines.mid(0, limit);
        lines << QStringLiteral("\u2026 and %1 more lanes").arg(more);
    }
    return lines;
}

} // namespace loopscope
