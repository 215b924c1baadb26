// Runs of one lesson stacked on one time axis: a summary strip saying what differs, then one
// titled timeline per run. Zooming or panning any timeline moves all of them, so an instant is
// at the same x in every run.
#pragma once

#include "timeline/timeline_layout.h"
#include "trace/compare_summary.h"

#include <QWidget>

#include <vector>

class QLabel;
class QVBoxLayout;

namespace loopscope {

class TimelineView;

class CompareView : public QWidget
{
    Q_OBJECT
public:
    explicit CompareView(QWidget *parent = nullptr);

    // Shows the runs, all fitted to [0, the longest run].
    void setRuns(std::vector<NamedTrace> runs);
    const std::vector<NamedTrace> &runs() const { return m_runs; }
    const CompareSummary &summary() const { return m_summary; }

    int timelineCount() const { return int(m_timelines.size()); }
    TimelineView *timeline(int index) const { return m_timelines.at(std::size_t(index)); }
    QString runTitle(int index) const; // the text above the run's timeline
    QString summaryText() const;       // the text of the summary strip
    TimeRange visibleRange() const;    // shared by every timeline

public Q_SLOTS:
    void fitAll();
    void setVisibleRange(loopscope::TimeRange range);

Q_SIGNALS:
    void visibleRangeChanged(loopscope::TimeRange range);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void clearRuns();
    void addRun(const NamedTrace &run);
    void follow(const TimelineView *source, TimeRange range);

    std::vector<NamedTrace> m_runs;
    CompareSummary m_summary;
    QLabel *m_summaryLabel = nullptr;
    QVBoxLayout *m_stack = nullptr;
    std::vector<QLabel *> m_titles;
    std::vector<TimelineView *> m_timelines;
    bool m_syncing = false;
    bool m_fitted = false; // fitted again once shown, at the final width
};

} // namespace loopscope
