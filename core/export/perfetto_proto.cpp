#include "export/perfetto_proto.h"

#include "export/perfetto.h"

#include <QBuffer>
#include <QHash>

#include <array>
#include <cmath>
#include <cstdint>
#include <queue>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace loopscope {

namespace {

// Field numbers of Perfetto's protos (protos/perfetto/trace/...).
enum TraceField { kPacket = 1 };
enum PacketField {
    kTimestamp = 8,
    kSequenceId = 10,
    kTrackEvent = 11,
    kInternedData = 12,
    kSequenceFlags = 13,
    kTrackDescriptor = 60
};
enum TrackDescriptorField {
    kUuid = 1,
    kTrackName = 2,
    kParentUuid = 5,
    kChildOrdering = 11,
    kRank = 12
};
enum TrackEventField {
    kCategoryIids = 3,
    kDebugAnnotations = 4,
    kType = 9,
    kNameIid = 10,
    kTrackUuid = 11,
    kFlowIds = 47,
    kTerminatingFlowIds = 48
};
enum InternedField { kEventCategories = 1, kEventNames = 2 }; // each {iid = 1, name = 2}
enum DebugAnnotationField { kStringValue = 6, kAnnotationName = 10 };
enum EventType { kSliceBegin = 1, kSliceEnd = 2, kInstant = 3 };
enum SequenceFlags { kStateCleared = 1, kNeedsState = 2 };
constexpr std::uint64_t kExplicitOrder = 3;
constexpr std::uint64_t kSequence = 1;
constexpr std::uint64_t kRootTrack = 1;

// One message being written in protobuf's wire format.
class Message
{
public:
    void varint(int field, std::uint64_t value)
    {
        tag(field, 0);
        raw(value);
    }
    void fixed64(int field, std::uint64_t value)
    {
        tag(field, 1);
        for (int i = 0; i < 8; ++i)
            m_bytes.push_back(char((value >> (8 * i)) & 0xff));
    }
    void bytes(int field, std::string_view value)
    {
        tag(field, 2);
        raw(value.size());
        m_bytes.append(value);
    }
    void text(int field, const QString &value) { bytes(field, value.toStdString()); }
    void message(int field, const Message &inner) { bytes(field, inner.m_bytes); }
    void lengthPrefix(int field, std::size_t size) // the bytes themselves follow elsewhere
    {
        tag(field, 2);
        raw(size);
    }
    void clear() { m_bytes.clear(); }
    bool empty() const { return m_bytes.empty(); }
    const std::string &wire() const { return m_bytes; }

private:
    void tag(int field, int wireType)
    {
        raw((std::uint64_t(field) << 3) | std::uint64_t(wireType));
    }
    void raw(std::uint64_t value)
    {
        while (value >= 0x80) {
            m_bytes.push_back(char((value & 0x7f) | 0x80));
            value >>= 7;
        }
        m_bytes.push_back(char(value));
    }
    std::string m_bytes;
};

std::uint64_t nanos(double seconds)
{
    return std::isfinite(seconds) && seconds > 0 ? std::uint64_t(std::llround(seconds * 1e9)) : 0;
}

std::uint64_t laneTrack(int lane)
{
    return std::uint64_t(lane) + 2;
}

// One span's begin or end, or one event: what the merge orders by time.
struct Mark
{
    double t;
    int source;        // a lane's spans (its index), or the events (lanes.size())
    std::size_t index; // spans: 2 × span + (1 for its end); events: the event
    bool operator>(const Mark &o) const
    {
        return std::tie(t, source, index) > std::tie(o.t, o.source, o.index);
    }
};

class ProtoWriter
{
public:
    ProtoWriter(const Trace &trace, QIODevice &device)
        : m_trace(trace)
        , m_device(device)
    {}

    bool write()
    {
        writeTracks();
        writeEventsInTimeOrder();
        drain();
        return m_ok;
    }

private:
    // Packets go to the device a MiB at a time: a big run's export is never held whole.
    static constexpr std::size_t kChunk = std::size_t(1) << 20;

    void appendPacket(const Message &packet)
    {
        m_header.clear();
        m_header.lengthPrefix(kPacket, packet.wire().size());
        m_out.append(m_header.wire());
        m_out.append(packet.wire());
        if (m_out.size() >= kChunk)
            drain();
    }

    void drain()
    {
        const auto size = qint64(m_out.size());
        m_ok = m_ok && m_device.write(m_out.data(), size) == size;
        m_out.clear(); // keeps the capacity
    }

    void writeTracks()
    {
        Message track;
        track.varint(kUuid, kRootTrack);
        track.text(kTrackName, m_trace.scenario);
        track.varint(kChildOrdering, kExplicitOrder);
        m_packet.clear();
        m_packet.message(kTrackDescriptor, track);
        appendPacket(m_packet);
        for (std::size_t i = 0; i < m_trace.lanes.size(); ++i) {
            track.clear();
            track.varint(kUuid, laneTrack(int(i)));
            track.varint(kParentUuid, kRootTrack);
            track.text(kTrackName, m_trace.lanes[i].name);
            track.varint(kRank, i);
            m_packet.clear();
            m_packet.message(kTrackDescriptor, track);
            appendPacket(m_packet);
        }
    }

