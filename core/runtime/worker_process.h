// One process-pool worker on the live clock: the loopscope binary started as
// `loopscope --worker`, given jobs over a pipe, one line each ("cpu <ns>", "io <ns>"), and
// answering "done". Its start-up cost is real: it sleeps `startup` before answering "ready".
#pragma once

#include <QString>

#include <atomic>
#include <chrono>
#include <sys/types.h>

namespace loopscope::rt {

class WorkerProcess
{
public:
    WorkerProcess(QString program, const std::atomic<bool> &stop);
    ~WorkerProcess(); // closes the pipes, kills and reaps the process
    WorkerProcess(const WorkerProcess &) = delete;
    WorkerProcess &operator=(const WorkerProcess &) = delete;

    bool start(std::chrono::nanoseconds startup); // false when it fails to start or Stop came
    bool run(bool cpu, std::chrono::nanoseconds duration);

private:
    bool request(const char *verb, std::chrono::nanoseconds duration, const char *expected);
    bool readLine(char *buffer, std::size_t size);
    QString m_program;
    const std::atomic<bool> &m_stop;
    pid_t m_pid = -1;
    int m_toWorker = -1;
    int m_fromWorker = -1;
};

} // namespace loopscope::rt
