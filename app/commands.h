// The loopscope executable's commands; main() picks one from the command line.
#pragma once

#include "trace/trace.h"

#include <QStringList>

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
// loopscope record [--python PY] [--virtual] [--out TRACE.json] PROGRAM.py [ARGS...]
int recordCommand(int argc, char **argv, const QStringList &args);
// The Gantt, diagnostics and outcome `loopscope run` prints after a run.
void printTraceReport(const Trace &trace);
int importCommand(const QStringList &args);   // loopscope import PROGRAM.py [-o OUT]
int examplesCommand(const QStringList &args); // loopscope examples
int workerCommand(const QStringList &args);   // loopscope --worker: a process-pool worker
int guiCommand(int argc, char **argv, const QString &file); // the window, or headless

} // namespace loopscope::app
