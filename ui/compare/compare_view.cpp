#include "compare/compare_view.h"

#include "timeline/image_export.h"
#include "timeline/timeline_view.h"

#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

namespace loopscope {

namespace {

constexpr int kRulerAndLegend = 26 + 30; // TimelineLayout's ruler and legend on screen

QString htmlEscaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

CompareView::CompareView(QWidget *parent)
    : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("compareSummary"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summaryLabel->setContentsMargins(8, 6, 8, 6);
    outer->addWidget(m_summaryLabel);
    // The timelines are as tall as their lanes and scroll together in one area, so no timeline
    // has a vertical scroll bar of its own that would narrow its time axis.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    m_stack = new QVBoxLayout(content);
    m_stack->setContentsMargins(0, 0, 0, 0);
    m_stack->addStretch(1);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);
}

void CompareView::clearRuns()
{
    for (QLabel *title : m_titles)
        delete title;
    for (TimelineView *timeline : m_timelines)
        delete timeline;
    m_titles.clear();
    m_timelines.clear();
}

void CompareView::addRun(const NamedTrace &run)
{
    auto *title
        = new QLabel(QStringLiteral("<b>%1</b> &nbsp; <span style='color:gray'>%2</span>")
                         .arg(htmlEscaped(run.name), htmlEscaped(timelineSubtitle(run.trace))));
    title->setContentsMargins(8, 6, 8, 0);
    auto *timeline = new TimelineView;
    timeline->setObjectName(QStringLiteral("compareTimeline%1").arg(m_timelines.size()));
    timeline->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    timeline->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn); // the same height in all
    timeline->setTrace(run.trace);
    const int lanes = std::max(1, timeline->rows().rowCount());
    timeline->setFixedHeight(kRulerAndLegend + lanes * 22 + 2 * timeline->frameWidth()
                             + timeline->horizontalScrollBar()->sizeHint().height());
    connect(timeline, &TimelineView::visibleRangeChanged, this,
            [this, timeline](TimeRange range) { follow(timeline, range); });
    const int at = m_stack->count() - 1; // before the stretch
    m_stack->insertWidget(at, title);
    m_stack->insertWidget(at + 1, timeline);
    m_titles.push_back(title);
    m_timelines.push_back(timeline);
}

void CompareView::setRuns(std::vector<NamedTrace> runs)
{
    clearRuns();
    m_runs = std::move(runs);
    m_summary = compareRuns(m_runs);
    QStringList lines;
    for (const QString &line : m_summary.lines())
        lines << htmlEscaped(line);
    if (!lines.isEmpty())
        lines[0] = QStringLiteral("<b>%1</b>").arg(lines[0]);
    m_summaryLabel->setText(lines.join(QStringLiteral("<br>")));
    for (const NamedTrace &run : m_runs)
        addRun(run);
    fitAll();
}

QString CompareView::runTitle(int index) const
{
    return m_titles.at(std::size_t(index))->text();
}

QString CompareView::summaryText() const
{
    return m_summary.lines().join(QLatin1Char('\n'));
}

TimeRange CompareView::visibleRange() const
{
    return m_timelines.empty() ? TimeRange{} : m_timelines.front()->visibleRange();
}

void CompareView::fitAll()
{
    if (m_timelines.empty())
        return;
    // The longest run's fit is the shared axis.
    TimelineView *longest = m_timelines.front();
    for (TimelineView *timeline : m_timelines)
        if (timeline->trace().duration > longest->trace().duration)
            longest = timeline;
    longest->fitAll(); // emits visibleRangeChanged, which every other timeline follows
    follow(longest, longest->visibleRange());
}

void CompareView::setVisibleRange(TimeRange range)
{
    follow(nullptr, range);
}

// Every timeline (the one that moved too) is set to the same range, so that all of them map
// time to x the same way, to the last bit.
void CompareView::follow(const TimelineView *source, TimeRange range)
{
    Q_UNUSED(source);
    if (m_syncing)
        return;
    m_syncing = true;
    for (TimelineView *timeline : m_timelines)
        timeline->setVisibleRange(range);
    m_syncing = false;
    Q_EMIT visibleRangeChanged(visibleRange());
}

// The timelines get their final width from the layout after the first show: fit then.
void CompareView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_fitted) {
        m_fitted = true;
        QTimer::singleShot(0, this, &CompareView::fitAll);
    }
}

} // namespace loopscope
