#include "export/ascii_gantt.h"

#include <QStringList>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <vector>

namespace loopscope {

namespace {

constexpr qsizetype kMaxNameWidth = 24;
constexpr int kMaxColumns = 10000;
constexpr int kStateCount = int(LaneState::Blocked) + 1;
constexpr std::array kTieOrder{LaneState::Running, LaneState::Blocking, LaneState::Blocked,
                               LaneState::Ready, LaneState::Waiting};

using SliceCover = std::array<double, kStateCount>; // seconds of each state in one slice

std::vector<SliceCover> coverPerSlice(const Lane &lane, double duration, int columns)
{
    std::vector<SliceCover> cover(std::size_t(columns), SliceCover{});
    const double width = duration / columns;
    for (const Span &span : lane.spans) {
        if (!std::isfinite(span.start) || !std::isfinite(span.end))
            continue;
        const double start = std::clamp(span.start, 0.0, duration);
        const double end = std::clamp(span.end, start, duration);
        if (end <= start)
            continue;
        const int first = std::min(columns - 1, int(start / width));
        const int last = std::min(columns - 1, int(std::ceil(end / width)) - 1);
        for (int i = first; i <= last; ++i) {
            const double overlap = std::min(end, (i + 1) * width) - std::max(start, i * width);
            if (overlap > 0)
                cover[std::size_t(i)][std::size_t(span.state)] += overlap;
        }
    }
    return cover;
}

QChar sliceChar(const SliceCover &cover, double width)
{
    // A margin far below any real difference keeps rounding noise from deciding a tie.
    const double noise = width * 1e-9;
    double covered = 0.0;
    for (double c : cover)
        covered += c;
    std::optional<LaneState> best;
    double bestCover = 0.0;
    for (LaneState state : kTieOrder) { // an earlier state keeps a tie
        if (cover[std::size_t(state)] > bestCover + noise) {
            best = state;
            bestCover = cover[std::size_t(state)];
        }
    }
    if (!best || width - covered > bestCover + noise) // idle loses every tie
        return QLatin1Char(' ');
    return asciiStateChar(*best);
}

QString laneBar(const Lane &lane, double duration, int columns)
{
    if (!(duration > 0) || !std::isfinite(duration))
        return {columns, QLatin1Char(' ')};
    QString bar;
    bar.reserve(columns);
    for (const SliceCover &cover : coverPerSlice(lane, duration, columns))
        bar += sliceChar(cover, duration / columns);
    return bar;
}

QString fitName(const QString &name, qsizetype width)
{
    if (name.size() <= width)
        return name.leftJustified(width);
    return name.left(width - 3) + QStringLiteral("...");
}

// "3", "2.5", "0.125": seconds to the millisecond, without trailing zeros.
QString seconds(double t)
{
    QString text = QString::number(t, 'f', 3);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text + QStringLiteral(" s");
}

QString timeAxis(double duration, qsizetype nameWidth, int columns)
{
    const QString start = seconds(0.0);
    const QString end = seconds(std::max(0.0, duration));
    // The start label begins under the opening '|', the end label ends under the closing one.
    const qsizetype gap = std::max<qsizetype>(1, columns + 2 - start.size() - end.size());
    return QString(nameWidth + 1, QLatin1Char(' ')) + start + QString(gap, QLatin1Char(' ')) + end;
}

// ", blocked on b" for a task stuck at the end (stuckSpan): its bar cannot show it.
QString stuckIn(const Trace &trace, const Lane &lane)
{
    const Span *stuck = stuckSpan(trace, lane);
    if (!stuck)
        return {};
    const QString &on = trace.str(stuck->on);
    return QStringLiteral(", ") + stateName(stuck->state)
           + (on.isEmpty() ? QString() : QStringLiteral(" on ") + on);
}

} // namespace

QChar asciiStateChar(LaneState state)
{
    switch (state) {
    case LaneState::Running:
        return QLatin1Char('#');
    case LaneState::Ready:
        return QLatin1Char('-');
    case LaneState::Blocking:
        return QLatin1Char('X');
    case LaneState::Waiting:
        return QLatin1Char('.');
    case LaneState::Blocked:
        return QLatin1Char('~');
    }
    return QLatin1Char('?');
}

QString asciiGantt(const Trace &trace, int columns)
{
    columns = std::clamp(columns, 1, kMaxColumns);
    qsizetype nameWidth = 0;
    for (const Lane &lane : trace.lanes)
        nameWidth = std::max(nameWidth, std::min(kMaxNameWidth, lane.name.size()));

    QStringList lines;
    for (const Lane &lane : trace.lanes) {
        QString row = fitName(lane.name, nameWidth) + QStringLiteral(" |")
                      + laneBar(lane, trace.duration, columns) + QLatin1Char('|');
        if (lane.result != LaneResult::None)
            row += QLatin1Char(' ') + laneResultName(lane.result) + stuckIn(trace, lane);
        lines << row;
    }
    lines << timeAxis(trace.duration, nameWidth, columns);
    QStringList legend;
    for (int s = 0; s < kStateCount; ++s)
        legend << QString(asciiStateChar(LaneState(s))) + QLatin1Char(' ')
                      + stateName(LaneState(s));
    lines << legend.join(QStringLiteral("  "));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace loopscope
