#include "trace/trace_binary.h"

#include <QHash>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

namespace loopscope {

namespace {

// "LSTRACE", a NUL, then the version as a varint. A later version is refused as a whole.
constexpr char kMagic[8] = {'L', 'S', 'T', 'R', 'A', 'C', 'E', '\0'};
constexpr std::uint64_t kVersion = 1;
static_assert(std::endian::native == std::endian::little, "spans are read with memcpy");

// A span's first byte: its state, then which of its fields follow.
constexpr std::uint8_t kStateMask = 0x0f;
constexpr std::uint8_t kStartsWhereLastEnded = 0x10; // no start: it is the previous span's end
constexpr std::uint8_t kHasOn = 0x20;
constexpr std::uint8_t kHasStep = 0x40;

enum class Clock : std::uint8_t { Virtual, Live, CPython, CPythonVirtual };

Clock clockOf(const Trace &trace)
{
    if (trace.recorded)
        return trace.liveClock ? Clock::CPython : Clock::CPythonVirtual;
    return trace.liveClock ? Clock::Live : Clock::Virtual;
}

class Writer
{
public:
    void byte(std::uint8_t b) { m_out.push_back(char(b)); }
    void varint(std::uint64_t v)
    {
        while (v >= 0x80) {
            byte(std::uint8_t((v & 0x7f) | 0x80));
            v >>= 7;
        }
        byte(std::uint8_t(v));
    }
    void index(int i) { varint(std::uint64_t(std::int64_t(i) + 1)); } // -1 (none) is 0
    void real(double d)
    {
        const auto bits = std::bit_cast<std::uint64_t>(d);
        for (int i = 0; i < 8; ++i)
            byte(std::uint8_t(bits >> (8 * i)));
    }
    void text(const QString &s)
    {
        const QByteArray utf8 = s.toUtf8();
        varint(std::uint64_t(utf8.size()));
        m_out.append(utf8.constData(), std::size_t(utf8.size()));
    }
    void raw(const char *data, std::size_t size) { m_out.append(data, size); }
    QByteArray bytes() const { return QByteArray(m_out.data(), qsizetype(m_out.size())); }

private:
    std::string m_out;
};

void writeSpans(Writer &w, const std::vector<Span> &spans)
{
    w.varint(spans.size());
    double previousEnd = 0.0;
    bool first = true;
    for (const Span &s : spans) {
        const bool contiguous
            = !first
              && std::bit_cast<std::uint64_t>(s.start) == std::bit_cast<std::uint64_t>(previousEnd);
        w.byte(std::uint8_t(s.state) | (contiguous ? kStartsWhereLastEnded : 0)
               | (s.on != 0 ? kHasOn : 0) | (s.step != 0 ? kHasStep : 0));
        if (!contiguous)
            w.real(s.start);
        w.real(s.end);
        if (s.on != 0)
            w.varint(s.on);
        if (s.step != 0)
            w.varint(s.step);
        previousEnd = s.end;
        first = false;
    }
}

// A position that may be "never" (UINT32_MAX), written plus one so that never is 0.
std::uint64_t goneCode(std::uint32_t gone)
{
    return gone == UINT32_MAX ? 0 : std::uint64_t(gone) + 1;
}

void writeLoop(Writer &w, const LoopTrace &loop)
{
    w.varint(loop.iterations.size());
    for (std::size_t i = 0; i < loop.iterations.size(); ++i) {
        const LoopIteration &it = loop.iterations[i];
        const std::size_t end
            = i + 1 < loop.iterations.size() ? loop.iterations[i + 1].firstRan : loop.ran.size();
        w.real(it.t);
        w.varint(it.ready);
        w.varint(end - it.firstRan);
        for (std::size_t r = it.firstRan; r < end; ++r) {
            const LoopCallback &cb = loop.ran[r];
            w.index(cb.lane);
            w.varint(cb.step);
            w.varint(cb.what);
            w.varint(cb.queued);
            w.varint(cb.events);
            w.byte(cb.cancelled ? 1 : 0);
        }
    }
    w.varint(loop.timers.size());
    for (const LoopTimer &timer : loop.timers) {
        w.real(timer.when);
        w.index(timer.lane);
        w.varint(timer.step);
        w.varint(timer.what);
        w.varint(timer.added);
        w.varint(goneCode(timer.gone));
    }
    w.varint(loop.waits.size());
    for (const LoopWait &wait : loop.waits) {
        w.index(wait.lane);
        w.varint(wait.step);
        w.varint(wait.on);
        w.varint(wait.added);
        w.varint(goneCode(wait.gone));
    }
}

// Refusal of a binary trace: where in the bytes, where in the model, what was expected.
struct Refusal
{
    QString message;
};

class Reader
{
public:
    explicit Reader(const QByteArray &bytes)
        : m_data(reinterpret_cast<const std::uint8_t *>(bytes.constData()))
        , m_size(std::size_t(bytes.size()))
    {}

