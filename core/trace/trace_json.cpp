// Writing trace JSON by hand rather than through QJsonObject: QJsonObject sorts keys, and the
// format reads best (and diffs best) in the order trace-format.md shows, a span per line.
#include "trace/trace_json.h"

#include <QLocale>

#include <utility>

#include <cmath>

namespace loopscope {

namespace {

void appendString(QByteArray &out, const QString &s)
{
    out += '"';
    for (const char c : s.toUtf8()) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out += "\\u00"
                       + QByteArray::number(static_cast<unsigned char>(c), 16)
                             .rightJustified(2, '0');
            else
                out += c;
        }
    }
    out += '"';
}

// Shortest text that reads back as the same double; integral values keep a ".0" so that a
// time reads as a time ("3.0", as in the spec) rather than as a count.
void appendNumber(QByteArray &out, double v)
{
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    QByteArray text = QByteArray::number(v, 'g', QLocale::FloatingPointShortest);
    if (!text.contains('.') && !text.contains('e'))
        text += ".0";
    out += text;
}

// `"key": ` then the value; every member but the first of an object gets a leading ", ".
class ObjectLine
{
public:
    explicit ObjectLine(QByteArray &out)
        : m_out(out)
    {
        m_out += '{';
    }
    ObjectLine &key(const char *name)
    {
        if (!m_first)
            m_out += ", ";
        m_first = false;
        m_out += '"';
        m_out += name;
        m_out += "\": ";
        return *this;
    }
    ObjectLine &str(const char *name, const QString &v)
    {
        key(name);
        appendString(m_out, v);
        return *this;
    }
    ObjectLine &optStr(const char *name, const QString &v)
    {
        return v.isEmpty() ? *this : str(name, v);
    }
    ObjectLine &num(const char *name, double v)
    {
        key(name);
        appendNumber(m_out, v);
        return *this;
    }
    ObjectLine &count(const char *name, std::uint32_t v)
    {
        key(name);
        m_out += QByteArray::number(v);
        return *this;
    }
    ObjectLine &raw(const char *name, const QByteArray &v)
    {
        key(name);
        m_out += v;
        return *this;
    }
    // Continues the object on a new line, indented to sit under its first key.
    ObjectLine &wrap(const char *indent)
    {
        m_out += ",\n";
        m_out += indent;
        m_first = true;
        return *this;
    }
    void close() { m_out += '}'; }

private:
    QByteArray &m_out;
    bool m_first = true;
};

// The text being written: held whole (writeTraceJson's bytes), or handed to a device a MiB at a
// time between items, so that a trace of millions of spans is never held twice in memory.
class Sink
{
public:
    explicit Sink(QIODevice *device = nullptr)
        : m_device(device)
    {}
    QByteArray out;
    void spill()
    {
        if (m_device && out.size() >= kChunk)
            drain();
    }
    bool finish()
    {
        if (m_device)
            drain();
        return m_ok;
    }

private:
    static constexpr qsizetype kChunk = qsizetype(1) << 20;
    void drain()
    {
        m_ok = m_ok && m_device->write(out) == out.size();
        out.truncate(0); // keeps the capacity for the next MiB
    }
    QIODevice *m_device;
    bool m_ok = true;
};

QString laneRef(const Trace &trace, int index)
{
    return index >= 0 && std::size_t(index) < trace.lanes.size() ? trace.lanes[index].id
                                                                 : QString();
}

void appendLaneRef(ObjectLine &line, QByteArray &out, const char *name, const QString &id)
{
    if (id.isEmpty()) {
        line.raw(name, "null");
        return;
    }
    line.key(name);
    appendString(out, id);
}

void appendSpans(Sink &sink, const Trace &trace, const std::vector<Span> &spans)
{
    QByteArray &out = sink.out;
    out += '[';
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const Span &span = spans[i];
        out += i == 0 ? "\n       " : ",\n       ";
        ObjectLine line(out);
        line.str("state", stateName(span.state)).num("start", span.start).num("end", span.end);
        line.optStr("on", trace.str(span.on)).optStr("step", trace.str(span.step));
        line.close();
        sink.spill();
    }
    out += spans.empty() ? "]" : "\n     ]";
}

void appendLane(Sink &sink, const Trace &trace, const Lane &lane)
{
    QByteArray &out = sink.out;
    ObjectLine line(out);
    line.str("id", lane.id).str("kind", laneKindName(lane.kind)).str("name", lane.name);
    if (lane.kind == LaneKind::Task || lane.parent >= 0)
        appendLaneRef(line, out, "parent", laneRef(trace, lane.parent));
    if (lane.kind == LaneKind::Task || !lane.coro.isEmpty())
        line.str("coro", lane.coro);
    line.wrap("     ").key("spans");
    appendSpans(sink, trace, lane.spans);
    if (lane.result != LaneResult::None)
        line.wrap("     ").str("result", laneResultName(lane.result));
    line.close();
}

void appendEvent(QByteArray &out, const Trace &trace, const TraceEvent &event)
{
    ObjectLine line(out);
    line.num("t", event.t);
    appendLaneRef(line, out, "lane", laneRef(trace, event.lane));
    line.str("kind", eventKindName(event.kind));
    // Every print has its text, "" included (trace-format.md); other kinds only when set.
    if (event.kind == EventKind::Print) {
        line.str("text", event.text);
        if (event.end != QLatin1String("\n")) // print(..., end=...): only when not a new line
            line.str("end", event.end);
    } else
        line.optStr("text", event.text);
    line.optStr("resource", event.resource);
    if (event.by >= 0)
        appendLaneRef(line, out, "by", laneRef(trace, event.by));
    line.optStr("via", event.via);
    line.close();
}

