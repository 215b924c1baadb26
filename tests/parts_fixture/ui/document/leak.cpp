// Fixture of parts_include_arrows_refuse (not compiled): document uses scenario, not the shell.
#include "scenario/scenario.h"
#include "app/main_window.h"
#include <QString>
