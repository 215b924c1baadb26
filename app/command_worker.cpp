// loopscope --worker: a process-pool worker for the live clock. Says "ready", then takes one
// job per line from stdin: "cpu" computes, "io" sits blocked, each until the line "end", which
// it answers with "done". The parent keeps the time (on the run's clock, which a pause stops),
// so the worker needs none.
#include "commands.h"

#include <poll.h>
#include <string>
#include <unistd.h>

namespace loopscope::app {

namespace {

constexpr std::size_t kLongestLine = 64;

// Straight from the descriptor, not through stdio: poll() must see every unread byte.
bool readLine(std::string *line)
{
    line->clear();
    char c = 0;
    while (::read(STDIN_FILENO, &c, 1) == 1) {
        if (c == '\n')
            return true;
        if (line->size() == kLongestLine)
            return false;
        line->push_back(c);
    }
    return false;
}

bool lineWaiting()
{
    pollfd input{STDIN_FILENO, POLLIN, 0};
    return ::poll(&input, 1, 0) > 0; // also at end of input: the read that follows fails
}

void computeUntilLine()
{
    volatile unsigned long long sink = 0;
    while (!lineWaiting())
        for (int i = 0; i < 2000; ++i)
            sink = sink + static_cast<unsigned long long>(i);
}

bool say(const std::string &line)
{
    const std::string out = line + '\n';
    return ::write(STDOUT_FILENO, out.data(), out.size()) == ssize_t(out.size());
}

} // namespace

int workerCommand(const QStringList &)
{
    if (!say("ready"))
        return ExitCompleted;
    std::string line;
    while (readLine(&line)) {
        if (line == "cpu")
            computeUntilLine();
        else if (line != "io")
            return ExitInvalid;
        if (!readLine(&line))
            return ExitCompleted; // the parent went away mid-job
        if (line != "end" || !say("done"))
            return ExitInvalid;
    }
    return ExitCompleted;
}

} // namespace loopscope::app
