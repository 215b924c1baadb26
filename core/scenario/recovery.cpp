#include "scenario/recovery.h"

#include <QDir>
#include <QStandardPaths>

namespace loopscope {

QString recoveryDirectory()
{
    QString dir = qEnvironmentVariable("LOOPSCOPE_RECOVERY_DIR");
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
              + QStringLiteral("/recovery");
    QDir().mkpath(dir);
    return dir;
}

} // namespace loopscope
