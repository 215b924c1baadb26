#include "record/recorder_launch.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>

namespace loopscope {

namespace {

bool holdsRecorder(const QString &dir)
{
    return QFileInfo::exists(dir + QStringLiteral("/loopscope_record/__main__.py"));
}

} // namespace

QString recorderDirectory()
{
    const QString appDir = QCoreApplication::applicationDirPath();
    QStringList dirs;
    if (!qEnvironmentVariableIsEmpty("LOOPSCOPE_PYTHON_DIR"))
        dirs << qEnvironmentVariable("LOOPSCOPE_PYTHON_DIR");
    dirs << appDir + QStringLiteral("/python")
         << appDir + QStringLiteral("/../share/loopscope/python");
    for (const QString &dir : dirs)
        if (holdsRecorder(dir))
            return QDir::cleanPath(dir);
    return {};
}

QString recorderPython(const RecorderOptions &options)
{
    if (!options.python.isEmpty())
        return options.python;
    if (!qEnvironmentVariableIsEmpty("LOOPSCOPE_PYTHON"))
        return qEnvironmentVariable("LOOPSCOPE_PYTHON");
    return QStringLiteral("python3");
}

void prepareRecorder(QProcess &process, const RecorderOptions &options, const QString &dir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString path = env.value(QStringLiteral("PYTHONPATH"));
    env.insert(QStringLiteral("PYTHONPATH"),
               path.isEmpty() ? dir : dir + QDir::listSeparator() + path);
    process.setProcessEnvironment(env);
    QStringList args{QStringLiteral("-m"), QStringLiteral("loopscope_record")};
    if (options.virtualClock)
        args << QStringLiteral("--virtual");
    if (options.stream)
        args << QStringLiteral("--stream");
    args << QStringLiteral("--out") << options.out << QStringLiteral("--") << options.program;
    process.setProgram(recorderPython(options));
    process.setArguments(args);
}

} // namespace loopscope