    Trace read();

private:
    [[noreturn]] void refuse(const QString &where, const QString &expected) const
    {
        refuseAt(m_at, where, expected);
    }
    [[noreturn]] static void refuseAt(std::size_t at, const QString &where, const QString &expected)
    {
        throw Refusal{QStringLiteral("byte %1: %2: %3").arg(at).arg(where, expected)};
    }
    void need(std::size_t n, const QString &where) const
    {
        if (m_size - m_at < n)
            refuse(where, QStringLiteral("the file ends too early (truncated?)"));
    }
    std::uint8_t byte(const QString &where)
    {
        need(1, where);
        return m_data[m_at++];
    }
    std::uint64_t varint(const QString &where)
    {
        const std::size_t at = m_at;
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            const std::uint8_t b = byte(where);
            v |= std::uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        refuseAt(at, where, QStringLiteral("expected a varint of at most 10 bytes"));
    }
    std::size_t count(const QString &where, std::size_t minBytesEach)
    {
        const std::size_t at = m_at;
        const std::uint64_t n = varint(where);
        if (minBytesEach > 0 && n > (m_size - m_at) / minBytesEach)
            refuseAt(
                at, where,
                QStringLiteral("expected a count the rest of the file can hold, got %1").arg(n));
        return std::size_t(n);
    }
    double real(const QString &where)
    {
        need(8, where);
        std::uint64_t bits = 0;
        for (int i = 0; i < 8; ++i)
            bits |= std::uint64_t(m_data[m_at + std::size_t(i)]) << (8 * i);
        m_at += 8;
        return std::bit_cast<double>(bits);
    }
    double time(const QString &where, double atLeast = 0.0, const char *bound = nullptr)
    {
        const std::size_t at = m_at;
        const double t = real(where);
        if (std::isfinite(t) && t >= atLeast)
            return t;
        m_at = at;
        refuse(where, bound ? QStringLiteral("expected a time >= %1 (%2), got %3")
                                  .arg(QLatin1String(bound))
                                  .arg(atLeast)
                                  .arg(t)
                            : QStringLiteral("expected a finite time >= 0, got %1").arg(t));
    }
    QString text(const QString &where)
    {
        const std::size_t n = count(where, 1);
        need(n, where);
        const auto *start = reinterpret_cast<const char *>(m_data + m_at);
        m_at += n;
        return QString::fromUtf8(start, qsizetype(n));
    }
    template<typename E>
    E enumeration(const QString &where, int end)
    {
        const std::uint8_t b = byte(where);
        if (b >= end) {
            --m_at;
            refuse(where, QStringLiteral("expected a value below %1, got %2").arg(end).arg(b));
        }
        return E(b);
    }
    int laneRef(const QString &where)
    {
        const std::size_t at = m_at;
        const std::uint64_t v = varint(where);
        if (v > m_laneCount)
            refuseAt(at, where,
                     QStringLiteral("expected a lane index below %1, got %2")
                         .arg(m_laneCount)
                         .arg(std::int64_t(v) - 1));
        return int(v) - 1;
    }
    StringId stringRef(const QString &where)
    {
        const std::size_t at = m_at;
        const std::uint64_t v = varint(where);
        if (v >= m_trace.strings.size())
            refuseAt(at, where,
                     QStringLiteral("expected a string index below %1, got %2")
                         .arg(m_trace.strings.size())
                         .arg(v));
        return StringId(v);
    }

