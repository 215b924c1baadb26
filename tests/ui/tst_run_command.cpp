// `loopscope run --export` and `--trace`: the real executable writes every format of the export
// table, names the table's suffixes when refusing one, and draws a picture given to --trace.
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include "support/command.h"

namespace {

using loopscope::test::CommandResult;

CommandResult run(const QStringList &args)
{
    return loopscope::test::runLoopscope(QStringList{QStringLiteral("run")} + args);
}

QString example(const char *name)
{
    return QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/") + QLatin1String(name);
}

QByteArray head(const QString &path, int bytes)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(bytes) : QByteArray();
}

} // namespace

class TestRunCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesEveryFormat_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("start"); // the file's first bytes
        QTest::newRow("svg") << "t.svg" << QByteArray("<?xml");
        QTest::newRow("png") << "t.png" << QByteArray("\x89PNG");
        QTest::newRow("pdf") << "t.pdf" << QByteArray("%PDF");
        QTest::newRow("mermaid") << "t.mmd" << QByteArray("---\n");
        QTest::newRow("perfetto") << "t.perfetto.json" << QByteArray("{\"displayTimeUnit\"");
        QTest::newRow("python") << "t.py" << QByteArray("# Semaphore");
        QTest::newRow("trace") << "t.json" << QByteArray("{\n  \"format\":");
        // Perfetto's protobuf: a packet (field 1, bytes) holding a track descriptor (field 60).
        QTest::newRow("perfetto protobuf") << "t.perfetto-trace" << QByteArray("\x0a");
        QTest::newRow("binary trace") << "t.lstrace" << QByteArray("LSTRACE\0\x01", 9);
    }
    void writesEveryFormat()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, start);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        const CommandResult r
            = run({example("14-semaphore.loop.json"), "--virtual", "--export", path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.endsWith(QStringLiteral("wrote %1\n").arg(path)));
        QCOMPARE(head(path, int(start.size())), start);
    }

    // It aborted: a picture needs fonts, and only --export asked for a QGuiApplication.
    void tracePathMayBeAPicture()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.png"));
        const CommandResult r
            = run({example("14-semaphore.loop.json"), "--virtual", "--quiet", "--trace", path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!QImage(path).isNull());
    }

    void refusesUnknownFormatNamingTheTable()
    {
        const CommandResult r = run({example("14-semaphore.loop.json"), "--export", "x.gif"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("loopscope run: --export x.gif: unknown format (expected "
                                       ".svg, .png, .pdf, .mmd, .perfetto.json, .perfetto-trace, "
                                       ".py, .json or .lstrace)\n"));
    }

    void refusesUnknownTraceFormat()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.gif"));
        const CommandResult r
            = run({example("14-semaphore.loop.json"), "--virtual", "--quiet", "--trace", path});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("loopscope run: %1: unknown export format (expected .svg, "
                                       ".png, .pdf, .mmd, .perfetto.json, .perfetto-trace, .py, "
                                       ".json or .lstrace)\n")
                            .arg(path));
    }

    // --memory-budget: a run past it stops (exit 4) and its outcome line says which budget and
    // how to raise it; with the budget raised the same run completes.
    void memoryBudgetStopsTheRunAndSaysHowToRaiseIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("long.loop.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "loopscope-scenario", "version": 1, "coroutines": [
          {"name": "main", "steps": [
            {"op": "repeat", "count": 300000, "steps": [{"op": "sleep", "seconds": 0}]}]}]})");
        file.close();
        const CommandResult stopped = run({path, "--memory-budget", "1M"});
        QCOMPARE(stopped.exitCode, 4);
        QVERIFY2(stopped.out.endsWith(
                     "outcome: stopped at 0.000 s (virtual clock): stopped at the memory budget "
                     "of 1 MiB for recording (after 49153 state changes and 0 events); raise it "
                     "with --memory-budget (e.g. --memory-budget 1G) or Run > Memory Budget\n"),
                 qPrintable(stopped.out));
        const CommandResult quietStop = run({path, "--memory-budget", "1M", "--quiet"});
        QCOMPARE(quietStop.exitCode, 4); // a quiet run (runScenarioOutcome) stops there too
        QCOMPARE(quietStop.out, QString());
        const CommandResult completed = run({path, "--memory-budget", "64M", "--quiet"});
        QCOMPARE(completed.exitCode, 0);
        QCOMPARE(completed.out, QString());
    }

    // A quiet run that writes no file builds no timeline (runScenarioOutcome): it still ends
    // with the exit status of its outcome, the same as the run that prints it, and prints
    // nothing.
    void quietRunsExitWithTheirOutcome_data()
    {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("outcome");
        QTest::newRow("completed")
            << "14-semaphore.loop.json" << 0 << "outcome: completed at 3.000 s (virtual clock)\n";
        QTest::newRow("failed") << "12-taskgroup-fails-fast.loop.json" << 1 << "outcome: failed";
        QTest::newRow("deadlock") << "21-deadlock.loop.json" << 3 << "outcome: deadlock";
    }
    void quietRunsExitWithTheirOutcome()
    {
        QFETCH(QString, lesson);
        QFETCH(int, exitCode);
        QFETCH(QString, outcome);
        const QString path = example(qPrintable(lesson));
        const CommandResult quiet = run({path, "--virtual", "--quiet"});
        QCOMPARE(quiet.exitCode, exitCode);
        QCOMPARE(quiet.out, QString());
        QCOMPARE(quiet.err, QString());
        const CommandResult shown = run({path, "--virtual"});
        QCOMPARE(shown.exitCode, exitCode);
        const QString last = shown.out.section(u'\n', -2);
        QVERIFY2(last.startsWith(outcome), qPrintable(last));
    }
    void memoryBudgetRefusesNonsense()
    {
        const CommandResult r
            = run({example("14-semaphore.loop.json"), "--memory-budget", "8 parsecs"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("loopscope run: --memory-budget expects a size of at least "
                                       "1M, such as 512M or 8G, got \"8 parsecs\"\n"));
    }
};

QTEST_GUILESS_MAIN(TestRunCommand)
#include "tst_run_command.moc"
