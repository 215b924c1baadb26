// loopscope record [--python PY] [--virtual] [--out TRACE.json] [--quiet] PROGRAM.py [ARGS...]:
// runs a real asyncio program under the recorder that ships with Loopscope (pure Python,
// python/loopscope_record, docs/recording.md), lets its output through, then reads the trace
// it wrote and prints the Gantt, diagnostics and outcome as `loopscope run` does.
#include "commands.h"

#include "trace/trace_json.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <cstdio>

namespace loopscope::app {

namespace {

struct RecordArgs
{
    QString python;
    bool virtualClock = false;
    bool quiet = false;
    QString out;
    QStringList program; // PROGRAM.py and its arguments
};

// Options come before PROGRAM.py; everything after it is the program's own.
bool parseRecordArgs(const QStringList &args, RecordArgs *out, QString *error)
{
    int i = 0;
    for (; i < args.size() && args[i].startsWith(QLatin1Char('-')); ++i) {
        const QString &a = args[i];
        const bool takesValue = a == QLatin1String("--python") || a == QLatin1String("--out");
        if (takesValue && i + 1 >= args.size()) {
            *error = QStringLiteral("%1 needs a value").arg(a);
            return false;
        }
        if (a == QLatin1String("--python"))
            out->python = args[++i];
        else if (a == QLatin1String("--out"))
            out->out = args[++i];
        else if (a == QLatin1String("--virtual"))
            out->virtualClock = true;
        else if (a == QLatin1String("--quiet"))
            out->quiet = true;
        else if (a == QLatin1String("--")) {
            ++i;
            break;
        } else {
            *error = QStringLiteral("unknown option %1").arg(a);
            return false;
        }
    }
    out->program = args.mid(i);
    if (out->program.isEmpty()) {
        *error = QStringLiteral("expected a PROGRAM.py");
        return false;
    }
    if (out->out.isEmpty())
        out->out
            = QFileInfo(out->program.first()).completeBaseName() + QStringLiteral(".trace.json");
    return true;
}

bool holdsRecorder(const QString &dir)
{
    return QFileInfo::exists(dir + QStringLiteral("/loopscope_record/__main__.py"));
}

// The folder that holds loopscope_record: LOOPSCOPE_PYTHON_DIR, next to the executable (the
// build tree: CMake copies it there), or under the install prefix.
QString recorderDirectory()
{
    const QString appDir = QCoreApplication::applicationDirPath();
    QStringList dirs;
    if (!qEnvironmentVariableIsEmpty("LOOPSCOPE_PYTHON_DIR"))
        dirs << qEnvironmentVariable("LOOPSCOPE_PYTHON_DIR");
    dirs << appDir + QStringLiteral("/python")
         << appDir + QStringLiteral("/../share/loopscope/python");
    for (const QString &dir : dirs)
        if (holdsRecorder(dir))
            return QDir::cleanPath(dir);
    return {};
}

QString pythonFor(const RecordArgs &ra)
{
    if (!ra.python.isEmpty())
        return ra.python;
    if (!qEnvironmentVariableIsEmpty("LOOPSCOPE_PYTHON"))
        return qEnvironmentVariable("LOOPSCOPE_PYTHON");
    return QStringLiteral("python3");
}

// Runs the recorder with the terminal's stdin, stdout and stderr; its exit code, or -1.
int runRecorder(const RecordArgs &ra, const QString &dir, QString *error)
{
    QProcess python;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString path = env.value(QStringLiteral("PYTHONPATH"));
    env.insert(QStringLiteral("PYTHONPATH"),
               path.isEmpty() ? dir : dir + QDir::listSeparator() + path);
    python.setProcessEnvironment(env);
    python.setProcessChannelMode(QProcess::ForwardedChannels);
    python.setInputChannelMode(QProcess::ForwardedInputChannel);
    QStringList args{QStringLiteral("-m"), QStringLiteral("loopscope_record")};
    if (ra.virtualClock)
        args << QStringLiteral("--virtual");
    args << QStringLiteral("--out") << ra.out << QStringLiteral("--") << ra.program;
    python.start(pythonFor(ra), args);
    if (!python.waitForStarted(-1)) {
        *error = QStringLiteral("cannot start %1: %2").arg(pythonFor(ra), python.errorString());
        return -1;
    }
    python.waitForFinished(-1);
    if (python.exitStatus() != QProcess::NormalExit) {
        *error
            = QStringLiteral("%1 ended abnormally (%2)").arg(pythonFor(ra), python.errorString());
        return -1;
    }
    return python.exitCode();
}

} // namespace

int recordCommand(int argc, char **argv, const QStringList &args)
{
    QCoreApplication app(argc, argv);
    RecordArgs ra;
    QString error;
    if (!parseRecordArgs(args, &ra, &error)) {
        std::fprintf(stderr, "loopscope record: %s\n", qPrintable(error));
        return ExitInvalid;
    }
    if (!QFileInfo(ra.program.first()).isFile()) {
        std::fprintf(stderr, "loopscope record: %s: no such file\n",
                     qPrintable(ra.program.first()));
        return ExitInvalid;
    }
    const QString dir = recorderDirectory();
    if (dir.isEmpty()) {
        std::fprintf(stderr, "loopscope record: the recorder (loopscope_record) is not next to "
                             "the executable nor under share/loopscope/python; set "
                             "LOOPSCOPE_PYTHON_DIR\n");
        return ExitInvalid;
    }
    QFile::remove(ra.out); // a trace left from an earlier run must not pass for this one
    const int code = runRecorder(ra, dir, &error);
    if (code == ExitInvalid || code < 0) {
        if (code < 0)
            std::fprintf(stderr, "loopscope record: %s\n", qPrintable(error));
        return ExitInvalid;
    }
    QFile file(ra.out);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "loopscope record: the recorder wrote no trace %s (exit code %d)\n",
                     qPrintable(ra.out), code);
        return ExitFailed;
    }
    const std::optional<Trace> trace = readTraceJson(file.readAll(), &error);
    if (!trace) {
        std::fprintf(stderr, "loopscope record: %s: %s\n", qPrintable(ra.out), qPrintable(error));
        return ExitFailed;
    }
    if (!ra.quiet) {
        printTraceReport(*trace);
        std::printf("wrote %s\n", qPrintable(ra.out));
    }
    return exitStatusFor(trace->outcome.status);
}

} // namespace loopscope::app
