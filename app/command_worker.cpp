#include "commands.h"
#include <cstdio>
namespace loopscope::app {
int workerCommand(const QStringList &)
{
    std::fputs("loopscope --worker: not built yet\n", stderr);
    return ExitInvalid;
}
} // namespace loopscope::app
