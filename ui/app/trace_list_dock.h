// The two lists beside the timeline: the run's `print` lines (the log) and its diagnostics.
// Each row carries its instant and lane; activating a row asks the timeline to show it. A
// deadlock heads the diagnostics with one row per task of the cycle (what it waits for, who
// holds that), whose step the editor selects.
#pragma once

#include "trace/trace.h"

#include <QDockWidget>

class QTreeWidget;
class QTreeWidgetItem;

namespace loopscope {

class TraceListDock : public QDockWidget
{
    Q_OBJECT
public:
    enum class Content { Log, Diagnostics };
    TraceListDock(Content content, QWidget *parent = nullptr);

    // Shows the trace's rows; a grown live trace only appends its new rows.
    void showTrace(const Trace &trace);
    void clear(); // no rows: before another run, or for another document
    int rowCount() const;
    // The log follows the loop cursor: the prints of trace.events [first, end) are selected
    // (what the running callback printed), else the last print before them is current.
    void followEvents(std::size_t first, std::size_t end);
    QStringList selectedTexts() const; // the last column of the selected rows

Q_SIGNALS:
    void instantActivated(double t, int lane);
    void stepActivated(const QString &stepId); // rows about a step: the deadlock's waits

private:
    void appendLogRows(const Trace &trace);
    void appendDiagnosticRows(const Trace &trace);
    void listDeadlock(const Trace &trace);
    QTreeWidgetItem *addRow(double t, int lane, const QStringList &columns);
    void activate(QTreeWidgetItem *item);

    Content m_content;
    QTreeWidget *m_list = nullptr;
    std::size_t m_shown = 0; // events or diagnostics already listed
    bool m_deadlockListed = false;
};

} // namespace loopscope
