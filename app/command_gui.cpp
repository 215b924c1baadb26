// `loopscope [FILE]`: the window, or, where there is no display, the scenario run headless on
// the virtual clock with its timeline written to a PNG whose path is printed.
#include "commands.h"

#include "app/main_window.h"
#include "crash_handler.h"
#include "document/scenario_document.h"
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "timeline/image_export.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>

#include <cstdio>

namespace loopscope::app {

namespace {

const auto kDefaultExample = QStringLiteral("14-semaphore.loop.json");

bool haveDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY")
           || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
           || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

// The bundled example: an override, beside an installed binary, or in the source tree seen
// from a build dir (build/<preset>/app/loopscope), else the tree this binary was built from.
QString defaultExample()
{
    const QString appDir = QCoreApplication::applicationDirPath();
    QStringList dirs;
    if (!qEnvironmentVariableIsEmpty("LOOPSCOPE_EXAMPLES_DIR"))
        dirs << qEnvironmentVariable("LOOPSCOPE_EXAMPLES_DIR");
    dirs << appDir + QStringLiteral("/../share/loopscope/examples")
         << appDir + QStringLiteral("/../../../examples")
         << appDir + QStringLiteral("/../../examples");
#ifdef LOOPSCOPE_EXAMPLES_DIR
    dirs << QStringLiteral(LOOPSCOPE_EXAMPLES_DIR);
#endif
    for (const QString &dir : dirs) {
        const QString path = QDir::cleanPath(dir + QLatin1Char('/') + kDefaultExample);
        if (QFileInfo::exists(path))
            return path;
    }
    return {};
}

// ./loopscope-timeline.png when the working folder is writable, else in the temp folder.
QString headlessImagePath()
{
    const QString name = QStringLiteral("loopscope-timeline.png");
    if (QFileInfo(QDir::currentPath()).isWritable())
        return QDir::current().absoluteFilePath(name);
    return QDir::temp().absoluteFilePath(name);
}

int exitStatusFor(OutcomeStatus status)
{
    switch (status) {
    case OutcomeStatus::Completed:
        return ExitCompleted;
    case OutcomeStatus::Failed:
        return ExitFailed;
    case OutcomeStatus::Deadlock:
        return ExitDeadlock;
    case OutcomeStatus::Stopped:
        return ExitStopped;
    }
    return ExitFailed;
}

int runHeadless(int argc, char **argv, const QString &file)
{
    qputenv("QT_QPA_PLATFORM", "offscreen"); // fonts and painting, no window
    QGuiApplication app(argc, argv);
    const ScenarioLoad load = readScenarioFile(file);
    if (!load.ok()) {
        for (const ScenarioProblem &problem : load.problems)
            std::fprintf(stderr, "%s\n", qPrintable(problem.toString()));
        return ExitInvalid;
    }
    RunOptions options;
    options.clock = ClockMode::Virtual;
    options.workerProgram = QCoreApplication::applicationFilePath();
    const Trace trace = runScenario(*load.scenario, options);
    ImageExportOptions image;
    image.title = load.scenario->title;
    image.notes = load.scenario->notes;
    const QString path = headlessImagePath();
    QString error;
    if (!exportTimelineImage(trace, image, path, &error)) {
        std::fprintf(stderr, "loopscope: %s\n", qPrintable(error));
        return ExitInvalid;
    }
    std::fprintf(stderr, "loopscope: no display; ran %s on the virtual clock (%s)\n",
                 qPrintable(QDir::toNativeSeparators(file)),
                 qPrintable(outcomeName(trace.outcome.status)));
    std::printf("%s\n", qPrintable(QDir::toNativeSeparators(path)));
    return exitStatusFor(trace.outcome.status);
}

} // namespace

int guiCommand(int argc, char **argv, const QString &file)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Loopscope"));
    QCoreApplication::setApplicationName(QStringLiteral("loopscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOOPSCOPE_VERSION));
    if (!haveDisplay()) {
        // applicationDirPath needs an application object: find the example with a bare one.
        QString path = file;
        if (path.isEmpty()) {
            QCoreApplication probe(argc, argv);
            path = defaultExample();
        }
        if (path.isEmpty()) {
            std::fprintf(stderr,
                         "loopscope: no display and no FILE, and the default example "
                         "%s was not found; set LOOPSCOPE_EXAMPLES_DIR\n",
                         qPrintable(kDefaultExample));
            return ExitInvalid;
        }
        return runHeadless(argc, argv, path);
    }
    QApplication app(argc, argv);
    loopscope::MainWindow window;
    // A crash report names the scenario open at the time.
    QObject::connect(window.document(), &ScenarioDocument::pathChanged, &window,
                     [](const QString &opened) { setCrashScenarioPath(opened); });
    window.show();
    const QString path = file.isEmpty() ? defaultExample() : file;
    if (!path.isEmpty())
        window.openScenario(path); // problems are shown in a message box
    return QApplication::exec();
}

} // namespace loopscope::app
