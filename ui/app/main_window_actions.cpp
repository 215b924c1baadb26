// The window's actions, menus and tool bars (the commands behind them: main_window_files.cpp,
// main_window_export.cpp).
#include "app/main_window.h"

#include "app/examples_gallery.h"
#include "app/help_dialogs.h"

#include "app/recent_files.h"
#include "app/run_controller.h"
#include "canvas/scenario_editor.h"
#include "compare/compare_actions.h"
#include "document/scenario_document.h"
#include "timeline/timeline_view.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QStyle>
#include <QToolBar>

namespace loopscope {

namespace {

QAction *makeAction(QObject *parent, const QString &text, const QKeySequence &shortcut,
                    const QIcon &icon = {})
{
    auto *action = new QAction(icon, text, parent);
    action->setShortcut(shortcut);
    return action;
}

} // namespace

void MainWindow::setupActions()
{
    QStyle *s = style();
    Actions &a = m_actions;
    a.newScenario
        = makeAction(this, tr("&New"), QKeySequence::New, s->standardIcon(QStyle::SP_FileIcon));
    // Spelled out: QKeySequence::SaveAs is empty on platforms without a desktop's key theme.
    a.saveAs = makeAction(this, tr("Save &As\u2026"), QKeySequence(tr("Ctrl+Shift+S")));
    a.open = makeAction(this, tr("&Open\u2026"), QKeySequence::Open,
                        s->standardIcon(QStyle::SP_DialogOpenButton));
    a.recordProgram = makeAction(this, tr("&Record Python Program\u2026"), QKeySequence());
    a.save = makeAction(this, tr("&Save"), QKeySequence::Save,
                        s->standardIcon(QStyle::SP_DialogSaveButton));
    // Not Ctrl+Shift+S: that is Save As (QKeySequence::SaveAs), and a shortcut two actions
    // share triggers neither.
    a.saveTrace = makeAction(this, tr("Save &Trace\u2026"), QKeySequence(tr("Ctrl+Alt+S")));
    a.exportImage = makeAction(this, tr("&Export\u2026"), QKeySequence(tr("Ctrl+E")));
    a.copyImage = makeAction(this, tr("Copy as &Image"), QKeySequence(tr("Ctrl+Shift+C")));
    a.copyMermaid = makeAction(this, tr("Copy as &Mermaid"), QKeySequence(tr("Ctrl+Alt+C")));
    a.quit = makeAction(this, tr("&Quit"), QKeySequence::Quit);
    a.run = makeAction(this, tr("&Run"), QKeySequence(Qt::Key_F5),
                       s->standardIcon(QStyle::SP_MediaPlay));
    a.pause = makeAction(this, tr("&Pause"), QKeySequence(Qt::Key_F6),
                         s->standardIcon(QStyle::SP_MediaPause));
    a.pause->setCheckable(true);
    a.step = makeAction(this, tr("S&tep"), QKeySequence(Qt::Key_F10),
                        s->standardIcon(QStyle::SP_MediaSkipForward));
    a.stop = makeAction(this, tr("St&op"), QKeySequence(tr("Shift+F5")),
                        s->standardIcon(QStyle::SP_MediaStop));
    a.compareCpython = makeAction(this, tr("Compare with &CPython"), QKeySequence());
    a.compareCpython->setStatusTip(tr("Record the scenario's Python program under CPython "
                                      "(virtual clock) and stack it under Loopscope's run"));
    connect(a.compareCpython, &QAction::triggered, this, &MainWindow::compareWithCpython);
    connect(a.open, &QAction::triggered, this, &MainWindow::chooseScenarioToOpen);
    connect(a.recordProgram, &QAction::triggered, this, &MainWindow::chooseProgramToRecord);
    connect(a.save, &QAction::triggered, this, &MainWindow::saveScenario);
    connect(a.saveAs, &QAction::triggered, this, &MainWindow::saveScenarioAs);
    connect(a.newScenario, &QAction::triggered, this, &MainWindow::newScenario);
    connect(a.saveTrace, &QAction::triggered, this, &MainWindow::saveTrace);
    connect(a.exportImage, &QAction::triggered, this, &MainWindow::exportImage);
    connect(a.copyImage, &QAction::triggered, this, &MainWindow::copyImage);
    connect(a.copyMermaid, &QAction::triggered, this, &MainWindow::copyMermaid);
    connect(a.quit, &QAction::triggered, this, &QWidget::close);
    connect(a.run, &QAction::triggered, this, &MainWindow::run);
    connect(a.pause, &QAction::triggered, this, &MainWindow::togglePause);
    connect(a.step, &QAction::triggered, this, &MainWindow::stepRun);
    connect(a.stop, &QAction::triggered, this, &MainWindow::stopRun);
    setupNavigationActions();
}

// Every way of moving around the timeline has a key, shown beside it in the View menu.
void MainWindow::setupNavigationActions()
{
    Actions &a = m_actions;
    TimelineView *t = m_timeline;
    a.zoomIn = makeAction(this, tr("Zoom &In"), QKeySequence::ZoomIn);
    a.zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))});
    a.zoomOut = makeAction(this, tr("Zoom &Out"), QKeySequence::ZoomOut);
    a.fitAll = makeAction(this, tr("&Fit All"), QKeySequence(tr("Ctrl+0")));
    a.zoomToSelection
        = makeAction(this, tr("Zoom to &Selection"), QKeySequence(tr("Ctrl+Shift+R")));
    a.clearSelection = makeAction(this, tr("&Clear Selection"), QKeySequence(Qt::Key_Escape));
    a.panLeft = makeAction(this, tr("Pan &Left"), QKeySequence(tr("Ctrl+Left")));
    a.panRight = makeAction(this, tr("Pan &Right"), QKeySequence(tr("Ctrl+Right")));
    a.follow = makeAction(this, tr("Follow the &Present"), QKeySequence(Qt::Key_End));
    a.follow->setCheckable(true);
    a.wakeArrows = makeAction(this, tr("&Wake Arrows"), QKeySequence(tr("Ctrl+Shift+A")));
    a.wakeArrows->setCheckable(true);
    a.wakeArrows->setChecked(true);
    a.expandAll = makeAction(this, tr("&Expand All Lanes"), QKeySequence(tr("Ctrl+Shift+Down")));
    a.collapseAll = makeAction(this, tr("C&ollapse All Lanes"), QKeySequence(tr("Ctrl+Shift+Up")));
    // Many tasks of one coroutine (or threads of one pool) as one row of counts, or all lanes.
    a.foldAll = makeAction(this, tr("Fold &Groups of Lanes"), QKeySequence(tr("Ctrl+Shift+G")));
    a.unfoldAll = makeAction(this, tr("&Unfold Groups of Lanes"), QKeySequence(tr("Ctrl+Alt+G")));
    a.findLane = makeAction(this, tr("Filter &Lanes\u2026"), QKeySequence::Find);
    connect(a.zoomIn, &QAction::triggered, t, &TimelineView::zoomIn);
    connect(a.zoomOut, &QAction::triggered, t, &TimelineView::zoomOut);
    connect(a.fitAll, &QAction::triggered, t, &TimelineView::fitAll);
    connect(a.zoomToSelection, &QAction::triggered, t, &TimelineView::zoomToSelection);
    connect(a.clearSelection, &QAction::triggered, t, &TimelineView::clearSelection);
    connect(a.panLeft, &QAction::triggered, t, &TimelineView::panLeft);
    connect(a.panRight, &QAction::triggered, t, &TimelineView::panRight);
    connect(a.follow, &QAction::toggled, t, &TimelineView::setFollowPresent);
    connect(t, &TimelineView::followPresentChanged, a.follow, &QAction::setChecked);
    connect(a.wakeArrows, &QAction::toggled, t, &TimelineView::setWakeArrowsVisible);
    connect(a.expandAll, &QAction::triggered, t, &TimelineView::expandAll);
    connect(a.collapseAll, &QAction::triggered, t, &TimelineView::collapseAll);
    connect(a.foldAll, &QAction::triggered, t, &TimelineView::foldAll);
    connect(a.unfoldAll, &QAction::triggered, t, &TimelineView::unfoldAll);
}

