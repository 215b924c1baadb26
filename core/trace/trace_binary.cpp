#include "trace/trace_binary.h"
#include "trace/trace_binary_format.h"

#include <QHash>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

namespace loopscope {

using namespace binary_trace;

namespace {

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
        if (std::isfinite(t) && t >= atLeast && t <= kMaxTraceTime)
            return t;
        m_at = at;
        refuse(where, timeExpected(t, atLeast, bound));
    }
    // What a refused time should have been; the lower bound is named when there is one.
    static QString timeExpected(double t, double atLeast = 0.0, const char *bound = nullptr)
    {
        if (std::isfinite(t) && t > kMaxTraceTime)
            return QStringLiteral("expected a time <= %1, got %2")
                .arg(QString::number(kMaxTraceTime, 'f', 0))
                .arg(t);
        return bound ? QStringLiteral("expected a time >= %1 (%2), got %3")
                           .arg(QLatin1String(bound))
                           .arg(atLeast)
                           .arg(t)
                     : QStringLiteral("expected a finite time >= 0, got %1").arg(t);
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
    if (!(quickReal(&span.end) && std::isfinite(span.end) && span.end >= span.start
          && span.end <= kMaxTraceTime))
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
        if (!std::isfinite(when) || when < 0 || when > kMaxTraceTime)
            refuseAt(m_at - 8, QStringLiteral("loop.timers[%1].when").arg(i), timeExpected(when));
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
    if (!std::isfinite(t) || t < after || t > kMaxTraceTime)
        refuseAt(m_at - 8, QStringLiteral("loop.iterations[%1].t").arg(i),
                 timeExpected(t, after, "the previous iteration's"));
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
