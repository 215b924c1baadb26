// The binary trace: every trace round-trips exactly (the hand-built one, and random ones with
// awkward doubles, every enum value, unicode and repeated strings), it is about a tenth of the
// JSON, and every kind of damage is refused with the byte offset, the place in the model and
// what was expected, never a crash.
#include "sample_traces.h"
#include "trace/trace_binary.h"
#include "trace/trace_json.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace loopscope;

namespace {

double awkwardTime(QRandomGenerator &random)
{
    switch (random.bounded(6)) {
    case 0:
        return 0.1 + 0.2; // 0.30000000000000004
    case 1:
        return std::numeric_limits<double>::denorm_min();
    case 2:
        return double(random.bounded(1000)) / 7.0;
    case 3:
        return 1e6 + random.generateDouble(); // big, yet 40 in a row stay within 1e9 s
    default:
        return random.generateDouble() * 3.0;
    }
}

QString someText(QRandomGenerator &random)
{
    static const QStringList texts{{},
                                   QStringLiteral("timer"),
                                   QStringLiteral("lock"),
                                   QStringLiteral("π ≈ 3.14 — \"quoted\"\n"),
                                   QStringLiteral("s12"),
                                   QStringLiteral("task-3")};
    return texts.at(qsizetype(random.bounded(int(texts.size()))));
}

// The loop section: iterations with their callbacks, timers and waits, some still there at the
// end (gone = UINT32_MAX).
void randomLoop(QRandomGenerator &random, Trace &t, int lanes)
{
    const auto lane = [&] { return lanes && random.bounded(3) ? int(random.bounded(lanes)) : -1; };
    const auto gone = [&](std::uint32_t added) {
        return random.bounded(3) == 0 ? UINT32_MAX : added + random.bounded(5);
    };
    double at = 0.0;
    for (int i = 0, n = int(random.bounded(6)); i < n; ++i) {
        at += random.bounded(2) ? awkwardTime(random) : 0.0;
        t.loop.iterations.push_back({at, std::uint32_t(t.loop.ran.size()), random.bounded(4u)});
        for (int r = 0, m = int(random.bounded(4)); r < m; ++r)
            t.loop.ran.push_back({lane(), t.intern(someText(random)), t.intern(someText(random)),
                                  1 + random.bounded(3u), random.bounded(2) == 1,
                                  random.bounded(9u)});
    }
    for (int i = 0, n = int(random.bounded(4)); i < n; ++i) {
        const std::uint32_t added = random.bounded(6u);
        t.loop.timers.push_back({awkwardTime(random), lane(), t.intern(someText(random)),
                                 t.intern(QStringLiteral("sleep")), added, gone(added)});
    }
    for (int i = 0, n = int(random.bounded(3)); i < n; ++i) {
        const std::uint32_t added = random.bounded(6u);
        t.loop.waits.push_back({lane(), t.intern(someText(random)),
                                t.intern(QStringLiteral("thread")), added, gone(added)});
    }
}

Trace randomTrace(QRandomGenerator &random)
{
    Trace t;
    t.scenario = someText(random);
    t.liveClock = random.bounded(2) == 1;
    t.recorded = random.bounded(2) == 1;
    const int lanes = int(random.bounded(6));
    for (int i = 0; i < lanes; ++i) {
        Lane lane;
        lane.id = QStringLiteral("lane-%1").arg(i);
        lane.kind = LaneKind(random.bounded(int(LaneKind::Loop) + 1));
        lane.name = someText(random);
        lane.parent = i > 0 && random.bounded(2) ? int(random.bounded(i)) : -1;
        lane.coro = someText(random);
        lane.result = LaneResult(random.bounded(int(LaneResult::Pending) + 1));
        double t0 = random.bounded(2) ? awkwardTime(random) : 0.0;
        const int spans = int(random.bounded(40));
        for (int s = 0; s < spans; ++s) {
            const double start = random.bounded(3) == 0 ? t0 + awkwardTime(random) : t0;
            const double end = random.bounded(4) == 0 ? start : start + awkwardTime(random);
            lane.spans.push_back(Span{start, end, t.intern(someText(random)),
                                      t.intern(someText(random)),
                                      LaneState(random.bounded(int(LaneState::Blocked) + 1))});
            t0 = end;
        }
        t.duration = std::max(t.duration, t0);
        t.lanes.push_back(std::move(lane));
    }
    const int events = int(random.bounded(20));
    for (int e = 0; e < events; ++e)
        t.events.push_back({awkwardTime(random), lanes ? int(random.bounded(lanes)) : -1,
                            EventKind(random.bounded(int(EventKind::Timeout) + 1)),
                            someText(random), someText(random),
                            lanes && random.bounded(2) ? int(random.bounded(lanes)) : -1,
                            someText(random)});
    for (TraceEvent &e : t.events)
        e.end = random.bounded(3) == 0 ? QStringLiteral(" ") : QStringLiteral("\n");
    randomLoop(random, t, lanes);
    if (random.bounded(2))
        t.diagnostics.push_back({awkwardTime(random), lanes ? 0 : -1,
                                 Severity(random.bounded(int(Severity::Error) + 1)),
                                 someText(random), someText(random)});
    t.outcome = {OutcomeStatus(random.bounded(int(OutcomeStatus::Stopped) + 1)), someText(random)};
    return t;
}

// Exactly equal: the JSON writer prints every double in its shortest exact form, and the
// string table must come back in its order.
void compareExactly(const Trace &back, const Trace &original)
{
    QCOMPARE(back.strings, original.strings);
    QCOMPARE(writeTraceJson(back), writeTraceJson(original));
    QCOMPARE(clockName(back), clockName(original));
    QCOMPARE(back.recorded, original.recorded);
    QCOMPARE(writeTraceBinary(back), writeTraceBinary(original));
}

QString refusalOf(const QByteArray &bytes)
{
    QString error;
    if (readTraceBinary(bytes, &error))
        return QStringLiteral("(read)");
    return error;
}

} // namespace

