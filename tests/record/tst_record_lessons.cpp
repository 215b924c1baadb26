// Every lesson's exported Python program, recorded under CPython on the virtual clock
// (`loopscope record --virtual`), against Loopscope's own virtual trace of the lesson: the same
// lanes (ids, kinds, names, parents, results), the same spans per lane (state, `on`, start and
// end, exactly), the same wake edges, the same duration and outcome. Spans are compared after
// merging neighbours of one state and `on`: a scenario's spans also carry the step that caused
// them (a CPython program has no steps), and two steps at one instant are two spans there.
#include "trace/trace.h"
#include "trace/trace_json.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <tuple>

using namespace loopscope;

namespace {

QString python()
{
    if (!qEnvironmentVariableIsEmpty("LOOPSCOPE_TEST_PYTHON"))
        return qEnvironmentVariable("LOOPSCOPE_TEST_PYTHON");
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

// Runs the loopscope executable; its exit code (-1 when it did not run to the end).
int runLoopscope(const QStringList &args, QString *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LOOPSCOPE_PYTHON"), python());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(LOOPSCOPE_BINARY), args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit)
        return -1;
    *output = QString::fromUtf8(p.readAll());
    return p.exitCode();
}

Trace readTrace(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    QString error;
    const std::optional<Trace> trace = readTraceJson(file.readAll(), &error);
    if (!trace)
        qFatal("%s: %s", qPrintable(path), qPrintable(error));
    return *trace;
}

// One lane's spans as text, neighbours of one state and `on` merged: "running 0-0, waiting
// timer 0-1, ...". Times with every digit that matters (%.17g): exact means exact.
QString spansText(const Trace &trace, const Lane &lane)
{
    std::vector<Span> merged;
    for (const Span &s : lane.spans) {
        if (!merged.empty() && merged.back().state == s.state
            && trace.str(merged.back().on) == trace.str(s.on) && merged.back().end == s.start)
            merged.back().end = s.end;
        else
            merged.push_back(s);
    }
    QStringList parts;
    for (const Span &s : merged)
        parts << QStringLiteral("%1 %2 %3-%4")
                     .arg(stateName(s.state), trace.str(s.on), QString::number(s.start, 'g', 17),
                          QString::number(s.end, 'g', 17));
    return parts.join(QStringLiteral(", "));
}

QString laneText(const Trace &trace, const Lane &lane)
{
    const QString parent = lane.parent >= 0 ? trace.lanes[std::size_t(lane.parent)].id : "-";
    return QStringLiteral("%1 %2 %3 parent=%4 result=%5: %6")
        .arg(lane.id, laneKindName(lane.kind), lane.name, parent, laneResultName(lane.result),
             spansText(trace, lane));
}

// Every wake edge, "t lane by via", sorted: wakes at one instant may be listed in either order.
QStringList wakes(const Trace &trace)
{
    QStringList out;
    for (const TraceEvent &e : trace.events)
        if (e.kind == EventKind::Wake)
            out << QStringLiteral("%1 %2 by %3 via %4")
                       .arg(QString::number(e.t, 'g', 17), trace.lanes[std::size_t(e.lane)].id,
                            e.by >= 0 ? trace.lanes[std::size_t(e.by)].id : "-", e.via);
    out.sort();
    return out;
}

} // namespace

class TestRecordLessons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void recordedMatchesModel_data();
    void recordedMatchesModel();
    void recordsEchoServerOnTheRealClock();
    void recordsBadInput_data();
    void recordsBadInput();

private:
    QTemporaryDir m_dir;
};

void TestRecordLessons::initTestCase()
{
    if (python().isEmpty())
        QFAIL("no python3: the recorder needs one (install python3 or set LOOPSCOPE_TEST_PYTHON)");
    QVERIFY(m_dir.isValid());
}

void TestRecordLessons::recordedMatchesModel_data()
{
    QTest::addColumn<QString>("lesson");
    // Every lesson, the pools' too: under --virtual the recorder plays thread pools, process
    // pools, the GIL and CPU work with Loopscope's own model (python/loopscope_record/
    // pools_virtual.py), so 02, 05, 06 and 20 are compared like the others.
    for (const char *lesson : {"01-sync-blocking",
                               "02-threads",
                               "03-asyncio-gather",
                               "04-time-sleep-freezes",
                               "05-gil-cpu-threads",
                               "06-process-pool",
                               "07-sequential-vs-tasks",
                               "08-await-order",
                               "09-early-task",
                               "10-loop-vs-taskgroup",
                               "11-gather-exceptions",
                               "12-taskgroup-fails-fast",
                               "13-lock-counter",
                               "14-semaphore",
                               "15-event",
                               "16-queue-workers",
                               "17-future",
                               "18-wait-for-timeout",
                               "19-fire-and-forget",
                               "20-cpu-blocks-loop",
                               "21-deadlock",
                               "22-web-server",
                               "23-forgotten-await",
                               "24-race-condition",
                               "25-gather-factorial"})
        QTest::newRow(lesson) << QString::fromLatin1(lesson);
}

