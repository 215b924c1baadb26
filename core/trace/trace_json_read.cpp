// Reading trace JSON defensively: the file may come from anywhere (and is fuzzed), so every
// value is checked before it is used, and the first problem is reported with its JSON path.
#include "trace/trace_json.h"

#include "trace/trace_binary.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <type_traits>

namespace loopscope {

namespace {

struct Refusal
{
    QString message;
};

[[noreturn]] void refuse(const QString &path, const QString &what)
{
    throw Refusal{path + QStringLiteral(": ") + what};
}

QString describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(v.toDouble());
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString member(const QString &path, const char *key)
{
    return path + QLatin1Char('.') + QLatin1String(key);
}

QString element(const QString &path, qsizetype i)
{
    return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

QJsonObject objectAt(const QJsonValue &v, const QString &path)
{
    if (!v.isObject())
        refuse(path, QStringLiteral("expected an object, got ") + describe(v));
    return v.toObject();
}

QJsonArray arrayAt(const QJsonObject &o, const char *key, const QString &path)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isArray())
        refuse(member(path, key), QStringLiteral("expected an array, got ") + describe(v));
    return v.toArray();
}

QString stringAt(const QJsonObject &o, const char *key, const QString &path)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString())
        refuse(member(path, key), QStringLiteral("expected a string, got ") + describe(v));
    return v.toString();
}

// Absent (or null) gives "", anything but a string is refused.
QString optionalStringAt(const QJsonObject &o, const char *key, const QString &path)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isUndefined() || v.isNull() ? QString() : stringAt(o, key, path);
}

double timeAt(const QJsonObject &o, const char *key, const QString &path, double atLeast = 0.0)
{
    const QJsonValue v = o.value(QLatin1String(key));
    const double t = v.toDouble(-1.0);
    if (!v.isDouble() || !std::isfinite(t) || t < atLeast || t > kMaxTraceTime)
        refuse(member(path, key), QStringLiteral("expected a time in seconds from %1 to %2, got %3")
                                      .arg(atLeast)
                                      .arg(QString::number(kMaxTraceTime, 'f', 0))
                                      .arg(describe(v)));
    return t;
}

// The enum value whose name (as nameOf gives it) is the string at key.
template<typename E>
E enumAt(const QJsonObject &o, const char *key, const QString &path, QString (*nameOf)(E),
         int first, int count)
{
    const QString name = stringAt(o, key, path);
    QStringList known;
    for (int i = first; i < count; ++i) {
        if (nameOf(E(i)) == name)
            return E(i);
        known << nameOf(E(i));
    }
    refuse(member(path, key), QStringLiteral("expected one of %1, got \"%2\"")
                                  .arg(known.join(QStringLiteral(", ")), name));
}

class TraceReader
{
public:
    Trace read(const QJsonObject &root);

private:
    void readHeader(const QJsonObject &root);
    void readLaneIds(const QJsonArray &lanes);
    Lane readLane(const QJsonObject &o, const QString &path);
    void readSpans(Lane &lane, const QJsonArray &spans, const QString &path);
    TraceEvent readEvent(const QJsonObject &o, const QString &path);
    Diagnostic readDiagnostic(const QJsonObject &o, const QString &path);
    void readOutcome(const QJsonObject &o, const QString &path);
    void readLoop(const QJsonObject &o, const QString &path);
    void readIteration(const QJsonObject &o, const QString &path, double after);
    template<typename T>
    T readLoopItem(const QJsonObject &o, const QString &path, const char *label);
    int laneRefAt(const QJsonObject &o, const char *key, const QString &path) const;

    Trace m_trace;
    QHash<QString, int> m_laneIndex;
};

