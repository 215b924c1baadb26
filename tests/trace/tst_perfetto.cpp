// Perfetto / Chrome Trace Event JSON: one track per lane, exact slices, matched flows.
#include "export/perfetto.h"
#include "sample_traces.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTest>

using namespace loopscope;

namespace {

QJsonArray traceEvents(const Trace &trace)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(perfettoJson(trace), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return {};
    return doc.object().value(QStringLiteral("traceEvents")).toArray();
}

QList<QJsonObject> withPhase(const QJsonArray &events, const char *ph)
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : events)
        if (v.toObject().value(QStringLiteral("ph")).toString() == QLatin1String(ph))
            out << v.toObject();
    return out;
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

double num(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toDouble(-1);
}

} // namespace

class TestPerfetto : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesOneTrackPerLaneInLaneOrder();
    void writesOneSlicePerSpan();
    void slicesOfATrackDoNotOverlap();
    void turnsWakesIntoMatchedFlows();
    void turnsOtherEventsIntoInstants();
    void skipsEventsOfUnknownLanes();
    void writesTheBytesOfOneJsonDocument();
};

void TestPerfetto::namesOneTrackPerLaneInLaneOrder()
{
    const QJsonArray events = traceEvents(testing::smallTrace());
    QStringList names;
    QList<int> sortTids;
    for (const QJsonObject &m : withPhase(events, "M")) {
        const QJsonObject args = m.value(QStringLiteral("args")).toObject();
        QCOMPARE(num(m, "pid"), 1.0);
        if (str(m, "name") == QLatin1String("process_name")) {
            QCOMPARE(str(args, "name"), QStringLiteral("Lock: one at a time"));
        } else if (str(m, "name") == QLatin1String("thread_name")) {
            QCOMPARE(int(num(m, "tid")), int(names.size()) + 1);
            names << str(args, "name");
        } else {
            QCOMPARE(str(m, "name"), QStringLiteral("thread_sort_index"));
            QCOMPARE(int(num(args, "sort_index")), int(num(m, "tid")) - 1);
            sortTids << int(num(m, "tid"));
        }
    }
    QCOMPARE(names, (QStringList{"main", "worker-1", "ThreadPoolExecutor-0_0", "event loop"}));
    QCOMPARE(sortTids, (QList<int>{1, 2, 3, 4}));
}

void TestPerfetto::writesOneSlicePerSpan()
{
    const QList<QJsonObject> slices = withPhase(traceEvents(testing::smallTrace()), "X");
    QCOMPARE(slices.size(), 10); // 2 + 4 + 1 + 3 spans
    QStringList worker;
    for (const QJsonObject &x : slices) {
        QVERIFY(num(x, "dur") >= 0);
        if (num(x, "tid") == 2)
            worker << QStringLiteral("%1 %2 %3")
                          .arg(str(x, "name"))
                          .arg(num(x, "ts"), 0, 'f', 0)
                          .arg(num(x, "dur"), 0, 'f', 0);
    }
    QCOMPARE(worker, (QStringList{"ready 500000 250000", "running 750000 250000",
                                  "blocked (s3) 1000000 500000", "blocking (s4) 1500000 500000"}));
    const QJsonObject blocked = slices.at(4);
    QCOMPARE(str(blocked, "cat"), QStringLiteral("blocked"));
    QCOMPARE(blocked.value(QStringLiteral("args")).toObject(),
             (QJsonObject{{"on", "lock"}, {"step", "s3"}}));
    QVERIFY(!slices.at(2).contains(QStringLiteral("args"))); // worker's ready: no on, no step
}

void TestPerfetto::slicesOfATrackDoNotOverlap()
{
    QMap<int, double> trackEnd;
    for (const QJsonObject &x : withPhase(traceEvents(testing::smallTrace()), "X")) {
        const int tid = int(num(x, "tid"));
        QVERIFY2(num(x, "ts") >= trackEnd.value(tid, 0.0), qPrintable(str(x, "name")));
        trackEnd[tid] = num(x, "ts") + num(x, "dur");
    }
    QCOMPARE(trackEnd.keys(), (QList<int>{1, 2, 3, 4}));
    QCOMPARE(trackEnd.value(1), 2e6);
}