    void readHeader();
    void readStrings();
    void readLane(std::size_t i);
    void readSpans(Lane &lane, const QString &where);
    bool readSpanQuickly(Span &span, double previousEnd, bool first);
    Span readSpanOrRefuse(const QString &at, double previousEnd, bool first);
    void readEvents();
    void readDiagnostics();
    void readLoop();
    void readIteration(std::size_t i, double after);
    std::uint32_t position(const QString &where, std::uint32_t atLeast = 0)
    {
        const std::size_t at = m_at;
        const std::uint64_t v = varint(where);
        if (v < atLeast || v > 2147483648u)
            refuseAt(at, where,
                     QStringLiteral("expected a whole number from %1, got %2").arg(atLeast).arg(v));
        return std::uint32_t(v);
    }
    std::uint32_t gonePosition(const QString &where, std::uint32_t added)
    {
        const std::size_t at = m_at;
        const std::uint64_t v = varint(where);
        if (v == 0)
            return UINT32_MAX;
        if (v - 1 < added || v - 1 > 2147483648u)
            refuseAt(
                at, where,
                QStringLiteral("expected a whole number from %1, got %2").arg(added).arg(v - 1));
        return std::uint32_t(v - 1);
    }

    const std::uint8_t *m_data;
    std::size_t m_size;
    std::size_t m_at = 0;
    std::size_t m_laneCount = 0;
    Trace m_trace;
    QHash<QString, std::size_t> m_laneIds;
};

Trace Reader::read()
{
    readHeader();
    readStrings();
    m_laneCount = count(QStringLiteral("lanes"), 8);
    m_trace.lanes.reserve(m_laneCount);
    for (std::size_t i = 0; i < m_laneCount; ++i)
        readLane(i);
    readEvents();
    readDiagnostics();
    m_trace.outcome.status = enumeration<OutcomeStatus>(QStringLiteral("outcome.status"),
                                                        int(OutcomeStatus::Stopped) + 1);
    m_trace.outcome.error = text(QStringLiteral("outcome.error"));
    readLoop();
    if (m_at != m_size)
        refuse(QStringLiteral("end"), QStringLiteral("expected the end of the file, found %1 "
                                                     "more bytes")
                                          .arg(m_size - m_at));
    return std::move(m_trace);
}

void Reader::readHeader()
{
    need(sizeof kMagic, QStringLiteral("magic"));
    if (std::memcmp(m_data, kMagic, sizeof kMagic) != 0)
        refuse(QStringLiteral("magic"), QStringLiteral("expected a Loopscope binary trace "
                                                       "(\"LSTRACE\")"));
    m_at = sizeof kMagic;
    const std::uint64_t version = varint(QStringLiteral("version"));
    if (version != kVersion)
        refuseAt(sizeof kMagic, QStringLiteral("version"),
                 version > kVersion ? QStringLiteral("version %1 is newer than this Loopscope "
                                                     "reads (1); update Loopscope")
                                          .arg(version)
                                    : QStringLiteral("expected 1, got %1").arg(version));
    m_trace.scenario = text(QStringLiteral("scenario"));
    const auto clock = enumeration<Clock>(QStringLiteral("clock"), int(Clock::CPythonVirtual) + 1);
    m_trace.liveClock = clock == Clock::Live || clock == Clock::CPython;
    m_trace.recorded = clock == Clock::CPython || clock == Clock::CPythonVirtual;
    m_trace.duration = time(QStringLiteral("duration"));
}

void Reader::readStrings()
{
    const std::size_t n = count(QStringLiteral("strings"), 1);
    if (n == 0)
        refuse(QStringLiteral("strings"), QStringLiteral("expected the empty string first"));
    m_trace.strings.reserve(n);
    for (std::size_t i = 1; i < n; ++i)
        m_trace.intern(text(QStringLiteral("strings[%1]").arg(i)));
    if (m_trace.strings.size() != n) // intern() keeps one copy: a repeat would shift indices
        refuse(QStringLiteral("strings"), QStringLiteral("expected %1 different strings").arg(n));
}

void Reader::readLane(std::size_t i)
{
    const QString where = QStringLiteral("lanes[%1]").arg(i);
    Lane lane;
    lane.id = text(where + QStringLiteral(".id"));
    if (lane.id.isEmpty())
        refuse(where + QStringLiteral(".id"), QStringLiteral("expected a non-empty lane id"));
    if (m_laneIds.contains(lane.id))
        refuse(where + QStringLiteral(".id"),
               QStringLiteral("lane id \"%1\" is already used by lanes[%2]")
                   .arg(lane.id)
                   .arg(m_laneIds.value(lane.id)));
    m_laneIds.insert(lane.id, i);
    lane.kind = enumeration<LaneKind>(where + QStringLiteral(".kind"), int(LaneKind::Loop) + 1);
    lane.name = text(where + QStringLiteral(".name"));
    lane.parent = laneRef(where + QStringLiteral(".parent"));
    if (lane.parent >= 0 && std::size_t(lane.parent) == i)
        refuse(where + QStringLiteral(".parent"),
               QStringLiteral("a lane cannot be its own parent"));
    lane.coro = text(where + QStringLiteral(".coro"));
    lane.result
        = enumeration<LaneResult>(where + QStringLiteral(".result"), int(LaneResult::Pending) + 1);
    readSpans(lane, where + QStringLiteral(".spans"));
    m_trace.lanes.push_back(std::move(lane));
}

// Spans are most of a big file: each is read without building the text of where it is, and
// only a span that fails a check is read again, by readSpanOrRefuse, to say what is wrong.
void Reader::readSpans(Lane &lane, const QString &where)
{
    const std::size_t n = count(where, 9);
    lane.spans.reserve(n);
    double previousEnd = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t start = m_at;
        Span span;
        if (!readSpanQuickly(span, previousEnd, i == 0)) {
            m_at = start;
            span = readSpanOrRefuse(where + QStringLiteral("[%1]").arg(i), previousEnd, i == 0);
        }
        previousEnd = span.end;
        lane.spans.push_back(span);
    }
}

bool Reader::readSpanQuickly(Span &span, double previousEnd, bool first)
{
    if (m_at >= m_size)
        return false;
    const std::uint8_t head = m_data[m_at++];
    if ((head & ~(kStateMask | kStartsWhereLastEnded | kHasOn | kHasStep)) != 0
        || (head & kStateMask) > std::uint8_t(LaneState::Blocked)
        || (first && (head & kStartsWhereLastEnded)))
        return false;
    const auto quickReal = [this](double *d) {
        if (m_size - m_at < 8)
            return false;
        std::uint64_t bits;
        std::memcpy(&bits, m_data + m_at, 8); // little-endian, as written
        m_at += 8;
        *d = std::bit_cast<double>(bits);
        return true;
    };
    const auto quickRef = [this](StringId *id) {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (m_at >= m_size)
                return false;
            const std::uint8_t b = m_data[m_at++];
            v |= std::uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80)) {
                *id = StringId(v);
                return v < m_trace.strings.size();
            }
        }
        return false;
    };
    span.state = LaneState(head & kStateMask);
    span.start = previousEnd;
    if (!(head & kStartsWhereLastEnded)
        && !(quickReal(&span.start) && std::isfinite(span.start) && span.start >= previousEnd))
        return false;
    if (!(quickReal(&span.end) && std::isfinite(span.end) && span.end >= span.start))
        return false;
    if ((head & kHasOn) && !quickRef(&span.on))
        return false;
    return !(head & kHasStep) || quickRef(&span.step);
}

