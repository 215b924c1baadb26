// quietHeadlessRuntimeDir and quietRuntimeDir (commands.h): Qt's own fallback runtime folder, set
// before Qt warns that it falls back to it.
#include "commands.h"

#include <QDir>
#include <QFileInfo>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace loopscope::app {

namespace {

// The folder QStandardPaths falls back to: <temp>/runtime-<user name, else uid>.
QString qtFallbackRuntimeDir()
{
    const uid_t uid = ::geteuid();
    const passwd *user = ::getpwuid(uid);
    const QString name = user && user->pw_name && *user->pw_name
                             ? QString::fromLocal8Bit(user->pw_name)
                             : QString::number(uid);
    return QDir::tempPath() + QStringLiteral("/runtime-") + name;
}

} // namespace

// Without XDG_RUNTIME_DIR Qt's offscreen platform warns "QStandardPaths: XDG_RUNTIME_DIR not
// set, defaulting to ..." on every start, which a headless `loopscope run --export x.svg` (as
// root in a container, under cron, over ssh without a session) would print though the user did
// nothing wrong. Naming the same folder Qt would use, created private as Qt creates it, drops
// only that warning: Qt still checks the folder's owner and permissions and says when they
// are wrong.
void quietHeadlessRuntimeDir()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (platform == "offscreen" || platform == "minimal")
        quietRuntimeDir();
}

// The window warns the same way (xcb asks for the runtime folder too), e.g. under Xvfb, over
// `ssh -X` or from `sudo`: nothing the user needs to act on.
void quietRuntimeDir()
{
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        return;
    const QString dir = qtFallbackRuntimeDir();
    if (!QFileInfo(dir).isDir() && ::mkdir(QFile::encodeName(dir).constData(), 0700) != 0)
        return; // Qt tries again, and says why it cannot
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(dir));
}

} // namespace loopscope::app