void TestPerfetto::turnsWakesIntoMatchedFlows()
{
    const QJsonArray events = traceEvents(testing::smallTrace());
    const QList<QJsonObject> starts = withPhase(events, "s");
    const QList<QJsonObject> finishes = withPhase(events, "f");
    QCOMPARE(starts.size(), 1); // the wake by the timer has no lane to start from
    QCOMPARE(finishes.size(), 1);
    const QJsonObject s = starts.first();
    const QJsonObject f = finishes.first();
    QCOMPARE(num(s, "id"), num(f, "id"));
    QCOMPARE(str(s, "name"), QStringLiteral("wake via create_task"));
    QCOMPARE(num(s, "tid"), 1.0); // main woke worker-1
    QCOMPARE(num(f, "tid"), 2.0);
    QCOMPARE(num(s, "ts"), 500000.0);
    QCOMPARE(num(f, "ts"), 500000.0);
    QCOMPARE(str(f, "bp"), QStringLiteral("e"));
    QVERIFY(!s.contains(QStringLiteral("bp")));
}

void TestPerfetto::turnsOtherEventsIntoInstants()
{
    QStringList instants;
    for (const QJsonObject &i : withPhase(traceEvents(testing::smallTrace()), "i")) {
        QCOMPARE(str(i, "s"), QStringLiteral("t"));
        instants << QStringLiteral("%1@%2 %3 [%4]")
                        .arg(num(i, "tid"))
                        .arg(num(i, "ts"), 0, 'f', 0)
                        .arg(str(i, "name"), str(i, "cat"));
    }
    QCOMPARE(instants,
             (QStringList{"1@0 hello: \"world\" #1 [print]", "2@500000 create [create]",
                          "2@1000000 acquire lock [acquire]", "2@1500000 wake via timer [wake]",
                          "2@2000000 release lock [release]"}));
}

void TestPerfetto::skipsEventsOfUnknownLanes()
{
    Trace t = testing::smallTrace();
    t.events = {{0.1, -1, EventKind::Print, QStringLiteral("nowhere"), {}, -1, {}},
                {0.2, 7, EventKind::Print, QStringLiteral("out of range"), {}, -1, {}},
                {0.3, 1, EventKind::Wake, {}, {}, 9, QStringLiteral("lock")}};
    const QJsonArray events = traceEvents(t);
    QCOMPARE(withPhase(events, "s").size(), 0);
    const QList<QJsonObject> instants = withPhase(events, "i");
    QCOMPARE(instants.size(), 1);
    QCOMPARE(str(instants.first(), "name"), QStringLiteral("wake via lock"));
}

// Written an event at a time, the text is exactly what QJsonDocument writes for the whole
// document (compact, keys sorted, its number forms), as the export always was.
void TestPerfetto::writesTheBytesOfOneJsonDocument()
{
    for (const Trace &trace : {testing::smallTrace(), testing::bigTrace(3, 40)}) {
        const QByteArray bytes = perfettoJson(trace);
        const QJsonDocument doc = QJsonDocument::fromJson(bytes);
        QVERIFY(doc.isObject());
        QCOMPARE(doc.toJson(QJsonDocument::Compact), bytes);
        QVERIFY(bytes.startsWith(R"({"displayTimeUnit":"ms","traceEvents":[{"args":)"));
    }
    Trace empty;
    QCOMPARE(perfettoJson(empty),
             QByteArray(R"({"displayTimeUnit":"ms","traceEvents":[{"args":{"name":""},)"
                        R"("name":"process_name","ph":"M","pid":1,"tid":0}]})"));
}

QTEST_GUILESS_MAIN(TestPerfetto)
#include "tst_perfetto.moc"
