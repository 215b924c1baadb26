// The file names File ▸ Export suggests. The formats themselves, their suffixes and the rules
// for naming files by them are the export-format table's (export/export_formats.h).
#pragma once

#include "export/export_formats.h"

#include <QString>

namespace loopscope {

// The file name (no suffix) of an export of the scenario at `scenarioPath` ("14-semaphore" for
// 14-semaphore.loop.json) or, for an unsaved scenario, of its title ("semaphore-two-at-a-time").
QString exportBaseName(const QString &scenarioPath, const QString &title);

} // namespace loopscope
