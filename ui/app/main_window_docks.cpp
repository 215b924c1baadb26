// The docks around the timeline and the status bar.
#include "app/main_window.h"

#include "app/trace_list_dock.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"
#include "timeline/timeline_view.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace loopscope {

void MainWindow::setupDocks()
{
    m_log = new TraceListDock(TraceListDock::Content::Log, this);
    m_diagnostics = new TraceListDock(TraceListDock::Content::Diagnostics, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_log);
    addDockWidget(Qt::BottomDockWidgetArea, m_diagnostics);
    tabifyDockWidget(m_log, m_diagnostics);
    m_log->raise();
    connect(m_log, &TraceListDock::instantActivated, m_timeline, &TimelineView::revealTime);
    connect(m_diagnostics, &TraceListDock::instantActivated, m_timeline, &TimelineView::revealTime);
    connect(m_diagnostics, &TraceListDock::stepActivated, m_editor, &ScenarioEditor::selectStep);
    QMenu *windows = menuBar()->addMenu(tr("&Window"));
    QAction *log = m_log->toggleViewAction();
    log->setShortcut(QKeySequence(tr("Ctrl+1")));
    QAction *diagnostics = m_diagnostics->toggleViewAction();
    diagnostics->setShortcut(QKeySequence(tr("Ctrl+2")));
    windows->addActions({log, diagnostics});
}

// The editor above the timeline: what is written and what it does, on one screen.
void MainWindow::setupEditor()
{
    m_document = new ScenarioDocument(this);
    m_editor = new ScenarioEditor(m_document);
    auto *split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("editorSplitter"));
    // The note takes the editor's place while a trace file is shown.
    auto *top = new QStackedWidget(split);
    top->setObjectName(QStringLiteral("editorOrTraceNote"));
    m_traceNote = new QLabel(top);
    m_traceNote->setObjectName(QStringLiteral("traceFileNote"));
    m_traceNote->setWordWrap(true);
    m_traceNote->setAlignment(Qt::AlignCenter);
    m_traceNote->setMargin(24);
    top->addWidget(m_editor);
    top->addWidget(m_traceNote);
    split->addWidget(top);
    split->addWidget(m_timeline);
    split->setSizes({560, 300});
    setCentralWidget(split);
    connect(m_editor, &ScenarioEditor::runRequested, this, &MainWindow::run);
    connect(m_editor, &ScenarioEditor::validityChanged, this, &MainWindow::updateRunActions);
    connect(m_editor, &ScenarioEditor::programPasted, this, &MainWindow::importPastedProgram);
    connect(m_editor, &ScenarioEditor::pythonImported, this, &MainWindow::rerunAfterPythonEdit);
    connect(m_editor, &ScenarioEditor::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    connect(m_document, &ScenarioDocument::changed, this, [this] {
        m_scenario = m_document->scenario();
        updateRunActions();
        noteEditSinceRun();
    });
    connect(m_document, &ScenarioDocument::replaced, this, &MainWindow::clearRun);
    connect(m_document, &ScenarioDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ScenarioDocument::pathChanged, this, &MainWindow::documentReplaced);
}

void MainWindow::setupStatusBar()
{
    m_outcome = new QLabel(tr("no run yet"), this);
    m_outcome->setObjectName(QStringLiteral("runStatus"));
    statusBar()->addPermanentWidget(m_outcome);
}

} // namespace loopscope
