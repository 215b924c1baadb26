// Running a real executable from a test, as a user's shell would, and keeping what it said.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace loopscope::test {

struct CommandResult
{
    int exitCode = -1; // -1: it did not finish in time; -2: it crashed
    QString out;
    QString err;
};

// The test's own environment with QT_QPA_PLATFORM=offscreen: no test may need a display.
inline QProcessEnvironment offscreenEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

inline CommandResult runCommand(const QString &program, const QStringList &args,
                                const QProcessEnvironment &env = offscreenEnvironment(),
                                const QString &workingDir = {}, int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(workingDir);
    process.start(program, args);
    if (!process.waitForFinished(timeoutMs))
        return {-1, {}, QStringLiteral("%1 did not finish").arg(program)};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

// The `loopscope` executable this build made (LOOPSCOPE_BINARY, set by loopscope_add_test).
inline CommandResult runLoopscope(const QStringList &args,
                                  const QProcessEnvironment &env = offscreenEnvironment(),
                                  const QString &workingDir = {})
{
    return runCommand(QStringLiteral(LOOPSCOPE_BINARY), args, env, workingDir);
}

} // namespace loopscope::test
