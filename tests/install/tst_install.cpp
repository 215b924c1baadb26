// `cmake --install` into a staging prefix puts every file in its standard place, and the
// installed binary finds its installed lessons (not the source tree's) and runs them, the
// process-pool lesson through its own `--worker` mode.
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "support/command.h"

namespace {

const QString kAppId = QStringLiteral(LOOPSCOPE_APP_ID);

using loopscope::test::CommandResult;

CommandResult runProgram(const QString &program, const QStringList &args,
                         const QString &workingDir = {}, const QString &ldDebug = {})
{
    // Nothing may point the installed binary back at the source tree.
    QProcessEnvironment env = loopscope::test::offscreenEnvironment();
    for (const char *name :
         {"LOOPSCOPE_EXAMPLES_DIR", "LOOPSCOPE_DOCS_DIR", "LOOPSCOPE_PYTHON_DIR"})
        env.remove(QString::fromLatin1(name));
    if (!ldDebug.isEmpty()) // the dynamic loader names on stderr each library it loads
        env.insert(QStringLiteral("LD_DEBUG"), ldDebug);
    return loopscope::test::runCommand(program, args, env, workingDir, 120000);
}

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class TestInstall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void installsEveryFile_data();
    void installsEveryFile();
    void findsTheInstalledExamples();
    void checksAndRunsAnInstalledExample();
    void runsTheProcessPoolLessonThroughItsWorker();
    void aRunLoadsNoQtGuiAPictureIsDrawnByTheGui();
    void desktopFilesAgreeOnTheId();
    void validatorsAcceptTheDesktopFiles();

private:
    QString installed(const QString &relative) const { return m_prefix.filePath(relative); }
    QString binary() const { return installed(QStringLiteral("bin/loopscope")); }
    QString example(const QString &name) const
    {
        return installed(QStringLiteral("share/loopscope/examples/") + name);
    }

    QTemporaryDir m_prefix;
};

void TestInstall::initTestCase()
{
    QVERIFY(m_prefix.isValid());
    const CommandResult install
        = runProgram(QStringLiteral(LOOPSCOPE_CMAKE),
                     {QStringLiteral("--install"), QStringLiteral(LOOPSCOPE_BUILD_DIR),
                      QStringLiteral("--prefix"), m_prefix.path()});
    QVERIFY2(install.exitCode == 0, qPrintable(install.out + install.err));
}

void TestInstall::installsEveryFile_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files = {
        QStringLiteral("bin/loopscope"),
        QStringLiteral("bin/loopscope-gui"),
        QStringLiteral("share/loopscope/examples/14-semaphore.loop.json"),
        QStringLiteral("share/loopscope/examples/README.md"),
        QStringLiteral("share/loopscope/docs/user-guide.md"),
        QStringLiteral("share/loopscope/docs/scenario-format.md"),
        QStringLiteral("share/loopscope/docs/trace-format.md"),
        QStringLiteral("share/loopscope/docs/screenshot.png"),
        QStringLiteral("share/doc/loopscope/README.md"),
        QStringLiteral("share/applications/%1.desktop").arg(kAppId),
        QStringLiteral("share/metainfo/%1.metainfo.xml").arg(kAppId),
        QStringLiteral("share/mime/packages/%1.xml").arg(kAppId),
        QStringLiteral("share/icons/hicolor/scalable/apps/%1.svg").arg(kAppId),
        QStringLiteral("share/man/man1/loopscope.1"),
    };
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512})
        QTest::newRow(qPrintable(QStringLiteral("png %1").arg(size)))
            << QStringLiteral("share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(kAppId);
}

void TestInstall::installsEveryFile()
{
    QFETCH(QString, path);
    QVERIFY2(QFileInfo(installed(path)).isFile(), qPrintable(path));
    if (path.endsWith(QLatin1String(".png")) && path.contains(QLatin1String("hicolor"))) {
        const QString size = path.section(u'/', 3, 3); // "48x48"
        QImageReader reader(installed(path));
        QCOMPARE(QStringLiteral("%1x%2").arg(reader.size().width()).arg(reader.size().height()),
                 size);
    }
    if (path.startsWith(u"bin/"))
        QVERIFY(QFileInfo(installed(path)).isExecutable());
}

void TestInstall::findsTheInstalledExamples()
{
    const CommandResult result = runProgram(binary(), {QStringLiteral("examples")});
    QCOMPARE(result.exitCode, 0);
    const QString first = result.out.section(u'\n', 0, 0);
    QCOMPARE(first,
             QStringLiteral("Examples in %1 (open one with: loopscope FILE, or run it "
                            "with: loopscope run FILE)")
                 .arg(QDir(installed(QStringLiteral("share/loopscope/examples"))).canonicalPath()));
    QCOMPARE(result.out.count(QStringLiteral(".loop.json")), 25);
}

