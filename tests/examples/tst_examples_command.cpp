// `loopscope examples`: the real executable lists every bundled example with its title and
// the first sentence of its notes.
#include <QDir>
#include <QProcessEnvironment>
#include <QTest>

#include "support/command.h"

namespace {

using loopscope::test::CommandResult;
using loopscope::test::runLoopscope;

} // namespace

class TestExamplesCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsEveryExample();
    void fallsBackPastAnEmptyOverride();
    void refusesArguments();
};

void TestExamplesCommand::listsEveryExample()
{
    const CommandResult result
        = runLoopscope({QStringLiteral("examples")}, QProcessEnvironment::systemEnvironment());
    QCOMPARE(result.exitCode, 0);
    const QStringList files = QDir(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples"))
                                  .entryList({QStringLiteral("*.loop.json")}, QDir::Files);
    QCOMPARE(files.size(), 25);
    for (const QString &file : files)
        QVERIFY2(result.out.contains(file), qPrintable(file));
    QVERIFY(result.out.contains(QStringLiteral("14  14-semaphore.loop.json")));
    QVERIFY(result.out.contains(QStringLiteral("Semaphore: two at a time\n    A semaphore of 2 "
                                               "lets only two of five tasks use the resource at "
                                               "once, so five 1 s accesses take 3 s.\n")));
    QCOMPARE(result.out.count(QStringLiteral("(invalid")), 0);
}

void TestExamplesCommand::fallsBackPastAnEmptyOverride()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString empty = QDir::tempPath() + QStringLiteral("/loopscope-no-examples-here");
    QDir().mkpath(empty);
    env.insert(QStringLiteral("LOOPSCOPE_EXAMPLES_DIR"), empty);
    const CommandResult result = runLoopscope({QStringLiteral("examples")}, env);
    // The source tree is still found after the empty override: the override only comes first.
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains(QStringLiteral("01-sync-blocking.loop.json")));
}

void TestExamplesCommand::refusesArguments()
{
    const CommandResult result = runLoopscope({QStringLiteral("examples"), QStringLiteral("x")},
                                              QProcessEnvironment::systemEnvironment());
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains(QStringLiteral("usage: loopscope examples")));
}

QTEST_GUILESS_MAIN(TestExamplesCommand)
#include "tst_examples_command.moc"
