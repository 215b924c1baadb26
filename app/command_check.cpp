#include "commands.h"

#include <cstdio>

namespace loopscope::app {
int checkCommand(const QStringList &)
{
    std::fputs("loopscope check: not built yet\n", stderr);
    return ExitInvalid;
}
} // namespace loopscope::app