void TestInstall::checksAndRunsAnInstalledExample()
{
    const QString semaphore = example(QStringLiteral("14-semaphore.loop.json"));
    const CommandResult check = runProgram(binary(), {QStringLiteral("check"), semaphore});
    QCOMPARE(check.exitCode, 0);
    QCOMPARE(check.out, semaphore + QStringLiteral(": OK\n"));
    const CommandResult run
        = runProgram(binary(), {QStringLiteral("run"), semaphore, QStringLiteral("--quiet")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QString());
    QCOMPARE(run.err, QString());
    const CommandResult report = runProgram(binary(), {QStringLiteral("run"), semaphore});
    QCOMPARE(report.exitCode, 0);
    QVERIFY2(report.out.endsWith(QStringLiteral("outcome: completed at 3.000 s (virtual clock)\n")),
             qPrintable(report.out));
}

// On the live clock a process pool runs real `loopscope --worker` processes: the installed
// binary starts itself, so nothing else has to be installed for them.
void TestInstall::runsTheProcessPoolLessonThroughItsWorker()
{
    const CommandResult run = runProgram(
        binary(), {QStringLiteral("run"), example(QStringLiteral("06-process-pool.loop.json")),
                   QStringLiteral("--live"), QStringLiteral("--scale"), QStringLiteral("0.05")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(QStringLiteral("Process-1")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("outcome: completed at")), qPrintable(run.out));
}

// bin/loopscope runs on Qt Core alone, so that a run does not pay for loading Qt Gui and
// Widgets; a run that draws a picture is handed to bin/loopscope-gui, in the same process.
void TestInstall::aRunLoadsNoQtGuiAPictureIsDrawnByTheGui()
{
    const QString semaphore = example(QStringLiteral("14-semaphore.loop.json"));
    const QString files = QStringLiteral("files");
    const CommandResult run = runProgram(
        binary(), {QStringLiteral("run"), semaphore, QStringLiteral("--quiet")}, {}, files);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(QStringLiteral("file=libQt6Core.so.6")), qPrintable(run.err));
    QVERIFY2(!run.err.contains(QStringLiteral("libQt6Gui")), qPrintable(run.err));
    QVERIFY2(!run.err.contains(QStringLiteral("libQt6Widgets")), qPrintable(run.err));

    const QTemporaryDir out;
    const QString png = out.filePath(QStringLiteral("semaphore.png"));
    const CommandResult picture
        = runProgram(binary(),
                     {QStringLiteral("run"), semaphore, QStringLiteral("--quiet"),
                      QStringLiteral("--export"), png},
                     {}, files);
    QVERIFY2(picture.exitCode == 0, qPrintable(picture.err));
    QVERIFY2(picture.err.contains(QStringLiteral("file=libQt6Gui.so.6")), qPrintable(picture.err));
    QCOMPARE(QImageReader(png).format(), QByteArray("png"));
}

void TestInstall::desktopFilesAgreeOnTheId()
{
    const QString desktop
        = readText(installed(QStringLiteral("share/applications/%1.desktop").arg(kAppId)));
    QVERIFY(desktop.contains(QStringLiteral("\nIcon=%1\n").arg(kAppId)));
    QVERIFY(desktop.contains(QStringLiteral("\nExec=loopscope %f\n")));
    // The window opens both scenarios and traces (recorded or saved).
    QVERIFY(desktop.contains(QStringLiteral(
        "\nMimeType=application/x-loopscope-scenario;application/x-loopscope-trace;\n")));
    const QString mime
        = readText(installed(QStringLiteral("share/mime/packages/%1.xml").arg(kAppId)));
    QVERIFY(mime.contains(QStringLiteral("<mime-type type=\"application/x-loopscope-scenario\">")));
    QVERIFY(mime.contains(QStringLiteral("<glob pattern=\"*.loop.json\" weight=\"60\"/>")));
    QVERIFY(mime.contains(QStringLiteral("<mime-type type=\"application/x-loopscope-trace\">")));
    QVERIFY(mime.contains(QStringLiteral("<glob pattern=\"*.trace.json\" weight=\"60\"/>")));
    const QString metainfo
        = readText(installed(QStringLiteral("share/metainfo/%1.metainfo.xml").arg(kAppId)));
    QVERIFY(metainfo.contains(QStringLiteral("<id>%1</id>").arg(kAppId)));
    QVERIFY(metainfo.contains(
        QStringLiteral("<launchable type=\"desktop-id\">%1.desktop</launchable>").arg(kAppId)));
    // The newest release is this build's version, and so is the man page's.
    static const QRegularExpression release(QStringLiteral("<release version=\"([^\"]+)\""));
    QCOMPARE(release.match(metainfo).captured(1), QStringLiteral(LOOPSCOPE_VERSION));
    const QString man = readText(installed(QStringLiteral("share/man/man1/loopscope.1")));
    QVERIFY(man.contains(QStringLiteral("\"Loopscope %1\"").arg(LOOPSCOPE_VERSION)));
}

// desktop-file-utils and appstream are CI packages (.ci/package); without them only the
// agreement above is checked.
void TestInstall::validatorsAcceptTheDesktopFiles()
{
    const QString desktopValidate
        = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    const QString appstream = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
    if (desktopValidate.isEmpty() && appstream.isEmpty())
        QSKIP("neither desktop-file-validate nor appstreamcli is installed");
    if (!desktopValidate.isEmpty()) {
        const CommandResult result
            = runProgram(desktopValidate,
                         {installed(QStringLiteral("share/applications/%1.desktop").arg(kAppId))});
        QVERIFY2(result.exitCode == 0 && result.out.isEmpty(), qPrintable(result.out + result.err));
    }
    if (!appstream.isEmpty()) {
        const CommandResult result = runProgram(
            appstream, {QStringLiteral("validate"), QStringLiteral("--no-net"),
                        installed(QStringLiteral("share/metainfo/%1.metainfo.xml").arg(kAppId))});
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
    }
}

QTEST_GUILESS_MAIN(TestInstall)
#include "tst_install.moc"
