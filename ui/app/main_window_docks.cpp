// The docks around the timeline and the status bar.
#include "app/main_window.h"

#include "app/trace_list_dock.h"
#include "timeline/timeline_view.h"

#include <QLabel>
#include <QMenuBar>
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
    QMenu *windows = menuBar()->addMenu(tr("&Window"));
    QAction *log = m_log->toggleViewAction();
    log->setShortcut(QKeySequence(tr("Ctrl+1")));
    QAction *diagnostics = m_diagnostics->toggleViewAction();
    diagnostics->setShortcut(QKeySequence(tr("Ctrl+2")));
    windows->addActions({log, diagnostics});
}

void MainWindow::setupStatusBar()
{
    m_outcome = new QLabel(tr("no run yet"), this);
    statusBar()->addPermanentWidget(m_outcome);
}

} // namespace loopscope
