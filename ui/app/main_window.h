// The Loopscope window: the timeline in the middle (the canvas editor will sit beside it), the
// log and diagnostics docks, the run controls. Actions live in main_window_actions.cpp, docks
// in main_window_docks.cpp; this file opens files and reacts to runs.
#pragma once

#include "app/app_theme.h"
#include "timeline/image_export.h"

#include "record/recorder_launch.h"
#include "scenario/scenario.h"
#include "scenario/scenario_problem.h"
#include "trace/trace.h"

#include <QMainWindow>

#include <optional>
#include <vector>

class QAction;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QMenu;

namespace loopscope {

class RecentFiles;
class RecordingController;
class RunController;
class ScenarioDocument;
class LessonQuiz;
class ScenarioEditor;
class LoopStepper;
class LoopView;
class TimelineView;
class TraceListDock;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Reads a scenario file and runs it once on the virtual clock; problems go to a message box.
    bool openScenario(const QString &path);
    // A trace (recorded by `loopscope record` or saved) shown as it is, with no scenario; a
    // scenario otherwise. File > Open, a drop, Open Recent and `loopscope FILE` come here.
    bool openFile(const QString &path);
    bool openTrace(const QString &path);
    bool openTrace(const QString &path, const QByteArray &bytes); // the file's bytes, read
    bool showsTraceFile() const { return m_openTrace.has_value(); }
    // Runs a Python program under the recorder and shows its recording as it grows (File >
    // Record Python Program... asks for the options); a message box says why it could not start.
    bool recordProgram(const RecorderOptions &options);
    bool isRecording() const;
    TimelineView *timeline() const { return m_timeline; }
    ScenarioEditor *editor() const { return m_editor; }
    ScenarioDocument *document() const { return m_document; }
    LessonQuiz *quiz() const { return m_quiz; } // Lesson ▸ Predict… (main_window_lesson.cpp)
    // The loop's insides at the cursor, and the cursor every view follows (main_window_loop.cpp).
    LoopView *loopView() const { return m_loopView; }
    LoopStepper *loopStepper() const { return m_stepper; }
    // Offers to restore autosaved documents newer than their last save (one question each).
    void offerRecovery();
    const std::optional<Scenario> &scenario() const { return m_scenario; }
    // View ▸ Theme: the whole window and the timeline, light, dark or as the desktop is.
    void setThemeChoice(ThemeChoice choice);
    ThemeChoice themeChoice() const { return m_themeChoice; }

public Q_SLOTS:
    void run();
    void togglePause();
    void stepRun();
    void stopRun();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void setupActions();
    void setupNavigationActions();
    void setupMenus();
    void setupToolBars();
    void setupDocks();
    void setupHelpMenu();
    void setupLesson(); // main_window_lesson.cpp
    void predictLesson();
    void offerQuestions();
    QString lessonKey() const;
    void setupThemeActions(QMenu *view); // main_window_theme.cpp
    void setupEditor();
    void setupStatusBar();
    void setupLoopView(); // main_window_loop.cpp
    void followLoop(bool newRun);
    void loopRunPaused(bool paused);
    void showLoopPosition(double t);
    void updateLoopActions();
    void setupRecording();
    void chooseProgramToRecord();
    void recordingUpdated(const Trace &trace);
    void recordingFinished(const Trace &trace);
    void recordingFailed(const QString &message);
    void compareWithCpython();              // Run > Compare with CPython
    void setupMemoryBudget(QMenu *runMenu); // main_window_budget.cpp
    void chooseMemoryBudget();
    void restoreSettings();
    void saveSettings() const;

