#include "app/main_window.h"

#include "app/recent_files.h"
#include "app/recording_controller.h"
#include "app/run_controller.h"
#include "app/trace_list_dock.h"
#include "canvas/block_style.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"
#include "record/python_import.h"
#include "scenario/scenario_json.h"
#include "scenario/scenario_walk.h"
#include "teach/lesson_quiz.h"
#include "timeline/time_ruler.h"
#include "timeline/timeline_view.h"

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QLabel>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>

// Resources of a static library must be registered by name (outside any namespace).
static void initLoopscopeResources()
{
    Q_INIT_RESOURCE(loopscope);
}

namespace loopscope {

namespace {

// The run's steps as the user wrote them, for the timeline's tool tips and clicks.
StepTexts stepTexts(const Scenario &scenario)
{
    StepTexts texts;
    forEachStep(scenario, [&](const Step &step, const QString &) {
        texts.insert(step.id, stepSummary(step, &scenario));
    });
    return texts;
}

} // namespace

QString MainWindow::runOffForTraceReason()
{
    return tr("A trace has no scenario to run: File \u25b8 Open a scenario to run one");
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_timeline(new TimelineView(this))
    , m_runs(new RunController(this))
{
    initLoopscopeResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/loopscope/loopscope.svg")));
    setAcceptDrops(true);
    setupRecording(); // first: the run actions ask it whether a recording is under way
    setupEditor();
    setupActions();
    setupMenus();
    setupToolBars();
    setupDocks();
    setupLoopView();
    setupHelpMenu();
    setupStatusBar();
    setupLesson(); // last: it hides docks and the status bar's outcome while it asks
    connect(m_runs, &RunController::started, this, &MainWindow::runStarted);
    connect(m_runs, &RunController::traceUpdated, this,
            [this](const Trace &trace) { showTrace(trace, false); });
    connect(m_runs, &RunController::finished, this, &MainWindow::runFinished);
    connect(m_runs, &RunController::pausedChanged, this, [this] {
        updateRunActions();
        updateRunStatus();
    });
    connect(m_timeline, &TimelineView::spanClicked, this,
            [this](int lane, int, const QString &step) {
                const QString text = m_timeline->stepTexts().value(step);
                if (!text.isEmpty())
                    statusBar()->showMessage(
                        tr("%1: %2").arg(m_timeline->trace().lanes[lane].name, text), 5000);
                m_editor->selectStep(step);
            });
    // The first thing a new user sees before any run: what to do.
    m_timeline->setEmptyHint(
        tr("Nothing has run yet.\nOpen an example with Help \u25B8 Examples (F1), drag a block "
           "from the palette into a card, then press F5 to run it and watch its tasks here."));
    restoreSettings();
    updateRunActions();
    updateTitle();
    if (!pendingRecoveries().empty()) // after the window shows, not inside the constructor
        QTimer::singleShot(0, this, &MainWindow::offerRecovery);
}

MainWindow::~MainWindow() = default;

bool MainWindow::openScenario(const QString &path)
{
    if (!maybeSaveChanges())
        return false;
    if (isPythonProgramPath(path))
        return openProgram(path);
    ScenarioLoad load = m_document->open(path);
    if (!load.ok()) {
        showOpenProblems(QFileInfo(path).fileName(), load.problems);
        return false;
    }
    documentReplaced();
    m_recent->add(path);
    offerQuestions(); // a lesson with questions: predict, then run
    // A first look at once: the virtual clock takes milliseconds and is exact.
    startRun(ClockMode::Virtual);
    return true;
}

ClockMode MainWindow::chosenClock() const
{
    return m_clock->currentIndex() == 1 ? ClockMode::Live : ClockMode::Virtual;
}

void MainWindow::run()
{
    if (m_openTrace)
        return statusBar()->showMessage(runOffForTraceReason(), 10000);
    if (!m_scenario)
        return chooseScenarioToOpen();
    if (!m_editor->runAction()->isEnabled())
        return statusBar()->showMessage(m_editor->runBlockedReason(), 10000);
    startRun(chosenClock());
}

void MainWindow::startRun(ClockMode clock)
{
    m_shownRun = ShownRun{*m_scenario, clock == ClockMode::Live};
    m_runIsStale = false;
    m_timeline->setStaleNote({});
    m_timeline->setStepTexts(stepTexts(*m_scenario));
    m_runs->start(*m_scenario, clock, m_scale->value());
}

void MainWindow::togglePause()
{
    m_runs->isPaused() ? m_runs->resume() : m_runs->pause();
}

void MainWindow::stepRun()
{
    m_runs->step();
}

void MainWindow::stopRun()
{
    if (isRecording())
        return m_recordings->stop();
    m_runs->stop();
}

void MainWindow::runStarted(bool live)
{
    if (live) {
        Trace empty;
        empty.scenario = m_scenario ? m_scenario->title : QString();
        empty.liveClock = true;
        m_timeline->setTrace(empty);
        m_timeline->setFollowPresent(true);
        m_log->clear();
        m_diagnostics->clear();
    }
    updateRunStatus();
    updateRunActions();
}

void MainWindow::showTrace(const Trace &trace, bool finished)
{
    if (m_runs->isLive() || (finished && trace.liveClock)) {
        m_timeline->updateTrace(trace);
    } else { // a whole new run: nothing of the one before stays in the lists
        m_timeline->setTrace(trace);
        m_log->clear();
        m_diagnostics->clear();
    }
    m_log->showTrace(trace);
    m_diagnostics->showTrace(trace);
    listResources(trace);
    m_haveTrace = true;
    if (m_shownRun)
        m_shownRun->duration = trace.duration;
    if (!finished)
        updateRunStatus();
    followLoop(!m_runs->isLive() && !(finished && trace.liveClock));
}

// The resources the run touched, for the highlight box; the current choice is kept.
void MainWindow::listResources(const Trace &trace)
{
    QStringList ids;
    for (const TraceEvent &e : trace.events)
        if (!e.resource.isEmpty() && !ids.contains(e.resource))
            ids << e.resource;
    QStringList shown;
    for (int i = 1; i < m_highlight->count(); ++i)
        shown << m_highlight->itemData(i).toString();
    if (shown == ids)
        return;
    const QString current = m_highlight->currentData().toString();
    const QSignalBlocker blocker(m_highlight);
    while (m_highlight->count() > 1)
        m_highlight->removeItem(1);
    for (const QString &id : ids)
        m_highlight->addItem(tr("Highlight %1").arg(id), id);
    const int keep = m_highlight->findData(current);
    m_highlight->setCurrentIndex(keep < 0 ? 0 : keep);
    m_timeline->setHighlightedResource(m_highlight->currentData().toString());
}

void MainWindow::runFinished(const Trace &trace)
{
    const bool wasFollowing = m_timeline->followsPresent();
    showTrace(trace, true);
    m_timeline->setFollowPresent(false);
    if (wasFollowing) // the run is over: show all of it
        m_timeline->fitAll();
    if (m_shownRun) {
        m_shownRun->finished = true;
        m_shownRun->live = trace.liveClock;
        m_shownRun->outcome = trace.outcome;
    }
    noteEditSinceRun(); // the scenario may have been edited while it ran
    updateRunActions();
}

// Another document: the view shows no run rather than one of a scenario no longer open.
void MainWindow::clearRun()
{
    m_runs->discard();
    m_shownRun.reset();
    m_runIsStale = false;
    m_timeline->setStaleNote({});
    m_timeline->setStepTexts({});
    m_timeline->setFollowPresent(false);
    m_timeline->setTrace(Trace{});
    m_log->clear();
    m_diagnostics->clear();
    listResources(Trace{});
    m_haveTrace = false;
    updateRunStatus();
    updateRunActions();
}

// The run on screen is of the scenario as it was; once that changes (a card moved is no
// change) the run is greyed and says so, until it is undone or run again.
void MainWindow::noteEditSinceRun()
{
    auto program = [](Scenario scenario) {
        scenario.layout = {};
        return scenario;
    };
    m_runIsStale = m_shownRun && program(m_shownRun->scenario) != program(m_document->scenario());
    m_timeline->setStaleNote(m_runIsStale ? tr("Edited since this run \u2014 Run (F5) shows "
                                               "the scenario as it is now")
                                          : QString());
    updateRunStatus();
}

// What the timeline shows: "paused · 1.2 s · live clock", "completed · 3 s · virtual clock".
// The clock is the shown run's, whatever the tool bar has chosen for the next one.
void MainWindow::updateRunStatus()
{
    if (m_openTrace)
        return m_outcome->setText(traceFileStatus());
    if (!m_shownRun)
        return m_outcome->setText(tr("no run yet"));
    const ShownRun &run = *m_shownRun;
    QStringList parts;
    if (run.finished)
        parts << outcomeName(run.outcome.status);
    else
        parts << (m_runs->isPaused() ? tr("paused") : tr("running"));
    if (run.finished || run.live)
        parts << formatSeconds(run.duration);
    parts << (run.live ? tr("live clock") : tr("virtual clock"));
    if (run.finished && !run.outcome.error.isEmpty())
        parts << run.outcome.error;
    if (m_runIsStale)
        parts.prepend(tr("edited since this run"));
    m_outcome->setText(parts.join(QStringLiteral(" \u00b7 ")));
}

void MainWindow::updateRunActions()
{
    const bool running = m_runs->isRunning();
    const bool live = running && m_runs->isLive();
    m_actions.run->setEnabled(!running && !m_openTrace && m_editor->runAction()->isEnabled());
    m_actions.run->setToolTip(m_openTrace ? runOffForTraceReason()
                                          : m_editor->runAction()->toolTip());
    m_actions.compareCpython->setEnabled(m_actions.run->isEnabled() && m_scenario
                                         && !m_cpython->isRecording());
    m_actions.pause->setEnabled(live);
    m_actions.pause->setChecked(live && m_runs->isPaused());
    m_actions.step->setEnabled(live);
    m_actions.stop->setEnabled(live || isRecording());
    m_actions.saveTrace->setEnabled(m_haveTrace);
    m_actions.exportImage->setEnabled(m_haveTrace);
    m_actions.copyImage->setEnabled(m_haveTrace);
    m_actions.copyMermaid->setEnabled(m_haveTrace);
    m_actions.save->setEnabled(m_scenario.has_value());
    m_actions.saveAs->setEnabled(m_scenario.has_value());
}

void MainWindow::updateTitle()
{
    if (m_openTrace)
        return setWindowTitle(
            QStringLiteral("%1 (%2) \u2014 Loopscope")
                .arg(QFileInfo(m_openTrace->path).fileName(), m_openTrace->clock));
    QString name
        = m_scenarioPath.isEmpty() ? tr("no scenario") : QFileInfo(m_scenarioPath).fileName();
    if (m_scenario && m_scenarioPath.isEmpty())
        name = m_document->displayName();
    if (m_document->isModified())
        name += QLatin1Char('*');
    setWindowTitle(QStringLiteral("%1 \u2014 Loopscope").arg(name));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSaveChanges())
        return event->ignore();
    m_runs->stop();
    saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        event->acceptProposedAction();
        openFile(urls.first().toLocalFile());
    }
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    // The user's last geometry (Qt moves it onto a screen that is there); the first start:
    // most of the screen, centred on it, and the log short so the editor and timeline get room.
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        const QRect room = screen()->availableGeometry();
        setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter,
                                        (room.size() * 0.9).boundedTo(room.size()), room));
    }
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray())) {
        resizeDocks({m_log}, {140}, Qt::Vertical);
        if (auto *loop = findChild<QDockWidget *>(QStringLiteral("loopDock")))
            loop->hide(); // until a step or Window ▸ Event Loop (Ctrl+3) asks for it
    }
    // Run plays live by default, so that the lanes grow while one watches: at 0.5 wall s per
    // scenario s a lesson of 2 s takes 1 s, the longest (30 s) 15 s. Opening a file shows the
    // virtual run at once either way.
    m_clock->setCurrentIndex(
        settings.value(QStringLiteral("run/clock"), QStringLiteral("live")).toString()
                == QLatin1String("live")
            ? 1
            : 0);
    m_scale->setValue(settings.value(QStringLiteral("run/scale"), 0.5).toDouble());
    m_actions.wakeArrows->setChecked(
        settings.value(QStringLiteral("timeline/wakeArrows"), true).toBool());
    // Before View ▸ Theme there was only a dark timeline: its choice becomes the window's.
    const QString legacy = settings.value(QStringLiteral("timeline/dark"), false).toBool()
                               ? QStringLiteral("dark")
                               : QStringLiteral("system");
    setThemeChoice(
        themeChoiceFromName(settings.value(QStringLiteral("appearance/theme"), legacy).toString())
            .value_or(ThemeChoice::System));
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("run/clock"), chosenClock() == ClockMode::Live
                                                       ? QStringLiteral("live")
                                                       : QStringLiteral("virtual"));
    settings.setValue(QStringLiteral("run/scale"), m_scale->value());
    settings.setValue(QStringLiteral("timeline/wakeArrows"), m_actions.wakeArrows->isChecked());
    settings.setValue(QStringLiteral("appearance/theme"), themeChoiceName(m_themeChoice));
    settings.remove(QStringLiteral("timeline/dark"));
}

} // namespace loopscope
