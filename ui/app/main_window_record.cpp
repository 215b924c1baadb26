// File > Record Python Program...: a real program runs under the recorder, and its recording
// grows in the timeline as it runs (RecordingController polls the recorder's snapshots). Run >
// Stop ends the program; what was recorded stays on screen as a trace file would.
#include "app/main_window.h"

#include "app/record_dialog.h"
#include "app/recording_controller.h"
#include "app/trace_list_dock.h"
#include "document/scenario_document.h"
#include "timeline/timeline_view.h"

#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QStatusBar>

namespace loopscope {

QString traceClockDescription(const Trace &trace); // main_window_trace.cpp

void MainWindow::setupRecording()
{
    m_recordings = new RecordingController(this);
    connect(m_recordings, &RecordingController::traceUpdated, this, &MainWindow::recordingUpdated);
    connect(m_recordings, &RecordingController::finished, this, &MainWindow::recordingFinished);
    connect(m_recordings, &RecordingController::failed, this, &MainWindow::recordingFailed);
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
