#include "commands.h"
#include <cstdio>
namespace loopscope::app {
int runCommand(const QStringList &)
{
    std::fputs("loopscope run: not built yet\n", stderr);
    return ExitInvalid;
}
} // namespace loopscope::app
