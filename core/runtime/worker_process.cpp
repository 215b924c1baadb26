#include "worker_process.h"

#include "live_clock.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

namespace loopscope::rt {

WorkerProcess::WorkerProcess(QString program, const std::atomic<bool> &stop)
    : m_program(std::move(program))
    , m_stop(stop)
{}

WorkerProcess::~WorkerProcess()
{
    if (m_toWorker >= 0)
        ::close(m_toWorker);
    if (m_fromWorker >= 0)
        ::close(m_fromWorker);
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
    }
}

bool WorkerProcess::start()
{
    int in[2];
    int out[2];
    if (::pipe2(in, O_CLOEXEC) != 0)
        return false;
    if (::pipe2(out, O_CLOEXEC) != 0) {
        ::close(in[0]);
        ::close(in[1]);
        return false;
    }
    // A worker that dies makes the next write fail with EPIPE, not kill us with SIGPIPE: the
    // signal is blocked on this thread (the one that drives the worker), not in the child.
    sigset_t pipeSignal;
    sigemptyset(&pipeSignal);
    sigaddset(&pipeSignal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipeSignal, nullptr);
    const QByteArray program = m_program.toLocal8Bit();
    char workerFlag[] = "--worker";
    char *argv[] = {const_cast<char *>(program.constData()), workerFlag, nullptr};
    m_pid = ::fork();
    if (m_pid == 0) {
        // Child: only async-signal-safe calls until exec.
        ::sigprocmask(SIG_UNBLOCK, &pipeSignal, nullptr);
        ::dup2(in[0], STDIN_FILENO);
        ::dup2(out[1], STDOUT_FILENO);
        ::execv(argv[0], argv);
        ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    m_toWorker = in[1];
    m_fromWorker = out[0];
    if (m_pid < 0)
        return false;
    return expect("ready");
}

bool WorkerProcess::runUntil(bool cpu, double end, LiveClock &clock)
{
    while (true) {
        if (!send(cpu ? "cpu\n" : "io\n"))
            return false;
        switch (clock.sleepUntil(end)) {
        case LiveClock::Wake::Reached:
            return alive();
        case LiveClock::Wake::Stopped:
            return false;
        case LiveClock::Wake::Paused: // the worker idles until the resume
            if (!finish() || !clock.waitWhilePaused())
                return false;
        }
    }
}

bool WorkerProcess::finish()
{
    return send("end\n") && expect("done");
}

bool WorkerProcess::alive() const
{
    pollfd pfd{m_fromWorker, POLLIN, 0};
    return ::poll(&pfd, 1, 0) == 0; // it says nothing during a job, unless it has gone
}

bool WorkerProcess::send(const char *line)
{
    const auto n = static_cast<ssize_t>(std::strlen(line));
    return ::write(m_toWorker, line, std::size_t(n)) == n;
}

bool WorkerProcess::expect(const char *reply)
{
    char line[64];
    return readLine(line, sizeof line) && std::strcmp(line, reply) == 0;
}

bool WorkerProcess::readLine(char *buffer, std::size_t size)
{
    std::size_t used = 0;
    while (used + 1 < size) {
        pollfd pfd{m_fromWorker, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, 1); // look at Stop every millisecond
        if (m_stop.load(std::memory_order_relaxed))
            return false;
        if (ready <= 0)
            continue;
        char c;
        const ssize_t got = ::read(m_fromWorker, &c, 1);
        if (got <= 0)
            return false;
        if (c == '\n') {
            buffer[used] = '\0';
            return true;
        }
        buffer[used++] = c;
    }
    return false;
}

} // namespace loopscope::rt
