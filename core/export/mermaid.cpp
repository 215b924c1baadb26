#include "export/mermaid.h"

#include <QSet>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace loopscope {

namespace {

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

QString barName(const Trace &trace, const Span &span)
{
    const QString on = trace.str(span.on);
    return on.isEmpty() ? stateName(span.state)
                        : stateName(span.state) + QStringLiteral(" on ") + mermaidText(on);
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
    int taskId = 0;
    for (const Lane &lane : trace.lanes) {
        QStringList bars;
        for (const Span &span : lane.spans) {
            const qint64 start = millis(span.start);
            const qint64 end = millis(span.end);
            if (end <= start)
                continue;
            bars << QStringLiteral("    %1 :%2t%3, %4, %5")
                        .arg(barName(trace, span), tagFor(span.state))
                        .arg(++taskId)
                        .arg(start)
                        .arg(end);
        }
        const QString section = sectionName(lane, usedSections);
        if (bars.isEmpty()) {
            lines << QStringLiteral("    %% ") + section + QStringLiteral(": no span lasts 1 ms");
            continue;
        }
        lines << QStringLiteral("    section ") + section << bars;
        sections << section;
    }
    return frontMatter(leftPaddingFor(sections)) + lines.join(QLatin1Char('\n'))
           + QLatin1Char('\n');
}

} // namespace loopscope
