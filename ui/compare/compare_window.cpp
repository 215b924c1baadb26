#include "compare/compare_window.h"

#include "compare/compare_image.h"
#include "compare/compare_view.h"
#include "export/export_formats.h"
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "timeline/timeline_view.h"
#include "trace/trace_json.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QToolBar>

namespace loopscope {

namespace {

const auto kExportFolderKey = QStringLiteral("compare/exportFolder");

// "10-loop-vs-taskgroup" for ".../10-loop-vs-taskgroup.loop.json".
QString fileLabel(const QString &path)
{
    QString name = QFileInfo(path).fileName();
    for (const char *suffix : {".loop.json", ".json", ".lstrace"})
        if (name.endsWith(QLatin1String(suffix)))
            return name.chopped(qsizetype(qstrlen(suffix)));
    return name;
}

// "compare-semaphore-two-at-a-time.svg" for "Semaphore: two at a time".
QString exportName(const QString &title)
{
    static const QRegularExpression unsafe(QStringLiteral("[^a-z0-9]+"));
    QString name = title.toLower().replace(unsafe, QStringLiteral("-"));
    while (name.endsWith(QLatin1Char('-')))
        name.chop(1);
    while (name.startsWith(QLatin1Char('-')))
        name.remove(0, 1);
    return QStringLiteral("compare-%1.svg").arg(name.isEmpty() ? QStringLiteral("runs") : name);
}

} // namespace

CompareWindow::CompareWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_view(new CompareView(this))
{
    setWindowTitle(tr("Compare runs"));
    setCentralWidget(m_view);
    QToolBar *bar = addToolBar(tr("Compare"));
    bar->setObjectName(QStringLiteral("compareToolBar"));
    QAction *run = bar->addAction(tr("Run all"), this, &CompareWindow::runAll);
    run->setObjectName(QStringLiteral("compareRunAll"));
    run->setShortcut(QKeySequence(Qt::Key_F5));
    bar->addAction(tr("Add file…"), this, &CompareWindow::addFileFromDialog)
        ->setObjectName(QStringLiteral("compareAddFile"));
    bar->addAction(tr("Fit"), m_view, &CompareView::fitAll);
    bar->addAction(tr("Export…"), this, &CompareWindow::exportFromDialog)
        ->setObjectName(QStringLiteral("compareExport"));
    // A window opened from the main one closes as dialogs do, and as a document window does.
    auto *closeWindow = new QAction(tr("Close"), this);
    closeWindow->setObjectName(QStringLiteral("compareClose"));
    closeWindow->setShortcuts(
        {QKeySequence(Qt::Key_Escape), QKeySequence::Close, QKeySequence(tr("Ctrl+W"))});
    closeWindow->setShortcutContext(Qt::WindowShortcut);
    connect(closeWindow, &QAction::triggered, this, &QWidget::close);
    addAction(closeWindow);
    resize(1100, 760);
}

// Where the last comparison was exported, else the documents folder: never the folder the
// app was started from, which may be the bundled lessons'.
QString CompareWindow::exportFolder()
{
    const QString last = QSettings().value(kExportFolderKey).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void CompareWindow::setScenario(const Scenario &scenario, const QString &label)
{
    m_title = scenario.title.isEmpty() ? label : scenario.title;
    m_entries = scenariosToCompare(scenario, {});
    setWindowTitle(tr("Compare: %1").arg(m_title));
}

void CompareWindow::addScenario(const QString &name, const Scenario &scenario)
{
    if (m_title.isEmpty())
        m_title = scenario.title.isEmpty() ? name : scenario.title;
    m_entries.push_back({name, scenario});
    setWindowTitle(tr("Compare: %1").arg(m_title));
}

void CompareWindow::addTrace(const QString &name, const Trace &trace)
{
    if (m_title.isEmpty())
        m_title = trace.scenario.isEmpty() ? name : trace.scenario;
    m_traces.push_back({name, trace});
    setWindowTitle(tr("Compare: %1").arg(m_title));
}

bool CompareWindow::addFile(const QString &path, QString *error)
{
    QFile file(path);
    const QByteArray bytes = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    if (const TraceFileRead read = readIfTrace(bytes); read.isTrace) { // parsed once
        if (read.trace)
            addTrace(fileLabel(path), *read.trace);
        else if (error)
            *error = tr("%1: %2").arg(path, read.error);
        return read.trace.has_value();
    }
    const ScenarioLoad load = readScenarioFile(path);
    if (!load.ok()) {
        if (error)
            *error = load.problems.empty() ? path : load.problems.front().toString();
        return false;
    }
    addScenario(fileLabel(path), *load.scenario);
    return true;
}

// Every run on the virtual clock: the durations compared are the program's own, the same on
// every machine and at once.
void CompareWindow::runAll()
{
    QApplication::setOverrideCursor(Qt::WaitCursor);
    std::vector<NamedTrace> runs;
    RunOptions options;
    options.clock = ClockMode::Virtual;
    options.workerProgram = QCoreApplication::applicationFilePath();
    for (const NamedScenario &entry : m_entries)
        runs.push_back({entry.name, runScenario(entry.scenario, options)});
    runs.insert(runs.end(), m_traces.begin(), m_traces.end());
    m_view->setRuns(std::move(runs));
    QApplication::restoreOverrideCursor();
}

void CompareWindow::addFileFromDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Compare with"), QString(),
                                                      tr("Scenarios and traces (*.json)"));
    QString error;
    if (path.isEmpty())
        return;
    if (!addFile(path, &error)) {
        QMessageBox::warning(this, tr("Compare with"), error);
        return;
    }
    runAll();
}

void CompareWindow::exportFromDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export comparison"), QDir(exportFolder()).filePath(exportName(m_title)),
        exportFileFilters(ExportUse::Comparison).join(QStringLiteral(";;")));
    if (path.isEmpty())
        return;
    QSettings().setValue(kExportFolderKey, QFileInfo(path).absolutePath());
    CompareImageOptions options;
    options.title = tr("Compare: %1").arg(m_title);
    options.lesson = m_title;
    options.summary = m_view->summary().lines();
    QString error;
    if (!exportCompare(m_view->runs(), options, path, &error))
        QMessageBox::warning(this, tr("Export comparison"), error);
}

} // namespace loopscope
