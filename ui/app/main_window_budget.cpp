// Run > Memory Budget: what a run's recording may take (runtime/memory_budget.h), the GUI's
// side of `loopscope run --memory-budget`. Kept in the settings ("run/memoryBudget"); a run
// that reaches it stops and says so in the log, naming this entry.
#include "main_window.h"
#include "run_controller.h"

#include <QInputDialog>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>

namespace loopscope {

void MainWindow::setupMemoryBudget(QMenu *runMenu)
{
    const std::optional<std::size_t> saved
        = parseMemoryBudget(QSettings().value(QStringLiteral("run/memoryBudget")).toString());
    m_runs->setMemoryBudget(saved.value_or(kDefaultMemoryBudget));
    QAction *choose = runMenu->addAction(tr("Memory &Budget\u2026"));
    choose->setObjectName(QStringLiteral("memoryBudgetAction"));
    choose->setStatusTip(tr("What a run's recording may take; a run that reaches it stops"));
    connect(choose, &QAction::triggered, this, &MainWindow::chooseMemoryBudget);
}

// Window-modal, not exec(): the window goes on drawing a run while the dialog is open.
void MainWindow::chooseMemoryBudget()
{
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("memoryBudgetDialog"));
    dialog->setWindowTitle(tr("Memory Budget"));
    dialog->setLabelText(tr("What a run's recording may take, such as 512M or 8G (at least "
                            "1M). A state change takes 4\u20136 bytes."));
    dialog->setTextValue(memoryBudgetText(m_runs->memoryBudget()));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        const std::optional<std::size_t> budget = parseMemoryBudget(text);
        if (!budget)
            return statusBar()->showMessage(
                tr("Memory budget unchanged: expected a size of at least 1M, such as 512M or "
                   "8G, got \"%1\"")
                    .arg(text));
        m_runs->setMemoryBudget(*budget);
        QSettings().setValue(QStringLiteral("run/memoryBudget"), memoryBudgetText(*budget));
        statusBar()->showMessage(
            tr("Memory budget: %1 for the next run").arg(memoryBudgetText(*budget)));
    });
    dialog->open();
}

} // namespace loopscope
