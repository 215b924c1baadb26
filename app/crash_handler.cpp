#include "crash_handler.h"

#include "scenario/recovery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <execinfo.h>
#include <fcntl.h>
#include <unistd.h>

namespace loopscope::app {

namespace {

// Everything the handler needs is prepared here beforehand: in the handler only
// async-signal-safe calls (open, write, close, backtrace_symbols_fd, sigaction, raise) are made.
constexpr std::size_t kPathMax = 4096;
char g_reportPath[kPathMax];
char g_scenarioPaths[2][kPathMax]; // the setter fills the one not in use, then flips g_scenario
std::atomic<int> g_scenario{-1};
alignas(16) char g_altStack[64 * 1024]; // a stack overflow (deep recursion) still gets a report

const int kSignals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};

const char *signalName(int sig)
{
    switch (sig) {
    case SIGSEGV:
        return "SIGSEGV";
    case SIGABRT:
        return "SIGABRT";
    case SIGBUS:
        return "SIGBUS";
    case SIGFPE:
        return "SIGFPE";
    case SIGILL:
        return "SIGILL";
    default:
        return "?";
    }
}

void put(int fd, const char *text)
{
    std::size_t left = std::strlen(text);
    while (left > 0) {
        const ssize_t n = ::write(fd, text, left);
        if (n <= 0)
            return;
        text += n;
        left -= std::size_t(n);
    }
}

void putNumber(int fd, long value)
{
    char digits[24];
    char *p = digits + sizeof digits - 1;
    *p = '\0';
    const bool negative = value < 0;
    unsigned long v
        = negative ? 0UL - static_cast<unsigned long>(value) : static_cast<unsigned long>(value);
    do {
        *--p = char('0' + v % 10);
        v /= 10;
    } while (v != 0);
    if (negative)
        *--p = '-';
    put(fd, p);
}

void writeReport(int sig)
{
    const int fd = ::open(g_reportPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    put(fd, "Loopscope crash report\nversion: " LOOPSCOPE_VERSION "\npid: ");
    putNumber(fd, long(::getpid()));
    put(fd, "\nsignal: ");
    putNumber(fd, sig);
    put(fd, " (");
    put(fd, signalName(sig));
    put(fd, ")\nscenario: ");
    const int current = g_scenario.load();
    put(fd, current >= 0 ? g_scenarioPaths[current] : "(none)");
    put(fd, "\nbacktrace:\n");
    void *frames[64];
    const int count = ::backtrace(frames, 64);
    ::backtrace_symbols_fd(frames, count, fd);
    ::close(fd);
}

void onFatalSignal(int sig)
{
    writeReport(sig);
    // SA_RESETHAND restored the default action: raising again ends the process by this signal.
    ::raise(sig);
}

} // namespace

void installCrashHandler()
{
    // The GUI's names, so that the command line and the window share one recovery folder.
    QCoreApplication::setOrganizationName(QStringLiteral("Loopscope"));
    QCoreApplication::setApplicationName(QStringLiteral("loopscope"));
    const QByteArray path = QFile::encodeName(QStringLiteral("%1/crash-%2.txt")
                                                  .arg(recoveryDirectory())
                                                  .arg(QCoreApplication::applicationPid()));
    std::strncpy(g_reportPath, path.constData(), kPathMax - 1);

    void *warmUp[1];
    ::backtrace(warmUp, 1); // loads libgcc now: its first call may allocate

    stack_t stack{};
    stack.ss_sp = g_altStack;
    stack.ss_size = sizeof g_altStack;
    ::sigaltstack(&stack, nullptr);

    struct sigaction action
    {
    };
    action.sa_handler = &onFatalSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_ONSTACK;
    for (int sig : kSignals)
        ::sigaction(sig, &action, nullptr);
}

void setCrashScenarioPath(const QString &path)
{
    const int next = g_scenario.load() == 0 ? 1 : 0;
    const QByteArray bytes = QFile::encodeName(QFileInfo(path).absoluteFilePath());
    std::strncpy(g_scenarioPaths[next], path.isEmpty() ? "(none)" : bytes.constData(),
                 kPathMax - 1);
    g_scenarioPaths[next][kPathMax - 1] = '\0';
    g_scenario.store(next);
}

QString takeUnannouncedCrashReport()
{
    QDir dir(recoveryDirectory());
    const QFileInfoList reports
        = dir.entryInfoList({QStringLiteral("crash-*.txt")}, QDir::Files, QDir::Time);
    QString newest;
    for (const QFileInfo &report : reports) {
        QFile marker(report.absoluteFilePath() + QStringLiteral(".announced"));
        if (marker.exists())
            continue;
        if (newest.isEmpty())
            newest = report.absoluteFilePath();
        marker.open(QIODevice::WriteOnly); // every older one counts as announced too
    }
    return newest;
}

void startCrashReporting(const QStringList &args)
{
    installCrashHandler();
    const QString first = args.value(0);
    if (first == QLatin1String("--worker"))
        return; // a pool's child process: its parent announces
    if (first == QLatin1String("run") || first == QLatin1String("check"))
        setCrashScenarioPath(args.value(1));
    else if (!first.isEmpty() && !first.startsWith(QLatin1Char('-')))
        setCrashScenarioPath(first);
    const QString last = takeUnannouncedCrashReport();
    if (!last.isEmpty())
        std::fprintf(stderr, "loopscope: the last run crashed; its report is %s\n",
                     qPrintable(last));
    if (qEnvironmentVariable("LOOPSCOPE_CRASH_TEST") == QLatin1String("1"))
        ::raise(SIGSEGV); // test-only trigger (tests/reliability/tst_crash_report)
}

} // namespace loopscope::app