void appendDiagnostic(QByteArray &out, const Trace &trace, const Diagnostic &diagnostic)
{
    ObjectLine line(out);
    line.num("t", diagnostic.t);
    appendLaneRef(line, out, "lane", laneRef(trace, diagnostic.lane));
    line.str("severity", severityName(diagnostic.severity)).str("code", diagnostic.code);
    line.str("message", diagnostic.message);
    line.close();
}

// `"name": [...]` then `after`.
template<typename T, typename Append>
void appendList(Sink &sink, const char *name, const std::vector<T> &items, Append append,
                const char *after = ",\n")
{
    QByteArray &out = sink.out;
    out += "  \"";
    out += name;
    out += "\": [";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += i == 0 ? "\n    " : ",\n    ";
        append(items[i]);
        sink.spill();
    }
    out += items.empty() ? "]" : "\n  ]";
    out += after;
}

void appendLoopNames(ObjectLine &line, QByteArray &out, const Trace &trace, int lane, StringId step)
{
    appendLaneRef(line, out, "lane", laneRef(trace, lane));
    line.optStr("step", trace.str(step));
}

void appendGone(ObjectLine &line, std::uint32_t gone)
{
    if (gone == UINT32_MAX)
        line.raw("gone", "null");
    else
        line.count("gone", gone);
}

// "loop": one line per iteration with the callbacks it ran, then the timers and waits.
void appendLoop(Sink &sink, const Trace &trace)
{
    QByteArray &out = sink.out;
    const LoopTrace &loop = trace.loop;
    out += "  \"loop\": {\n  ";
    LoopCallbackList::const_iterator next = loop.ran.begin(); // read in order
    appendList(sink, "iterations", loop.iterations, [&](const LoopIteration &it) {
        const std::size_t i = std::size_t(&it - loop.iterations.data());
        const std::size_t end
            = i + 1 < loop.iterations.size() ? loop.iterations[i + 1].firstRan : loop.ran.size();
        ObjectLine line(out);
        line.num("t", it.t).count("ready", it.ready).key("ran");
        out += '[';
        next = loop.ran.at(it.firstRan, next);
        for (std::size_t r = it.firstRan; r < end; ++r, ++next) {
            const LoopCallback &cb = *next;
            out += r == it.firstRan ? "" : ", ";
            ObjectLine c(out);
            appendLoopNames(c, out, trace, cb.lane, cb.step);
            c.str("what", trace.str(cb.what)).count("queued", cb.queued).count("events", cb.events);
            if (cb.cancelled)
                c.raw("cancelled", "true");
            c.close();
        }
        out += ']';
        line.close();
    });
    out += "  ";
    appendList(sink, "timers", loop.timers, [&](const LoopTimer &timer) {
        ObjectLine line(out);
        line.num("when", timer.when);
        appendLoopNames(line, out, trace, timer.lane, timer.step);
        line.str("what", trace.str(timer.what)).count("added", timer.added);
        appendGone(line, timer.gone);
        line.close();
    });
    out += "  ";
    appendList(
        sink, "waits", loop.waits,
        [&](const LoopWait &wait) {
            ObjectLine line(out);
            appendLoopNames(line, out, trace, wait.lane, wait.step);
            line.str("on", trace.str(wait.on)).count("added", wait.added);
            appendGone(line, wait.gone);
            line.close();
        },
        "\n  },\n");
}

void writeTrace(Sink &sink, const Trace &trace)
{
    QByteArray &out = sink.out;
    out += "{\n  \"format\": \"loopscope-trace\",\n  \"version\": 1,\n  \"scenario\": ";
    appendString(out, trace.scenario);
    out += ",\n  \"clock\": ";
    appendString(out, clockName(trace));
    out += ",\n  \"duration\": ";
    appendNumber(out, trace.duration);
    out += ",\n";
    appendList(sink, "lanes", trace.lanes, [&](const Lane &l) { appendLane(sink, trace, l); });
    appendList(sink, "events", trace.events,
               [&](const TraceEvent &e) { appendEvent(out, trace, e); });
    appendList(sink, "diagnostics", trace.diagnostics,
               [&](const Diagnostic &d) { appendDiagnostic(out, trace, d); });
    if (!trace.loop.empty())
        appendLoop(sink, trace);
    out += "  \"outcome\": ";
    ObjectLine outcome(out);
    outcome.str("status", outcomeName(trace.outcome.status));
    if (trace.outcome.error.isEmpty())
        outcome.raw("error", "null");
    else
        outcome.str("error", trace.outcome.error);
    outcome.close();
    out += "\n}\n";
}

} // namespace

QByteArray writeTraceJson(const Trace &trace)
{
    Sink sink;
    writeTrace(sink, trace);
    return std::move(sink.out);
}

bool writeTraceJson(const Trace &trace, QIODevice &out)
{
    Sink sink(&out);
    writeTrace(sink, trace);
    return sink.finish();
}

} // namespace loopscope
