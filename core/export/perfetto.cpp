#include "export/perfetto.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace loopscope {

namespace {

constexpr int kPid = 1;

// Microseconds, bounded so that a hostile trace cannot produce a non-finite JSON number.
double micros(double seconds)
{
    return std::isfinite(seconds) ? std::clamp(seconds, 0.0, 1e12) * 1e6 : 0.0;
}

QJsonObject event(const char *ph, const QString &name, int tid, double seconds)
{
    return QJsonObject{{QStringLiteral("ph"), QLatin1String(ph)},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("pid"), kPid},
                       {QStringLiteral("tid"), tid},
                       {QStringLiteral("ts"), micros(seconds)}};
}

QJsonObject metadata(const char *name, int tid, const QJsonObject &args)
{
    return QJsonObject{{QStringLiteral("ph"), QStringLiteral("M")},
                       {QStringLiteral("name"), QLatin1String(name)},
                       {QStringLiteral("pid"), kPid},
                       {QStringLiteral("tid"), tid},
                       {QStringLiteral("args"), args}};
}

// The "traceEvents" array written an event at a time, each as QJsonDocument writes it compact,
// so that the bytes are those of one QJsonDocument of the whole array, without ever holding
// millions of QJsonObjects (or their text) at once: the text goes to the device a MiB at a time.
class EventArray
{
public:
    explicit EventArray(QIODevice &device)
        : m_device(device)
    {
        m_out = R"({"displayTimeUnit":"ms","traceEvents":[)";
    }
    void append(const QJsonObject &event)
    {
        if (!m_first)
            m_out += ',';
        m_first = false;
        m_out += QJsonDocument(event).toJson(QJsonDocument::Compact);
        if (m_out.size() >= kChunk)
            drain();
    }
    bool finish()
    {
        m_out += "]}";
        drain();
        return m_ok;
    }

private:
    static constexpr qsizetype kChunk = qsizetype(1) << 20;
    void drain()
    {
        m_ok = m_ok && m_device.write(m_out) == m_out.size();
        m_out.truncate(0);
    }
    QIODevice &m_device;
    QByteArray m_out;
    bool m_first = true;
    bool m_ok = true;
};

void appendLaneTracks(EventArray &events, const Trace &trace)
{
    events.append(metadata("process_name", 0, {{QStringLiteral("name"), trace.scenario}}));
    for (std::size_t i = 0; i < trace.lanes.size(); ++i) {
        const int tid = int(i) + 1;
        events.append(
            metadata("thread_name", tid, {{QStringLiteral("name"), trace.lanes[i].name}}));
        events.append(metadata("thread_sort_index", tid, {{QStringLiteral("sort_index"), int(i)}}));
    }
}

void appendSpans(EventArray &events, const Trace &trace)
{
    for (std::size_t i = 0; i < trace.lanes.size(); ++i) {
        for (const Span &span : trace.lanes[i].spans) {
            const QString &step = trace.str(span.step);
            const QString &on = trace.str(span.on);
            QJsonObject slice = event("X", perfettoSpanName(trace, span), int(i) + 1, span.start);
            slice.insert(QStringLiteral("cat"), stateName(span.state));
            slice.insert(QStringLiteral("dur"),
                         std::max(0.0, micros(span.end) - micros(span.start)));
            QJsonObject args;
            if (!on.isEmpty())
                args.insert(QStringLiteral("on"), on);
            if (!step.isEmpty())
                args.insert(QStringLiteral("step"), step);
            if (!args.isEmpty())
                slice.insert(QStringLiteral("args"), args);
            events.append(slice);
        }
    }
}

bool isLane(const Trace &trace, int lane)
{
    return lane >= 0 && std::size_t(lane) < trace.lanes.size();
}

void appendEvents(EventArray &events, const Trace &trace)
{
    int flowId = 0;
    for (const TraceEvent &e : trace.events) {
        if (!isLane(trace, e.lane))
            continue;
        const int tid = e.lane + 1;
        if (e.kind == EventKind::Wake && isLane(trace, e.by)) {
            const QString name = perfettoEventName(e);
            QJsonObject from = event("s", name, e.by + 1, e.t);
            QJsonObject to = event("f", name, tid, e.t);
            to.insert(QStringLiteral("bp"), QStringLiteral("e"));
            ++flowId;
            for (QJsonObject *flow : {&from, &to}) {
                flow->insert(QStringLiteral("cat"), QStringLiteral("wake"));
                flow->insert(QStringLiteral("id"), flowId);
            }
            events.append(from);
            events.append(to);
            continue;
        }
        QJsonObject instant = event("i", perfettoEventName(e), tid, e.t);
        instant.insert(QStringLiteral("s"), QStringLiteral("t"));
        instant.insert(QStringLiteral("cat"), eventKindName(e.kind));
        events.append(instant);
    }
}

} // namespace

QString perfettoSpanName(const Trace &trace, const Span &span)
{
    const QString &step = trace.str(span.step);
    return step.isEmpty() ? stateName(span.state)
                          : stateName(span.state) + QStringLiteral(" (") + step + QLatin1Char(')');
}

QString perfettoEventName(const TraceEvent &e)
{
    if (e.kind == EventKind::Print)
        return e.text;
    if (e.kind == EventKind::Wake && e.by >= 0)
        return e.via.isEmpty() ? QStringLiteral("wake") : QStringLiteral("wake via ") + e.via;
    QString name = eventKindName(e.kind);
    for (const QString &detail : {e.resource, e.text})
        if (!detail.isEmpty())
            name += QLatin1Char(' ') + detail;
    if (!e.via.isEmpty())
        name += QStringLiteral(" via ") + e.via;
    return name;
}

QByteArray perfettoJson(const Trace &trace)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    perfettoJson(trace, buffer);
    return bytes;
}

bool perfettoJson(const Trace &trace, QIODevice &out)
{
    EventArray events(out);
    appendLaneTracks(events, trace);
    appendSpans(events, trace);
    appendEvents(events, trace);
    return events.finish();
}

} // namespace loopscope
