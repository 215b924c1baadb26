// Trace JSON: the written shape, exact round trips, and refusal of bad input with a JSON path.
#include "sample_traces.h"
#include "trace/trace_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <functional>

using namespace loopscope;

namespace {

// Field by field, with span strings compared by text (string ids depend on intern order).
void compareTraces(const Trace &a, const Trace &b)
{
    QCOMPARE(a.scenario, b.scenario);
    QCOMPARE(a.liveClock, b.liveClock);
    QCOMPARE(a.recorded, b.recorded);
    QCOMPARE(a.duration, b.duration);
    QCOMPARE(a.lanes.size(), b.lanes.size());
    for (std::size_t i = 0; i < a.lanes.size(); ++i) {
        const Lane &x = a.lanes[i];
        const Lane &y = b.lanes[i];
        QCOMPARE(x.id, y.id);
        QCOMPARE(x.kind, y.kind);
        QCOMPARE(x.name, y.name);
        QCOMPARE(x.parent, y.parent);
        QCOMPARE(x.coro, y.coro);
        QCOMPARE(x.result, y.result);
        QCOMPARE(x.spans.size(), y.spans.size());
        for (std::size_t s = 0; s < x.spans.size(); ++s) {
            QCOMPARE(x.spans[s].state, y.spans[s].state);
            QCOMPARE(x.spans[s].start, y.spans[s].start);
            QCOMPARE(x.spans[s].end, y.spans[s].end);
            QCOMPARE(a.str(x.spans[s].on), b.str(y.spans[s].on));
            QCOMPARE(a.str(x.spans[s].step), b.str(y.spans[s].step));
        }
    }
    QCOMPARE(a.events.size(), b.events.size());
    for (std::size_t i = 0; i < a.events.size(); ++i) {
        const TraceEvent &x = a.events[i];
        const TraceEvent &y = b.events[i];
        QCOMPARE(x.t, y.t);
        QCOMPARE(x.lane, y.lane);
        QCOMPARE(x.kind, y.kind);
        QCOMPARE(x.text, y.text);
        QCOMPARE(x.resource, y.resource);
        QCOMPARE(x.by, y.by);
        QCOMPARE(x.via, y.via);
    }
    QCOMPARE(a.diagnostics.size(), b.diagnostics.size());
    for (std::size_t i = 0; i < a.diagnostics.size(); ++i) {
        QCOMPARE(a.diagnostics[i].t, b.diagnostics[i].t);
        QCOMPARE(a.diagnostics[i].lane, b.diagnostics[i].lane);
        QCOMPARE(a.diagnostics[i].severity, b.diagnostics[i].severity);
        QCOMPARE(a.diagnostics[i].code, b.diagnostics[i].code);
        QCOMPARE(a.diagnostics[i].message, b.diagnostics[i].message);
    }
    QCOMPARE(a.outcome.status, b.outcome.status);
    QCOMPARE(a.outcome.error, b.outcome.error);
}

QJsonObject smallTraceObject()
{
    return QJsonDocument::fromJson(writeTraceJson(testing::smallTrace())).object();
}

// Sets the value at a path of keys and indices ("lanes", 1, "spans", 0, "end").
QJsonValue withValue(const QJsonValue &at, QVariantList path, const QJsonValue &value)
{
    if (path.isEmpty())
        return value;
    const QVariant head = path.takeFirst();
    if (head.typeId() == QMetaType::Int) {
        QJsonArray array = at.toArray();
        array[head.toInt()] = withValue(array.at(head.toInt()), path, value);
        return array;
    }
    QJsonObject object = at.toObject();
    object[head.toString()] = withValue(object.value(head.toString()), path, value);
    return object;
}

QByteArray mutated(const QVariantList &path, const QJsonValue &value)
{
    return QJsonDocument(withValue(smallTraceObject(), path, value).toObject()).toJson();
}

QByteArray without(const QString &key)
{
    QJsonObject o = smallTraceObject();
    o.remove(key);
    return QJsonDocument(o).toJson();
}

} // namespace

class TestTraceJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesTheDocumentedShape();
    void roundTripIsExact();
    void roundTripKeepsEveryDoubleBit_data();
    void roundTripKeepsEveryDoubleBit();
    void readsEveryClock_data();
    void readsEveryClock();
    void refusesBadInput_data();
    void refusesBadInput();
    void survivesHostileMutations();
    void printOfEmptyTextKeepsIt();
};

