// Where unsaved work and crash reports go: one folder shared by the editor's autosave and the
// crash handler, so that the next start finds both.
#pragma once

#include <QString>

namespace loopscope {

// $LOOPSCOPE_RECOVERY_DIR when set (tests), else <AppDataLocation>/recovery. Created on demand.
QString recoveryDirectory();

} // namespace loopscope