Trace TraceReader::read(const QJsonObject &root)
{
    const QString path = QStringLiteral("$");
    readHeader(root);
    const QJsonArray lanes = arrayAt(root, "lanes", path);
    readLaneIds(lanes);
    for (qsizetype i = 0; i < lanes.size(); ++i) {
        const QString lanePath = element(member(path, "lanes"), i);
        m_trace.lanes.push_back(readLane(objectAt(lanes.at(i), lanePath), lanePath));
    }
    const QJsonArray events = arrayAt(root, "events", path);
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QString p = element(member(path, "events"), i);
        m_trace.events.push_back(readEvent(objectAt(events.at(i), p), p));
    }
    const QJsonArray diagnostics = arrayAt(root, "diagnostics", path);
    for (qsizetype i = 0; i < diagnostics.size(); ++i) {
        const QString p = element(member(path, "diagnostics"), i);
        m_trace.diagnostics.push_back(readDiagnostic(objectAt(diagnostics.at(i), p), p));
    }
    const QJsonValue loop = root.value(QLatin1String("loop"));
    if (!loop.isUndefined())
        readLoop(objectAt(loop, member(path, "loop")), member(path, "loop"));
    const QString outcomePath = member(path, "outcome");
    readOutcome(objectAt(root.value(QLatin1String("outcome")), outcomePath), outcomePath);
    return std::move(m_trace);
}

void TraceReader::readHeader(const QJsonObject &root)
{
    const QString path = QStringLiteral("$");
    if (stringAt(root, "format", path) != QLatin1String("loopscope-trace"))
        refuse(member(path, "format"), QStringLiteral("expected \"loopscope-trace\""));
    const QJsonValue version = root.value(QLatin1String("version"));
    if (!version.isDouble())
        refuse(member(path, "version"), QStringLiteral("expected 1, got ") + describe(version));
    if (version.toDouble() > 1)
        refuse(member(path, "version"),
               QStringLiteral("version %1 is newer than this Loopscope reads (1); update Loopscope")
                   .arg(version.toDouble()));
    if (version.toDouble() != 1)
        refuse(member(path, "version"), QStringLiteral("expected 1, got ") + describe(version));
    m_trace.scenario = stringAt(root, "scenario", path);
    const QString clock = stringAt(root, "clock", path);
    m_trace.recorded = clock.startsWith(QLatin1String("cpython"));
    m_trace.liveClock = clock == QLatin1String("live") || clock == QLatin1String("cpython");
    if (clockName(m_trace) != clock)
        refuse(member(path, "clock"), QStringLiteral("expected \"virtual\", \"live\", "
                                                     "\"cpython\" or \"cpython-virtual\""));
    m_trace.duration = timeAt(root, "duration", path);
}

// Lane references may point forwards (an event names any lane), so ids are known first.
void TraceReader::readLaneIds(const QJsonArray &lanes)
{
    for (qsizetype i = 0; i < lanes.size(); ++i) {
        const QString path = element(QStringLiteral("$.lanes"), i);
        const QString id = stringAt(objectAt(lanes.at(i), path), "id", path);
        if (id.isEmpty())
            refuse(member(path, "id"), QStringLiteral("expected a non-empty lane id"));
        if (m_laneIndex.contains(id))
            refuse(member(path, "id"), QStringLiteral("lane id \"%1\" is already used by "
                                                      "$.lanes[%2]")
                                           .arg(id)
                                           .arg(m_laneIndex.value(id)));
        m_laneIndex.insert(id, int(i));
    }
}

int TraceReader::laneRefAt(const QJsonObject &o, const char *key, const QString &path) const
{
    const QString id = optionalStringAt(o, key, path);
    if (id.isEmpty())
        return -1;
    const auto it = m_laneIndex.constFind(id);
    if (it == m_laneIndex.cend())
        refuse(member(path, key), QStringLiteral("no lane has the id \"%1\"").arg(id));
    return it.value();
}

Lane TraceReader::readLane(const QJsonObject &o, const QString &path)
{
    Lane lane;
    lane.id = stringAt(o, "id", path);
    lane.kind = enumAt(o, "kind", path, &laneKindName, 0, int(LaneKind::Loop) + 1);
    lane.name = stringAt(o, "name", path);
    lane.parent = laneRefAt(o, "parent", path);
    if (lane.parent >= 0 && m_trace.lanes.size() == std::size_t(lane.parent))
        refuse(member(path, "parent"), QStringLiteral("a lane cannot be its own parent"));
    lane.coro = optionalStringAt(o, "coro", path);
    readSpans(lane, arrayAt(o, "spans", path), member(path, "spans"));
    if (!o.value(QLatin1String("result")).isUndefined())
        lane.result = enumAt(o, "result", path, &laneResultName, int(LaneResult::Done),
                             int(LaneResult::Pending) + 1);
    return lane;
}

