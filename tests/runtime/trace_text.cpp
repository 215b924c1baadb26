#include "trace_text.h"

#include "runtime/runner.h"
#include "scenario/scenario_json.h"

namespace loopscope::test {

namespace {
QString num(double t)
{
    QString s = QString::number(t, 'f', 3);
    while (s.endsWith(QLatin1Char('0')))
        s.chop(1);
    if (s.endsWith(QLatin1Char('.')))
        s.chop(1);
    return s;
}
} // namespace

const Lane *laneNamed(const Trace &trace, const QString &name)
{
    for (const Lane &l : trace.lanes)
        if (l.name == name)
            return &l;
    return nullptr;
}

QString spansText(const Trace &trace, const QString &laneName)
{
    const Lane *lane = laneNamed(trace, laneName);
    if (!lane)
        return QStringLiteral("<no lane %1>").arg(laneName);
    QStringList parts;
    for (const Span &s : lane->spans) {
        QString part
            = stateName(s.state) + QLatin1Char(' ') + num(s.start) + QLatin1Char('-') + num(s.end);
        if (s.on)
            part += QLatin1Char(' ') + trace.str(s.on);
        parts << part;
    }
    return parts.join(QStringLiteral(" | "));
}

QStringList printsText(const Trace &trace)
{
    QStringList out;
    for (const TraceEvent &e : trace.events)
        if (e.kind == EventKind::Print)
            out << num(e.t) + QLatin1Char(' ') + trace.lanes[std::size_t(e.lane)].name
                       + QStringLiteral(": ") + e.text;
    return out;
}

QString resultsText(const Trace &trace)
{
    QStringList out;
    for (const Lane &l : trace.lanes)
        if (l.kind == LaneKind::Task)
            out << l.name + QLatin1Char('=') + laneResultName(l.result);
    return out.join(QLatin1Char(' '));
}

QString invariantProblem(const Trace &trace)
{
    for (const Lane &l : trace.lanes) {
        for (std::size_t i = 0; i < l.spans.size(); ++i) {
            const Span &s = l.spans[i];
            if (s.end < s.start)
                return QStringLiteral("%1: span %2 ends before it starts").arg(l.name).arg(i);
            if (i > 0 && l.spans[i - 1].end != s.start)
                return QStringLiteral("%1: gap or overlap before span %2 (%3 vs %4)")
                    .arg(l.name)
                    .arg(i)
                    .arg(l.spans[i - 1].end)
                    .arg(s.start);
        }
    }
    return {};
}

Trace runJson(const QByteArray &json)
{
    const ScenarioLoad load = readScenario(json, QStringLiteral("t.loop.json"));
    if (!load.ok())
        qFatal("%s", qPrintable(load.problems.front().toString()));
    return runScenario(*load.scenario);
}

QStringList jsonProblems(const QByteArray &json)
{
    QStringList out;
    for (const ScenarioProblem &p : readScenario(json, QStringLiteral("t.loop.json")).problems)
        out << p.path + QStringLiteral(": ") + p.message;
    return out;
}

} // namespace loopscope::test
