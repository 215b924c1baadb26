#include "commands.h"
#include <cstdio>
namespace loopscope::app {
int guiCommand(int, char **, const QString &)
{
    std::fputs("loopscope: the GUI is not built yet\n", stderr);
    return ExitInvalid;
}
} // namespace loopscope::app
