// loopscope record [--python PY] [--virtual] [--out TRACE.json|TRACE.lstrace] [--quiet] PROGRAM.py
// [ARGS...]: runs a real asyncio program under the recorder that ships with Loopscope (pure Python,
// python/loopscope_record, docs/recording.md), lets its output through, then reads the trace
// it wrote and prints the Gantt, diagnostics and outcome as `loopscope run` does.
#include "commands.h"

#include "record/recorder_launch.h"
#include "trace/trace_json.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <cstdio>

namespace loopscope::app {

namespace {

struct RecordArgs : RecorderOptions
{
    bool quiet = false;
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

// Runs the recorder with the terminal's stdin, stdout and stderr; its exit code, or -1.
int runRecorder(const RecordArgs &ra, const QString &dir, QString *error)
{
    QProcess python;
    prepareRecorder(python, ra, dir);
    python.setProcessChannelMode(QProcess::ForwardedChannels);
    python.setInputChannelMode(QProcess::ForwardedInputChannel);
    python.start();
    if (!python.waitForStarted(-1)) {
        *error
            = QStringLiteral("cannot start %1: %2").arg(recorderPython(ra), python.errorString());
        return -1;
    }
    python.waitForFinished(-1);
    if (python.exitStatus() != QProcess::NormalExit) {
        *error = QStringLiteral("%1 ended abnormally (%2)")
                     .arg(recorderPython(ra), python.errorString());
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
    if (!QFileInfo::exists(ra.out)) {
        std::fprintf(stderr, "loopscope record: the recorder wrote no trace %s (exit code %d)\n",
                     qPrintable(ra.out), code);
        return ExitFailed;
    }
    // JSON, or the binary trace when --out ends in .lstrace (the recorder chooses by the suffix).
    const std::optional<Trace> trace = readTraceFile(ra.out, &error);
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