void TestRecordLessons::recordedMatchesModel()
{
    QFETCH(QString, lesson);
    const QString scenario
        = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/%1.loop.json").arg(lesson);
    const QString model = m_dir.filePath(lesson + QStringLiteral(".model.json"));
    const QString program = m_dir.filePath(lesson + QStringLiteral(".py"));
    const QString recorded = m_dir.filePath(lesson + QStringLiteral(".recorded.json"));
    QString output;
    const int modelStatus = runLoopscope(
        {"run", scenario, "--virtual", "--quiet", "--trace", model, "--export", program}, &output);
    QVERIFY2(modelStatus >= 0 && modelStatus != 2, qPrintable(output));
    const int recordStatus
        = runLoopscope({"record", "--virtual", "--quiet", "--out", recorded, program}, &output);
    QVERIFY2(recordStatus >= 0, qPrintable(output));
    QCOMPARE(recordStatus, modelStatus); // 0 completed, 1 failed, 3 deadlock

    const Trace expected = readTrace(model);
    const Trace actual = readTrace(recorded);
    QCOMPARE(clockName(actual), QStringLiteral("cpython-virtual"));
    QCOMPARE(actual.lanes.size(), expected.lanes.size());
    for (std::size_t i = 0; i < expected.lanes.size(); ++i)
        QCOMPARE(laneText(actual, actual.lanes[i]), laneText(expected, expected.lanes[i]));
    QCOMPARE(wakes(actual), wakes(expected));
    QCOMPARE(actual.duration, expected.duration);
    QCOMPARE(outcomeName(actual.outcome.status), outcomeName(expected.outcome.status));
    QCOMPARE(actual.outcome.error, expected.outcome.error);
}

// A loopback streams echo server with 20 clients on the real clock: every client task and
// every connection handler is a lane, the handlers wait on their socket's data, and the one
// handler that calls time.sleep(0.2) has that step as `blocking`, with a slow-step diagnostic.
void TestRecordLessons::recordsEchoServerOnTheRealClock()
{
    const QString trace = m_dir.filePath(QStringLiteral("echo.json"));
    QString output;
    const int status = runLoopscope(
        {"record", "--quiet", "--out", trace,
         QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/record/echo_server.py"), "20", "--block"},
        &output);
    QVERIFY2(status == 0, qPrintable(output));
    const Trace t = readTrace(trace);
    QCOMPARE(clockName(t), QStringLiteral("cpython"));
    QStringList clients, handlers, blockingLanes;
    double blockedFor = 0.0;
    int readWaits = 0;
    for (const Lane &lane : t.lanes) {
        if (lane.kind != LaneKind::Task)
            continue;
        QCOMPARE(laneResultName(lane.result), QStringLiteral("done"));
        if (lane.coro == u"client")
            clients << lane.name;
        if (lane.coro == u"handle")
            handlers << lane.name;
        for (const Span &s : lane.spans) {
            readWaits += s.state == LaneState::Waiting && t.str(s.on) == u"read";
            if (s.state == LaneState::Blocking && s.end - s.start >= 0.2) {
                blockingLanes << lane.id;
                blockedFor = s.end - s.start;
            }
        }
    }
    QCOMPARE(clients.size(), 20);
    QCOMPARE(handlers.size(), 20);
    QVERIFY2(readWaits >= 20, qPrintable(QString::number(readWaits)));
    QCOMPARE(blockingLanes.size(), 1);
    QVERIFY2(blockedFor < 1.0, qPrintable(QString::number(blockedFor)));
    const Lane &blocker = t.lanes[std::size_t(t.laneIndex(blockingLanes.first()))];
    QCOMPARE(blocker.coro, QStringLiteral("handle"));
    QStringList slow;
    for (const Diagnostic &d : t.diagnostics)
        if (d.code == u"slow-step")
            slow << t.lanes[std::size_t(d.lane)].id + QStringLiteral(" ")
                        + d.message.left(d.message.indexOf(QStringLiteral(" took")));
    QCOMPARE(slow, QStringList{blocker.id + QStringLiteral(" Executing <Task ") + blocker.name
                               + QStringLiteral(">")});
    QCOMPARE(t.outcome.status, OutcomeStatus::Completed);
}

// Programs that fail to start, raise outside the loop, run threads of their own, fork, or
// replace the loop (tests/record/bad/): the recording ends cleanly with what it saw, and its
// diagnostics say what it could not see. Each row: the program (missing.py does not exist),
// whether the Python recorder is run itself (else `loopscope record`), the exit status, the
// outcome and its error ("" and no trace at all: nothing was recorded), the diagnostics
// ("code lane: message", "-" for no lane), the prints and the lanes other than the loop's.
void TestRecordLessons::recordsBadInput_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<bool>("direct");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QStringList>("diagnostics");
    QTest::addColumn<QStringList>("prints");
    QTest::addColumn<QStringList>("lanes");
    const QString notStarted
        = QStringLiteral("not-started -: the program did not start: nothing of it was recorded");
    QTest::newRow("missing file, loopscope record")
        << "missing.py" << false << 2 << ""
        << "" << QStringList() << QStringList() << QStringList();
    QTest::newRow("missing file, the recorder itself")
        << "missing.py" << true << 2 << "failed"
        << "can't open file '%1': [Errno 2] No such file or directory" << QStringList{notStarted}
        << QStringList() << QStringList();
    QTest::newRow("syntax error") << "syntax_error.py" << false << 1 << "failed"
                                  << "SyntaxError: '(' was never closed (syntax_error.py, line 3)"
                                  << QStringList{notStarted} << QStringList() << QStringList();
    QTest::newRow("raises before asyncio.run")
        << "raises_before_loop.py" << false << 1 << "failed"
        << "ValueError: no configuration"
        << QStringList{"raised-outside-loop -: ValueError: no configuration was raised before "
                       "any asyncio task ran: no lane saw it"}
        << QStringList{"configuring"} << QStringList();
    QTest::newRow("raises after asyncio.run")
        << "raises_after_loop.py" << false << 1 << "failed"
        << "RuntimeError: report failed"
        << QStringList{"raised-outside-loop -: RuntimeError: report failed was raised after the "
                       "event loop ended (main returned): no lane saw it"}
        << QStringList{"main done"} << QStringList{"task main"};
    QTest::newRow("threads of its own")
        << "own_thread.py" << false << 0 << "completed"
        << ""
        << QStringList{"thread-not-recorded task-1: thread poller (the program's own) is not "
                       "recorded: lanes show only what asyncio's loop runs"}
        << QStringList{"joined"} << QStringList{"task main", "thread asyncio_0"};
    QTest::newRow("forks")
        << "forks.py" << false << 0 << "completed"
        << ""
        << QStringList{"fork-not-recorded task-1: the program forked: what the child process "
                       "runs is not recorded"}
        << QStringList{"parent"} << QStringList{"task main"};
    QTest::newRow("a loop that is not asyncio's")
        << "foreign_loop.py" << false << 0 << "completed"
        << ""
        << QStringList{"steps-not-visible -: steps not visible: the event loop "
                       "__main__.MiniLoop is not asyncio's (its handles are not "
                       "asyncio.events.Handle): its tasks' steps, wakes and waits are not "
                       "recorded"}
        << QStringList{"worker 1 done", "worker 2 done"} << QStringList();
}

