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