void TraceReader::readSpans(Lane &lane, const QJsonArray &spans, const QString &path)
{
    lane.spans.reserve(std::size_t(spans.size()));
    double previousEnd = 0.0;
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const QString p = element(path, i);
        const QJsonObject o = objectAt(spans.at(i), p);
        Span span;
        span.state = enumAt(o, "state", p, &stateName, 0, int(LaneState::Blocked) + 1);
        span.start = timeAt(o, "start", p, previousEnd);
        span.end = timeAt(o, "end", p, span.start);
        span.on = m_trace.intern(optionalStringAt(o, "on", p));
        span.step = m_trace.intern(optionalStringAt(o, "step", p));
        previousEnd = span.end;
        lane.spans.push_back(span);
    }
}

TraceEvent TraceReader::readEvent(const QJsonObject &o, const QString &path)
{
    TraceEvent event;
    event.t = timeAt(o, "t", path);
    event.lane = laneRefAt(o, "lane", path);
    event.kind = enumAt(o, "kind", path, &eventKindName, 0, int(EventKind::Timeout) + 1);
    event.text = event.kind == EventKind::Print ? stringAt(o, "text", path)
                                                : optionalStringAt(o, "text", path);
    event.resource = optionalStringAt(o, "resource", path);
    event.by = laneRefAt(o, "by", path);
    event.via = optionalStringAt(o, "via", path);
    if (event.kind == EventKind::Print && o.contains(QLatin1String("end")))
        event.end = stringAt(o, "end", path);
    return event;
}

Diagnostic TraceReader::readDiagnostic(const QJsonObject &o, const QString &path)
{
    Diagnostic diagnostic;
    diagnostic.t = timeAt(o, "t", path);
    diagnostic.lane = laneRefAt(o, "lane", path);
    diagnostic.severity = enumAt(o, "severity", path, &severityName, 0, int(Severity::Error) + 1);
    diagnostic.code = stringAt(o, "code", path);
    diagnostic.message = stringAt(o, "message", path);
    return diagnostic;
}

void TraceReader::readOutcome(const QJsonObject &o, const QString &path)
{
    m_trace.outcome.status
        = enumAt(o, "status", path, &outcomeName, 0, int(OutcomeStatus::Stopped) + 1);
    m_trace.outcome.error = optionalStringAt(o, "error", path);
}

// A position or a count of the loop section: a whole number from `atLeast` to 2^31.
std::uint32_t countAt(const QJsonObject &o, const char *key, const QString &path,
                      std::uint32_t atLeast = 0)
{
    const QJsonValue v = o.value(QLatin1String(key));
    const double n = v.toDouble(-1.0);
    if (!v.isDouble() || n != std::floor(n) || n < atLeast || n > 2147483648.0)
        refuse(member(path, key), QStringLiteral("expected a whole number from %1, got %2")
                                      .arg(atLeast)
                                      .arg(describe(v)));
    return std::uint32_t(n);
}

void TraceReader::readLoop(const QJsonObject &o, const QString &path)
{
    const QJsonArray iterations = arrayAt(o, "iterations", path);
    for (qsizetype i = 0; i < iterations.size(); ++i) {
        const QString p = element(member(path, "iterations"), i);
        readIteration(objectAt(iterations.at(i), p), p,
                      m_trace.loop.iterations.empty() ? 0.0 : m_trace.loop.iterations.back().t);
    }
    const QJsonArray timers = arrayAt(o, "timers", path);
    for (qsizetype i = 0; i < timers.size(); ++i) {
        const QString p = element(member(path, "timers"), i);
        m_trace.loop.timers.push_back(
            readLoopItem<LoopTimer>(objectAt(timers.at(i), p), p, "what"));
    }
    const QJsonArray waits = arrayAt(o, "waits", path);
    for (qsizetype i = 0; i < waits.size(); ++i) {
        const QString p = element(member(path, "waits"), i);
        m_trace.loop.waits.push_back(readLoopItem<LoopWait>(objectAt(waits.at(i), p), p, "on"));
    }
}