void TestTraceJson::writesTheDocumentedShape()
{
    Trace t;
    t.scenario = QStringLiteral("Tiny");
    t.liveClock = true;
    t.duration = 1.0;
    Lane main{QStringLiteral("task-1"), LaneKind::Task,
              QStringLiteral("main"),   -1,
              QStringLiteral("main"),   {},
              LaneResult::Failed};
    main.spans = {testing::span(t, LaneState::Running, 0.0, 0.25, {}, QStringLiteral("s1")),
                  testing::span(t, LaneState::Waiting, 0.25, 1.0, QStringLiteral("timer"))};
    Lane loop{QStringLiteral("loop"), LaneKind::Loop, QStringLiteral("event loop"), -1, {}, {},
              LaneResult::None};
    t.lanes = {main, loop};
    t.events = {{1.0, 0, EventKind::Raise, QStringLiteral("ValueError: boom"), {}, -1, {}}};
    t.outcome = {OutcomeStatus::Failed, QStringLiteral("ValueError: boom")};

    const QByteArray expected = R"({
  "format": "loopscope-trace",
  "version": 1,
  "scenario": "Tiny",
  "clock": "live",
  "duration": 1.0,
  "lanes": [
    {"id": "task-1", "kind": "task", "name": "main", "parent": null, "coro": "main",
     "spans": [
       {"state": "running", "start": 0.0, "end": 0.25, "step": "s1"},
       {"state": "waiting", "start": 0.25, "end": 1.0, "on": "timer"}
     ],
     "result": "failed"},
    {"id": "loop", "kind": "loop", "name": "event loop",
     "spans": []}
  ],
  "events": [
    {"t": 1.0, "lane": "task-1", "kind": "raise", "text": "ValueError: boom"}
  ],
  "diagnostics": [],
  "outcome": {"status": "failed", "error": "ValueError: boom"}
}
)";
    QCOMPARE(writeTraceJson(t), expected);
}

void TestTraceJson::roundTripIsExact()
{
    const Trace original = testing::smallTrace();
    const QByteArray json = writeTraceJson(original);
    QString error;
    const std::optional<Trace> read = readTraceJson(json, &error);
    QVERIFY2(read, qPrintable(error));
    compareTraces(*read, original);
    QCOMPARE(writeTraceJson(*read), json);
}

void TestTraceJson::roundTripKeepsEveryDoubleBit_data()
{
    QTest::addColumn<double>("time");
    QTest::newRow("tenth_plus_fifth") << 0.1 + 0.2;
    QTest::newRow("one_third") << 1.0 / 3.0;
    QTest::newRow("tiny") << 1e-7;
    QTest::newRow("smallest_normal") << 2.2250738585072014e-308;
    QTest::newRow("large") << 123456789.123456789;
    QTest::newRow("integral") << 42.0;
}

void TestTraceJson::roundTripKeepsEveryDoubleBit()
{
    QFETCH(double, time);
    Trace t = testing::smallTrace();
    t.duration = time;
    t.lanes[2].spans = {testing::span(t, LaneState::Running, time, time)};
    t.events[0].t = time;
    const std::optional<Trace> read = readTraceJson(writeTraceJson(t));
    QVERIFY(read);
    QCOMPARE(qint64(std::bit_cast<quint64>(read->duration)), qint64(std::bit_cast<quint64>(time)));
    QCOMPARE(read->lanes[2].spans[0].start, time);
    QCOMPARE(read->events[0].t, time);
}

// A recorded trace (loopscope record) says which CPython clock made it; saved again, it says so.
void TestTraceJson::readsEveryClock_data()
{
    QTest::addColumn<QString>("clock");
    QTest::addColumn<bool>("live");
    QTest::addColumn<bool>("recorded");
    QTest::newRow("virtual") << "virtual" << false << false;
    QTest::newRow("live") << "live" << true << false;
    QTest::newRow("cpython") << "cpython" << true << true;
    QTest::newRow("cpython-virtual") << "cpython-virtual" << false << true;
}

void TestTraceJson::readsEveryClock()
{
    QFETCH(QString, clock);
    QFETCH(bool, live);
    QFETCH(bool, recorded);
    QString error;
    const std::optional<Trace> read = readTraceJson(mutated({"clock"}, clock), &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->liveClock, live);
    QCOMPARE(read->recorded, recorded);
    QCOMPARE(clockName(*read), clock);
    const std::optional<Trace> again = readTraceJson(writeTraceJson(*read));
    QVERIFY(again);
    compareTraces(*read, *again);
}

