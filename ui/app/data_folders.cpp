#include "app/data_folders.h"

#include <QCoreApplication>
#include <QDir>

namespace loopscope {

QString dataFolder(const QString &name, const QString &glob)
{
    const QString appDir = QCoreApplication::applicationDirPath();
    const QByteArray variable = "LOOPSCOPE_" + name.toUpper().toLatin1() + "_DIR";
    QStringList dirs;
    if (!qEnvironmentVariableIsEmpty(variable.constData()))
        dirs << qEnvironmentVariable(variable.constData());
    dirs << appDir + QStringLiteral("/../share/loopscope/") + name
         << appDir + QStringLiteral("/../../../") + name // build/<preset>/app
         << appDir + QStringLiteral("/../../") + name;
#ifdef LOOPSCOPE_SOURCE_TREE
    dirs << QStringLiteral(LOOPSCOPE_SOURCE_TREE "/") + name;
#endif
    for (const QString &dir : dirs) {
        if (!QDir(dir).entryList({glob}, QDir::Files).isEmpty())
            return QDir::cleanPath(QDir(dir).absolutePath());
    }
    return {};
}

QString docsDirectory()
{
    return dataFolder(QStringLiteral("docs"), QStringLiteral("user-guide.md"));
}

QString pythonHelpersDirectory()
{
    return dataFolder(QStringLiteral("python"), QStringLiteral("*.py"));
}

} // namespace loopscope
