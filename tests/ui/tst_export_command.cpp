// `loopscope export TRACE OUT.ext...`: the real executable writes a trace already on disk to every
// format of the export table, byte for byte as `run --export` wrote the same run, from a JSON
// trace and from a binary one, recorded or saved; it refuses what a trace cannot give with the
// file and what was expected.
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "support/command.h"

namespace {

using loopscope::test::CommandResult;
using loopscope::test::runLoopscope;

const char kUsage[] = "usage: loopscope export TRACE OUT.ext [OUT.ext...] [--quiet]\n";

const char kProgram[] = R"(import asyncio

async def worker(n):
    await asyncio.sleep(n)
    print(f"worker {n} done")

async def main():
    await asyncio.gather(worker(1), worker(2))

asyncio.run(main())
)";

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// The text formats a trace exports to (the table less pictures and .py).
const QStringList kTextSuffixes{".mmd", ".perfetto.json", ".perfetto-trace", ".json", ".lstrace"};

} // namespace

class TestExportCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void textMatchesRunExport_data();
    void textMatchesRunExport();
    void binaryTraceFromJsonReadsBackTheSame();
    void recordedTraceExportsAlikeFromJsonAndBinary();
    void picturesMatchRunExport();
    void refusals_data();
    void refusals();
    void helpListsIt();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
};

