// The compare window: the runs of a scenario's variants (or of several files) side by side in a
// CompareView, run all at once on the virtual clock, exported as one stacked picture.
#pragma once

#include "scenario/variants.h"
#include "trace/compare_summary.h"

#include <QMainWindow>

#include <vector>

namespace loopscope {

class CompareView;

class CompareWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit CompareWindow(QWidget *parent = nullptr);

    // What to compare: the scenario's variants (or the scenario alone when it has none).
    void setScenario(const Scenario &scenario, const QString &label);
    // Adds a scenario under `name` beside the others.
    void addScenario(const QString &name, const Scenario &scenario);
    // Adds a trace as it is (recorded or saved): it is not run again.
    void addTrace(const QString &name, const Trace &trace);
    // Adds a file's scenario (its base), or a trace file's trace, beside the others; false with
    // *error when unreadable.
    bool addFile(const QString &path, QString *error = nullptr);
    const std::vector<NamedScenario> &entries() const { return m_entries; }
    // Where Export starts: the folder of the last comparison exported, else the documents.
    static QString exportFolder();
    CompareView *view() const { return m_view; }

public Q_SLOTS:
    void runAll();
    void addFileFromDialog();
    void exportFromDialog();

private:
    QString m_title;
    std::vector<NamedScenario> m_entries;
    std::vector<NamedTrace> m_traces; // shown after the scenarios' runs
    CompareView *m_view = nullptr;
};

} // namespace loopscope