Span Reader::readSpanOrRefuse(const QString &at, double previousEnd, bool first)
{
    const std::uint8_t head = byte(at);
    if ((head & ~(kStateMask | kStartsWhereLastEnded | kHasOn | kHasStep)) != 0
        || (head & kStateMask) > std::uint8_t(LaneState::Blocked)
        || (first && (head & kStartsWhereLastEnded))) {
        --m_at;
        refuse(at, QStringLiteral("expected a span's first byte, got 0x%1").arg(head, 2, 16));
    }
    Span span;
    span.state = LaneState(head & kStateMask);
    span.start = head & kStartsWhereLastEnded ? previousEnd
                                              : time(at + QStringLiteral(".start"), previousEnd,
                                                     first ? nullptr : "the previous span's end");
    span.end = time(at + QStringLiteral(".end"), span.start, "start");
    if (head & kHasOn)
        span.on = stringRef(at + QStringLiteral(".on"));
    if (head & kHasStep)
        span.step = stringRef(at + QStringLiteral(".step"));
    return span;
}

void Reader::readEvents()
{
    const std::size_t n = count(QStringLiteral("events"), 14);
    m_trace.events.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const QString at = QStringLiteral("events[%1]").arg(i);
        TraceEvent e;
        e.t = time(at + QStringLiteral(".t"));
        e.lane = laneRef(at + QStringLiteral(".lane"));
        e.kind = enumeration<EventKind>(at + QStringLiteral(".kind"), int(EventKind::Timeout) + 1);
        e.text = text(at + QStringLiteral(".text"));
        e.resource = text(at + QStringLiteral(".resource"));
        e.by = laneRef(at + QStringLiteral(".by"));
        e.via = text(at + QStringLiteral(".via"));
        e.end = text(at + QStringLiteral(".end"));
        m_trace.events.push_back(std::move(e));
    }
}

