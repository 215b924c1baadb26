// `loopscope check FILE...` run for real: exit status and what it prints.
#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCheckCommand : public QObject
{
    Q_OBJECT

private:
    struct Result
    {
        int exitCode = -1;
        QString out, err;
    };
    static Result check(const QStringList &files)
    {
        QProcess process;
        process.start(QStringLiteral(LOOPSCOPE_BINARY),
                      QStringList{QStringLiteral("check")} + files);
        if (!process.waitForFinished(30000))
            return {};
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    QTemporaryDir m_dir;
    QString m_valid
        = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/scenario/data/every_op.loop.json");
    QString m_invalid;

private Q_SLOTS:
    void initTestCase();
    void validFile();
    void invalidFile();
    void validAndInvalid();
    void missingFile();
    void noFile();
    void mistypedKey();
    void everyLessonAndTestScenarioPasses();
};

void TestCheckCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_invalid = m_dir.filePath(QStringLiteral("bad.loop.json"));
    QFile file(m_invalid);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"loopscope-scenario\", \"version\": 1,\n"
               " \"coroutines\": [{\"name\": \"main\", \"steps\": [{\"op\": \"sleep\", "
               "\"seconds\": \"2s\"}]}]}\n");
}

void TestCheckCommand::validFile()
{
    const Result result = check({m_valid});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, m_valid + QStringLiteral(": OK\n"));
    QCOMPARE(result.err, QString());
}

void TestCheckCommand::invalidFile()
{
    const Result result = check({m_invalid});
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.err,
             m_invalid
                 + QString::fromUtf8(":2:71: coroutines[0].steps[0].seconds: expected a number ≥ 0 "
                                     "or \"$param\", got \"2s\"\n"));
}

void TestCheckCommand::validAndInvalid()
{
    const Result result = check({m_valid, m_invalid});
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.out, m_valid + QStringLiteral(": OK\n"));
    QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
}

void TestCheckCommand::missingFile()
{
    const QString missing = m_dir.filePath(QStringLiteral("nope.loop.json"));
    const Result result = check({missing});
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.err,
             missing + QStringLiteral(": cannot read the file: No such file or directory\n"));
}

void TestCheckCommand::noFile()
{
    const Result result = check({});
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.err, QStringLiteral("usage: loopscope check FILE...\n"));
}

// A typo in a step's key is refused with the key it most likely meant (issue 14: the gather's
// `return_exception` was silently ignored).
void TestCheckCommand::mistypedKey()
{
    const QString typo = m_dir.filePath(QStringLiteral("typo.loop.json"));
    QFile file(typo);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"loopscope-scenario\", \"version\": 1, \"coroutines\": [\n"
               " {\"name\": \"w\", \"steps\": []},\n"
               " {\"name\": \"main\", \"steps\": [{\"op\": \"gather\", \"items\": [{\"coro\": "
               "\"w\"}], \"return_exception\": true}]}]}\n");
    file.close();
    const Result result = check({typo});
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.err,
             typo
                 + QStringLiteral(":3:92: coroutines[1].steps[0].return_exception: "
                                  "unknown key; did you mean \"return_exceptions\"?\n"));
}

// The stricter checks (unknown keys, argument types) refuse none of the files the project
// ships or tests with.
void TestCheckCommand::everyLessonAndTestScenarioPasses()
{
    QStringList files;
    for (const char *dir : {"examples", "tests"}) {
        QDirIterator it(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/") + QLatin1String(dir),
                        {QStringLiteral("*.loop.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) // the importer's golden outputs too (defaults, print's end)
            files << it.next();
    }
    QVERIFY(files.size() >= 35);
    const Result result = check(files);
    QCOMPARE(result.err, QString());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.count(QStringLiteral(": OK\n")), files.size());
}

QTEST_GUILESS_MAIN(TestCheckCommand)
#include "tst_check_command.moc"
