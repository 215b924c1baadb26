// The recorder's binary trace (python/loopscope_record/writing_binary.py): a recording written
// as .lstrace reads back, through Loopscope's own reader, exactly as its JSON does: the same
// lanes, spans (every double), events, prints, diagnostics and outcome, compared as the JSON
// text Loopscope writes of each. On the virtual clock through `loopscope record` (two runs of
// one lesson's program: the virtual clock makes them the same run), and on the real clock from
// one recording written both ways (long regular stretches: the writer's column-by-column path).
#include "trace/trace.h"
#include "trace/trace_binary.h"
#include "trace/trace_json.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <utility>

using namespace loopscope;

namespace {

QString python()
{
    if (!qEnvironmentVariableIsEmpty("LOOPSCOPE_TEST_PYTHON"))
        return qEnvironmentVariable("LOOPSCOPE_TEST_PYTHON");
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

// Runs `program` with `args`; its exit code (-1 when it did not run to the end).
int run(const QString &program, const QStringList &args, QString *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LOOPSCOPE_PYTHON"), python());
    env.insert(QStringLiteral("PYTHONPATH"),
               QFileInfo(QStringLiteral(LOOPSCOPE_BINARY)).absolutePath()
                   + QStringLiteral("/python"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit)
        return -1;
    *output = QString::fromUtf8(p.readAll());
    return p.exitCode();
}

Trace readTrace(const QString &path)
{
    QString error;
    const std::optional<Trace> trace = readTraceFile(path, &error);
    if (!trace)
        qFatal("%s: %s", qPrintable(path), qPrintable(error));
    return *trace;
}

QStringList prints(const Trace &trace)
{
    QStringList out;
    for (const TraceEvent &e : trace.events)
        if (e.kind == EventKind::Print)
            out << e.text;
    return out;
}

qsizetype spanCount(const Trace &trace)
{
    qsizetype n = 0;
    for (const Lane &lane : trace.lanes)
        n += qsizetype(lane.spans.size());
    return n;
}

} // namespace

class TestRecordBinary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (python().isEmpty())
            QFAIL("no python3: the recorder needs one (install python3 or set "
                  "LOOPSCOPE_TEST_PYTHON)");
        QVERIFY(m_dir.isValid());
    }

    void virtualRecordingReadsTheSameInBothForms_data()
    {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QString>("status"); // the recording's outcome
        // Thread and process lanes, raise events, a lock's events and holders, queues, a task
        // left pending, a deadlock, a server, a never-awaited diagnostic.
        for (const auto &[lesson, status] : {std::pair{"02-threads", "completed"},
                                             {"06-process-pool", "completed"},
                                             {"11-gather-exceptions", "completed"},
                                             {"13-lock-counter", "completed"},
                                             {"16-queue-workers", "completed"},
                                             {"19-fire-and-forget", "completed"},
                                             {"21-deadlock", "deadlock"},
                                             {"22-web-server", "completed"},
                                             {"23-forgotten-await", "completed"}})
            QTest::newRow(lesson) << QString::fromLatin1(lesson) << QString::fromLatin1(status);
    }

    void virtualRecordingReadsTheSameInBothForms()
    {
        QFETCH(QString, lesson);
        QFETCH(QString, status);
        const QString program = m_dir.filePath(lesson + QStringLiteral(".py"));
        const QString json = m_dir.filePath(lesson + QStringLiteral(".trace.json"));
        const QString binary = m_dir.filePath(lesson + QStringLiteral(".lstrace"));
        QString output;
        const QString loopscope = QStringLiteral(LOOPSCOPE_BINARY);
        const int exported
            = run(loopscope,
                  {"run", QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/%1.loop.json").arg(lesson),
                   "--virtual", "--quiet", "--export", program},
                  &output);
        QVERIFY2(exported >= 0 && exported != 2, qPrintable(output));
        const int fromJson
            = run(loopscope, {"record", "--virtual", "--quiet", "--out", json, program}, &output);
        const int fromBinary
            = run(loopscope, {"record", "--virtual", "--quiet", "--out", binary, program}, &output);
        QVERIFY2(fromBinary >= 0, qPrintable(output));
        QCOMPARE(fromBinary, fromJson); // `loopscope record` read the binary trace for its status

        QFile file(binary);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(isTraceBinary(file.read(8)));
        const Trace a = readTrace(json);
        const Trace b = readTrace(binary);
        QCOMPARE(outcomeName(b.outcome.status), status);
        QCOMPARE(clockName(b), QStringLiteral("cpython-virtual"));
        QVERIFY(!prints(b).isEmpty());
        QCOMPARE(prints(b), prints(a));
        QCOMPARE(QString::fromUtf8(writeTraceJson(b)), QString::fromUtf8(writeTraceJson(a)));
    }

    void realClockRecordingReadsTheSameInBothForms()
    {
        const QString json = m_dir.filePath(QStringLiteral("switches.trace.json"));
        const QString binary = m_dir.filePath(QStringLiteral("switches.lstrace"));
        QString output;
        const int status = run(
            python(),
            {"-m", "loopscope_record", "--out", json, "--out", binary,
             QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/record/programs/switches_and_lock.py"),
             "20000"},
            &output);
        QVERIFY2(status == 0, qPrintable(output));
        const Trace a = readTrace(json);
        const Trace b = readTrace(binary);
        QCOMPARE(clockName(b), QStringLiteral("cpython"));
        QCOMPARE(prints(b), (QStringList{"a done", "b done", "caught boom"}));
        QVERIFY2(spanCount(b) > 80000, qPrintable(QString::number(spanCount(b))));
        int blocking = 0;
        for (const Span &s : b.lanes.front().spans)
            blocking += s.state == LaneState::Blocking ? 1 : 0;
        QVERIFY(blocking >= 1); // main's time.sleep(0.003)
        QCOMPARE(QString::fromUtf8(writeTraceJson(b)), QString::fromUtf8(writeTraceJson(a)));
        // About 10 bytes a span: a seventh of the JSON or less.
        QVERIFY2(QFileInfo(binary).size() * 6 < QFileInfo(json).size(),
                 qPrintable(QStringLiteral("%1 vs %2 bytes")
                                .arg(QFileInfo(binary).size())
                                .arg(QFileInfo(json).size())));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestRecordBinary)
#include "tst_record_binary.moc"