class TestTraceBinary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripsTheSampleTrace()
    {
        const Trace trace = testing::smallTrace();
        const QByteArray bytes = writeTraceBinary(trace);
        QVERIFY(isTraceBinary(bytes));
        QVERIFY(!isTraceJson(bytes));
        QString error;
        const std::optional<Trace> back = readTraceBinary(bytes, &error);
        QVERIFY2(back, qPrintable(error));
        compareExactly(*back, trace);
    }

    void roundTripsRandomTraces()
    {
        QRandomGenerator random(20261207);
        for (int i = 0; i < 500; ++i) {
            const Trace trace = randomTrace(random);
            QString error;
            const std::optional<Trace> back = readTraceBinary(writeTraceBinary(trace), &error);
            QVERIFY2(back, qPrintable(QStringLiteral("trace %1: %2").arg(i).arg(error)));
            compareExactly(*back, trace);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(QStringLiteral("trace %1 differs").arg(i)));
        }
    }

    // readTraceFile reads either form, and tells them apart by their first bytes.
    void readTraceFileTakesBoth()
    {
        QTemporaryDir dir;
        const Trace trace = testing::smallTrace();
        const QString binary = dir.filePath(QStringLiteral("run.lstrace"));
        QFile out(binary);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(writeTraceBinary(trace));
        out.close();
        QString error;
        const std::optional<Trace> back = readTraceFile(binary, &error);
        QVERIFY2(back, qPrintable(error));
        compareExactly(*back, trace);
        QVERIFY(isTraceFile(writeTraceBinary(trace)));
        QVERIFY(isTraceFile(writeTraceJson(trace)));
        QVERIFY(!isTraceFile(QByteArrayLiteral("{\"format\": \"loopscope-scenario\"}")));
    }

    // One Open parses the file once: a trace in either form is read whole, a bad trace is
    // refused in readTraceBytes' words, and anything else is left to the scenario reader.
    void readIfTraceParsesOnce()
    {
        const Trace trace = testing::smallTrace();
        for (const QByteArray &bytes : {writeTraceBinary(trace), writeTraceJson(trace)}) {
            const TraceFileRead read = readIfTrace(bytes);
            QVERIFY(read.isTrace);
            QVERIFY2(read.trace, qPrintable(read.error));
            compareExactly(*read.trace, trace);
            QCOMPARE(read.error, QString());
        }
        QByteArray bad = writeTraceJson(trace);
        bad.replace("\"duration\": 2.0", "\"duration\": \"2\"");
        const TraceFileRead refused = readIfTrace(bad);
        QVERIFY(refused.isTrace);
        QVERIFY(!refused.trace);
        QString expected;
        QVERIFY(!readTraceBytes(bad, &expected));
        QCOMPARE(refused.error, expected);
        QCOMPARE(refused.error,
                 QStringLiteral(
                     "$.duration: expected a time in seconds from 0 to 1000000000, got a string"));
        QByteArray cut = writeTraceBinary(trace);
        cut.chop(3);
        QVERIFY(readIfTrace(cut).isTrace);
        QVERIFY(readIfTrace(cut).error.startsWith(QLatin1String("byte ")));
        for (const QByteArray &other : {QByteArrayLiteral("{\"format\": \"loopscope-scenario\"}"),
                                        QByteArray("not json"), QByteArray()}) {
            const TraceFileRead read = readIfTrace(other);
            QVERIFY(!read.isTrace);
            QVERIFY(!read.trace);
            QCOMPARE(read.error, QString());
        }
    }

    // A gap-free lane costs a byte of state and flags, the end's 8 bytes and its string
    // references: about a tenth of its JSON.
    void isCompact()
    {
        Trace trace;
        Lane lane{QStringLiteral("task-1"), LaneKind::Task,
                  QStringLiteral("main"),   -1,
                  QStringLiteral("main"),   {},
                  LaneResult::Done};
        const StringId timer = trace.intern(QStringLiteral("timer"));
        for (int i = 0; i < 10000; ++i)
            lane.spans.push_back(Span{i * 0.001, (i + 1) * 0.001, i % 2 ? timer : 0, 0,
                                      i % 2 ? LaneState::Waiting : LaneState::Running});
        trace.lanes.push_back(lane);
        const auto binary = double(writeTraceBinary(trace).size());
        const auto json = double(writeTraceJson(trace).size());
        QVERIFY2(binary / 10000 < 10.6, qPrintable(QString::number(binary / 10000)));
        QVERIFY2(binary / json < 0.15, qPrintable(QString::number(binary / json)));
    }

    void refusesDamage_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        const QByteArray good = writeTraceBinary(testing::smallTrace());
        QTest::newRow("empty") << QByteArray()
                               << "byte 0: magic: the file ends too early (truncated?)";
        QTest::newRow("not a trace")
            << QByteArray("{\"format\": \"loopscope-trace\"}")
            << "byte 0: magic: expected a Loopscope binary trace (\"LSTRACE\")";
        QByteArray newer = good;
        newer[8] = 2;
        QTest::newRow("newer version")
            << newer
            << "byte 8: version: version 2 is newer than this Loopscope reads (1); "
               "update Loopscope";
        QTest::newRow("truncated")
            << good.left(good.size() - 1)
            << QStringLiteral("byte %1: loop.waits: the file ends too early (truncated?)")
                   .arg(good.size() - 1);
        QTest::newRow("trailing bytes")
            << good + QByteArray("xy")
            << QStringLiteral("byte %1: end: expected the end of the file, found 2 more bytes")
                   .arg(good.size());
        // One lane whose second span starts before the first ends, spelled out byte by byte.
        QByteArray overlap("LSTRACE\0\x01\x01t\x00", 12);
        const auto real = [&](QByteArray &b, double d) {
            b.append(reinterpret_cast<const char *>(&d), 8); // little-endian machines only
        };
        real(overlap, 2.0);            // duration
        overlap.append("\x01\x01", 2); // strings: [""]; lanes: 1
        overlap.append("\x02"
                       "ab"
                       "\x00\x01m\x00\x00\x00",
                       9);      // id, kind, name, parent, coro, result
        overlap.append('\x02'); // two spans
        overlap.append('\x00'); // running, start given
        real(overlap, 0.0);
        real(overlap, 1.0);
        overlap.append('\x01'); // ready, start given
        const int at = int(overlap.size());
        real(overlap, 0.5);
        real(overlap, 2.0);
        QTest::newRow("spans overlap")
            << overlap
            << QStringLiteral("byte %1: lanes[0].spans[1].start: expected a time >= the "
                              "previous span's end (1), got 0.5")
                   .arg(at);
        QByteArray badRef = overlap.left(at);
        real(badRef, 1.0);
        real(badRef, 2.0);
        badRef[at - 1] = '\x21'; // ready, with an `on` string
        badRef.append('\x05');
        QTest::newRow("string reference")
            << badRef
            << QStringLiteral("byte %1: lanes[0].spans[1].on: expected a string index below 1, "
                              "got 5")
                   .arg(badRef.size() - 1);
        // Times past 1e9 s: the JSON reader refuses them, so the binary one must too (the fuzzer
        // found traces read from binary that their own JSON could not be read back from).
        QByteArray farDuration("LSTRACE\0\x01\x01t\x00", 12);
        real(farDuration, 4.6e25);
        QTest::newRow("duration past 1e9 s")
            << farDuration << "byte 12: duration: expected a time <= 1000000000, got 4.6e+25";
        QByteArray farEnd = overlap.left(at);
        real(farEnd, 1.0);
        real(farEnd, 2e9);
        QTest::newRow("span end past 1e9 s")
            << farEnd
            << QStringLiteral("byte %1: lanes[0].spans[1].end: expected a time <= 1000000000, "
                              "got 2e+09")
                   .arg(at + 8);
        QByteArray hugeCount("LSTRACE\0\x01\x01t\x00", 12);
        real(hugeCount, 2.0);
        hugeCount.append("\x01\xff\xff\xff\x0f", 5);
        QTest::newRow("lane count larger than the file")
            << hugeCount
            << QStringLiteral("byte 21: lanes: expected a count the rest of the file can hold, "
                              "got 33554431");
    }
    void refusesDamage()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        QCOMPARE(refusalOf(bytes), error);
    }

    // Random byte edits of a valid binary trace: the reader refuses or reads a trace whose
    // references all hold (every consumer indexes lanes and strings with them), never crashes.
    void randomDamageIsRefusedOrConsistent()
    {
        const QByteArray good = writeTraceBinary(testing::smallTrace());
        QRandomGenerator random(7);
        for (int i = 0; i < 3000; ++i) {
            QByteArray bytes = good;
            for (int e = 0, n = 1 + int(random.bounded(3)); e < n; ++e)
                bytes[qsizetype(random.bounded(int(bytes.size())))] = char(random.bounded(256));
            const std::optional<Trace> trace = readTraceBinary(bytes);
            if (!trace)
                continue;
            const auto lanes = int(trace->lanes.size());
            for (const Lane &lane : trace->lanes) {
                QVERIFY(lane.parent >= -1 && lane.parent < lanes);
                for (const Span &s : lane.spans) {
                    QVERIFY(s.on < trace->strings.size() && s.step < trace->strings.size());
                    QVERIFY(std::isfinite(s.start) && s.start <= s.end);
                }
            }
            for (const TraceEvent &e : trace->events)
                QVERIFY(e.lane >= -1 && e.lane < lanes && e.by >= -1 && e.by < lanes);
            QString error; // what the binary reader takes, the JSON reader takes too
            QVERIFY2(readTraceJson(writeTraceJson(*trace), &error), qPrintable(error));
        }
    }
};

QTEST_GUILESS_MAIN(TestTraceBinary)
#include "tst_trace_binary.moc"