void MainWindow::setupMenus()
{
    const Actions &a = m_actions;
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({a.newScenario, a.open, a.recordProgram});
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recent = new RecentFiles(m_recentMenu, this);
    connect(m_recent, &RecentFiles::fileChosen, this, &MainWindow::openFile);
    file->addActions({a.save, a.saveAs, a.saveTrace, a.exportImage});
    file->addSeparator();
    addCompareActions(file, this,
                      {[this] { return std::optional<Scenario>(m_document->scenario()); },
                       [this] { return m_document->path(); }});
    file->addSeparator();
    file->addAction(a.quit);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({m_editor->undoAction(), m_editor->redoAction()});
    edit->addSeparator();
    edit->addAction(m_editor->arrangeAction());
    edit->addSeparator();
    edit->addActions({a.copyImage, a.copyMermaid});
    QMenu *runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addActions({a.run, a.pause, a.step, a.stop});
    runMenu->addSeparator();
    runMenu->addAction(a.compareCpython);
    runMenu->addSeparator();
    setupMemoryBudget(runMenu);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({a.zoomIn, a.zoomOut, a.fitAll, a.zoomToSelection, a.clearSelection});
    view->addSeparator();
    view->addActions({a.panLeft, a.panRight, a.follow});
    view->addSeparator();
    view->addActions({a.expandAll, a.collapseAll, a.foldAll, a.unfoldAll, a.findLane});
    m_stateFilterMenu = view->addMenu(tr("Show Lanes &That Were"));
    for (LaneState state : {LaneState::Running, LaneState::Ready, LaneState::Blocking,
                            LaneState::Waiting, LaneState::Blocked}) {
        QAction *action = m_stateFilterMenu->addAction(stateName(state));
        action->setCheckable(true);
        action->setData(int(state));
        connect(action, &QAction::toggled, this, &MainWindow::applyLaneFilter);
    }
    view->addSeparator();
    view->addAction(a.wakeArrows);
    setupThemeActions(view);
}

