// Crash reports: on SIGSEGV, SIGABRT, SIGBUS, SIGFPE or SIGILL, a short text (version, scenario,
// signal, backtrace) goes to recoveryDirectory()/crash-<pid>.txt, then the signal is raised
// again so that the process still dies the way it would have. The next start says where the
// report is, once.
#pragma once

#include <QString>
#include <QStringList>

namespace loopscope::app {

// Installs the handlers. Call once, early in main(); safe to call before any QCoreApplication.
void installCrashHandler();

// The scenario file the report names (empty: none). Any thread, any time.
void setCrashScenarioPath(const QString &path);

// The newest crash report not announced yet, marked as announced (empty when there is none).
QString takeUnannouncedCrashReport();

// What main() calls first: installs the handlers, names the scenario of `run FILE`, `check FILE`
// or the GUI's FILE, prints on stderr where the last crash report is (not for `--worker`), and,
// for tests only, raises SIGSEGV when LOOPSCOPE_CRASH_TEST=1 is in the environment.
void startCrashReporting(const QStringList &args);

} // namespace loopscope::app
