// Folded lane groups in the view: folding a new trace's biggest groups once its lanes pass a
// screenful, folding and opening on request, and the counts under the pointer.
#include "timeline/time_ruler.h"
#include "timeline/timeline_painter.h"
#include "timeline/timeline_view.h"

#include <QContextMenuEvent>
#include <QMenu>

#include <algorithm>

namespace loopscope {

int TimelineView::screenfulRows() const
{
    const int visible = frameLayout().laneArea().height() / std::max(1, m_coords.laneHeight);
    // A view not laid out yet (or tiny) still counts a screen's worth of rows.
    return std::max(visible, kMinScreenfulRows);
}

// The counts change with the trace: their timelines are built again as they are painted.
void TimelineView::rebuildRows(bool autoFold)
{
    m_foldTimelines.clear();
    m_rows.rebuild(m_trace);
    if (autoFold)
        m_rows.autoFold(m_trace, screenfulRows());
}

void TimelineView::setFoldState(int group, FoldState state)
{
    if (group < 0 || group >= int(m_rows.groups().size()))
        return;
    m_rows.setFoldState(m_rows.groups()[std::size_t(group)].key, state);
    m_rows.rebuild(m_trace);
    coordinatesChanged();
}

void TimelineView::foldAll()
{
    for (const LaneGroup &group : m_rows.groups())
        m_rows.setFoldState(group.key, FoldState::Folded);
    m_rows.rebuild(m_trace);
    coordinatesChanged();
}

void TimelineView::unfoldAll()
{
    for (std::size_t g = 0; g < m_rows.groups().size(); ++g)
        if (m_rows.foldState(int(g)) == FoldState::Folded)
            m_rows.setFoldState(m_rows.groups()[g].key, FoldState::Open);
    m_rows.rebuild(m_trace);
    coordinatesChanged();
}

QString TimelineView::foldToolTipAt(QPoint pos) const
{
    const int group = m_rows.foldAt(m_coords.rowAt(pos.y()));
    if (group < 0 || !frameLayout().laneArea().contains(pos))
        return {};
    const QString label = foldLabel(m_rows, group).toHtmlEscaped();
    const bool folded = m_rows.foldState(group) == FoldState::Folded;
    if (pos.x() < m_coords.leftMargin)
        return QStringLiteral("<b>%1</b><br>Click to %2.").arg(label, folded ? "unfold" : "fold");
    const LaneGroup &g = m_rows.groups()[std::size_t(group)];
    const FoldTimeline &fold = m_foldTimelines.of(m_trace, g.key, g.lanes);
    const double t = m_coords.mapXToTime(pos.x() + 0.5); // the middle of the pixel
    const StateCounts counts = fold.countsAt(t);
    QStringList parts;
    for (int s = 0; s < kStateCount; ++s)
        parts << QStringLiteral("%1 %2").arg(counts[std::size_t(s)]).arg(stateName(LaneState(s)));
    QString text = QStringLiteral("<b>%1</b> at %2<br>%3")
                       .arg(label, formatSeconds(t), parts.join(QStringLiteral(" \u00b7 ")));
    const int instants
        = fold.runningInstantsIn(m_coords.mapXToTime(pos.x()), m_coords.mapXToTime(pos.x() + 1));
    if (instants > 0)
        text += QStringLiteral("<br>%1 ran for an instant in this pixel").arg(instants);
    return text + QStringLiteral("<br>At most %1 at once.").arg(fold.maxActive());
}

void TimelineView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    const QPoint pos = event->pos(); // viewport coordinates, as for the mouse
    const int row = m_coords.rowAt(pos.y());
    int group = m_rows.foldAt(row);
    if (group < 0 && m_rows.laneAt(row) >= 0)
        group = m_rows.groupOf(m_rows.laneAt(row));
    if (group >= 0) {
        const bool folded = m_rows.foldState(group) == FoldState::Folded;
        const QString label = foldLabel(m_rows, group);
        menu.addAction(folded ? tr("Unfold %1").arg(label) : tr("Fold %1").arg(label), this,
                       [this, group, folded] {
                           setFoldState(group, folded ? FoldState::Open : FoldState::Folded);
                       });
        menu.addSeparator();
    }
    menu.addAction(tr("Fold All Groups"), this, &TimelineView::foldAll);
    menu.addAction(tr("Unfold All Groups"), this, &TimelineView::unfoldAll);
    menu.exec(event->globalPos());
}

} // namespace loopscope
