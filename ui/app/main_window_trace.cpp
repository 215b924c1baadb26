// Trace files in the window: a trace recorded by `loopscope record` (or saved with Save Trace
// or `run --trace`) is shown as it is, with its log and diagnostics. No scenario stands behind
// it, so the editor makes way for a note that says so, and Run is off with the reason.
#include "app/main_window.h"

#include "app/recent_files.h"
#include "app/trace_list_dock.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"
#include "timeline/time_ruler.h"
#include "timeline/timeline_view.h"
#include "trace/trace_json.h"

#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QStackedWidget>

namespace loopscope {

// "recorded under CPython, virtual clock": which program made the trace, on which clock.
QString traceClockDescription(const Trace &trace)
{
    if (trace.recorded)
        return trace.liveClock ? MainWindow::tr("recorded under CPython, real clock")
                               : MainWindow::tr("recorded under CPython, virtual clock");
    return trace.liveClock ? MainWindow::tr("saved trace, live clock")
                           : MainWindow::tr("saved trace, virtual clock");
}

// The file is read once, and its trace moved, not copied, into the timeline: a trace of ten
// million spans takes a second to read and half a GB to hold.
bool MainWindow::openFile(const QString &path)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return openScenario(path);                  // says why it cannot be read
    TraceFileRead read = readIfTrace(in.readAll()); // parsed once, whatever its size
    in.close();
    if (read.isTrace)
        return showOpenedTrace(path, std::move(read.trace), read.error);
    return openScenario(path); // says what is wrong with a file that is neither
}

bool MainWindow::openTrace(const QString &path)
{
    QFile in(path);
    return openTrace(path, in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray());
}

bool MainWindow::openTrace(const QString &path, const QByteArray &bytes)
{
    QString error;
    std::optional<Trace> trace = readTraceBytes(bytes, &error);
    return showOpenedTrace(path, std::move(trace), error);
}

bool MainWindow::showOpenedTrace(const QString &path, std::optional<Trace> trace,
                                 const QString &error)
{
    if (!trace) {
        QMessageBox::warning(this, tr("Cannot open trace"),
                             tr("%1: %2").arg(QFileInfo(path).fileName(), error));
        return false;
    }
    if (!maybeSaveChanges())
        return false;
    m_document->newDocument(); // no scenario of before stays behind the trace
    documentReplaced();
    showTraceFile(path, std::move(*trace));
    m_recent->add(path);
    return true;
}

void MainWindow::showTraceFile(const QString &path, Trace shown)
{
    m_openTrace = OpenTrace{path, traceClockDescription(shown)};
    m_traceNote->setText(
        tr("<p><b>%1</b> \u2014 %2.</p><p>A trace has no scenario: there is nothing to edit "
           "or run here. Its timeline, log and diagnostics are below, and File \u25b8 Export "
           "takes it.</p><p>File \u25b8 Open a scenario to edit and run one.</p>")
            .arg(QFileInfo(path).fileName().toHtmlEscaped(), m_openTrace->clock));
    qobject_cast<QStackedWidget *>(m_editor->parentWidget())->setCurrentWidget(m_traceNote);
    m_timeline->setStaleNote({});
    m_timeline->setStepTexts({});
    m_timeline->setFollowPresent(false);
    m_timeline->setTrace(std::move(shown));
    const Trace &trace = m_timeline->trace();
    m_log->clear();
    m_diagnostics->clear();
    m_log->showTrace(trace);
    m_diagnostics->showTrace(trace);
    listResources(trace);
    m_haveTrace = true;
    followLoop(true);
    updateTitle();
    updateRunStatus();
    updateRunActions();
}

// A scenario again (opened, new or restored): the editor comes back.
void MainWindow::leaveTraceFile()
{
    if (!m_openTrace)
        return;
    m_openTrace.reset();
    qobject_cast<QStackedWidget *>(m_editor->parentWidget())->setCurrentWidget(m_editor);
}

// "recorded under CPython, virtual clock · completed · 3 s · ValueError: boom"
QString MainWindow::traceFileStatus() const
{
    const Trace &trace = m_timeline->trace();
    QStringList parts{m_openTrace->clock}; // while recording it says so: "recording under ..."
    if (!m_openTrace->recording)
        parts << outcomeName(trace.outcome.status);
    parts << formatSeconds(trace.duration);
    if (!m_openTrace->recording && !trace.outcome.error.isEmpty())
        parts << trace.outcome.error;
    return parts.join(QStringLiteral(" \u00b7 "));
}

} // namespace loopscope