void Reader::readDiagnostics()
{
    const std::size_t n = count(QStringLiteral("diagnostics"), 12);
    m_trace.diagnostics.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const QString at = QStringLiteral("diagnostics[%1]").arg(i);
        Diagnostic d;
        d.t = time(at + QStringLiteral(".t"));
        d.lane = laneRef(at + QStringLiteral(".lane"));
        d.severity
            = enumeration<Severity>(at + QStringLiteral(".severity"), int(Severity::Error) + 1);
        d.code = text(at + QStringLiteral(".code"));
        d.message = text(at + QStringLiteral(".message"));
        m_trace.diagnostics.push_back(std::move(d));
    }
}

// Callbacks, timers and waits are most of the loop section: their place in the model is spelled
// out only in a refusal's message.
void Reader::readLoop()
{
    LoopTrace &loop = m_trace.loop;
    const std::size_t iterations = count(QStringLiteral("loop.iterations"), 10);
    loop.iterations.reserve(iterations);
    for (std::size_t i = 0; i < iterations; ++i)
        readIteration(i, loop.iterations.empty() ? 0.0 : loop.iterations.back().t);
    const std::size_t timers = count(QStringLiteral("loop.timers"), 13);
    loop.timers.reserve(timers);
    const QString timer = QStringLiteral("loop.timers");
    for (std::size_t i = 0; i < timers; ++i) {
        LoopTimer t;
        const double when = real(timer);
        if (!std::isfinite(when) || when < 0)
            refuseAt(m_at - 8, QStringLiteral("loop.timers[%1].when").arg(i),
                     QStringLiteral("expected a finite time >= 0, got %1").arg(when));
        t.when = when;
        t.lane = laneRef(timer);
        t.step = stringRef(timer);
        t.what = stringRef(timer);
        t.added = position(timer);
        t.gone = gonePosition(timer, t.added);
        loop.timers.push_back(t);
    }
    const std::size_t waits = count(QStringLiteral("loop.waits"), 5);
    loop.waits.reserve(waits);
    const QString wait = QStringLiteral("loop.waits");
    for (std::size_t i = 0; i < waits; ++i) {
        LoopWait w;
        w.lane = laneRef(wait);
        w.step = stringRef(wait);
        w.on = stringRef(wait);
        w.added = position(wait);
        w.gone = gonePosition(wait, w.added);
        loop.waits.push_back(w);
    }
}

