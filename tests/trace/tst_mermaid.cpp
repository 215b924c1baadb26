// Mermaid gantt: exact text for hand-built traces (the same files that mermaid_render.py
// renders with real Mermaid), the state tags, and what the sanitizer removes.
#include "export/mermaid.h"
#include "sample_traces.h"

#include <QFile>
#include <QTest>

using namespace loopscope;

namespace {

QString fixture(const QString &name)
{
    QFile file(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/trace/mermaid/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read ") + file.fileName();
    return QString::fromUtf8(file.readAll());
}

// Zero and sub-millisecond spans, names Mermaid cannot carry, a name that repeats once
// sanitized, a lane with no bar, a nameless lane, and a 90 s run (minutes on the axis).
Trace edgeCaseTrace()
{
    using S = LaneState;
    using testing::span;
    Trace t;
    t.scenario = QStringLiteral("Deadlock: #1; <lambda> & co %% x");
    t.duration = 90.0;
    auto lane = [](const char *id, const char *name, LaneKind kind = LaneKind::Task) {
        return Lane{QLatin1String(id), kind, QLatin1String(name), -1, {}, {}, LaneResult::Pending};
    };
    Lane main = lane("task-1", "main");
    main.spans = {span(t, S::Running, 0, 0), span(t, S::Waiting, 0, 90, QStringLiteral("task-2"))};
    Lane worker = lane("task-2", "worker: #1");
    worker.spans = {span(t, S::Running, 0, 0.0004), span(t, S::Ready, 0.0004, 0.0016),
                    span(t, S::Blocked, 0.0016, 90, QStringLiteral("lock"))};
    Lane twin = lane("task-3", "worker 1");
    twin.spans = {span(t, S::Waiting, 0, 45.5, QStringLiteral("timer")),
                  span(t, S::Blocking, 45.5, 60.25)};
    Lane instant = lane("task-4", "instant");
    instant.spans = {span(t, S::Running, 1, 1)};
    Lane nameless = lane("thread-1", "", LaneKind::Thread);
    nameless.spans = {span(t, S::Running, 10, 20)};
    t.lanes = {main, worker, twin, instant, nameless};
    return t;
}

} // namespace

class TestMermaid : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesSmallTrace();
    void writesEdgeCases();
    void titleArgumentWins();
    void axisFollowsDuration_data();
    void axisFollowsDuration();
    void mergesRunsOfShortSpans();
    void staysUnderMermaidsTextLimit();
    void saysWhenTooBigForMermaid();
    void shortensNamesThatDoNotFit();
    void sanitizes_data();
    void sanitizes();
};

void TestMermaid::writesSmallTrace()
{
    QCOMPARE(mermaidGantt(testing::smallTrace()), fixture(QStringLiteral("small_trace.mmd")));
}

void TestMermaid::writesEdgeCases()
{
    QCOMPARE(mermaidGantt(edgeCaseTrace()), fixture(QStringLiteral("edge_cases.mmd")));
}

void TestMermaid::titleArgumentWins()
{
    const QString text = mermaidGantt(testing::smallTrace(), QStringLiteral("My notes: run 2"));
    QVERIFY(text.contains(QLatin1String("\n    title My notes run 2\n")));
    QVERIFY(!text.contains(QLatin1String("Lock one at a time")));
}

void TestMermaid::axisFollowsDuration_data()
{
    QTest::addColumn<double>("duration");
    QTest::addColumn<QString>("axis");
    QTest::newRow("sub_second") << 0.25 << "%S.%L";
    QTest::newRow("just_under_a_minute") << 59.999 << "%S.%L";
    QTest::newRow("a_minute") << 60.0 << "%M:%S";
    QTest::newRow("an_hour") << 3600.0 << "%H:%M:%S";
}

void TestMermaid::axisFollowsDuration()
{
    QFETCH(double, duration);
    QFETCH(QString, axis);
    Trace t;
    t.duration = duration;
    QVERIFY(mermaidGantt(t).contains(QStringLiteral("\n    axisFormat ") + axis + '\n'));
}

// Two threads taking turns at the GIL: 5 ms spans over 3 s of an 8 s run (minimum 20 ms).
void TestMermaid::mergesRunsOfShortSpans()
{
    Trace t;
    t.duration = 8.0;
    Lane thread{QStringLiteral("thread-1"),
                LaneKind::Thread,
                QStringLiteral("asyncio_0"),
                -1,
                {},
                {},
                LaneResult::None};
    thread.spans = {testing::span(t, LaneState::Running, 0.0, 4.0)};
    for (int i = 0; i < 600; ++i)
        thread.spans.push_back(testing::span(t, i % 2 ? LaneState::Ready : LaneState::Running,
                                             4.0 + i * 0.005, 4.0 + (i + 1) * 0.005,
                                             i % 2 ? QStringLiteral("GIL") : QString()));
    // A gap ends a run: a lone short span stays as it is.
    thread.spans.push_back(testing::span(t, LaneState::Running, 7.5, 7.51));
    Lane loop{QStringLiteral("loop"), LaneKind::Loop, QStringLiteral("event loop"), -1, {}, {},
              LaneResult::None};
    loop.spans = {testing::span(t, LaneState::Running, 1.0, 1.01),
                  testing::span(t, LaneState::Running, 2.0, 2.01)};
    t.lanes = {thread, loop};
    const QString text = mermaidGantt(t);
    const QString bars = text.mid(text.indexOf(QLatin1String("    section")));
    QCOMPARE(bars, QStringLiteral("    section asyncio_0\n"
                                  "    running :active, t1, 0, 4000\n"
                                  "    running / ready (600 spans) :active, t2, 4000, 7000\n"
                                  "    running :active, t3, 7500, 7510\n"
                                  "    section event loop\n"
                                  "    running :active, t4, 1000, 1010\n"
                                  "    running :active, t5, 2000, 2010\n"));
}

