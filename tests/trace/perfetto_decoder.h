// A reader of Perfetto protobuf traces for the tests, written from the wire format and
// Perfetto's field numbers independently of the exporter: it gives back the tracks, the
// slices (SLICE_BEGIN/END paired per track), the instants with their flows, and whether the
// packets came in time order, as trace_processor would see them.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <vector>

namespace loopscope::testing {

struct ProtoField
{
    int number = 0;
    int wire = 0;
    std::uint64_t value = 0; // varint and fixed64
    QByteArrayView bytes;    // length-delimited
};

inline std::vector<ProtoField> protoFields(QByteArrayView message)
{
    std::vector<ProtoField> out;
    qsizetype at = 0;
    const auto varint = [&] {
        std::uint64_t v = 0;
        for (int shift = 0;; shift += 7) {
            if (at >= message.size() || shift > 63)
                throw std::runtime_error("bad varint");
            const auto b = std::uint8_t(message[at++]);
            v |= std::uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
    };
    while (at < message.size()) {
        const std::uint64_t key = varint();
        ProtoField f{int(key >> 3), int(key & 7), 0, {}};
        if (f.wire == 0) {
            f.value = varint();
        } else if (f.wire == 1) {
            if (message.size() - at < 8)
                throw std::runtime_error("short fixed64");
            for (int i = 0; i < 8; ++i)
                f.value |= std::uint64_t(std::uint8_t(message[at + i])) << (8 * i);
            at += 8;
        } else if (f.wire == 2) {
            const auto n = qsizetype(varint());
            if (message.size() - at < n)
                throw std::runtime_error("short bytes");
            f.bytes = message.sliced(at, n);
            at += n;
        } else {
            throw std::runtime_error("unexpected wire type");
        }
        out.push_back(f);
    }
    return out;
}

struct DecodedTrack
{
    QString name;
    std::uint64_t parent = 0;
    std::int64_t rank = -1;
    std::uint64_t childOrdering = 0;
};

struct DecodedSlice
{
    std::uint64_t track = 0;
    QString name;
    QString category;
    QString on; // the "on" debug annotation
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
};

struct DecodedInstant
{
    std::uint64_t track = 0;
    QString name;
    QString category;
    std::uint64_t t = 0;
    std::vector<std::uint64_t> flows;
    std::vector<std::uint64_t> terminatingFlows;
};

struct DecodedPerfetto
{
    std::map<std::uint64_t, DecodedTrack> tracks;
    std::vector<DecodedSlice> slices; // in the order they end
    std::vector<DecodedInstant> instants;
    bool timeOrdered = true;
    bool firstEventClearsState = false;
    int unmatchedEnds = 0;
};

inline QString utf8(QByteArrayView b)
{
    return QString::fromUtf8(b.data(), b.size());
}

inline DecodedPerfetto decodePerfetto(const QByteArray &bytes)
{
    DecodedPerfetto out;
    QHash<std::uint64_t, QString> names;
    QHash<std::uint64_t, QString> categories;
    std::map<std::uint64_t, std::vector<DecodedSlice>> open;
    std::uint64_t last = 0;
    bool sawEvent = false;
    for (const ProtoField &packetField : protoFields(bytes)) {
        if (packetField.number != 1 || packetField.wire != 2)
            throw std::runtime_error("a Trace holds only packets");
        std::uint64_t ts = 0;
        std::uint64_t flags = 0;
        QByteArrayView event;
        for (const ProtoField &f : protoFields(packetField.bytes)) {
            if (f.number == 8)
                ts = f.value;
            else if (f.number == 13)
                flags = f.value;
            else if (f.number == 11)
                event = f.bytes;
            else if (f.number == 60) {
                std::uint64_t uuid = 0;
                DecodedTrack track;
                for (const ProtoField &t : protoFields(f.bytes)) {
                    if (t.number == 1)
                        uuid = t.value;
                    else if (t.number == 2)
                        track.name = utf8(t.bytes);
                    else if (t.number == 5)
                        track.parent = t.value;
                    else if (t.number == 11)
                        track.childOrdering = t.value;
                    else if (t.number == 12)
                        track.rank = std::int64_t(t.value);
                }
                out.tracks[uuid] = track;
            } else if (f.number == 12) {
                for (const ProtoField &table : protoFields(f.bytes)) {
                    std::uint64_t iid = 0;
                    QString name;
                    for (const ProtoField &e : protoFields(table.bytes))
                        (e.number == 1 ? (void)(iid = e.value) : (void)(name = utf8(e.bytes)));
                    (table.number == 2 ? names : categories).insert(iid, name);
                }
            }
        }
        if (event.isNull())
            continue;
        if (!sawEvent)
            out.firstEventClearsState = (flags & 1) != 0;
        sawEvent = true;
        out.timeOrdered = out.timeOrdered && ts >= last;
        last = ts;
        std::uint64_t type = 0, track = 0;
        DecodedInstant e;
        QString on;
        for (const ProtoField &f : protoFields(event)) {
            if (f.number == 9)
                type = f.value;
            else if (f.number == 11)
                track = f.value;
            else if (f.number == 10)
                e.name = names.value(f.value, QStringLiteral("<iid %1?>").arg(f.value));
            else if (f.number == 3)
                e.category = categories.value(f.value, QStringLiteral("<cat %1?>").arg(f.value));
            else if (f.number == 47)
                e.flows.push_back(f.value);
            else if (f.number == 48)
                e.terminatingFlows.push_back(f.value);
            else if (f.number == 4) {
                QString key, value;
                for (const ProtoField &a : protoFields(f.bytes))
                    (a.number == 10 ? key : value) = utf8(a.bytes);
                if (key == QLatin1String("on"))
                    on = value;
            }
        }
        e.track = track;
        e.t = ts;
        if (type == 1) {
            open[track].push_back({track, e.name, e.category, on, ts, 0});
        } else if (type == 2) {
            if (open[track].empty()) {
                ++out.unmatchedEnds;
                continue;
            }
            DecodedSlice slice = open[track].back();
            open[track].pop_back();
            slice.end = ts;
            out.slices.push_back(slice);
        } else if (type == 3) {
            out.instants.push_back(e);
        }
    }
    return out;
}

} // namespace loopscope::testing