void TestTraceJson::refusesBadInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("not_json") << QByteArray("{\"format\": ")
                              << "$: not JSON (unterminated object at byte 11)";
    QTest::newRow("not_an_object") << QByteArray("[1, 2]") << "$: expected an object";
    QTest::newRow("wrong_format") << mutated({"format"}, "loopscope-scenario")
                                  << "$.format: expected \"loopscope-trace\"";
    QTest::newRow("newer_version")
        << mutated({"version"}, 2)
        << "$.version: version 2 is newer than this Loopscope reads (1); update Loopscope";
    QTest::newRow("version_as_string")
        << mutated({"version"}, "1") << "$.version: expected 1, got a string";
    QTest::newRow("unknown_clock")
        << mutated({"clock"}, "wall")
        << "$.clock: expected \"virtual\", \"live\", \"cpython\" or \"cpython-virtual\"";
    QTest::newRow("negative_duration")
        << mutated({"duration"}, -1)
        << "$.duration: expected a time in seconds from 0 to 1000000000, got -1";
    QTest::newRow("missing_lanes")
        << without(QStringLiteral("lanes")) << "$.lanes: expected an array, got nothing";
    QTest::newRow("lane_not_object")
        << mutated({"lanes", 2}, 5) << "$.lanes[2]: expected an object, got 5";
    QTest::newRow("empty_lane_id")
        << mutated({"lanes", 3, "id"}, "") << "$.lanes[3].id: expected a non-empty lane id";
    QTest::newRow("duplicate_lane_id")
        << mutated({"lanes", 3, "id"}, "task-2")
        << "$.lanes[3].id: lane id \"task-2\" is already used by $.lanes[1]";
    QTest::newRow("unknown_lane_kind")
        << mutated({"lanes", 2, "kind"}, "fiber")
        << "$.lanes[2].kind: expected one of task, thread, process, loop, got \"fiber\"";
    QTest::newRow("unknown_parent") << mutated({"lanes", 1, "parent"}, "task-9")
                                    << "$.lanes[1].parent: no lane has the id \"task-9\"";
    QTest::newRow("own_parent") << mutated({"lanes", 1, "parent"}, "task-2")
                                << "$.lanes[1].parent: a lane cannot be its own parent";
    QTest::newRow("parent_not_string")
        << mutated({"lanes", 1, "parent"}, 0) << "$.lanes[1].parent: expected a string, got 0";
    QTest::newRow("unknown_result")
        << mutated({"lanes", 0, "result"}, "ok")
        << "$.lanes[0].result: expected one of done, failed, cancelled, pending, got \"ok\"";
    QTest::newRow("spans_not_array") << mutated({"lanes", 0, "spans"}, QJsonObject{})
                                     << "$.lanes[0].spans: expected an array, got an object";
    QTest::newRow("unknown_state") << mutated({"lanes", 0, "spans", 0, "state"}, "sleeping")
                                   << "$.lanes[0].spans[0].state: expected one of running, "
                                      "ready, blocking, waiting, blocked, got \"sleeping\"";
    QTest::newRow("end_before_start")
        << mutated({"lanes", 1, "spans", 1, "end"}, 0.6)
        << "$.lanes[1].spans[1].end: expected a time in seconds from 0.75 to 1000000000, got 0.6";
    QTest::newRow("overlapping_spans")
        << mutated({"lanes", 1, "spans", 2, "start"}, 0.9)
        << "$.lanes[1].spans[2].start: expected a time in seconds from 1 to 1000000000, got 0.9";
    QTest::newRow("huge_time")
        << mutated({"lanes", 0, "spans", 1, "end"}, 1e300)
        << "$.lanes[0].spans[1].end: expected a time in seconds from 0.5 to 1000000000, got 1e+300";
    QTest::newRow("start_missing") << mutated({"lanes", 0, "spans", 0, "start"}, QJsonValue())
                                   << "$.lanes[0].spans[0].start: expected a time in seconds "
                                      "from 0 to 1000000000, got null";
    QTest::newRow("on_not_string") << mutated({"lanes", 0, "spans", 1, "on"}, true)
                                   << "$.lanes[0].spans[1].on: expected a string, got true";
    QTest::newRow("event_unknown_lane") << mutated({"events", 1, "lane"}, "thread-7")
                                        << "$.events[1].lane: no lane has the id \"thread-7\"";
    QTest::newRow("event_unknown_by") << mutated({"events", 2, "by"}, "nobody")
                                      << "$.events[2].by: no lane has the id \"nobody\"";
    QTest::newRow("event_unknown_kind")
        << mutated({"events", 0, "kind"}, "yell")
        << "$.events[0].kind: expected one of print, create, acquire, release, set, put, get, "
           "wake, cancel, raise, timeout, got \"yell\"";
    QTest::newRow("diagnostic_bad_severity")
        << mutated({"diagnostics", 0, "severity"}, "fatal")
        << "$.diagnostics[0].severity: expected one of info, warning, error, got \"fatal\"";
    QTest::newRow("outcome_missing")
        << without(QStringLiteral("outcome")) << "$.outcome: expected an object, got nothing";
    QTest::newRow("outcome_bad_status") << mutated({"outcome", "status"}, "crashed")
                                        << "$.outcome.status: expected one of completed, failed, "
                                           "deadlock, stopped, got \"crashed\"";
}