    void chooseScenarioToOpen();
    // main_window_import.cpp: Python programs in the window.
    void showOpenProblems(const QString &name, const std::vector<ScenarioProblem> &problems);
    bool importPastedProgram(const QString &text);
    bool openProgram(const QString &path); // a .py, imported with a progress box
    bool cancelledImport(const QString &name);
    void rerunAfterPythonEdit();
    void showExamples(); // Help > Examples
    bool saveScenario();
    bool saveScenarioAs();
    void newScenario();
    bool maybeSaveChanges(); // false: the user cancelled
    void documentReplaced();
    void saveTrace();
    void exportImage();
    ImageExportOptions imageOptions() const;
    void copyImage();
    void copyMermaid();
    void listResources(const Trace &trace);
    void applyLaneFilter();
    void showTrace(const Trace &trace, bool finished);
    // A trace read (or refused with `error`) from the file at `path`: shown, or the refusal said.
    bool showOpenedTrace(const QString &path, std::optional<Trace> trace, const QString &error);
    void showTraceFile(const QString &path, Trace trace); // moved into the timeline
    void leaveTraceFile();
    QString traceFileStatus() const;
    static QString runOffForTraceReason();
    void startRun(ClockMode clock);
    void runStarted(bool live);
    void runFinished(const Trace &trace);
    void clearRun();
    void noteEditSinceRun();
    void updateRunStatus();
    void updateRunActions();
    void updateTitle();
    ClockMode chosenClock() const;

    TimelineView *m_timeline = nullptr;
    ScenarioDocument *m_document = nullptr;
    ScenarioEditor *m_editor = nullptr;
    RunController *m_runs = nullptr;
    RecordingController *m_recordings = nullptr;
    RecordingController *m_cpython = nullptr;  // the scenario's program, for Compare with CPython
    std::optional<Scenario> m_cpythonScenario; // the scenario as it was when that started
    TraceListDock *m_log = nullptr;
    TraceListDock *m_diagnostics = nullptr;
    RecentFiles *m_recent = nullptr;
    QComboBox *m_clock = nullptr;
    QDoubleSpinBox *m_scale = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_highlight = nullptr; // a resource whose holders and waiters stand out
    QLabel *m_outcome = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_stateFilterMenu = nullptr;

    struct Actions
    {
        QAction *newScenario, *open, *recordProgram, *save, *saveAs, *saveTrace, *exportImage,
            *quit;
        QAction *copyImage, *copyMermaid;
        QAction *run, *pause, *step, *stop, *compareCpython;
        QAction *zoomIn, *zoomOut, *fitAll, *zoomToSelection, *clearSelection;
        QAction *panLeft, *panRight, *wakeArrows, *follow, *expandAll, *collapseAll, *foldAll,
            *unfoldAll;
        QAction *findLane;
        QAction *themeSystem, *themeLight, *themeDark;
    } m_actions{};
    ThemeChoice m_themeChoice = ThemeChoice::System;

    std::optional<Scenario> m_scenario;
    QString m_scenarioPath;
    bool m_haveTrace = false;
    // The run on screen (or under way): what it ran, on which clock, how far it got. The
    // status bar and the timeline's "edited since this run" read these, never the tool bar.
    struct ShownRun
    {
        Scenario scenario;
        bool live = false;
        bool finished = false;
        double duration = 0.0;
        Outcome outcome;
    };
    std::optional<ShownRun> m_shownRun;
    bool m_runIsStale = false;
    // A trace file on screen instead of a scenario: the editor makes way for m_traceNote.
    struct OpenTrace
    {
        QString path;
        QString clock;          // "recorded under CPython, virtual clock"
        bool recording = false; // a program recorded now, its trace growing
    };
    std::optional<OpenTrace> m_openTrace;
    QLabel *m_traceNote = nullptr;
    LessonQuiz *m_quiz = nullptr;
    LoopStepper *m_stepper = nullptr;
    LoopView *m_loopView = nullptr;
    std::vector<QAction *> m_loopActions;
    bool m_loopTraceChanging = false; // followLoop: the stepper moves, the user did not step
    bool m_loopAtEnd = false;         // the loop cursor is at the last position of the trace it has
    bool m_followedBeforePause = false; // a step back may stop the timeline following the present
};

} // namespace loopscope