    // A k-way merge of every lane's spans and the events: packets in time order, so that a
    // reader never has to sort millions of them.
    void writeEventsInTimeOrder()
    {
        const int eventsSource = int(m_trace.lanes.size());
        std::priority_queue<Mark, std::vector<Mark>, std::greater<>> next;
        for (std::size_t i = 0; i < m_trace.lanes.size(); ++i)
            if (!m_trace.lanes[i].spans.empty())
                next.push({m_trace.lanes[i].spans.front().start, int(i), 0});
        if (!m_trace.events.empty())
            next.push({m_trace.events.front().t, eventsSource, 0});
        while (!next.empty()) {
            const Mark mark = next.top();
            next.pop();
            if (mark.source == eventsSource) {
                writeEvent(m_trace.events[mark.index]);
                if (mark.index + 1 < m_trace.events.size())
                    next.push({m_trace.events[mark.index + 1].t, mark.source, mark.index + 1});
                continue;
            }
            const std::vector<Span> &spans = m_trace.lanes[std::size_t(mark.source)].spans;
            const Span &span = spans[mark.index / 2];
            writeSpanMark(mark.source, span, mark.index % 2 == 1);
            const std::size_t after = mark.index + 1;
            if (after < 2 * spans.size()) {
                const Span &s = spans[after / 2];
                next.push({after % 2 == 1 ? s.end : s.start, mark.source, after});
            }
        }
    }

    void writeSpanMark(int lane, const Span &span, bool end)
    {
        m_event.clear();
        m_event.varint(kType, end ? kSliceEnd : kSliceBegin);
        m_event.varint(kTrackUuid, laneTrack(lane));
        if (!end) {
            m_event.varint(kNameIid, spanNameIid(span));
            m_event.varint(kCategoryIids, stateCategoryIid(span.state));
            if (span.on != 0)
                m_event.bytes(kDebugAnnotations, onAnnotation(span.on));
        }
        writeTrackEvent(end ? span.end : span.start);
    }

    void writeEvent(const TraceEvent &e)
    {
        const auto lanes = int(m_trace.lanes.size());
        if (e.lane < 0 || e.lane >= lanes)
            return;
        const QString name = perfettoEventName(e);
        const QString category = eventKindName(e.kind);
        const bool flow = e.kind == EventKind::Wake && e.by >= 0 && e.by < lanes;
        if (flow) { // the waker's end of the arrow
            ++m_flows;
            instant(e.by, name, category);
            m_event.fixed64(kFlowIds, m_flows);
            writeTrackEvent(e.t);
        }
        instant(e.lane, name, category);
        if (flow)
            m_event.fixed64(kTerminatingFlowIds, m_flows);
        writeTrackEvent(e.t);
    }

    void instant(int lane, const QString &name, const QString &category)
    {
        m_event.clear();
        m_event.varint(kType, kInstant);
        m_event.varint(kTrackUuid, laneTrack(lane));
        m_event.varint(kNameIid, nameIid(name));
        m_event.varint(kCategoryIids, categoryIid(category));
    }

    void writeTrackEvent(double t)
    {
        m_packet.clear();
        m_packet.varint(kTimestamp, nanos(t));
        m_packet.varint(kSequenceId, kSequence);
        m_packet.varint(kSequenceFlags, m_first ? kStateCleared : kNeedsState);
        m_first = false;
        if (!m_interned.empty()) {
            m_packet.message(kInternedData, m_interned);
            m_interned.clear();
        }
        m_packet.message(kTrackEvent, m_event);
        appendPacket(m_packet);
    }

    // Interning: a name is written once, in the packet that first uses it.
    std::uint64_t intern(QHash<QString, std::uint64_t> &table, int field, const QString &name)
    {
        const auto found = table.constFind(name);
        if (found != table.cend())
            return *found;
        const std::uint64_t iid = std::uint64_t(table.size()) + 1;
        table.insert(name, iid);
        Message entry;
        entry.varint(1, iid);
        entry.text(2, name);
        m_interned.message(field, entry);
        return iid;
    }
    std::uint64_t nameIid(const QString &name) { return intern(m_names, kEventNames, name); }
    std::uint64_t categoryIid(const QString &name)
    {
        return intern(m_categories, kEventCategories, name);
    }
    std::uint64_t stateCategoryIid(LaneState state)
    {
        std::uint64_t &iid = m_stateCategories[std::size_t(state)];
        if (iid == 0)
            iid = categoryIid(stateName(state));
        return iid;
    }
    // The debug annotation {name: "on", string_value: ...} of a span's `on`, made once per string.
    const std::string &onAnnotation(StringId on)
    {
        auto found = m_onAnnotations.find(on);
        if (found == m_onAnnotations.end()) {
            Message annotation;
            annotation.text(kAnnotationName, QStringLiteral("on"));
            annotation.text(kStringValue, m_trace.str(on));
            found = m_onAnnotations.emplace(on, annotation.wire()).first;
        }
        return found->second;
    }
    std::uint64_t spanNameIid(const Span &span)
    {
        const std::uint64_t key = (std::uint64_t(span.step) << 3) | std::uint64_t(span.state);
        const auto found = m_spanNames.find(key);
        if (found != m_spanNames.end())
            return found->second;
        const std::uint64_t iid = nameIid(perfettoSpanName(m_trace, span));
        m_spanNames.emplace(key, iid);
        return iid;
    }

    const Trace &m_trace;
    QIODevice &m_device;
    bool m_ok = true;
    std::string m_out;
    Message m_packet;
    Message m_header;
    Message m_event;
    Message m_interned;
    QHash<QString, std::uint64_t> m_names;
    QHash<QString, std::uint64_t> m_categories;
    std::unordered_map<std::uint64_t, std::uint64_t> m_spanNames;
    std::array<std::uint64_t, 5> m_stateCategories{};
    std::unordered_map<StringId, std::string> m_onAnnotations;
    std::uint64_t m_flows = 0;
    bool m_first = true;
};

} // namespace

QByteArray perfettoProtobuf(const Trace &trace)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    ProtoWriter(trace, buffer).write();
    return bytes;
}

bool perfettoProtobuf(const Trace &trace, QIODevice &out)
{
    return ProtoWriter(trace, out).write();
}

} // namespace loopscope
