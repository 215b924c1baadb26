#include "trace/compare_summary.h"
#include "trace/span_differences.h"

#include <QMap>

#include <algorithm>
#include <cmath>

namespace loopscope {

namespace {

constexpr int kMaxNamesPerLine = 5;

QString resultText(const Trace &trace, const QString &laneName)
{
    for (const Lane &lane : trace.lanes)
        if (lane.name == laneName) {
            const QString result = laneResultName(lane.result);
            return result.isEmpty() ? QStringLiteral("ran") : result;
        }
    return QStringLiteral("not run");
}

QString durationsText(const std::vector<NamedTrace> &runs)
{
    std::vector<const NamedTrace *> order;
    for (const NamedTrace &run : runs)
        order.push_back(&run);
    std::stable_sort(order.begin(), order.end(), [](const NamedTrace *a, const NamedTrace *b) {
        return a->trace.duration < b->trace.duration;
    });
    QStringList parts;
    for (const NamedTrace *run : order) {
        QString part = run->name + QStringLiteral(": ") + formatCompareSeconds(run->trace.duration);
        if (run->trace.outcome.status != OutcomeStatus::Completed)
            part += QStringLiteral(" (%1)").arg(outcomeName(run->trace.outcome.status));
        parts << part;
    }
    QString text = parts.join(QStringLiteral(", "));
    if (order.size() < 2)
        return text;
    const double fastest = order.front()->trace.duration;
    const double slowest = order.back()->trace.duration;
    // Equal as written ("3.5 s" and "3.5 s"): a ratio of 1.0× would only confuse.
    if (formatCompareSeconds(fastest) == formatCompareSeconds(slowest))
        return text + QStringLiteral(", same duration");
    if (!(fastest > 0))
        return text;
    const QString ratio = QString::number(slowest / fastest, 'f', 1) + QString::fromUtf8("×");
    if (order.size() == 2)
        return text + QStringLiteral(", ") + ratio + QStringLiteral(" faster");
    return text
           + QStringLiteral("; %1 is %2 faster than %3")
                 .arg(order.front()->name, ratio, order.back()->name);
}

// Lanes matched by name, grouped by how their results differ between runs, in order of first
// appearance.
QStringList laneLines(const std::vector<NamedTrace> &runs)
{
    QStringList names;
    for (const NamedTrace &run : runs)
        for (const Lane &lane : run.trace.lanes)
            if (lane.kind != LaneKind::Loop && !names.contains(lane.name))
                names << lane.name;
    QStringList patterns; // in order of first appearance
    QMap<QString, QStringList> lanesOf;
    for (const QString &name : names) {
        QStringList results;
        for (const NamedTrace &run : runs)
            results << resultText(run.trace, name);
        if (results.count(results.first()) == results.size())
            continue;
        QStringList said;
        for (std::size_t i = 0; i < runs.size(); ++i)
            said << QStringLiteral("%1 in %2").arg(results[qsizetype(i)], runs[i].name);
        const QString pattern = said.join(QStringLiteral(", "));
        if (!lanesOf.contains(pattern))
            patterns << pattern;
        lanesOf[pattern] << name;
    }
    QStringList lines;
    for (const QString &pattern : patterns) {
        const QStringList &lanes = lanesOf[pattern];
        QString who = lanes.mid(0, kMaxNamesPerLine).join(QStringLiteral(", "));
        if (lanes.size() > kMaxNamesPerLine)
            who += QStringLiteral(" and %1 more").arg(lanes.size() - kMaxNamesPerLine);
        lines << who + QStringLiteral(": ") + pattern;
    }
    return lines;
}

struct PrintLine
{
    double t = 0.0;
    QString text;
};

std::vector<PrintLine> printsOf(const Trace &trace)
{
    std::vector<PrintLine> lines;
    for (const TraceEvent &e : trace.events)
        if (e.kind == EventKind::Print)
            lines.push_back({e.t, e.text});
    return lines;
}

QString printsText(const std::vector<NamedTrace> &runs)
{
    std::vector<std::vector<PrintLine>> prints;
    std::size_t longest = 0;
    for (const NamedTrace &run : runs) {
        prints.push_back(printsOf(run.trace));
        longest = std::max(longest, prints.back().size());
    }
    for (std::size_t i = 0; i < longest; ++i) {
        const auto textAt
            = [&](std::size_t r) { return i < prints[r].size() ? prints[r][i].text : QString(); };
        bool same = true;
        for (std::size_t r = 1; r < runs.size(); ++r)
            same = same && i < prints[r].size() && i < prints[0].size() && textAt(r) == textAt(0);
        if (same)
            continue;
        QStringList said;
        for (std::size_t r = 0; r < runs.size(); ++r)
            said << (i < prints[r].size() ? QStringLiteral("%1: \"%2\" at %3")
                                                .arg(runs[r].name, prints[r][i].text,
                                                     formatCompareSeconds(prints[r][i].t))
                                          : QStringLiteral("%1: no more prints").arg(runs[r].name));
        return QStringLiteral("first print that differs: #%1, ").arg(i + 1)
               + said.join(QStringLiteral("; "));
    }
    return QStringLiteral("prints: the same %1 lines in every run").arg(longest);
}

} // namespace

QString formatCompareSeconds(double seconds)
{
    if (!std::isfinite(seconds))
        return QStringLiteral("? s");
    if (seconds != 0 && std::abs(seconds) < 0.1)
        return QString::number(seconds * 1000, 'g', 3) + QStringLiteral(" ms");
    if (std::abs(seconds) < 1)
        return QString::number(seconds, 'g', 2) + QStringLiteral(" s");
    return QString::number(seconds, 'f', 1) + QStringLiteral(" s");
}

QStringList CompareSummary::lines() const
{
    QStringList all{durations};
    all << lanes;
    if (!prints.isEmpty())
        all << prints;
    all << spans;
    return all;
}

CompareSummary compareRuns(const std::vector<NamedTrace> &runs)
{
    CompareSummary summary;
    if (runs.empty())
        return summary;
    summary.durations = durationsText(runs);
    if (runs.size() > 1) {
        summary.lanes = laneLines(runs);
        summary.prints = printsText(runs);
    }
    if (runs.size() == 2 && runs[0].trace.recorded != runs[1].trace.recorded) {
        summary.spans = spanDifferences(runs[0], runs[1]);
        if (summary.spans.isEmpty())
            summary.spans << QStringLiteral("spans: the same, lane by lane");
    }
    return summary;
}

} // namespace loopscope
