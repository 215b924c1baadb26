// The crash handler of the real binary: a crash leaves recoveryDirectory()/crash-<pid>.txt with
// the version, the scenario, the signal and a backtrace, and the next start names it once.
#include <algorithm>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

class CrashReportTest : public QObject
{
    Q_OBJECT

private:
    QProcess *start(const QStringList &args, bool crash);
    QTemporaryDir m_recovery;
    const QString m_example
        = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/01-sync-blocking.loop.json");

private Q_SLOTS:
    void crashWritesReport();
    void nextStartNamesReportOnce();
};

QProcess *CrashReportTest::start(const QStringList &args, bool crash)
{
    auto *process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LOOPSCOPE_RECOVERY_DIR"), m_recovery.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.remove(QStringLiteral("LOOPSCOPE_CRASH_TEST"));
    if (crash)
        env.insert(QStringLiteral("LOOPSCOPE_CRASH_TEST"), QStringLiteral("1"));
    // Sanitizer builds: let the process die of the signal as a plain build does.
    env.insert(QStringLiteral("ASAN_OPTIONS"), QStringLiteral("handle_segv=0:detect_leaks=0"));
    process->setProcessEnvironment(env);
    process->start(QStringLiteral(LOOPSCOPE_BINARY), args);
    return process;
}

void CrashReportTest::crashWritesReport()
{
    QVERIFY(m_recovery.isValid());
    QProcess *process = start({QStringLiteral("run"), m_example, QStringLiteral("--quiet")}, true);
    QVERIFY(process->waitForStarted(30000));
    const qint64 pid = process->processId(); // 0 once the process is gone
    QVERIFY(process->waitForFinished(30000));
    QCOMPARE(process->exitStatus(), QProcess::CrashExit);
    QCOMPARE(process->exitCode(), SIGSEGV); // re-raised: it died of the original signal

    QFile report(QStringLiteral("%1/crash-%2.txt").arg(m_recovery.path()).arg(pid));
    QVERIFY2(report.open(QIODevice::ReadOnly), qPrintable(report.fileName()));
    const QStringList lines = QString::fromLocal8Bit(report.readAll()).split(QLatin1Char('\n'));
    QCOMPARE(lines.value(0), QStringLiteral("Loopscope crash report"));
    QCOMPARE(lines.value(1), QStringLiteral("version: " LOOPSCOPE_VERSION));
    QCOMPARE(lines.value(2), QStringLiteral("pid: %1").arg(pid));
    QCOMPARE(lines.value(3), QStringLiteral("signal: 11 (SIGSEGV)"));
    QCOMPARE(lines.value(4), QStringLiteral("scenario: ") + m_example);
    QCOMPARE(lines.value(5), QStringLiteral("backtrace:"));
    // backtrace_symbols_fd: one line per frame, some inside the loopscope binary (the first
    // ones may be a sanitizer's runtime when the binary is built with one).
    const QStringList frames = lines.mid(6);
    QVERIFY2(
        std::any_of(frames.begin(), frames.end(),
                    [](const QString &f) { return f.contains(QStringLiteral("app/loopscope(")); }),
        qPrintable(lines.join(QLatin1Char('\n'))));
}

void CrashReportTest::nextStartNamesReportOnce()
{
    const QStringList files = QDir(m_recovery.path()).entryList({QStringLiteral("crash-*.txt")});
    QCOMPARE(files.size(), 1);
    const QString expected
        = QStringLiteral("loopscope: the last run crashed; its report is %1/%2\n")
              .arg(m_recovery.path(), files.first());
    for (int run = 0; run < 2; ++run) {
        QProcess *process = start({QStringLiteral("check"), m_example}, false);
        QVERIFY(process->waitForFinished(30000));
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(process->exitCode(), 0);
        const QString err = QString::fromLocal8Bit(process->readAllStandardError());
        QCOMPARE(err, run == 0 ? expected : QString()); // the second start says nothing
    }
}

QTEST_GUILESS_MAIN(CrashReportTest)
#include "tst_crash_report.moc"