// After the Window menu (setupDocks), as Help menus go last.
void MainWindow::setupHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *examples = help->addAction(tr("&Examples\u2026"));
    examples->setShortcut(QKeySequence(Qt::Key_F1));
    connect(examples, &QAction::triggered, this, &MainWindow::showExamples);
    QAction *manual = help->addAction(tr("&Manual"));
    manual->setShortcut(QKeySequence(tr("Ctrl+F1")));
    connect(manual, &QAction::triggered, this, [this] {
        QString error;
        if (QDialog *window = createManualWindow(this, &error))
            window->show();
        else
            QMessageBox::warning(this, tr("No user guide"), error);
    });
    QAction *keys = help->addAction(tr("&Keyboard Shortcuts"));
    keys->setShortcut(QKeySequence(tr("Ctrl+/")));
    connect(keys, &QAction::triggered, this,
            [this] { createShortcutsDialog(menuBar(), this)->open(); });
    help->addSeparator();
    QAction *about = help->addAction(tr("&About Loopscope"));
    connect(about, &QAction::triggered, this, [this] {
        auto *box = new QMessageBox(QMessageBox::NoIcon, tr("About Loopscope"), aboutText(),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("aboutBox"));
        box->setIconPixmap(windowIcon().pixmap(64, 64));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

// The scenario opens after the gallery has closed, so that a question about unsaved changes is
// not asked over it.
void MainWindow::showExamples()
{
    ExamplesGallery gallery(this);
    QString chosen;
    connect(&gallery, &ExamplesGallery::exampleChosen, this,
            [&chosen](const QString &path) { chosen = path; });
    if (gallery.exec() == QDialog::Accepted && !chosen.isEmpty())
        openScenario(chosen);
}

void MainWindow::setupToolBars()
{
    const Actions &a = m_actions;
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->addActions({a.newScenario, a.open, a.save});
    bar->addSeparator();
    bar->addActions({a.run, a.pause, a.step, a.stop});
    // The choice is for the next run; the status bar names the clock of the run on screen.
    auto *next = new QLabel(tr("Next run:"), bar);
    next->setObjectName(QStringLiteral("nextRunLabel"));
    bar->addWidget(next);
    m_clock = new QComboBox(bar);
    m_clock->addItems({tr("Virtual clock"), tr("Live clock")});
    m_clock->setToolTip(tr("The clock of the next Run. Virtual: exact and instant. Live: real "
                           "time, scaled. The status bar names the clock of the run shown."));
    next->setBuddy(m_clock);
    bar->addWidget(m_clock);
    m_scale = new QDoubleSpinBox(bar);
    m_scale->setRange(0.01, 10.0);
    m_scale->setSingleStep(0.05);
    m_scale->setDecimals(2);
    m_scale->setSuffix(tr(" s per s"));
    m_scale->setToolTip(tr("Live clock: wall seconds per scenario second"));
    bar->addWidget(m_scale);
    connect(m_clock, &QComboBox::currentIndexChanged, m_scale,
            [this](int index) { m_scale->setEnabled(index == 1); });
    bar->addSeparator();
    bar->addActions({a.zoomIn, a.zoomOut, a.fitAll, a.follow});
    m_filter = new QLineEdit(bar);
    m_filter->setPlaceholderText(tr("Filter lanes"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(200);
    bar->addWidget(m_filter);
    connect(m_filter, &QLineEdit::textChanged, this, &MainWindow::applyLaneFilter);
    m_highlight = new QComboBox(bar);
    m_highlight->setObjectName(QStringLiteral("resourceHighlight"));
    m_highlight->setToolTip(tr("Highlight a resource: its holders are underlined, the tasks "
                               "waiting for it outlined"));
    m_highlight->addItem(tr("No resource highlighted"), QString());
    bar->addWidget(m_highlight);
    connect(m_highlight, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_timeline->setHighlightedResource(m_highlight->itemData(index).toString());
    });
    connect(a.findLane, &QAction::triggered, m_filter, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
}

void MainWindow::applyLaneFilter()
{
    LaneFilter filter;
    filter.text = m_filter->text().trimmed();
    for (QAction *action : m_stateFilterMenu->actions()) {
        if (action->isChecked())
            filter.states.insert(LaneState(action->data().toInt()));
    }
    m_timeline->setLaneFilter(filter);
}

} // namespace loopscope
