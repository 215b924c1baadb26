// The bundled examples run on the runtime (virtual clock) exactly as CPython ran their Python
// programs: same outcome, same duration, the same prints from the same lanes in the same order,
// and the same Python warnings.
// The expected files (expected/NN-name.txt) were recorded from CPython by tests/fidelity/.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace/trace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTest>

using namespace loopscope;

namespace {

const QString kExamplesDir = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples");
const QString kExpectedDir = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/examples/expected");
constexpr int kExampleCount = 25;

// One fact a line: `outcome X`, `duration S`, `error Type` (failed runs), `print T LANE TEXT`,
// `warning T LANE Category: message` (what CPython's warnings module printed).
struct ExpectedRun
{
    QString outcome;
    double duration = -1.0;
    QString error;
    QStringList prints;   // "T LANE TEXT", T with 6 decimals
    QStringList warnings; // the same form
};

QString printLine(double t, const QString &lane, const QString &text)
{
    return QString::number(t, 'f', 6) + u' ' + lane + u' ' + text;
}

std::optional<ExpectedRun> readExpected(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return std::nullopt;
    ExpectedRun run;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QString key = line.section(u' ', 0, 0);
        const QString rest = line.section(u' ', 1);
        if (key == u"outcome")
            run.outcome = rest;
        else if (key == u"duration")
            run.duration = rest.toDouble();
        else if (key == u"error")
            run.error = rest;
        else if (key == u"print" || key == u"warning")
            (key == u"print" ? run.prints : run.warnings)
                << printLine(rest.section(u' ', 0, 0).toDouble(), rest.section(u' ', 1, 1),
                             rest.section(u' ', 2));
    }
    return run;
}

QStringList tracePrints(const Trace &trace)
{
    QStringList prints;
    for (const TraceEvent &event : trace.events) {
        if (event.kind != EventKind::Print)
            continue;
        const QString lane = event.lane >= 0 ? trace.lanes[size_t(event.lane)].name : QString();
        prints << printLine(event.t, lane, event.text);
    }
    return prints;
}

// The diagnostics CPython reports through its warnings module: a coroutine never awaited. The
// others are asyncio's log messages (some only in debug mode), which expected files do not hold.
QStringList tracePythonWarnings(const Trace &trace)
{
    QStringList warnings;
    for (const Diagnostic &d : trace.diagnostics) {
        if (d.code != u"never-awaited")
            continue;
        const QString lane = d.lane >= 0 ? trace.lanes[size_t(d.lane)].name : QString();
        warnings << printLine(d.t, lane, d.message);
    }
    return warnings;
}

QStringList exampleFiles()
{
    return QDir(kExamplesDir).entryList({QStringLiteral("*.loop.json")}, QDir::Files, QDir::Name);
}

Scenario loadExample(const QString &fileName)
{
    const ScenarioLoad load = readScenarioFile(kExamplesDir + u'/' + fileName);
    QStringList problems;
    for (const ScenarioProblem &problem : load.problems)
        problems << problem.toString();
    if (!load.ok())
        qWarning("%s", qPrintable(problems.join(u'\n')));
    return load.scenario.value_or(Scenario{});
}

} // namespace

class TestExamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyLessonHasOneExample();
    void runsLikeCPython_data();
    void runsLikeCPython();
    void isDocumented_data();
    void isDocumented();
};

void TestExamples::everyLessonHasOneExample()
{
    const QStringList files = exampleFiles();
    QCOMPARE(files.size(), kExampleCount);
    for (int i = 0; i < kExampleCount; ++i)
        QVERIFY2(files[i].startsWith(QStringLiteral("%1-").arg(i + 1, 2, 10, QChar(u'0'))),
                 qPrintable(files[i]));
}

static void addExampleRows()
{
    QTest::addColumn<QString>("fileName");
    for (const QString &fileName : exampleFiles())
        QTest::newRow(qPrintable(fileName.section(u'.', 0, 0))) << fileName;
}

void TestExamples::runsLikeCPython_data()
{
    addExampleRows();
}

void TestExamples::runsLikeCPython()
{
    QFETCH(QString, fileName);
    const ScenarioLoad load = readScenarioFile(kExamplesDir + u'/' + fileName);
    QVERIFY2(load.ok(),
             qPrintable(load.problems.empty() ? QString() : load.problems.front().toString()));
    const auto expected
        = readExpected(kExpectedDir + u'/' + fileName.section(u'.', 0, 0) + QStringLiteral(".txt"));
    QVERIFY2(expected, "no expected file");

    RunOptions options;
    options.clock = ClockMode::Virtual;
    const Trace trace = runScenario(*load.scenario, options);

    QCOMPARE(outcomeName(trace.outcome.status), expected->outcome);
    if (!expected->error.isEmpty())
        QVERIFY2(trace.outcome.error.startsWith(expected->error), qPrintable(trace.outcome.error));
    QCOMPARE(QString::number(trace.duration, 'f', 6), QString::number(expected->duration, 'f', 6));
    QCOMPARE(tracePrints(trace), expected->prints);
    QCOMPARE(tracePythonWarnings(trace), expected->warnings);
}

void TestExamples::isDocumented_data()
{
    addExampleRows();
}

// What the GUI and `loopscope examples` show: a title, notes whose first sentence summarises
// the lesson, and a card position for every coroutine.
void TestExamples::isDocumented()
{
    QFETCH(QString, fileName);
    const Scenario scenario = loadExample(fileName);
    QVERIFY(!scenario.title.isEmpty());
    QVERIFY(scenario.notes.contains(QStringLiteral("**What to notice.**")));
    QVERIFY(scenario.notes.contains(QStringLiteral("**The Python.**")));
    QVERIFY(scenario.notes.contains(QStringLiteral("**The common mistake.**")));
    const QJsonObject cards = scenario.layout.value(QStringLiteral("cards")).toObject();
    for (const Coroutine &coroutine : scenario.coroutines)
        QVERIFY2(cards.contains(coroutine.name), qPrintable(coroutine.name));
    QCOMPARE(cards.size(), qsizetype(scenario.coroutines.size()));
}

QTEST_GUILESS_MAIN(TestExamples)
#include "tst_examples.moc"