// One run of a scenario (its notes taken out, so that its pictures are the trace's alone)
// exported by `run --export` to every format, and saved as a JSON and a binary trace.
void TestExportCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QJsonObject scenario
        = QJsonDocument::fromJson(
              contents(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json")))
              .object();
    QVERIFY(scenario.contains(QStringLiteral("notes")));
    scenario.remove(QStringLiteral("notes"));
    QVERIFY(writeFile(path("s.loop.json"), QJsonDocument(scenario).toJson()));
    QStringList args{"run", path("s.loop.json"), "--virtual", "--quiet"};
    for (const QString &suffix : kTextSuffixes + QStringList{".png", ".svg"})
        args << "--export" << path("run" + suffix);
    args << "--export" << path("saved.json") << "--export" << path("saved.lstrace");
    const CommandResult r = runLoopscope(args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
}

void TestExportCommand::textMatchesRunExport_data()
{
    QTest::addColumn<QString>("trace");
    QTest::addColumn<QString>("suffix");
    for (const char *trace : {"saved.json", "saved.lstrace"})
        for (const QString &suffix : kTextSuffixes)
            if (!(QLatin1String(trace) == QLatin1String("saved.json") && suffix == ".lstrace"))
                QTest::addRow("%s to %s", trace, qPrintable(suffix)) << trace << suffix;
}

void TestExportCommand::textMatchesRunExport()
{
    QFETCH(QString, trace);
    QFETCH(QString, suffix);
    const QString out = path("from-" + trace + suffix);
    const CommandResult r = runLoopscope({"export", path(trace), out});
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QStringLiteral("wrote %1\n").arg(out));
    const QByteArray exported = contents(out);
    QVERIFY(!exported.isEmpty());
    QCOMPARE(exported, contents(path("run" + suffix)));
}

// A binary trace numbers its strings as the trace interned them, which differs between a run
// and a trace read from JSON: the bytes differ, the trace they hold does not.
void TestExportCommand::binaryTraceFromJsonReadsBackTheSame()
{
    const QString binary = path("json-to.lstrace");
    const QString back = path("json-to-lstrace-to.json");
    QCOMPARE(runLoopscope({"export", path("saved.json"), binary, "--quiet"}).exitCode, 0);
    QCOMPARE(contents(binary).left(8), QByteArray("LSTRACE\0", 8));
    const CommandResult r = runLoopscope({"export", binary, back, "--quiet"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QString());
    QCOMPARE(contents(back), contents(path("saved.json")));
}

// A trace `loopscope record` wrote (under CPython, on its virtual clock): every text format is
// the same from its JSON and from the binary trace exported from it.
void TestExportCommand::recordedTraceExportsAlikeFromJsonAndBinary()
{
    QVERIFY(writeFile(path("workers.py"), kProgram));
    const QString recorded = path("workers.trace.json");
    CommandResult r
        = runLoopscope({"record", "--virtual", "--quiet", "--out", recorded, path("workers.py")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString binary = path("workers.lstrace");
    QCOMPARE(runLoopscope({"export", recorded, binary, "--quiet"}).exitCode, 0);
    for (const QString &suffix : kTextSuffixes) {
        const QString fromJson = path("rec-json" + suffix);
        const QString fromBinary = path("rec-bin" + suffix);
        r = runLoopscope({"export", recorded, fromJson, "--quiet"});
        QCOMPARE(r.exitCode, 0);
        r = runLoopscope({"export", binary, fromBinary, "--quiet"});
        QCOMPARE(r.exitCode, 0);
        if (suffix != ".lstrace") // see binaryTraceFromJsonReadsBackTheSame
            QCOMPARE(contents(fromBinary), contents(fromJson));
    }
    const QByteArray mermaid = contents(path("rec-json.mmd"));
    QVERIFY2(mermaid.contains("worker-1") && mermaid.contains("worker-2"), mermaid.constData());
    QCOMPARE(QJsonDocument::fromJson(contents(path("rec-json.json"))).object().value("clock"),
             QJsonValue(QStringLiteral("cpython-virtual")));
}

// Pictures are drawn by loopscope-gui, handed the command line as `run --export x.png` is.
void TestExportCommand::picturesMatchRunExport()
{
    const QString png = path("from-saved.png");
    const QString svg = path("from-saved.svg");
    const CommandResult r = runLoopscope({"export", path("saved.lstrace"), png, svg});
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QStringLiteral("wrote %1\nwrote %2\n").arg(png, svg));
    const QImage image(png);
    QCOMPARE(image.size(), QImage(path("run.png")).size());
    QCOMPARE(image.size(), QSize(2400, 520));
    QCOMPARE(contents(png), contents(path("run.png")));
    QCOMPARE(contents(svg), contents(path("run.svg")));
}

void TestExportCommand::refusals_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("err"); // %1: the test's folder
    QTest::newRow("python") << QStringList{"export", "%1/saved.json", "%1/x.mmd", "%1/x.py"}
                            << "loopscope export: %1/x.py: a Python program is made from a "
                               "scenario, and a trace has none; export it from the scenario: "
                               "loopscope run SCENARIO --export %1/x.py\n"
                                   + QString::fromLatin1(kUsage);
    QTest::newRow("unknown suffix")
        << QStringList{"export", "%1/saved.json", "%1/x.gif"}
        << "loopscope export: %1/x.gif: unknown format (expected .svg, .png, .pdf, .mmd, "
           ".perfetto.json, .perfetto-trace, .json or .lstrace)\n"
               + QString::fromLatin1(kUsage);
    QTest::newRow("missing") << QStringList{"export", "%1/none.json", "%1/x.mmd"}
                             << "loopscope export: %1/none.json: cannot read: No such file or "
                                "directory\n";
    QTest::newRow("scenario")
        << QStringList{"export", "%1/s.loop.json", "%1/x.mmd"}
        << "loopscope export: %1/s.loop.json: not a trace (expected a Loopscope trace: JSON "
           "with \"format\": \"loopscope-trace\", or a binary .lstrace); a scenario is exported "
           "with loopscope run FILE --export OUT\n";
    QTest::newRow("bad trace") << QStringList{"export", "%1/bad.json", "%1/x.mmd"}
                               << "loopscope export: %1/bad.json: $.version: expected 1, got "
                                  "nothing\n";
    QTest::newRow("cut binary")
        << QStringList{"export", "%1/cut.lstrace", "%1/x.svg"}
        << "loopscope export: %1/cut.lstrace: byte 35: duration: the file ends too "
           "early (truncated?)\n";
    QTest::newRow("no out") << QStringList{"export", "%1/saved.json"}
                            << "loopscope export: expected an OUT file after the TRACE\n"
                                   + QString::fromLatin1(kUsage);
    QTest::newRow("nothing") << QStringList{"export"}
                             << "loopscope export: expected a TRACE file and an OUT file\n"
                                    + QString::fromLatin1(kUsage);
    QTest::newRow("option") << QStringList{"export", "%1/saved.json", "--png", "%1/x.mmd"}
                            << "loopscope export: unknown option --png\n"
                                   + QString::fromLatin1(kUsage);
}

void TestExportCommand::refusals()
{
    QFETCH(QStringList, args);
    QFETCH(QString, err);
    QVERIFY(writeFile(path("bad.json"), R"({"format": "loopscope-trace"})"));
    QVERIFY(writeFile(path("cut.lstrace"), contents(path("saved.lstrace")).left(40)));
    for (QString &arg : args)
        arg.replace(QLatin1String("%1"), m_dir.path());
    err.replace(QLatin1String("%1"), m_dir.path());
    const CommandResult r = runLoopscope(args);
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.out, QString());
    QCOMPARE(r.err, err);
    QVERIFY(!QFile::exists(path("x.mmd")));
    QVERIFY(!QFile::exists(path("x.svg")));
}

void TestExportCommand::helpListsIt()
{
    const CommandResult r = runLoopscope({"--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(QLatin1String("  loopscope export TRACE OUT.ext [OUT.ext...] [--quiet]\n"
                                         "                                   write a trace (.json "
                                         "or .lstrace, from record or run\n")));
}

QTEST_GUILESS_MAIN(TestExportCommand)
#include "tst_export_command.moc"