void Reader::readIteration(std::size_t i, double after)
{
    LoopTrace &loop = m_trace.loop;
    const QString where = QStringLiteral("loop.iterations");
    LoopIteration it;
    const double t = real(where);
    if (!std::isfinite(t) || t < after)
        refuseAt(m_at - 8, QStringLiteral("loop.iterations[%1].t").arg(i),
                 QStringLiteral("expected a time >= the previous iteration's (%1), got %2")
                     .arg(after)
                     .arg(t));
    it.t = t;
    it.ready = position(where);
    it.firstRan = std::uint32_t(loop.ran.size());
    const std::size_t ran = count(where, 6);
    for (std::size_t r = 0; r < ran; ++r) {
        LoopCallback cb;
        cb.lane = laneRef(where);
        cb.step = stringRef(where);
        cb.what = stringRef(where);
        cb.queued = position(where, 1);
        cb.events = position(where);
        const std::uint8_t cancelled = byte(where);
        if (cancelled > 1)
            refuseAt(m_at - 1,
                     QStringLiteral("loop.iterations[%1].ran[%2].cancelled").arg(i).arg(r),
                     QStringLiteral("expected 0 or 1, got %1").arg(cancelled));
        cb.cancelled = cancelled == 1;
        loop.ran.push_back(cb);
    }
    loop.iterations.push_back(it);
}

} // namespace

QByteArray writeTraceBinary(const Trace &trace)
{
    Writer w;
    w.raw(kMagic, sizeof kMagic);
    w.varint(kVersion);
    w.text(trace.scenario);
    w.byte(std::uint8_t(clockOf(trace)));
    w.real(trace.duration);
    w.varint(trace.strings.size());
    for (std::size_t i = 1; i < trace.strings.size(); ++i)
        w.text(trace.strings[i]);
    w.varint(trace.lanes.size());
    for (const Lane &lane : trace.lanes) {
        w.text(lane.id);
        w.byte(std::uint8_t(lane.kind));
        w.text(lane.name);
        w.index(lane.parent);
        w.text(lane.coro);
        w.byte(std::uint8_t(lane.result));
        writeSpans(w, lane.spans);
    }
    w.varint(trace.events.size());
    for (const TraceEvent &e : trace.events) {
        w.real(e.t);
        w.index(e.lane);
        w.byte(std::uint8_t(e.kind));
        w.text(e.text);
        w.text(e.resource);
        w.index(e.by);
        w.text(e.via);
        w.text(e.end);
    }
    w.varint(trace.diagnostics.size());
    for (const Diagnostic &d : trace.diagnostics) {
        w.real(d.t);
        w.index(d.lane);
        w.byte(std::uint8_t(d.severity));
        w.text(d.code);
        w.text(d.message);
    }
    w.byte(std::uint8_t(trace.outcome.status));
    w.text(trace.outcome.error);
    writeLoop(w, trace.loop);
    return w.bytes();
}

std::optional<Trace> readTraceBinary(const QByteArray &bytes, QString *error)
{
    try {
        return Reader(bytes).read();
    } catch (const Refusal &refusal) {
        if (error)
            *error = refusal.message;
        return std::nullopt;
    }
}

bool isTraceBinary(const QByteArray &bytes)
{
    return bytes.size() >= qsizetype(sizeof kMagic)
           && std::memcmp(bytes.constData(), kMagic, sizeof kMagic) == 0;
}

} // namespace loopscope
