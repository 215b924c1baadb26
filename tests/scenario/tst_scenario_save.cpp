// Saving is atomic: a failed save leaves what was at the path byte for byte and says why,
// naming the path; a successful one replaces the file and leaves no temporary behind.
#include "scenario/scenario_json.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace loopscope;

namespace {

Scenario smallScenario()
{
    Scenario scenario;
    scenario.title = QStringLiteral("saved");
    Coroutine main;
    main.name = QStringLiteral("main");
    Step print;
    print.kind = StepKind::Print;
    print.id = QStringLiteral("s1");
    print.text = QStringLiteral("hello");
    main.steps.push_back(print);
    scenario.coroutines.push_back(main);
    return scenario;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// chmod does not stop root (tests often run as root in containers).
bool permissionsBind(const QString &readOnlyDir)
{
    QFile probe(readOnlyDir + QStringLiteral("/probe"));
    const bool created = probe.open(QIODevice::WriteOnly);
    if (created)
        probe.remove();
    return !created;
}

} // namespace

class TestScenarioSave : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savesAndReadsBack();
    void readOnlyDirectoryKeepsTheOldFile();
    void temporaryNameTooLongKeepsTheOldFile();
    void targetIsADirectory();
    void parentDoesNotExist();
};

void TestScenarioSave::savesAndReadsBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("a.loop.json"));
    QVERIFY(writeFile(path, "old content"));
    QString error;
    QVERIFY(saveScenarioFile(smallScenario(), path, &error));
    QCOMPARE(error, QString());
    QCOMPARE(readFile(path), writeScenario(smallScenario()));
    const ScenarioLoad load = readScenarioFile(path);
    QVERIFY(load.ok());
    QVERIFY(*load.scenario == smallScenario());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("a.loop.json")});
}

void TestScenarioSave::readOnlyDirectoryKeepsTheOldFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("a.loop.json"));
    const QByteArray old = "{\"old\": true}\n";
    QVERIFY(writeFile(path, old));
    QFile::Permissions all = QFile::permissions(dir.path());
    QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup
                                                  | QFile::ExeGroup | QFile::ReadOther
                                                  | QFile::ExeOther));
    const bool binds = permissionsBind(dir.path());
    QString error;
    const bool saved = binds ? saveScenarioFile(smallScenario(), path, &error) : false;
    QFile::setPermissions(dir.path(), all);
    if (!binds)
        QSKIP("running as root: a 0555 directory does not stop writes (see targetIsADirectory)");
    QVERIFY(!saved);
    QCOMPARE(readFile(path), old);
    QVERIFY2(error.startsWith(QStringLiteral("cannot save \"%1\": ").arg(path)), qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("a.loop.json")});
}

// Root-proof failure with an old file in place: a 250-character name is allowed, the
// temporary file beside it (the name plus a random suffix) passes the 255-byte limit.
void TestScenarioSave::temporaryNameTooLongKeepsTheOldFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path
        = dir.filePath(QString(240, QLatin1Char('a')) + QStringLiteral(".loop.json"));
    const QByteArray old = "{\"old\": true}\n";
    QVERIFY(writeFile(path, old));
    QString error;
    QVERIFY(!saveScenarioFile(smallScenario(), path, &error));
    QCOMPARE(readFile(path), old);
    QVERIFY2(error.startsWith(QStringLiteral("cannot save \"%1\": ").arg(path)), qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
}

// Root-proof failure: the path is a directory, whose contents must not change.
void TestScenarioSave::targetIsADirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("a.loop.json"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("a.loop.json")));
    const QString inside = path + QStringLiteral("/keep.txt");
    QVERIFY(writeFile(inside, "kept"));
    QString error;
    QVERIFY(!saveScenarioFile(smallScenario(), path, &error));
    QCOMPARE(error, QStringLiteral("cannot save \"%1\": Filename refers to a directory").arg(path));
    QVERIFY(QFileInfo(path).isDir());
    QCOMPARE(readFile(inside), QByteArray("kept"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
}

void TestScenarioSave::parentDoesNotExist()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing/a.loop.json"));
    QString error;
    QVERIFY(!saveScenarioFile(smallScenario(), path, &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot save \"%1\": ").arg(path)), qPrintable(error));
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(saveScenarioFile(smallScenario(), path, nullptr) == false); // no error out-param
}

QTEST_GUILESS_MAIN(TestScenarioSave)
#include "tst_scenario_save.moc"
