// Fixture of parts_include_arrows_refuse (not compiled): trace may include its own headers only.
#pragma once
#include "runtime/runner.h"
#include "trace/trace.h"
