// loopscope: the GUI, or the command line (`loopscope run|check|examples ...`).
//
// Two executables are built from this file. loopscope-gui (Qt Widgets) does everything.
// loopscope (LOOPSCOPE_CORE_ONLY: Qt Core and core/ only) runs the command-line commands that
// need no QtGui itself, and hands the rest to loopscope-gui beside it with exec: a process that
// loads Qt Gui and Widgets spends milliseconds before main(), as much as a run of a hundred
// thousand task steps.
#include "commands.h"
#include "crash_handler.h"
#include "runtime/heap_reuse.h"

#ifdef LOOPSCOPE_CORE_ONLY
#include "export/export_formats.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>
#include <unistd.h>
#endif

#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

namespace {

const char *kUsage = R"(Usage:
  loopscope [FILE]                 open the GUI (the default example when no FILE); with
                                   no display, write FILE's timeline (a scenario, an asyncio
                                   program .py or a trace JSON) to loopscope-timeline.png
  loopscope run FILE [--live] [--scale S] [--trace OUT.json] [--export OUT.ext]... [--quiet]
                [--memory-budget SIZE]
                                   run a scenario (or import and run a .py) and print its
                                   prints, Gantt and outcome; the recording may take SIZE
                                   (512M, 8G; default 4G), past which the run stops
  loopscope record [--python PY] [--virtual] [--out TRACE.json] [--quiet] PROGRAM.py [ARGS...]
                                   run a real asyncio program under CPython, recording its
                                   tasks, and write its trace (default PROGRAM.trace.json;
                                   binary when OUT ends in .lstrace, for big runs)
  loopscope export TRACE OUT.ext [OUT.ext...] [--quiet]
                                   write a trace (.json or .lstrace, from record or run
                                   --trace) to each OUT: .svg .png .pdf .mmd .perfetto.json
                                   .perfetto-trace .json .lstrace
  loopscope import PROGRAM.py [-o OUT.loop.json] [--no-measure]
                                   import an asyncio program as a scenario (CPython's ast)
  loopscope check FILE...          validate scenario files (or import .py programs)
  loopscope compare FILE [FILE...] [--variant NAME]... [--export OUT.svg|png|pdf|mmd]
                                   run a scenario's variants (or several files) and print
                                   what differs and their Gantts on one time axis
  loopscope examples               list the bundled examples
  loopscope --help | --version

Exit status: 0 completed, 1 failed, 2 invalid input or usage, 3 deadlock, 4 stopped.
)";

#ifdef LOOPSCOPE_CORE_ONLY
// The GUI, `compare` (it may draw), `examples` (the gallery's folder search lives with the GUI),
// a run or an export that writes a picture, and any usage error are loopscope-gui's.
bool needsGui(const QStringList &args)
{
    static const char *const ownCommands[]
        = {"--help", "-h", "--version", "--worker", "run", "export", "check", "import", "record"};
    if (args.isEmpty()
        || std::none_of(std::begin(ownCommands), std::end(ownCommands), [&](const char *command) {
               return args.first() == QLatin1String(command);
           }))
        return true;
    return (args.first() == QLatin1String("run") || args.first() == QLatin1String("export"))
           && std::any_of(args.begin(), args.end(), [](const QString &arg) {
                  const std::optional<loopscope::ExportFormat> format
                      = loopscope::exportFormatOf(arg);
                  return format && loopscope::isImageFormat(*format);
              });
}

// Replaces this process by loopscope-gui, from the same folder, with the same arguments.
[[noreturn]] void handToGui(char **argv)
{
    char self[PATH_MAX];
    const ssize_t length = ::readlink("/proc/self/exe", self, sizeof self - 1);
    std::string gui = length > 0 ? std::string(self, std::size_t(length)) : std::string(argv[0]);
    gui = gui.substr(0, gui.find_last_of('/') + 1) + "loopscope-gui";
    ::execv(gui.c_str(), argv);
    std::fprintf(stderr, "loopscope: cannot start %s: %s\n", gui.c_str(), std::strerror(errno));
    std::_Exit(loopscope::app::ExitInvalid);
}
#endif

} // namespace

int main(int argc, char **argv)
{
    using namespace loopscope::app;
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
#ifdef LOOPSCOPE_CORE_ONLY
    if (needsGui(args))
        handToGui(argv);
#endif
    startCrashReporting(args);
    loopscope::rt::keepFreedHeapForReuse();

    if (!args.isEmpty()) {
        const QString first = args.first();
        if (first == QLatin1String("--help") || first == QLatin1String("-h")) {
            std::fputs(kUsage, stdout);
            return ExitCompleted;
        }
        if (first == QLatin1String("--version")) {
            std::printf("loopscope %s\n", LOOPSCOPE_VERSION);
            return ExitCompleted;
        }
        if (first == QLatin1String("--worker")) {
            QCoreApplication app(argc, argv);
            return workerCommand(args.mid(1));
        }
        if (first == QLatin1String("run"))
            return runCommand(argc, argv, args.mid(1));
        if (first == QLatin1String("export"))
            return exportCommand(argc, argv, args.mid(1));
        if (first == QLatin1String("record"))
            return recordCommand(argc, argv, args.mid(1));
        if (first == QLatin1String("check") || first == QLatin1String("import")) {
            QCoreApplication app(argc, argv);
            if (first == QLatin1String("check"))
                return checkCommand(args.mid(1));
            return importCommand(args.mid(1));
        }
#ifndef LOOPSCOPE_CORE_ONLY
        if (first == QLatin1String("compare"))
            return compareCommand(argc, argv, args.mid(1));
        if (first == QLatin1String("examples")) {
            QCoreApplication app(argc, argv);
            return examplesCommand(args.mid(1));
        }
#endif
        if (first.startsWith(QLatin1Char('-'))) {
            std::fprintf(stderr, "loopscope: unknown option %s\n%s", qPrintable(first), kUsage);
            return ExitInvalid;
        }
    }
    if (args.size() > 1) {
        std::fprintf(stderr, "loopscope: expected at most one FILE\n%s", kUsage);
        return ExitInvalid;
    }
#ifdef LOOPSCOPE_CORE_ONLY
    return ExitInvalid; // needsGui() sent every other command line to loopscope-gui
#else
    return guiCommand(argc, argv, args.value(0));
#endif
}

namespace loopscope::app {

int exitStatusFor(OutcomeStatus status)
{
    switch (status) {
    case OutcomeStatus::Completed:
        return ExitCompleted;
    case OutcomeStatus::Failed:
        return ExitFailed;
    case OutcomeStatus::Deadlock:
        return ExitDeadlock;
    case OutcomeStatus::Stopped:
        return ExitStopped;
    }
    return ExitFailed;
}

} // namespace loopscope::app
