// The real executable with no display and no XDG_RUNTIME_DIR (a container, cron, ssh without a
// session): a picture export or `loopscope FILE` prints what it did and nothing from Qt, and a
// trace FILE is drawn as the window would open it, with the same message for a bad one.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include "support/command.h"

namespace {

using loopscope::test::CommandResult;

// `platform` empty: QT_QPA_PLATFORM unset, as a user's shell has it.
CommandResult runIn(const QString &dir, const QStringList &args, const QString &platform = {})
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR", "QT_QPA_PLATFORM"})
        env.remove(QLatin1String(name));
    if (!platform.isEmpty())
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    return loopscope::test::runLoopscope(args, env, dir);
}

QString example(const char *name)
{
    return QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/") + QLatin1String(name);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestHeadlessCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Each printed "QStandardPaths: XDG_RUNTIME_DIR not set, defaulting to '/tmp/runtime-…'".
    void picturesPrintNoQtWarning_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("platform");
        QTest::addColumn<QString>("err");
        const QString semaphore = example("14-semaphore.loop.json");
        QTest::newRow("run --export svg")
            << QStringList{"run", semaphore, "--virtual", "--quiet", "--export", "t.svg"}
            << QString() << QString();
        QTest::newRow("run --export png, offscreen asked")
            << QStringList{"run", semaphore, "--virtual", "--quiet", "--export", "t.png"}
            << QStringLiteral("offscreen") << QString();
        QTest::newRow("compare --export svg")
            << QStringList{"compare", semaphore, "--export", "t.svg"} << QString() << QString();
        QTest::newRow("open with no display")
            << QStringList{semaphore} << QString()
            << QStringLiteral("loopscope: no display; ran %1 on the virtual clock (completed)\n")
                   .arg(QDir::toNativeSeparators(semaphore));
    }
    void picturesPrintNoQtWarning()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, platform);
        QFETCH(QString, err);
        QTemporaryDir dir;
        const CommandResult r = runIn(dir.path(), args, platform);
        QCOMPARE(r.err, err);
        QCOMPARE(r.exitCode, 0);
    }

    void openingATraceWithNoDisplayDrawsIt_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("json") << "t.json";
        QTest::newRow("binary") << "t.lstrace";
    }
    void openingATraceWithNoDisplayDrawsIt()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        const CommandResult saved = runIn(dir.path(), {"run", example("14-semaphore.loop.json"),
                                                       "--virtual", "--quiet", "--trace", name});
        QCOMPARE(saved.exitCode, 0);
        const CommandResult r = runIn(dir.path(), {name});
        QCOMPARE(r.err, QStringLiteral("loopscope: no display; drew the trace %1 (virtual clock, "
                                       "completed)\n")
                            .arg(name));
        const QString png = dir.filePath(QStringLiteral("loopscope-timeline.png"));
        QCOMPARE(r.out, QDir::toNativeSeparators(png) + QLatin1Char('\n'));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!QImage(png).isNull());
    }

    void openingABadFileWithNoDisplayNamesTheProblem_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes"); // none: the file is missing
        QTest::addColumn<QString>("err");
        QTest::newRow("truncated binary trace")
            << "short.lstrace" << QByteArray("LSTRACE\0\x01", 9)
            << "short.lstrace: byte 9: scenario: the file ends too early (truncated?)\n";
        QTest::newRow("trace JSON without a scenario")
            << "bad.json" << QByteArray(R"({"format": "loopscope-trace", "version": 1})")
            << "bad.json: $.scenario: expected a string, got nothing\n";
        QTest::newRow("missing file") << "missing.json" << QByteArray()
                                      << "missing.json: cannot read the file: No such file or "
                                         "directory\n";
    }
    // The window (a display: here the offscreen platform, asked for by name) without
    // XDG_RUNTIME_DIR, as under Xvfb, `ssh -X` or `sudo`: Qt says nothing about the folder.
    void theWindowOpensWithoutTheRuntimeFolderWarning()
    {
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME",
                                 "LOOPSCOPE_AUTOSAVE_MS"})
            env.remove(QLatin1String(name));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("LOOPSCOPE_RECOVERY_DIR"), home.path());
        env.insert(QStringLiteral("LOOPSCOPE_TEST_EDIT"), QStringLiteral("print")); // "edited"
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(LOOPSCOPE_BINARY), {example("14-semaphore.loop.json")});
        QString out;
        QTRY_COMPARE_WITH_TIMEOUT(out += QString::fromUtf8(process.readAllStandardOutput()),
                                  QStringLiteral("edited\n"), 20000);
        process.kill();
        QVERIFY(process.waitForFinished(10000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(!err.contains(QLatin1String("XDG_RUNTIME_DIR")), qPrintable(err));
    }

    void openingABadFileWithNoDisplayNamesTheProblem()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, err);
        QTemporaryDir dir;
        if (!bytes.isEmpty())
            QVERIFY(writeFile(dir.filePath(name), bytes));
        const CommandResult r = runIn(dir.path(), {name});
        QCOMPARE(r.err, err);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestHeadlessCommand)
#include "tst_headless_command.moc"
