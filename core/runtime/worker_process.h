// One process-pool worker on the live clock: the loopscope binary started as
// `loopscope --worker`. It says "ready" once it runs. A job is a line, "cpu" (compute) or "io"
// (sit blocked), done until the line "end", which it answers with "done". The parent keeps the
// time on the run's LiveClock, so a pause stops the job where it is (the worker idles) and the
// rest of it runs after the resume.
#pragma once

#include <QString>

#include <atomic>
#include <chrono>
#include <sys/types.h>

namespace loopscope::rt {

class LiveClock;

class WorkerProcess
{
public:
    WorkerProcess(QString program, const std::atomic<bool> &stop);
    ~WorkerProcess(); // closes the pipes, kills and reaps the process
    WorkerProcess(const WorkerProcess &) = delete;
    WorkerProcess &operator=(const WorkerProcess &) = delete;

    bool start(); // false when it fails to start or Stop came
    // A job until scenario instant `end` on `clock`, paused with it: on return the worker is
    // still at it, so that the job's completion need not wait for the round trip of finish().
    // False when the worker died or Stop came.
    bool runUntil(bool cpu, double end, LiveClock &clock);
    bool finish(); // ends the job; false when the worker died

private:
    bool alive() const; // it has not closed its end of the pipe
    bool send(const char *line);
    bool expect(const char *reply);
    bool readLine(char *buffer, std::size_t size);
    QString m_program;
    const std::atomic<bool> &m_stop;
    pid_t m_pid = -1;
    int m_toWorker = -1;
    int m_fromWorker = -1;
};

} // namespace loopscope::rt
