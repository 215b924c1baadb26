// The compare summary: durations and their ratio, lanes that ended differently, the first print
// that differs; on hand-built traces and on the real runs of example 10's variants.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "scenario/variants.h"
#include "trace/compare_summary.h"

#include <QTest>

using namespace loopscope;

namespace {

Lane lane(const QString &name, LaneResult result)
{
    Lane l;
    l.id = name;
    l.name = name;
    l.result = result;
    return l;
}

void print(Trace &trace, double t, const QString &text)
{
    TraceEvent e;
    e.t = t;
    e.lane = 0;
    e.text = text;
    trace.events.push_back(e);
}

Trace trace(double duration, std::vector<Lane> lanes, const QStringList &prints)
{
    Trace t;
    t.duration = duration;
    t.lanes = std::move(lanes);
    for (qsizetype i = 0; i < prints.size(); ++i)
        print(t, double(i), prints[i]);
    return t;
}

} // namespace

class TestCompareSummary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void durations_data()
    {
        QTest::addColumn<QList<double>>("seconds");
        QTest::addColumn<QString>("expected");
        QTest::newRow("two, slower first")
            << QList<double>{25, 5} << QString::fromUtf8("b: 5.0 s, a: 25.0 s, 5.0× faster");
        QTest::newRow("equal") << QList<double>{2, 2}
                               << QStringLiteral("a: 2.0 s, b: 2.0 s, same duration");
        QTest::newRow("three") << QList<double>{6, 2, 2.5}
                               << QString::fromUtf8(
                                      "b: 2.0 s, c: 2.5 s, a: 6.0 s; b is 3.0× faster than a");
        QTest::newRow("short runs")
            << QList<double>{0.35, 0.05} << QString::fromUtf8("b: 50 ms, a: 0.35 s, 7.0× faster");
        QTest::newRow("one run") << QList<double>{3} << QStringLiteral("a: 3.0 s");
    }
    void durations()
    {
        QFETCH(QList<double>, seconds);
        QFETCH(QString, expected);
        std::vector<NamedTrace> runs;
        for (qsizetype i = 0; i < seconds.size(); ++i)
            runs.push_back({QString(QChar(char16_t(u'a' + i))), trace(seconds[i], {}, {})});
        QCOMPARE(compareRuns(runs).durations, expected);
    }

    void outcomeIsNamedWhenNotCompleted()
    {
        Trace failed = trace(1, {}, {});
        failed.outcome.status = OutcomeStatus::Failed;
        const auto summary = compareRuns({{"gather", failed}, {"TaskGroup", trace(1, {}, {})}});
        QCOMPARE(summary.durations,
                 QStringLiteral("gather: 1.0 s (failed), TaskGroup: 1.0 s, same duration"));
    }

    void lanesThatEndedDifferently()
    {
        const Trace a = trace(1,
                              {lane("main", LaneResult::Done), lane("w1", LaneResult::Failed),
                               lane("w2", LaneResult::Failed), lane("x", LaneResult::Done)},
                              {});
        const Trace b = trace(1,
                              {lane("main", LaneResult::Done), lane("w1", LaneResult::Cancelled),
                               lane("w2", LaneResult::Cancelled)},
                              {});
        const auto summary = compareRuns({{"gather", a}, {"TaskGroup", b}});
        QCOMPARE(summary.lanes,
                 (QStringList{QStringLiteral("w1, w2: failed in gather, cancelled in TaskGroup"),
                              QStringLiteral("x: done in gather, not run in TaskGroup")}));
    }

    void firstPrintThatDiffers_data()
    {
        QTest::addColumn<QStringList>("a");
        QTest::addColumn<QStringList>("b");
        QTest::addColumn<QString>("expected");
        QTest::newRow("second line")
            << QStringList{"x", "y"} << QStringList{"x", "z"}
            << QStringLiteral("first print that differs: #2, A: \"y\" at 1.0 s; B: \"z\" at 1.0 s");
        QTest::newRow("one is shorter")
            << QStringList{"x"} << QStringList{"x", "z"}
            << QStringLiteral("first print that differs: #2, A: no more prints; B: \"z\" at 1.0 s");
        QTest::newRow("same") << QStringList{"x", "y"} << QStringList{"x", "y"}
                              << QStringLiteral("prints: the same 2 lines in every run");
    }
    void firstPrintThatDiffers()
    {
        QFETCH(QStringList, a);
        QFETCH(QStringList, b);
        QFETCH(QString, expected);
        QCOMPARE(compareRuns({{"A", trace(2, {}, a)}, {"B", trace(2, {}, b)}}).prints, expected);
    }

    // The real runs of the lesson: five sleeps of 5 s in a for loop, then in a TaskGroup.
    void forLoopVersusTaskGroup()
    {
        const ScenarioLoad load = readScenarioFile(
            QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/10-loop-vs-taskgroup.loop.json"));
        QVERIFY(load.ok());
        std::vector<NamedTrace> runs;
        for (const NamedScenario &entry : scenariosToCompare(*load.scenario, {}))
            runs.push_back({entry.name, runScenario(entry.scenario)});
        const CompareSummary summary = compareRuns(runs);
        QCOMPARE(summary.durations,
                 QString::fromUtf8("TaskGroup: 5.0 s, for loop: 25.0 s, 5.0× faster"));
        QCOMPARE(summary.lanes,
                 QStringList{QStringLiteral("sleeper-1, sleeper-2, sleeper-3, sleeper-4, "
                                            "sleeper-5: not run in for loop, done in TaskGroup")});
        QCOMPARE(summary.prints,
                 QStringLiteral("first print that differs: #1, for loop: \"Loop start 0\" at 0 s; "
                                "TaskGroup: \"Task start 0\" at 0 s"));
    }
    // Run > Compare with CPython: a lane's first span that differs, with both sides' times.
    void spanDifferencesNameTheFirstSpanThatDiffers()
    {
        auto span = [](LaneState state, double start, double end) {
            Span s;
            s.state = state;
            s.start = start;
            s.end = end;
            return s;
        };
        auto spanned = [](const QString &name, std::vector<Span> spans) {
            Lane l = lane(name, LaneResult::Done);
            l.spans = std::move(spans);
            return l;
        };
        const Lane mainLane = spanned(QStringLiteral("main"), {span(LaneState::Waiting, 0, 2)});
        Trace model = trace(2,
                            {mainLane,
                             spanned(QStringLiteral("worker-2"), {span(LaneState::Waiting, 0, 1),
                                                                  span(LaneState::Blocked, 1, 2)}),
                             spanned(QStringLiteral("extra"), {})},
                            {});
        Trace real = trace(
            2.004,
            {mainLane, spanned(QStringLiteral("worker-2"), {span(LaneState::Waiting, 0, 1),
                                                            span(LaneState::Blocked, 1, 2.004)})},
            {});
        real.recorded = true;
        const CompareSummary summary = compareRuns(
            {{QStringLiteral("Loopscope"), model}, {QStringLiteral("CPython"), real}});
        QCOMPARE(summary.spans,
                 QStringList({QString::fromUtf8("worker-2: blocked 1.000\u20132.000 s in "
                                                "Loopscope, 1.000\u20132.004 s in CPython"),
                              QStringLiteral("extra: only in Loopscope")}));
        QCOMPARE(summary.lines().mid(summary.lines().size() - 2), summary.spans);
        // The same spans are said to be the same; with nothing recorded, or both, no span lines.
        Trace modelOfReal = real;
        modelOfReal.recorded = false;
        QCOMPARE(compareRuns({{QStringLiteral("Loopscope"), modelOfReal},
                              {QStringLiteral("CPython"), real}})
                     .spans,
                 QStringList({QStringLiteral("spans: the same, lane by lane")}));
        QVERIFY(compareRuns({{QStringLiteral("a"), real}, {QStringLiteral("b"), real}})
                    .spans.isEmpty());
        QVERIFY(compareRuns({{QStringLiteral("a"), model}, {QStringLiteral("b"), modelOfReal}})
                    .spans.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCompareSummary)
#include "tst_compare_summary.moc"
