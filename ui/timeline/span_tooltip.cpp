#include "timeline/span_tooltip.h"

#include "timeline/span_summary.h"
#include "timeline/time_ruler.h"

#include <algorithm>

namespace loopscope {

QStringList resourceHolders(const Trace &trace, const QString &resource, double t, int except)
{
    std::vector<int> holders; // a lane appears once per unreleased acquire
    for (const TraceEvent &event : trace.events) {
        if (event.t > t)
            break;
        if (event.resource != resource)
            continue;
        if (event.kind == EventKind::Acquire) {
            holders.push_back(event.lane);
        } else if (event.kind == EventKind::Release) {
            const auto it = std::find(holders.begin(), holders.end(), event.lane);
            if (it != holders.end())
                holders.erase(it);
        }
    }
    QStringList names;
    for (int lane : holders) {
        if (lane == except || lane < 0 || lane >= int(trace.lanes.size()))
            continue;
        if (!names.contains(trace.lanes[lane].name))
            names << trace.lanes[lane].name;
    }
    return names;
}

QStringList loopHolders(const Trace &trace, double t, int except)
{
    QStringList names;
    for (int i = 0; i < int(trace.lanes.size()); ++i) {
        const Lane &lane = trace.lanes[i];
        if (i == except || lane.kind != LaneKind::Task)
            continue;
        const int span = spanAt(lane.spans, t);
        if (span < 0)
            continue;
        const LaneState state = lane.spans[span].state;
        if (state == LaneState::Running || state == LaneState::Blocking)
            names << lane.name;
    }
    return names;
}

QString wokenBy(const Trace &trace, int lane, const Span &span)
{
    if (span.state != LaneState::Waiting && span.state != LaneState::Blocked)
        return {};
    // Events are in time order: the wake that ended this span is at its end.
    const auto &events = trace.events;
    auto it = std::partition_point(events.begin(), events.end(),
                                   [&span](const TraceEvent &e) { return e.t < span.end; });
    for (; it != events.end() && it->t <= span.end; ++it) {
        if (it->kind != EventKind::Wake || it->lane != lane || it->by < 0
            || it->by >= int(trace.lanes.size()))
            continue;
        QString line = QStringLiteral("woken by ") + trace.lanes[it->by].name;
        if (!it->via.isEmpty())
            line += QStringLiteral(" via ") + it->via;
        return line;
    }
    return {};
}

QString spanToolTip(const Trace &trace, int lane, int spanIndex, double t, const StepTexts &steps)
{
    const Lane &l = trace.lanes[lane];
    const Span &span = l.spans[spanIndex];
    const QString on = trace.str(span.on);
    QString head = l.name + QStringLiteral(" \u00b7 ") + stateName(span.state);
    if (!on.isEmpty())
        head += QStringLiteral(" on ") + on;
    const bool stuck
        = stuckSpan(trace, l) == &span && trace.outcome.status == OutcomeStatus::Deadlock;
    QStringList lines{head, stuck ? QStringLiteral("from %1 on: the run ended in a deadlock")
                                        .arg(formatSeconds(span.start))
                                  : QStringLiteral("%1 \u2013 %2 (%3)")
                                        .arg(formatSeconds(span.start), formatSeconds(span.end),
                                             formatSeconds(span.end - span.start))};
    if (const QString step = steps.value(trace.str(span.step)); !step.isEmpty())
        lines << step;
    QStringList holders;
    if (span.state == LaneState::Blocked && !on.isEmpty())
        holders = resourceHolders(trace, on, t, lane);
    else if (span.state == LaneState::Ready)
        holders = on.isEmpty() ? loopHolders(trace, t, lane) : resourceHolders(trace, on, t, lane);
    if (!holders.isEmpty())
        lines << QStringLiteral("held by ") + holders.join(QStringLiteral(", "));
    const QString waker = wokenBy(trace, lane, span);
    if (!waker.isEmpty())
        lines << waker;
    return lines.join(QLatin1Char('\n'));
}

} // namespace loopscope
