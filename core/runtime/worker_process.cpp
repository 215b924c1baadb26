#include "worker_process.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
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

bool WorkerProcess::start(std::chrono::nanoseconds startup)
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
    const QByteArray program = m_program.toLocal8Bit();
    char workerFlag[] = "--worker";
    char *argv[] = {const_cast<char *>(program.constData()), workerFlag, nullptr};
    m_pid = ::fork();
    if (m_pid == 0) {
        // Child: only async-signal-safe calls until exec.
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
    return request("startup", startup, "ready");
}

bool WorkerProcess::run(bool cpu, std::chrono::nanoseconds duration)
{
    return request(cpu ? "cpu" : "io", duration, "done");
}

bool WorkerProcess::request(const char *verb, std::chrono::nanoseconds duration,
                            const char *expected)
{
    char line[64];
    const int n = std::snprintf(line, sizeof line, "%s %lld\n", verb,
                                static_cast<long long>(duration.count()));
    if (::write(m_toWorker, line, std::size_t(n)) != n)
        return false;
    char reply[64];
    return readLine(reply, sizeof reply) && std::strcmp(reply, expected) == 0;
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
