#include "export/mermaid.h"

#include <QSet>
#include <QStringList>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace loopscope {

namespace {

// Mermaid refuses a diagram longer than this (its maxTextSize, which a diagram cannot raise).
constexpr qsizetype kMermaidMaxText = 50000;
constexpr double kChartWidth = 800;
constexpr double kRightPadding = 75;
constexpr double kCharPx = 6.5;
constexpr double kTextMarginPx = 10;

// Okabe-Ito colours of the design README, keyed on the classes Mermaid gives each tag
// ("task task0", "task active1", "task done2", "task crit3", "task activeCrit0"); a later rule
// wins, so " activeCrit" (blocked) overrides " active" (running).
QString frontMatter(int leftPadding)
{
    return QStringLiteral(
               "---\n"
               "displayMode: compact\n"
               "config:\n"
               "  gantt:\n"
               "    displayMode: compact\n"
               "    leftPadding: %1\n"
               "  themeCSS: \"rect[class^='task task'] { fill: #56B4E9; } "
               "rect[class*=' active'] { fill: #009E73; } rect[class*=' done'] { fill: #F0E442; } "
               "rect[class*=' crit'] { fill: #D55E00; } "
               "rect[class*=' activeCrit'] { fill: #E69F00; }\"\n"
               "---\n")
        .arg(leftPadding);
}

// Mermaid writes section names left of the bars in 11 px text, about 7 px a character; its
// default margin (75 px) fits 8 characters, and longer names ran into the first bar.
int leftPaddingFor(const QStringList &sections)
{
    qsizetype longest = 0;
    for (const QString &name : sections)
        longest = std::max(longest, name.size());
    return int(std::clamp<qsizetype>(7 * longest + 20, 75, 400));
}

QString tagFor(LaneState state)
{
    switch (state) {
    case LaneState::Running:
        return QStringLiteral("active, ");
    case LaneState::Ready:
        return QStringLiteral("done, ");
    case LaneState::Blocking:
        return QStringLiteral("crit, ");
    case LaneState::Blocked:
        return QStringLiteral("crit, active, ");
    case LaneState::Waiting:
        break;
    }
    return {};
}

// Milliseconds, bounded so that a hostile trace cannot overflow the conversion.
qint64 millis(double seconds)
{
    if (!std::isfinite(seconds))
        return 0;
    return qint64(std::llround(std::clamp(seconds, 0.0, 1e12) * 1000.0));
}

// d3's time formats (local time; whole-hour time zones leave minutes and seconds alone).
QString axisFormat(double duration)
{
    if (duration < 60)
        return QStringLiteral("%S.%L");
    if (duration < 3600)
        return QStringLiteral("%M:%S");
    return QStringLiteral("%H:%M:%S");
}

QStringList barNames(const Trace &trace, const Span &span)
{
    const QString &on = trace.str(span.on);
    if (on.isEmpty())
        return {stateName(span.state)};
    return {stateName(span.state) + QStringLiteral(" on ") + mermaidText(on),
            stateName(span.state)};
}

// Section names must differ, or Mermaid merges the lanes' rows.
QString sectionName(const Lane &lane, QSet<QString> &used)
{
    QString name = mermaidText(lane.name);
    if (name.isEmpty() || used.contains(name))
        name = (name.isEmpty() ? QString() : name + QLatin1Char(' ')) + QLatin1Char('(')
               + mermaidText(lane.id) + QLatin1Char(')');
    used.insert(name);
    return name;
}

struct Bar
{
    qint64 start = 0; // ms
    qint64 end = 0;
    // Longest first; the bar shows the first that fits in it. Empty for one span's bar, named
    // from `span` only when written: a run of millions of spans would make millions of lists,
    // five times over, to write a few thousand bars.
    QStringList names;
    LaneState state = LaneState::Running;
    const Span *span = nullptr;
};

constexpr std::array kImportance{LaneState::Running, LaneState::Blocking, LaneState::Blocked,
                                 LaneState::Ready, LaneState::Waiting};

// One bar for a run of short adjacent spans: named after its states, most time first, tagged
// as the state that took most of it (on a tie the more telling one).
Bar mergedBar(const std::vector<Bar> &run)
{
    std::array<qint64, 5> share{};
    for (const Bar &b : run)
        share[std::size_t(b.state)] += b.end - b.start;
    std::vector<LaneState> states;
    for (LaneState s : kImportance)
        if (share[std::size_t(s)] > 0)
            states.push_back(s);
    std::stable_sort(states.begin(), states.end(), [&](LaneState a, LaneState b) {
        return share[std::size_t(a)] > share[std::size_t(b)];
    });
    QStringList names;
    for (LaneState s : states)
        names << stateName(s);
    const QString mix = names.join(QStringLiteral(" / "));
    return Bar{run.front().start,
               run.back().end,
               {mix + QStringLiteral(" (%1 spans)").arg(run.size()), mix, names.front()},
               states.front()};
}

// The lane's spans in whole milliseconds, without those that round to nothing, and with each
// run of two or more adjacent spans shorter than minMs merged into one bar.
std::vector<Bar> barsOf(const Lane &lane, qint64 minMs)
{
    std::vector<Bar> bars;
    std::vector<Bar> run;
    auto flush = [&] {
        if (run.size() == 1)
            bars.push_back(run.front());
        else if (!run.empty())
            bars.push_back(mergedBar(run));
        run.clear();
    };
    for (const Span &span : lane.spans) {
        const Bar bar{millis(span.start), millis(span.end), {}, span.state, &span};
        if (bar.end <= bar.start)
            continue;
        if (!run.empty() && (bar.end - bar.start >= minMs || bar.start != run.back().end))
            flush();
        if (bar.end - bar.start < minMs)
            run.push_back(bar);
        else
            bars.push_back(bar);
    }
    flush();
    return bars;
}

// Mermaid writes a name that does not fit inside its bar to the right of it, over the next
// bars of a compact row: a shorter name (without "on ...", without the span count) that fits
// reads better. Widths as mmdc draws by default: an 800 px chart, 11 px text.
QString fittingName(const Trace &trace, const Bar &bar, double pxPerMs)
{
    const QStringList names = bar.span ? barNames(trace, *bar.span) : bar.names;
    const double barPx = double(bar.end - bar.start) * pxPerMs;
    for (const QString &name : names)
        if (kCharPx * double(name.size()) + kTextMarginPx <= barPx)
            return name;
    return names.last();
}

QString ganttText(const Trace &trace, const QString &title, qint64 minMs)
{
    QStringList lines;
    lines << QStringLiteral("gantt");
    const QString shownTitle = mermaidText(title.isEmpty() ? trace.scenario : title);
    if (!shownTitle.isEmpty())
        lines << QStringLiteral("    title ") + shownTitle;
    lines << QStringLiteral("    dateFormat x")
          << QStringLiteral("    axisFormat ") + axisFormat(trace.duration)
          << QStringLiteral("    todayMarker off");
    QSet<QString> usedSections;
    QStringList sections;
    std::vector<std::vector<Bar>> lanes;
    for (const Lane &lane : trace.lanes) {
        sections << sectionName(lane, usedSections);
        lanes.push_back(barsOf(lane, minMs));
    }
    QStringList drawn;
    for (std::size_t i = 0; i < lanes.size(); ++i)
        if (!lanes[i].empty())
            drawn << sections[qsizetype(i)];
    const int leftPadding = leftPaddingFor(drawn);
    const double pxPerMs = (kChartWidth - leftPadding - kRightPadding)
                           / double(std::max<qint64>(1, millis(trace.duration)));
    int taskId = 0;
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        const QString &section = sections[qsizetype(i)];
        if (lanes[i].empty()) {
            lines << QStringLiteral("    %% ") + section + QStringLiteral(": no span lasts 1 ms");
            continue;
        }
        lines << QStringLiteral("    section ") + section;
        for (const Bar &bar : lanes[i])
            lines << QStringLiteral("    %1 :%2t%3, %4, %5")
                         .arg(fittingName(trace, bar, pxPerMs), tagFor(bar.state))
                         .arg(++taskId)
                         .arg(bar.start)
                         .arg(bar.end);
    }
    return frontMatter(leftPadding) + lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace

QString mermaidText(const QString &text)
{
    QString out = text;
    out.replace(QStringLiteral("%%"), QStringLiteral("%"));
    // Mermaid reads a title as HTML: "<lambda>" vanished and "&" came out as "&amp;".
    out.replace(QLatin1Char('&'), QStringLiteral(" and "));
    out.replace(QLatin1Char('<'), QLatin1Char('('));
    out.replace(QLatin1Char('>'), QLatin1Char(')'));
    for (QChar &c : out) {
        if (c == QLatin1Char(':') || c == QLatin1Char('#') || c == QLatin1Char(';')
            || c.category() == QChar::Other_Control || c == QChar::LineSeparator
            || c == QChar::ParagraphSeparator)
            c = QLatin1Char(' ');
    }
    return out.simplified();
}

QString mermaidGantt(const Trace &trace, const QString &title)
{
    // Coarser and coarser until Mermaid accepts the text: a bar under 1/400 of the run is
    // under two pixels wide anyway.
    const qint64 durationMs = millis(trace.duration);
    QString text;
    for (qint64 divisor : {400, 200, 100, 50, 25}) {
        text = ganttText(trace, title, std::max<qint64>(1, durationMs / divisor));
        if (text.size() <= kMermaidMaxText)
            return text;
    }
    // Still too long (thousands of lanes): Mermaid will refuse it ("Maximum text size in
    // diagram exceeded"), so the text says so where whoever pastes it will look.
    const qsizetype gantt = text.indexOf(QStringLiteral("\ngantt\n")) + 7;
    text.insert(gantt,
                QStringLiteral("    %% Too big for Mermaid: %1 characters where Mermaid draws "
                               "at most %2 (%3 lanes). Export a picture (.svg, .png, .pdf) "
                               "or a Perfetto trace (.perfetto-trace) for a run this size.\n")
                    .arg(text.size())
                    .arg(kMermaidMaxText)
                    .arg(trace.lanes.size()));
    return text;
}

QString compareMermaid(const std::vector<NamedTrace> &runs, const QString &lesson)
{
    QStringList charts;
    for (const NamedTrace &run : runs) {
        const QString chartTitle
            = lesson.isEmpty() ? run.name : lesson + QString::fromUtf8(" — ") + run.name;
        charts << mermaidGantt(run.trace, chartTitle);
    }
    return charts.join(QLatin1Char('\n'));
}

} // namespace loopscope
