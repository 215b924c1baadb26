// Perfetto's protobuf export, decoded by the tests' own reader (perfetto_decoder.h): the lanes as
// tracks under one root in lane order, every span as a slice with its name, category, `on` and
// exact boundaries in nanoseconds, events as instants, wakes as flows; and a big trace (half
// a million spans over 250 lanes) with every slice in place and every packet in time order.
#include "export/perfetto_proto.h"
#include "perfetto_decoder.h"
#include "sample_traces.h"

#include <QTest>

#include <cmath>

using namespace loopscope;
using testing::DecodedPerfetto;
using testing::decodePerfetto;

namespace {

std::uint64_t ns(double seconds)
{
    return std::uint64_t(std::llround(seconds * 1e9));
}

// The decoded slices of one track, in the order they began.
std::vector<testing::DecodedSlice> slicesOf(const DecodedPerfetto &d, std::uint64_t track)
{
    std::vector<testing::DecodedSlice> out;
    for (const auto &s : d.slices)
        if (s.track == track)
            out.push_back(s);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto &a, const auto &b) { return a.begin < b.begin; });
    return out;
}

} // namespace

class TestPerfettoProto : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sampleTraceDecodes()
    {
        const Trace trace = testing::smallTrace();
        const DecodedPerfetto d = decodePerfetto(perfettoProtobuf(trace));
        QVERIFY(d.timeOrdered);
        QVERIFY(d.firstEventClearsState);
        QCOMPARE(d.unmatchedEnds, 0);
        QCOMPARE(d.tracks.size(), std::size_t(5));
        QCOMPARE(d.tracks.at(1).name, QStringLiteral("Lock: one at a time"));
        QCOMPARE(d.tracks.at(1).childOrdering, std::uint64_t(3)); // explicit
        const QStringList names{"main", "worker-1", "ThreadPoolExecutor-0_0", "event loop"};
        for (int i = 0; i < 4; ++i) {
            const auto &track = d.tracks.at(std::uint64_t(i) + 2);
            QCOMPARE(track.name, names[i]);
            QCOMPARE(track.parent, std::uint64_t(1));
            QCOMPARE(track.rank, std::int64_t(i));
        }
        // The worker: ready, running, blocked on the lock (s3), blocking (s4).
        const auto worker = slicesOf(d, 3);
        QCOMPARE(worker.size(), std::size_t(4));
        QCOMPARE(worker[0].name, QStringLiteral("ready"));
        QCOMPARE(worker[0].begin, ns(0.5));
        QCOMPARE(worker[0].end, ns(0.75));
        QCOMPARE(worker[2].name, QStringLiteral("blocked (s3)"));
        QCOMPARE(worker[2].category, QStringLiteral("blocked"));
        QCOMPARE(worker[2].on, QStringLiteral("lock"));
        QCOMPARE(worker[2].begin, ns(1.0));
        QCOMPARE(worker[2].end, ns(1.5));
        QCOMPARE(worker[3].name, QStringLiteral("blocking (s4)"));
        QCOMPARE(slicesOf(d, 2).at(1).on, QStringLiteral("gather"));
        QCOMPARE(d.slices.size(), std::size_t(2 + 4 + 1 + 3));
        // Events: the print, create, the wake with a waker as a flow from main to the worker,
        // acquire, the timer wake (no waker: a plain instant), release.
        QStringList instants;
        for (const auto &e : d.instants)
            instants << QStringLiteral("%1 %2 %3 [%4] flow=%5 ends=%6")
                            .arg(e.t)
                            .arg(d.tracks.at(e.track).name, e.name, e.category)
                            .arg(e.flows.empty() ? 0 : e.flows[0])
                            .arg(e.terminatingFlows.empty() ? 0 : e.terminatingFlows[0]);
        QCOMPARE(instants,
                 QStringList({"0 main hello: \"world\" #1 [print] flow=0 ends=0",
                              "500000000 worker-1 create [create] flow=0 ends=0",
                              "500000000 main wake via create_task [wake] flow=1 ends=0",
                              "500000000 worker-1 wake via create_task [wake] flow=0 ends=1",
                              "1000000000 worker-1 acquire lock [acquire] flow=0 ends=0",
                              "1500000000 worker-1 wake via timer [wake] flow=0 ends=0",
                              "2000000000 worker-1 release lock [release] flow=0 ends=0"}));
    }

    // Half a million spans over 250 lanes, gap-free, staggered so that every lane's boundaries fall
    // between other lanes' ones: every slice decodes with its exact boundaries, in time order.
    void bigTraceDecodes()
    {
        const int lanes = 250;
        const int spans = 2000;
        const Trace trace = testing::bigTrace(lanes, spans);
        const QByteArray bytes = perfettoProtobuf(trace);
        const DecodedPerfetto d = decodePerfetto(bytes);
        qInfo("%d spans: %lld bytes, %.1f bytes a span", lanes * spans,
              static_cast<long long>(bytes.size()), double(bytes.size()) / (lanes * spans));
        QVERIFY(d.timeOrdered);
        QCOMPARE(d.unmatchedEnds, 0);
        QCOMPARE(d.tracks.size(), std::size_t(lanes + 1));
        QCOMPARE(d.slices.size(), std::size_t(lanes) * spans);
        for (int l = 0; l < lanes; l += 37) {
            const auto slices = slicesOf(d, std::uint64_t(l) + 2);
            QCOMPARE(slices.size(), std::size_t(spans));
            QCOMPARE(d.tracks.at(std::uint64_t(l) + 2).name, QStringLiteral("worker-%1").arg(l));
            for (int s = 0; s < spans; ++s) {
                const Span &span = trace.lanes[std::size_t(l)].spans[std::size_t(s)];
                QCOMPARE(slices[std::size_t(s)].begin, ns(span.start));
                QCOMPARE(slices[std::size_t(s)].end, ns(span.end));
                QCOMPARE(slices[std::size_t(s)].name,
                         s % 2 ? QStringLiteral("waiting (s1)") : QStringLiteral("running (s1)"));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestPerfettoProto)
#include "tst_perfetto_proto.moc"
