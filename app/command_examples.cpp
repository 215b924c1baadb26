#include "commands.h"
#include <cstdio>
namespace loopscope::app {
int examplesCommand(const QStringList &) { std::fputs("loopscope examples: not built yet\n", stderr); return ExitInvalid; }
}
