// `loopscope [FILE]`: the window, or, where there is no display, the scenario run headless on
// the virtual clock with its timeline written to a PNG whose path is printed.
#include "commands.h"

#include "app/examples_gallery.h"
#include "app/main_window.h"
#include "crash_handler.h"
#include "document/scenario_document.h"
#include "record/python_import.h"
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "timeline/image_export.h"
#include "trace/trace_json.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMessageBox>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>

namespace loopscope::app {

namespace {

const auto kDefaultExample = QStringLiteral("14-semaphore.loop.json");

bool haveDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY")
           || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
           || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

// The bundled default example, in the folder Help ▸ Examples finds.
QString defaultExample()
{
    const QString dir = examplesDirectory();
    const QString path = dir + QLatin1Char('/') + kDefaultExample;
    return !dir.isEmpty() && QFileInfo::exists(path) ? path : QString();
}

// ./loopscope-timeline.png when the working folder is writable, else in the temp folder.
QString headlessImagePath()
{
    const QString name = QStringLiteral("loopscope-timeline.png");
    if (QFileInfo(QDir::currentPath()).isWritable())
        return QDir::current().absoluteFilePath(name);
    return QDir::temp().absoluteFilePath(name);
}

// A trace, JSON or binary (saved by `run --trace` or written by `loopscope record`): its
// timeline, as is. `read` is the file's, parsed once: a trace of millions of spans is big.
int drawTraceHeadless(const QString &file, const TraceFileRead &read)
{
    const std::optional<Trace> &trace = read.trace;
    if (!trace) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(file), qPrintable(read.error));
        return ExitInvalid;
    }
    QString error;
    ImageExportOptions image;
    image.title = trace->scenario;
    const QString path = headlessImagePath();
    if (!exportTimelineImage(*trace, image, path, &error)) {
        std::fprintf(stderr, "loopscope: %s\n", qPrintable(error));
        return ExitInvalid;
    }
    std::fprintf(stderr, "loopscope: no display; drew the trace %s (%s clock, %s)\n",
                 qPrintable(QDir::toNativeSeparators(file)), qPrintable(clockName(*trace)),
                 qPrintable(outcomeName(trace->outcome.status)));
    std::printf("%s\n", qPrintable(QDir::toNativeSeparators(path)));
    return exitStatusFor(trace->outcome.status);
}

// `file` read as a trace when it is one rather than a scenario (its "format", or the binary
// magic, says so), read and parsed once as the window's openFile reads it.
TraceFileRead readFileIfTrace(const QString &file)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return {}; // read as a scenario, which says why it cannot be
    return readIfTrace(in.readAll());
}

int runHeadless(int argc, char **argv, const QString &file)
{
    qputenv("QT_QPA_PLATFORM", "offscreen"); // fonts and painting, no window
    quietHeadlessRuntimeDir();
    QGuiApplication app(argc, argv);
    if (const TraceFileRead trace = readFileIfTrace(file); trace.isTrace)
        return drawTraceHeadless(file, trace);
    const ScenarioLoad load = readScenarioOrProgram(file);
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

// TEST-ONLY HOOKS for tests/reliability/tst_kill_recovery, which kills the real binary with
// SIGKILL while a document has unsaved changes and then restarts it. Nothing is done unless
// one of these variables is set; no user sets them.
// - LOOPSCOPE_AUTOSAVE_MS: the autosave delay (ScenarioDocument::setAutosaveDelay).
// - LOOPSCOPE_TEST_EDIT=<op>: after FILE opens, one real edit through the undo stack: a step
//   of that op (id "test-edit") appended to `main`; prints "edited" on stdout.
// - LOOPSCOPE_TEST_ACCEPT_RECOVERY=1: answers Yes to the restore offer, saves the restored
//   document to its original file, prints "restored <path>" and quits.
void applyTestEdit(MainWindow &window, const QString &op)
{
    const std::optional<StepKind> kind = stepKindFromOp(op);
    Scenario after = window.document()->scenario();
    auto mainCoro = std::find_if(after.coroutines.begin(), after.coroutines.end(),
                                 [](const Coroutine &coro) { return coro.name == u"main"; });
    if (!kind || mainCoro == after.coroutines.end()) {
        std::fprintf(stderr, "loopscope: LOOPSCOPE_TEST_EDIT: no op %s or no main\n",
                     qPrintable(op));
        return;
    }
    Step step;
    step.kind = *kind;
    step.id = QStringLiteral("test-edit");
    step.text = QStringLiteral("edited by LOOPSCOPE_TEST_EDIT");
    mainCoro->steps.push_back(step);
    window.document()->edit(after, QStringLiteral("Test edit"));
    std::printf("edited\n");
    std::fflush(stdout);
}

void saveRestoredForTest(ScenarioDocument *document)
{
    QString error;
    if (!document->save(&error))
        std::fprintf(stderr, "loopscope: %s\n", qPrintable(error));
    std::printf("restored %s\n", qPrintable(document->path()));
    std::fflush(stdout);
    QCoreApplication::exit(error.isEmpty() ? 0 : 1);
}

void acceptRecoveryForTest(MainWindow &window)
{
    // offerRecovery asks with a modal QMessageBox: press its Yes button once it shows.
    auto *clicker = new QTimer(&window);
    QObject::connect(clicker, &QTimer::timeout, &window, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            if (QAbstractButton *yes = box->button(QMessageBox::Yes))
                yes->click();
    });
    clicker->start(50);
    ScenarioDocument *document = window.document();
    QObject::connect(document, &ScenarioDocument::replaced, &window, [document] {
        if (!document->isModified()) // an open, not the restore
            return;
        // Saved once restore() has returned and the document owns the recovery copy.
        QTimer::singleShot(0, document, [document] { saveRestoredForTest(document); });
    });
}

void applyTestHooksBeforeOpen(MainWindow &window)
{
    bool ok = false;
    const int autosaveMs = qEnvironmentVariableIntValue("LOOPSCOPE_AUTOSAVE_MS", &ok);
    if (ok)
        window.document()->setAutosaveDelay(autosaveMs);
    if (qEnvironmentVariableIsSet("LOOPSCOPE_TEST_ACCEPT_RECOVERY"))
        acceptRecoveryForTest(window);
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
    quietRuntimeDir();
    QApplication app(argc, argv);
    QGuiApplication::setDesktopFileName(QStringLiteral(LOOPSCOPE_APP_ID));
    loopscope::MainWindow window;
    // A crash report names the scenario open at the time.
    QObject::connect(window.document(), &ScenarioDocument::pathChanged, &window,
                     [](const QString &opened) { setCrashScenarioPath(opened); });
    applyTestHooksBeforeOpen(window);
    window.show();
    const QString path = file.isEmpty() ? defaultExample() : file;
    if (!path.isEmpty() && window.openFile(path) // problems are shown in a message box
        && qEnvironmentVariableIsSet("LOOPSCOPE_TEST_EDIT"))
        applyTestEdit(window, qEnvironmentVariable("LOOPSCOPE_TEST_EDIT"));
    return QApplication::exec();
}

} // namespace loopscope::app
