// `loopscope compare`: the real executable on example 10's variants, on two files, with
// --variant and --export, and its refusals.
#include <QFile>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include "support/command.h"

namespace {

using loopscope::test::CommandResult;

CommandResult compare(const QStringList &args)
{
    return loopscope::test::runLoopscope(QStringList{QStringLiteral("compare")} + args);
}

QString example(const char *name)
{
    return QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/") + QLatin1String(name);
}

} // namespace

class TestCompareCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void printsSummaryAndStackedGantts()
    {
        const CommandResult r = compare({example("10-loop-vs-taskgroup.loop.json")});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'));
        QCOMPARE(lines.value(0),
                 QString::fromUtf8("TaskGroup: 5.0 s, for loop: 25.0 s, 5.0× faster"));
        QCOMPARE(lines.indexOf(QStringLiteral("== for loop (25.0 s, completed)")), 4);
        QVERIFY(lines.contains(QStringLiteral("== TaskGroup (5.0 s, completed)")));
        // One axis: both Gantts end at 25 s.
        QCOMPARE(r.out.count(QRegularExpression(QStringLiteral("0 s +25 s\\n"))), 2);
    }

    void picksVariantsAndBase()
    {
        const CommandResult r = compare({example("10-loop-vs-taskgroup.loop.json"), "--variant",
                                         "base", "--variant", "TaskGroup"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.section(QLatin1Char('\n'), 0, 0),
                 QString::fromUtf8("TaskGroup: 5.0 s, base: 30.0 s, 6.0× faster"));
    }

    void comparesTwoFiles()
    {
        const CommandResult r
            = compare({example("01-sync-blocking.loop.json"), example("02-threads.loop.json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.section(QLatin1Char('\n'), 0, 0),
                 QString::fromUtf8("02-threads: 2.0 s, 01-sync-blocking: 6.0 s, 3.0× faster"));
    }

    void exportsStackedPictureAndMermaid()
    {
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("c.svg"));
        const QString mmd = dir.filePath(QStringLiteral("c.mmd"));
        const CommandResult r = compare(
            {example("10-loop-vs-taskgroup.loop.json"), "--export", svg, "--export", mmd});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.endsWith(QStringLiteral("wrote %1\nwrote %2\n").arg(svg, mmd)));
        QVERIFY(QSvgRenderer(svg).isValid());
        QFile file(mmd);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QCOMPARE(text.count(QStringLiteral("\ngantt\n")), 2);
        QVERIFY(text.contains(
            QString::fromUtf8("title A for loop of awaits vs a TaskGroup — TaskGroup\n")));
    }

    void refuses_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("error");
        QTest::newRow("no file") << QStringList{}
                                 << QStringLiteral("loopscope compare: expected a scenario FILE\n");
        QTest::newRow("unknown variant")
            << QStringList{example("10-loop-vs-taskgroup.loop.json"), "--variant", "while loop"}
            << QStringLiteral("loopscope compare: %1 has no variant \"while loop\"\n")
                   .arg(example("10-loop-vs-taskgroup.loop.json"));
        QTest::newRow("unknown export")
            << QStringList{example("10-loop-vs-taskgroup.loop.json"), "--export", "x.gif"}
            << QStringLiteral(
                   "loopscope compare: --export x.gif: unknown format (expected .svg, .png, .pdf "
                   "or .mmd)\n");
        // A format the table has, but not for a comparison.
        QTest::newRow("run-only export")
            << QStringList{example("10-loop-vs-taskgroup.loop.json"), "--export", "x.perfetto.json"}
            << QStringLiteral("loopscope compare: --export x.perfetto.json: unknown format "
                              "(expected .svg, .png, .pdf or .mmd)\n");
    }
    void refuses()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        const CommandResult r = compare(args);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, error);
    }
};

QTEST_GUILESS_MAIN(TestCompareCommand)
#include "tst_compare_command.moc"
