#include "record/python_import.h"

#include "record/python_import_job.h"
#include "record/recorder_launch.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

namespace loopscope {

namespace {

ScenarioLoad refused(const QString &file, const QString &message)
{
    ScenarioLoad load;
    load.problems.push_back(ScenarioProblem{file, 0, 0, {}, message});
    return load;
}

// One stderr line of the importer, "FILE:LINE:COL: message", as a problem at that place.
ScenarioProblem problemOf(const QString &line, const QString &file)
{
    static const QRegularExpression where(QStringLiteral("^(.*):(\\d+):(\\d+): (.*)$"));
    const auto m = where.match(line);
    if (!m.hasMatch())
        return ScenarioProblem{file, 0, 0, {}, line};
    return ScenarioProblem{
        m.captured(1), m.captured(2).toInt(), m.captured(3).toInt(), {}, m.captured(4)};
}

// A problem the scenario reader found in what the importer wrote is placed at the JSON's line;
// the importer wrote a step a line and said where each step came from (`--lines`): the problem
// moves to the statement of the step on that line, or loses a place it does not have in the .py.
void placeInProgram(ScenarioProblem &problem, const QByteArray &json, const QString &err)
{
    static const QRegularExpression linesOf(QStringLiteral("^loopscope-import-lines: (.*)$"),
                                            QRegularExpression::MultilineOption);
    static const QRegularExpression idOf(QStringLiteral("\"id\": \"([^\"]+)\""));
    const QList<QByteArray> jsonLines = json.split('\n');
    const int at = problem.line - 1;
    const auto id = at >= 0 && at < jsonLines.size() ? idOf.match(QString::fromUtf8(jsonLines[at]))
                                                     : QRegularExpressionMatch();
    problem.line = problem.column = 0;
    if (!id.hasMatch())
        return;
    const QString place = id.captured(1) + QLatin1Char('=');
    for (const QString &entry : linesOf.match(err).captured(1).split(QLatin1Char(' ')))
        if (entry.startsWith(place)) {
            const QStringList lineCol = entry.mid(place.size()).split(QLatin1Char(':'));
            problem.line = lineCol.value(0).toInt();
            problem.column = lineCol.value(1).toInt();
        }
}

} // namespace

QString prepareImporter(QProcess &process, const QStringList &input,
                        const PythonImportOptions &options)
{
    const QString dir = recorderDirectory();
    if (dir.isEmpty())
        return QStringLiteral("cannot import Python: the importer (python/loopscope_import) is "
                              "not installed beside loopscope; set LOOPSCOPE_PYTHON_DIR");
    RecorderOptions launch;
    launch.python = options.python;
    prepareRecorder(process, launch, dir); // the environment: the helpers' folder on PYTHONPATH
    QStringList args{QStringLiteral("-m"), QStringLiteral("loopscope_import")};
    args << input << QStringLiteral("-o") << QStringLiteral("-") << QStringLiteral("--lines");
    if (!options.measure)
        args << QStringLiteral("--no-measure");
    process.setArguments(args);
    return {};
}

ScenarioLoad importerResult(QProcess &process, const QString &label)
{
    const QByteArray out = process.readAllStandardOutput();
    const QString err = QString::fromUtf8(process.readAllStandardError()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        ScenarioLoad load;
        for (const QString &line : err.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            load.problems.push_back(problemOf(line, label));
        if (load.problems.empty())
            load.problems.push_back(ScenarioProblem{
                label,
                0,
                0,
                {},
                QStringLiteral("cannot import Python: the importer ended with status %1")
                    .arg(process.exitCode())});
        return load;
    }
    ScenarioLoad load = readScenario(out, label);
    for (ScenarioProblem &p :
         load.problems) { // what the importer wrote and this version cannot read
        placeInProgram(p, out, err);
        p.message = QStringLiteral("the imported scenario is refused: ") + p.message;
        if (p.message.contains(QLatin1String(" is not defined"))) // a module the program imports
            p.message += QStringLiteral("; a scenario's expressions know the modules time, "
                                        "random, datetime and asyncio and the builtins "
                                        "scenario-format.md lists");
    }
    return load;
}

namespace {

ScenarioLoad runImporter(const QStringList &input, const QByteArray &source, const QString &label,
                         const PythonImportOptions &options)
{
    QProcess process;
    if (const QString error = prepareImporter(process, input, options); !error.isEmpty())
        return refused(label, error);
    process.start();
    if (!process.waitForStarted())
        return refused(label, QStringLiteral("cannot import Python: %1 did not start (%2)")
                                  .arg(process.program(), process.errorString()));
    process.write(source);
    process.closeWriteChannel();
    if (!process.waitForFinished(options.timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return refused(label, QStringLiteral("cannot import Python: the importer took more than "
                                             "%1 s")
                                  .arg(options.timeoutMs / 1000));
    }
    return importerResult(process, label);
}

} // namespace

bool isPythonProgramPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("py") || suffix == QLatin1String("pyw");
}

ScenarioLoad importPythonFile(const QString &path, const PythonImportOptions &options)
{
    if (!QFileInfo(path).isFile())
        return refused(path, QStringLiteral("no such file"));
    return runImporter({path}, {}, path, options);
}

ScenarioLoad importPythonSource(const QByteArray &source, const QString &label,
                                const PythonImportOptions &options)
{
    return runImporter({QStringLiteral("-"), QStringLiteral("--name"), label}, source, label,
                       options);
}

ScenarioLoad readScenarioOrProgram(const QString &path, const PythonImportOptions &options)
{
    return isPythonProgramPath(path) ? importPythonFile(path, options) : readScenarioFile(path);
}

} // namespace loopscope
