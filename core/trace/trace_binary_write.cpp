// Writing the binary trace (trace_binary_format.h): every double as its bits, strings as UTF-8.
#include "trace/trace_binary.h"
#include "trace/trace_binary_format.h"

#include <bit>
#include <cstdint>
#include <string>

namespace loopscope {

using namespace binary_trace;

namespace {

Clock clockOf(const Trace &trace)
{
    if (trace.recorded)
        return trace.liveClock ? Clock::CPython : Clock::CPythonVirtual;
    return trace.liveClock ? Clock::Live : Clock::Virtual;
}

// Writes into memory, or through to `device` a MiB at a time: a trace of a hundred million
// state changes is written without a copy of the file in memory beside it.
class Writer
{
public:
    explicit Writer(QIODevice *device = nullptr)
        : m_device(device)
    {}
    void byte(std::uint8_t b)
    {
        m_out.push_back(char(b));
        if (m_device && m_out.size() >= kSpill) [[unlikely]]
            spill();
    }
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
        raw(utf8.constData(), std::size_t(utf8.size()));
    }
    void raw(const char *data, std::size_t size)
    {
        m_out.append(data, size);
        if (m_device && m_out.size() >= kSpill)
            spill();
    }
    QByteArray bytes() const { return QByteArray(m_out.data(), qsizetype(m_out.size())); }
    // Writes what is left to the device; false if any write failed.
    bool finish()
    {
        spill();
        return m_ok;
    }

private:
    static constexpr std::size_t kSpill = std::size_t(1) << 20;
    void spill()
    {
        const auto size = qint64(m_out.size());
        m_ok = m_ok && m_device->write(m_out.data(), size) == size;
        m_out.clear();
    }
    QIODevice *m_device;
    std::string m_out;
    bool m_ok = true;
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
    LoopCallbackList::const_iterator next = loop.ran.begin(); // read in order
    for (std::size_t i = 0; i < loop.iterations.size(); ++i) {
        const LoopIteration &it = loop.iterations[i];
        const std::size_t end
            = i + 1 < loop.iterations.size() ? loop.iterations[i + 1].firstRan : loop.ran.size();
        w.real(it.t);
        w.varint(it.ready);
        w.varint(end - it.firstRan);
        next = loop.ran.at(it.firstRan, next);
        for (std::size_t r = it.firstRan; r < end; ++r, ++next) {
            const LoopCallback &cb = *next;
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

void writeTrace(Writer &w, const Trace &trace)
{
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
}

} // namespace

QByteArray writeTraceBinary(const Trace &trace)
{
    Writer w;
    writeTrace(w, trace);
    return w.bytes();
}

bool writeTraceBinary(const Trace &trace, QIODevice &out)
{
    Writer w(&out);
    writeTrace(w, trace);
    return w.finish();
}

} // namespace loopscope
