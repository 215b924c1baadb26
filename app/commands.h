// The loopscope executable's commands; main() picks one from the command line.
#pragma once

#include "scenario/scenario.h"
#include "trace/trace.h"

#include <QStringList>

#include <memory>

class QCoreApplication;

namespace loopscope::app {

// Exit statuses of the design README.
enum ExitStatus : int {
    ExitCompleted = 0,
    ExitFailed = 1,
    ExitInvalid = 2,
    ExitDeadlock = 3,
    ExitStopped = 4,
};

// The exit status of a run that ended with `status`.
int exitStatusFor(OutcomeStatus status);

int checkCommand(const QStringList &args);                      // loopscope check FILE...
int runCommand(int argc, char **argv, const QStringList &args); // loopscope run FILE ...
// loopscope compare FILE [FILE...] [--variant NAME...] [--export OUT]
int compareCommand(int argc, char **argv, const QStringList &args);
// loopscope export TRACE OUT.ext [OUT.ext...]: a trace file written to the export table's formats
int exportCommand(int argc, char **argv, const QStringList &args);
// loopscope record [--python PY] [--virtual] [--out TRACE.json] PROGRAM.py [ARGS...]
int recordCommand(int argc, char **argv, const QStringList &args);
// The Gantt, diagnostics and outcome `loopscope run` prints after a run.
void printTraceReport(const Trace &trace);
int importCommand(const QStringList &args);   // loopscope import PROGRAM.py [-o OUT]
int examplesCommand(const QStringList &args); // loopscope examples
int workerCommand(const QStringList &args);   // loopscope --worker: a process-pool worker
int guiCommand(int argc, char **argv, const QString &file); // the window, or headless
// Before a QGuiApplication on the offscreen (or minimal) platform: names Qt's fallback runtime
// folder when XDG_RUNTIME_DIR is unset, so that Qt does not warn about it on stderr.
void quietHeadlessRuntimeDir();
// The same before the window's QApplication, whatever the platform.
void quietRuntimeDir();

// What `loopscope run` writes, which differs between the two executables (main.cpp): in
// loopscope-gui a picture is drawn (QtGui); the Core-only loopscope writes text and hands any
// run that draws a picture to loopscope-gui before it gets here (needsGui).
// The application of a run that writes the files `written` (a QGuiApplication for a picture).
std::unique_ptr<QCoreApplication> runApplication(int &argc, char **argv,
                                                 const QStringList &written);
// Writes the export or trace `path` of a run; false with *error naming the file.
bool writeRunFile(const QString &path, const Scenario &scenario, const Trace &trace,
                  QString *error);

} // namespace loopscope::app
