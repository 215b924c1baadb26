// Fixture of parts_include_arrows_refuse (not compiled): document uses scenario, not the shell.
#include "app/main_window.h"
#include "scenario/scenario.h"
#include <QString>