void TestRecordLessons::recordsBadInput()
{
    QFETCH(QString, program);
    QFETCH(bool, direct);
    QFETCH(int, status);
    QFETCH(QString, outcome);
    QFETCH(QString, error);
    QFETCH(QStringList, diagnostics);
    QFETCH(QStringList, prints);
    QFETCH(QStringList, lanes);
    const QString path = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/record/bad/") + program;
    const QString out
        = m_dir.filePath(program + (direct ? QStringLiteral(".direct") : QStringLiteral(".record"))
                         + QStringLiteral(".json"));
    QFile::remove(out);
    QString output;
    int exit = -1;
    if (direct) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PYTHONPATH"),
                   QFileInfo(QStringLiteral(LOOPSCOPE_BINARY)).absolutePath()
                       + QStringLiteral("/python"));
        p.setProcessEnvironment(env);
        p.start(python(), {"-m", "loopscope_record", "--out", out, path});
        QVERIFY(p.waitForFinished(60000));
        output = QString::fromUtf8(p.readAll());
        exit = p.exitCode();
    } else {
        exit = runLoopscope({"record", "--quiet", "--out", out, path}, &output);
    }
    QVERIFY2(exit == status, qPrintable(QString::number(exit) + QStringLiteral(": ") + output));
    if (outcome.isEmpty()) {
        QVERIFY2(output.contains(path + QStringLiteral(": no such file")), qPrintable(output));
        QVERIFY(!QFile::exists(out));
        return;
    }
    // A forked child lives on 0.5 s after the parent wrote its trace: it must not write over it.
    QTest::qWait(program == u"forks.py" ? 1000 : 0);
    const Trace t = readTrace(out);
    QCOMPARE(outcomeName(t.outcome.status), outcome);
    QCOMPARE(t.outcome.error, error.contains(QStringLiteral("%1")) ? error.arg(path) : error);
    QStringList seenDiagnostics, seenPrints, seenLanes;
    for (const Diagnostic &d : t.diagnostics)
        seenDiagnostics << QStringLiteral("%1 %2: %3")
                               .arg(d.code,
                                    d.lane >= 0 ? t.lanes[std::size_t(d.lane)].id
                                                : QStringLiteral("-"),
                                    d.message);
    for (const TraceEvent &e : t.events)
        if (e.kind == EventKind::Print)
            seenPrints << e.text;
    for (const Lane &lane : t.lanes)
        if (lane.kind != LaneKind::Loop)
            seenLanes << laneKindName(lane.kind) + QStringLiteral(" ") + lane.name;
    QCOMPARE(seenDiagnostics, diagnostics);
    QCOMPARE(seenPrints, prints);
    QCOMPARE(seenLanes, lanes);
}

QTEST_GUILESS_MAIN(TestRecordLessons)
#include "tst_record_lessons.moc"
