// File > Record Python Program...: a real program runs under the recorder, and its recording
// grows in the timeline as it runs (RecordingController polls the recorder's snapshots). Run >
// Stop ends the program; what was recorded stays on screen as a trace file would.
#include "app/main_window.h"

#include "app/record_dialog.h"
#include "app/recording_controller.h"
#include "app/trace_list_dock.h"
#include "canvas/scenario_editor.h"
#include "compare/compare_actions.h"
#include "document/scenario_document.h"
#include "export/python_program.h"
#include "timeline/timeline_view.h"

#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QSaveFile>
#include <QStatusBar>

namespace loopscope {

QString traceClockDescription(const Trace &trace); // main_window_trace.cpp

void MainWindow::setupRecording()
{
    m_recordings = new RecordingController(this);
    connect(m_recordings, &RecordingController::traceUpdated, this, &MainWindow::recordingUpdated);
    connect(m_recordings, &RecordingController::finished, this, &MainWindow::recordingFinished);
    connect(m_recordings, &RecordingController::failed, this, &MainWindow::recordingFailed);
    m_cpython = new RecordingController(this);
    connect(m_cpython, &RecordingController::finished, this, [this](const Trace &trace) {
        updateRunActions();
        if (m_cpythonScenario)
            openCpythonComparison(this, *m_cpythonScenario, m_scenarioPath, trace);
        statusBar()->clearMessage();
    });
    connect(m_cpython, &RecordingController::failed, this, [this](const QString &message) {
        updateRunActions();
        QMessageBox::warning(this, tr("Compare with CPython"), message);
    });
}

// The scenario's program as File > Export writes it, recorded with --virtual; the compare
// window opens when the recording is done (a lesson takes well under a second).
void MainWindow::compareWithCpython()
{
    if (!m_scenario || m_openTrace || !m_editor->runAction()->isEnabled())
        return statusBar()->showMessage(
            m_openTrace ? runOffForTraceReason() : m_editor->runBlockedReason(), 10000);
    RecorderOptions options;
    options.virtualClock = true;
    options.program = {m_cpython->workFile(QStringLiteral("scenario.py"))};
    QSaveFile program(options.program.first());
    QString error;
    if (!program.open(QIODevice::WriteOnly)
        || program.write(pythonProgram(*m_scenario).toUtf8()) < 0 || !program.commit())
        error = program.errorString();
    else
        m_cpython->start(options, &error);
    if (!error.isEmpty())
        return void(QMessageBox::warning(this, tr("Compare with CPython"), error));
    m_cpythonScenario = m_scenario;
    updateRunActions();
    statusBar()->showMessage(tr("Recording the scenario's program under CPython\u2026"));
}

bool MainWindow::isRecording() const
{
    return m_recordings->isRecording();
}

void MainWindow::chooseProgramToRecord()
{
    RecordDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        recordProgram(dialog.options());
}

bool MainWindow::recordProgram(const RecorderOptions &options)
{
    if (isRecording() || !maybeSaveChanges())
        return false;
    m_document->newDocument(); // stops a scenario's run; no scenario stays behind
    documentReplaced();
    QString error;
    if (!m_recordings->start(options, &error)) {
        QMessageBox::warning(this, tr("Cannot record"), error);
        return false;
    }
    const QString program = options.program.value(0);
    Trace empty;
    empty.scenario = QFileInfo(program).fileName();
    empty.recorded = true;
    empty.liveClock = !options.virtualClock;
    showTraceFile(program, empty);
    m_openTrace->recording = true;
    m_openTrace->clock.replace(QStringLiteral("recorded under"), tr("recording under"));
    m_traceNote->setText(tr("<p>Recording <b>%1</b> \u2014 %2.</p><p>Its lanes grow below as it "
                            "runs. Run \u25b8 Stop (Shift+F5) ends it.</p>")
                             .arg(empty.scenario.toHtmlEscaped(), m_openTrace->clock));
    m_timeline->setFollowPresent(true);
    updateTitle();
    updateRunStatus();
    updateRunActions();
    return true;
}

void MainWindow::recordingUpdated(const Trace &trace)
{
    if (!m_openTrace || !m_openTrace->recording)
        return;
    m_timeline->updateTrace(trace);
    m_log->showTrace(trace);
    m_diagnostics->showTrace(trace);
    listResources(trace);
    updateRunStatus();
}

void MainWindow::recordingFinished(const Trace &trace)
{
    if (!m_openTrace || !m_openTrace->recording)
        return;
    recordingUpdated(trace);
    m_timeline->setFollowPresent(false);
    m_timeline->fitAll();
    const QString program = m_openTrace->path;
    showTraceFile(program, m_timeline->trace()); // the note, title and status of a trace
    statusBar()->showMessage(
        tr("Recorded %1: %2").arg(QFileInfo(program).fileName(), outcomeName(trace.outcome.status)),
        10000);
}

void MainWindow::recordingFailed(const QString &message)
{
    if (m_openTrace)
        m_openTrace->recording = false;
    updateRunStatus();
    updateRunActions();
    QMessageBox::warning(this, tr("Recording failed"), message);
}

} // namespace loopscope
