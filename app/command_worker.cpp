// loopscope --worker: a process-pool worker for the live clock. Reads one job per line from
// stdin ("startup <ns>", "cpu <ns>", "io <ns>"), does it for real and answers one line.
#include "commands.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

namespace loopscope::app {

namespace {
void spin(std::chrono::nanoseconds d)
{
    const auto end = std::chrono::steady_clock::now() + d;
    volatile unsigned long long sink = 0;
    while (std::chrono::steady_clock::now() < end)
        for (int i = 0; i < 1000; ++i)
            sink = sink + static_cast<unsigned long long>(i);
}
} // namespace

int workerCommand(const QStringList &)
{
    char line[128];
    while (std::fgets(line, sizeof line, stdin)) {
        char verb[32] = {};
        long long ns = 0;
        if (std::sscanf(line, "%31s %lld", verb, &ns) != 2 || ns < 0)
            return ExitInvalid;
        const auto d = std::chrono::nanoseconds(ns);
        if (std::strcmp(verb, "cpu") == 0)
            spin(d);
        else
            std::this_thread::sleep_for(d);
        std::puts(std::strcmp(verb, "startup") == 0 ? "ready" : "done");
        std::fflush(stdout);
    }
    return ExitCompleted;
}

} // namespace loopscope::app
