// Python programs in the window: File ▸ Open, a drop and `loopscope PROGRAM.py` import the
// program into an unsaved document (ScenarioDocument::open); text pasted on the canvas that is a
// program is imported the same way, replacing the document once unsaved changes are settled.
// Refusals list their line and column in the .py, in the same box as a scenario file's problems.
#include "app/main_window.h"

#include "app/import_progress.h"
#include "app/recent_files.h"
#include "app/run_controller.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"
#include "record/python_import.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>

namespace loopscope {

void MainWindow::showOpenProblems(const QString &name, const std::vector<ScenarioProblem> &problems)
{
    QStringList lines;
    for (const ScenarioProblem &problem : problems)
        lines << problem.toString();
    QMessageBox box(QMessageBox::Warning, tr("Cannot open scenario"),
                    tr("%1 has %n problem(s).", nullptr, int(problems.size())).arg(name),
                    QMessageBox::Ok, this);
    box.setDetailedText(lines.join(QLatin1Char('\n')));
    box.setInformativeText(lines.mid(0, 5).join(QLatin1Char('\n')));
    box.exec();
}

// The program's scenario replaces the document (after the usual question about unsaved
// changes), unsaved and named "pasted program (imported)"; a refusal changes nothing.
bool MainWindow::importPastedProgram(const QString &text)
{
    const QString label = tr("pasted program");
    std::optional<ScenarioLoad> imported = importSourceWithProgress(this, text.toUtf8(), label);
    if (!imported)
        return cancelledImport(label);
    ScenarioLoad &load = *imported;
    if (!load.ok()) {
        showOpenProblems(label, load.problems);
        return false;
    }
    if (!maybeSaveChanges())
        return false;
    m_document->takeImported(std::move(*load.scenario), label, text);
    documentReplaced();
    statusBar()->showMessage(tr("Imported the pasted program; Save writes it as a scenario"),
                             10000);
    startRun(ClockMode::Virtual);
    return true;
}

// Called once unsaved changes are settled (openScenario). The document stays as it was when the
// import is refused or cancelled.
bool MainWindow::openProgram(const QString &path)
{
    std::optional<ScenarioLoad> imported = importProgramWithProgress(this, path);
    if (!imported)
        return cancelledImport(QFileInfo(path).fileName());
    if (!imported->ok()) {
        showOpenProblems(QFileInfo(path).fileName(), imported->problems);
        return false;
    }
    m_document->takeImported(std::move(*imported->scenario), QFileInfo(path).absoluteFilePath(),
                             readProgramText(path));
    documentReplaced();
    m_recent->add(path);
    startRun(ClockMode::Virtual);
    return true;
}

bool MainWindow::cancelledImport(const QString &name)
{
    statusBar()->showMessage(tr("Import of %1 cancelled").arg(name), 10000);
    return false;
}

// A re-import of the text typed in the Python pane: the timeline follows on the virtual
// clock (milliseconds), unless a run is under way or the scenario cannot run.
void MainWindow::rerunAfterPythonEdit()
{
    if (m_openTrace || m_runs->isRunning() || !m_editor->runAction()->isEnabled())
        return;
    m_scenario = m_document->scenario();
    startRun(ClockMode::Virtual);
}

} // namespace loopscope
