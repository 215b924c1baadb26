#include "app/trace_list_dock.h"

#include "timeline/deadlock_waits.h"

#include <QHeaderView>
#include <QTreeWidget>

namespace loopscope {

namespace {

enum Role { TimeRole = Qt::UserRole, LaneRole, StepRole, EventRole };

// Scenario seconds to the millisecond, as `loopscope run` prints them: the column lines up, and
// a live run's "2.001 s" does not sit under a "1.057 ms".
QString logTime(double t)
{
    return QString::number(t, 'f', 3) + QStringLiteral(" s");
}

QString laneName(const Trace &trace, int lane)
{
    return lane >= 0 && lane < int(trace.lanes.size()) ? trace.lanes[lane].name : QString();
}

} // namespace

TraceListDock::TraceListDock(Content content, QWidget *parent)
    : QDockWidget(parent)
    , m_content(content)
    , m_list(new QTreeWidget(this))
{
    const bool log = content == Content::Log;
    setWindowTitle(log ? tr("Log") : tr("Diagnostics"));
    setObjectName(log ? QStringLiteral("logDock") : QStringLiteral("diagnosticsDock"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels(
        log ? QStringList{tr("Time"), tr("Task"), tr("Printed")}
            : QStringList{tr("Time"), tr("Task"), tr("Severity"), tr("Message")});
    m_list->header()->setStretchLastSection(true);
    setWidget(m_list);
    connect(m_list, &QTreeWidget::itemActivated, this, &TraceListDock::activate);
    connect(m_list, &QTreeWidget::itemClicked, this, &TraceListDock::activate);
}

int TraceListDock::rowCount() const
{
    return m_list->topLevelItemCount();
}

void TraceListDock::clear()
{
    m_list->clear();
    m_shown = 0;
    m_deadlockListed = false;
}

void TraceListDock::showTrace(const Trace &trace)
{
    const std::size_t available
        = m_content == Content::Log ? trace.events.size() : trace.diagnostics.size();
    if (available < m_shown) // another run: start over
        clear();
    const bool deadlockNow = m_content == Content::Diagnostics && !m_deadlockListed
                             && trace.outcome.status == OutcomeStatus::Deadlock;
    if (m_content == Content::Log)
        appendLogRows(trace);
    else
        appendDiagnosticRows(trace);
    if (deadlockNow)
        listDeadlock(trace);
    if (available != m_shown || deadlockNow) {
        for (int column = 0; column + 1 < m_list->columnCount(); ++column)
            m_list->resizeColumnToContents(column);
    }
    m_shown = available;
}

void TraceListDock::appendLogRows(const Trace &trace)
{
    for (std::size_t i = m_shown; i < trace.events.size(); ++i) {
        const TraceEvent &event = trace.events[i];
        if (event.kind == EventKind::Print)
            addRow(event.t, event.lane, {logTime(event.t), laneName(trace, event.lane), event.text})
                ->setData(0, EventRole, qulonglong(i));
    }
}

void TraceListDock::appendDiagnosticRows(const Trace &trace)
{
    for (std::size_t i = m_shown; i < trace.diagnostics.size(); ++i) {
        const Diagnostic &d = trace.diagnostics[i];
        addRow(d.t, d.lane,
               {logTime(d.t), laneName(trace, d.lane), severityName(d.severity), d.message});
    }
}

// At the top, in the order of the cycle: the reason the run ended comes first.
void TraceListDock::listDeadlock(const Trace &trace)
{
    m_deadlockListed = true;
    int row = 0;
    for (const DeadlockWait &wait : deadlockWaits(trace)) {
        QTreeWidgetItem *item = addRow(wait.since, wait.waiter,
                                       {logTime(wait.since), laneName(trace, wait.waiter),
                                        severityName(Severity::Error),
                                        QStringLiteral("deadlock: ") + describeWait(trace, wait)});
        item->setData(0, StepRole, wait.step);
        m_list->takeTopLevelItem(m_list->indexOfTopLevelItem(item));
        m_list->insertTopLevelItem(row++, item);
    }
}

QTreeWidgetItem *TraceListDock::addRow(double t, int lane, const QStringList &columns)
{
    auto *item = new QTreeWidgetItem(m_list, columns);
    item->setData(0, TimeRole, t);
    item->setData(0, LaneRole, lane);
    item->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

void TraceListDock::activate(QTreeWidgetItem *item)
{
    if (!item)
        return;
    Q_EMIT instantActivated(item->data(0, TimeRole).toDouble(), item->data(0, LaneRole).toInt());
    if (const QString step = item->data(0, StepRole).toString(); !step.isEmpty())
        Q_EMIT stepActivated(step);
}

// The rows of events [first, end) are selected; none: the last row before them is current.
void TraceListDock::followEvents(std::size_t first, std::size_t end)
{
    m_list->clearSelection();
    QTreeWidgetItem *current = nullptr;
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        const QVariant event = item->data(0, EventRole);
        if (!event.isValid() || event.toULongLong() >= end)
            break;
        current = item;
        if (event.toULongLong() >= first)
            item->setSelected(true);
    }
    if (current) {
        m_list->setCurrentItem(current, 0, QItemSelectionModel::NoUpdate);
        m_list->scrollToItem(current);
    }
}

QStringList TraceListDock::selectedTexts() const
{
    QStringList texts;
    for (int row = 0; row < m_list->topLevelItemCount(); ++row)
        if (m_list->topLevelItem(row)->isSelected())
            texts << m_list->topLevelItem(row)->text(m_list->columnCount() - 1);
    return texts;
}

} // namespace loopscope