void TestTraceJson::refusesBadInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString message;
    QVERIFY(!readTraceJson(json, &message));
    QCOMPARE(message, error);
}

// Random byte edits and value swaps of a valid trace: the reader must either refuse with a
// message or return a trace that keeps the promises of readTraceJson. Never crash.
void TestTraceJson::survivesHostileMutations()
{
    const QByteArray valid = writeTraceJson(testing::smallTrace());
    QRandomGenerator random(20261122);
    const QByteArray alphabet = "{}[]\",:0123456789.-eEnulltrue \\";
    int accepted = 0;
    for (int round = 0; round < 4000; ++round) {
        QByteArray json = valid;
        const int edits = 1 + int(random.bounded(4));
        for (int e = 0; e < edits; ++e) {
            const auto at = qsizetype(random.bounded(int(json.size())));
            const char c = alphabet.at(qsizetype(random.bounded(int(alphabet.size()))));
            if (random.bounded(3) == 0)
                json.remove(at, 1 + qsizetype(random.bounded(8)));
            else
                json[at] = c;
        }
        QString error;
        const std::optional<Trace> read = readTraceJson(json, &error);
        if (!read) {
            QVERIFY2(error.startsWith(QLatin1String("$")), qPrintable(error));
            continue;
        }
        ++accepted;
        for (const Lane &lane : read->lanes) {
            double previousEnd = 0.0;
            for (const Span &span : lane.spans) {
                QVERIFY(span.start >= previousEnd && span.end >= span.start);
                QVERIFY(span.on < read->strings.size() && span.step < read->strings.size());
                previousEnd = span.end;
            }
            QVERIFY(lane.parent >= -1 && lane.parent < int(read->lanes.size()));
        }
        for (const TraceEvent &event : read->events)
            QVERIFY(event.lane < int(read->lanes.size()) && event.by < int(read->lanes.size()));
    }
    // Edits inside strings or numbers often leave a valid trace: both branches were exercised.
    QVERIFY2(accepted > 0 && accepted < 4000, qPrintable(QString::number(accepted)));
}

// print("") is a print: its event has `"text": ""` (trace-format.md: every print has one),
// reads back, and a print event without text is refused.
void TestTraceJson::printOfEmptyTextKeepsIt()
{
    Trace trace = testing::smallTrace();
    trace.events.push_back(TraceEvent{0.5, 0, EventKind::Print, {}, {}, -1, {}});
    const QByteArray json = writeTraceJson(trace);
    QVERIFY2(json.contains(R"({"t": 0.5, "lane": "task-1", "kind": "print", "text": ""})"),
             json.constData());
    QString error;
    const std::optional<Trace> read = readTraceJson(json, &error);
    QVERIFY2(read, qPrintable(error));
    compareTraces(*read, trace);

    QByteArray withoutText = json;
    withoutText.replace(R"("kind": "print", "text": ""})", R"("kind": "print"})");
    QVERIFY(!readTraceJson(withoutText, &error));
    QCOMPARE(error, QStringLiteral("$.events[%1].text: expected a string, got nothing")
                        .arg(trace.events.size() - 1));
}

QTEST_GUILESS_MAIN(TestTraceJson)
#include "tst_trace_json.moc"