void TraceReader::readIteration(const QJsonObject &o, const QString &path, double after)
{
    LoopTrace &loop = m_trace.loop;
    LoopIteration it;
    it.t = timeAt(o, "t", path, after);
    it.ready = countAt(o, "ready", path);
    it.firstRan = std::uint32_t(loop.ran.size());
    const QJsonArray ran = arrayAt(o, "ran", path);
    for (qsizetype i = 0; i < ran.size(); ++i) {
        const QString p = element(member(path, "ran"), i);
        const QJsonObject c = objectAt(ran.at(i), p);
        LoopCallback cb;
        cb.lane = laneRefAt(c, "lane", p);
        cb.step = m_trace.intern(optionalStringAt(c, "step", p));
        cb.what = m_trace.intern(stringAt(c, "what", p));
        cb.queued = countAt(c, "queued", p, 1);
        cb.events = c.contains(QLatin1String("events")) ? countAt(c, "events", p) : 0;
        const QJsonValue cancelled = c.value(QLatin1String("cancelled"));
        if (!cancelled.isUndefined() && !cancelled.isBool())
            refuse(member(p, "cancelled"),
                   QStringLiteral("expected true or false, got ") + describe(cancelled));
        cb.cancelled = cancelled.toBool(false);
        loop.ran.push_back(cb);
    }
    loop.iterations.push_back(it);
}

// A timer ("what") or a selector wait ("on"): lane, step, the label, and its two positions.
template<typename T>
T TraceReader::readLoopItem(const QJsonObject &o, const QString &path, const char *label)
{
    T item;
    if constexpr (std::is_same_v<T, LoopTimer>)
        item.when = timeAt(o, "when", path);
    item.lane = laneRefAt(o, "lane", path);
    item.step = m_trace.intern(optionalStringAt(o, "step", path));
    const StringId text = m_trace.intern(stringAt(o, label, path));
    if constexpr (std::is_same_v<T, LoopTimer>)
        item.what = text;
    else
        item.on = text;
    item.added = countAt(o, "added", path);
    const QJsonValue gone = o.value(QLatin1String("gone"));
    item.gone
        = gone.isNull() || gone.isUndefined() ? UINT32_MAX : countAt(o, "gone", path, item.added);
    return item;
}

} // namespace

namespace {

std::optional<Trace> readTraceDocument(const QJsonDocument &doc, const QJsonParseError &parseError,
                                       QString *error)
{
    try {
        if (parseError.error != QJsonParseError::NoError)
            refuse(QStringLiteral("$"), QStringLiteral("not JSON (%1 at byte %2)")
                                            .arg(parseError.errorString())
                                            .arg(parseError.offset));
        if (!doc.isObject())
            refuse(QStringLiteral("$"), QStringLiteral("expected an object"));
        return TraceReader().read(doc.object());
    } catch (const Refusal &refusal) {
        if (error)
            *error = refusal.message;
        return std::nullopt;
    }
}

bool saysTrace(const QJsonDocument &doc)
{
    return doc.isObject()
           && doc.object().value(QLatin1String("format")) == QLatin1String("loopscope-trace");
}

} // namespace

std::optional<Trace> readTraceJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    return readTraceDocument(doc, parseError, error);
}

bool isTraceJson(const QByteArray &json)
{
    return saysTrace(QJsonDocument::fromJson(json));
}

TraceFileRead readIfTrace(const QByteArray &bytes)
{
    TraceFileRead read;
    if (isTraceBinary(bytes)) {
        read.isTrace = true;
        read.trace = readTraceBinary(bytes, &read.error);
        return read;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    read.isTrace = saysTrace(doc);
    if (read.isTrace)
        read.trace = readTraceDocument(doc, parseError, &read.error);
    return read;
}

std::optional<Trace> readTraceFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return std::nullopt;
    }
    return readTraceBytes(file.readAll(), error);
}

std::optional<Trace> readTraceBytes(const QByteArray &bytes, QString *error)
{
    return isTraceBinary(bytes) ? readTraceBinary(bytes, error) : readTraceJson(bytes, error);
}

bool isTraceFile(const QByteArray &bytes)
{
    return isTraceBinary(bytes) || isTraceJson(bytes);
}

} // namespace loopscope