// 60 lanes of 400 alternating 26 ms spans: 24,000 bars at 1/400 (26 ms is not short), far
// over Mermaid's 50,000 characters; at 1/200 every lane becomes one bar.
void TestMermaid::staysUnderMermaidsTextLimit()
{
    Trace t;
    t.duration = 10.4;
    for (int l = 0; l < 60; ++l) {
        Lane lane{QStringLiteral("task-%1").arg(l + 1),
                  LaneKind::Task,
                  QStringLiteral("worker-%1").arg(l + 1),
                  -1,
                  QStringLiteral("worker"),
                  {},
                  LaneResult::Done};
        for (int i = 0; i < 400; ++i)
            lane.spans.push_back(testing::span(t, i % 2 ? LaneState::Waiting : LaneState::Running,
                                               i * 0.026, (i + 1) * 0.026));
        t.lanes.push_back(lane);
    }
    const QString text = mermaidGantt(t);
    QVERIFY2(text.size() <= 50000, qPrintable(QString::number(text.size())));
    QCOMPARE(text.count(QLatin1String(" spans) :active, t")), 60);
    QVERIFY(
        text.contains(QLatin1String("    running / waiting (400 spans) :active, t60, 0, 10400\n")));
}

// 3,000 lanes of one bar each pass the limit at any level of detail: the text says so, with
// its size, right after `gantt`, and still holds every lane (a comment is all it adds).
void TestMermaid::saysWhenTooBigForMermaid()
{
    Trace t;
    t.duration = 1.0;
    for (int l = 0; l < 3000; ++l) {
        Lane lane{QStringLiteral("task-%1").arg(l + 1),
                  LaneKind::Task,
                  QStringLiteral("w%1").arg(l),
                  -1,
                  QStringLiteral("w"),
                  {},
                  LaneResult::Done};
        lane.spans.push_back(testing::span(t, LaneState::Running, 0.0, 1.0));
        t.lanes.push_back(lane);
    }
    const QString text = mermaidGantt(t);
    const qsizetype gantt = text.indexOf(QLatin1String("\ngantt\n"));
    QVERIFY(gantt > 0);
    const QString comment
        = text.mid(gantt + 7, text.indexOf(QLatin1Char('\n'), gantt + 7) - gantt - 7);
    const qsizetype without = text.size() - comment.size() - 1;
    QVERIFY(without > 50000);
    QCOMPARE(comment,
             QStringLiteral("    %% Too big for Mermaid: %1 characters where Mermaid draws at "
                            "most 50000 (3000 lanes). Export a picture (.svg, .png, .pdf) "
                            "or a Perfetto trace (.perfetto-trace) for a run this size.")
                 .arg(without));
    QCOMPARE(text.count(QLatin1String("    section w")), 3000);
    QVERIFY(
        text.endsWith(QLatin1String("    section w2999\n    running :active, t3000, 0, 1000\n")));
}

// 10 s over 650 px: 0.065 px per ms; a name needs 6.5 px a character plus 10.
void TestMermaid::shortensNamesThatDoNotFit()
{
    Trace t;
    t.duration = 10.0;
    Lane main{QStringLiteral("task-1"), LaneKind::Task,
              QStringLiteral("main"),   -1,
              QStringLiteral("main"),   {},
              LaneResult::Done};
    const QString timer = QStringLiteral("timer");
    main.spans = {testing::span(t, LaneState::Waiting, 0.0, 2.0, timer),  // 130 px: all of it
                  testing::span(t, LaneState::Waiting, 2.0, 3.0, timer),  // 65 px: the state
                  testing::span(t, LaneState::Waiting, 3.0, 3.1, timer)}; // 6.5 px: still it
    t.lanes = {main};
    const QString text = mermaidGantt(t);
    QVERIFY(text.endsWith(QLatin1String("    section main\n"
                                        "    waiting on timer :t1, 0, 2000\n"
                                        "    waiting :t2, 2000, 3000\n"
                                        "    waiting :t3, 3000, 3100\n")));
}

void TestMermaid::sanitizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("colon_ends_a_task_name") << "a: b"
                                            << "a b";
    QTest::newRow("hash_starts_an_entity") << "#1 #2"
                                           << "1 2";
    QTest::newRow("semicolon") << "x;y"
                               << "x y";
    QTest::newRow("comment_marker") << "50%% done"
                                    << "50% done";
    QTest::newRow("html") << "<lambda> & co"
                          << "(lambda) and co";
    QTest::newRow("line_breaks_and_tabs") << "one\ntwo\r\tthree"
                                          << "one two three";
    QTest::newRow("unicode_kept") << "tâche ✓"
                                  << "tâche ✓";
}

void TestMermaid::sanitizes()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(mermaidText(text), expected);
}

QTEST_GUILESS_MAIN(TestMermaid)
#include "tst_mermaid.moc"
