// New, Open, restoring an autosave, saving, and the question before unsaved changes are dropped. A
// bundled lesson is a template: Save asks where to keep the user's copy (in their documents
// folder), and nothing under the examples folder is ever written. An imported Python program is
// saved as PROGRAM.loop.json beside it (Save asks), never over the .py.
#include "app/main_window.h"

#include "app/examples_gallery.h"
#include "app/recent_files.h"
#include "document/recovery_offer.h"
#include "document/scenario_document.h"
#include "record/python_import.h"

#include <QAbstractButton>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>

namespace loopscope {

namespace {

const auto kOpenFilter = QStringLiteral(
    "Loopscope scenarios, traces and Python programs (*.loop.json *.json *.lstrace *.py);;"
    "Loopscope traces (*.trace.json *.json *.lstrace);;Python asyncio programs (*.py *.pyw)");

// Where Save As starts: the document's own file, or for a lesson or a new document a file of
// the same name in the user's documents folder.
QString saveAsStart(const QString &documentPath, const QString &displayName,
                    const QString &importedFrom)
{
    if (!documentPath.isEmpty() && !isBundledLesson(documentPath))
        return documentPath;
    // An imported program: PROGRAM.loop.json beside PROGRAM.py (a pasted one has no folder).
    if (const QFileInfo program(importedFrom); documentPath.isEmpty() && program.isFile())
        return program.dir().filePath(program.completeBaseName() + QStringLiteral(".loop.json"));
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QDir().mkpath(documents);
    QString name = documentPath.isEmpty() ? displayName : QFileInfo(documentPath).fileName();
    if (!importedFrom.isEmpty())
        name = QFileInfo(importedFrom).completeBaseName();
    if (!name.endsWith(QLatin1String(".json")))
        name += QStringLiteral(".loop.json");
    return QDir(documents).filePath(name);
}

} // namespace

bool MainWindow::saveScenario()
{
    if (m_document->path().isEmpty() || isBundledLesson(m_document->path()))
        return saveScenarioAs();
    QString error;
    if (!m_document->save(&error)) {
        // The document stays open and modified: nothing is lost by a failed save.
        QMessageBox::warning(this, tr("Cannot save"), error);
        return false;
    }
    documentReplaced();
    return true;
}

bool MainWindow::saveScenarioAs()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Scenario As"),
        saveAsStart(m_document->path(), m_document->displayName(), m_document->importedFrom()),
        tr("Loopscope scenarios (*.loop.json *.json)"));
    if (path.isEmpty())
        return false;
    if (isPythonProgramPath(path)) { // the program stays the user's; the scenario is JSON
        QMessageBox::warning(this, tr("Cannot save"),
                             tr("%1 is a Python program: Loopscope saves the scenario as "
                                ".loop.json and never writes over a program.")
                                 .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    if (isBundledLesson(path)) {
        QMessageBox::warning(this, tr("Cannot save"),
                             tr("%1 is in the folder of bundled lessons, which Loopscope never "
                                "changes. Save your copy in another folder.")
                                 .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    QString error;
    if (!m_document->saveAs(path, &error)) {
        QMessageBox::warning(this, tr("Cannot save"), error);
        return false;
    }
    documentReplaced();
    m_recent->add(m_document->path());
    return true;
}

// Cancel is the default: Enter pressed out of habit then neither drops the edits (Discard) nor
// writes a file or opens a dialog the user did not ask for (Save, Save As); the window stays as
// it was and nothing is lost either way.
bool MainWindow::maybeSaveChanges()
{
    if (!m_document->isModified())
        return true;
    const bool lesson = isBundledLesson(m_document->path());
    QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                    lesson
                        ? tr("%1 is a bundled lesson, and it has unsaved changes. Save them "
                             "as your own copy?")
                              .arg(m_document->displayName())
                        : tr("%1 has unsaved changes. Save them?").arg(m_document->displayName()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    if (lesson)
        box.button(QMessageBox::Save)->setText(tr("Save As\u2026"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.setEscapeButton(QMessageBox::Cancel);
    const auto answer = QMessageBox::StandardButton(box.exec());
    if (answer == QMessageBox::Save)
        return saveScenario();
    if (answer == QMessageBox::Discard)
        m_document->discardRecoveryFile();
    return answer == QMessageBox::Discard;
}

void MainWindow::chooseScenarioToOpen()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open Scenario or Trace"), QString(), kOpenFilter);
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::newScenario()
{
    if (!maybeSaveChanges())
        return;
    m_document->newDocument();
    documentReplaced();
}

// The document's scenario and path are the window's: runs, title and Save follow them.
void MainWindow::documentReplaced()
{
    leaveTraceFile();
    m_scenario = m_document->scenario();
    m_scenarioPath = m_document->path();
    updateTitle();
    updateRunActions();
}

void MainWindow::offerRecovery()
{
    for (const RecoveryFile &recovery : pendingRecoveries()) {
        if (askAboutRecovery(this, recovery) != RecoveryAnswer::Restore || !maybeSaveChanges())
            continue;
        QString error;
        std::vector<ScenarioProblem> problems;
        if (!m_document->restore(recovery, &error, &problems))
            QMessageBox::warning(this, tr("Cannot restore"), error);
        else if (!problems.empty()) // the editor marks them; say why Run is off
            statusBar()->showMessage(
                tr("Restored with %n problem(s) to fix: %1", nullptr, int(problems.size()))
                    .arg(problems.front().toString()));
        documentReplaced();
        return; // one document at a time; the others are offered at the next start
    }
}

} // namespace loopscope
