// The rows of folded lane groups: a band stacking how many lanes are in each state at every
// pixel column (running at the bottom, then ready, blocking, waiting, blocked), scaled so that
// the group's most lanes alive at once fill it, a state with any lanes in it at least a pixel
// high; ticks above it where lanes ran in an instant.
#include "timeline/timeline_fonts.h"
#include "timeline/timeline_marks.h"
#include "timeline/timeline_painter.h"

#include <QFontMetrics>
#include <QPainter>

#include <array>
#include <cmath>

namespace loopscope {

namespace {

// A rectangle being extended column by column while its rows stay the same.
struct OpenRun
{
    int x0 = 0;
    int y0 = 0;
    int y1 = 0; // [y0, y1); empty: nothing open
};

} // namespace

QString foldLabel(const LaneRows &rows, int group)
{
    const LaneGroup &g = rows.groups()[std::size_t(group)];
    QString label = QStringLiteral("%1 \u00d7%2").arg(g.name).arg(g.lanes.size());
    if (const int matches = rows.filterMatches(group); matches > 0)
        label += QStringLiteral(" \u00b7 %1 match").arg(matches);
    return label;
}

const FoldTimeline &TimelinePainter::foldTimeline(int group) const
{
    const LaneGroup &g = m_rows.groups()[std::size_t(group)];
    FoldTimelines &timelines = m_foldTimelines ? *m_foldTimelines : m_ownFoldTimelines;
    return timelines.of(m_trace, g.key, g.lanes);
}

void TimelinePainter::prepareFoldTimelines(int firstRow, int lastRow) const
{
    std::vector<const LaneGroup *> groups;
    for (int row = firstRow; row < lastRow; ++row)
        if (const int group = m_rows.foldAt(row); group >= 0)
            groups.push_back(&m_rows.groups()[std::size_t(group)]);
    (m_foldTimelines ? *m_foldTimelines : m_ownFoldTimelines).prepare(m_trace, groups);
}

void TimelinePainter::paintFoldBand(QPainter &painter, const TimelineLayout &layout,
                                    const TimelineCoordinates &coords, int group, int top) const
{
    const FoldTimeline &fold = foldTimeline(group);
    if (fold.isEmpty())
        return;
    const int xEnd = layout.laneArea().right() + 1;
    const int bottom = top + layout.laneHeight - kSpanInset;
    const int bandTop = top + kSpanInset;
    const double pixelsPerLane
        = double(layout.laneHeight - 2 * kSpanInset) / std::max(1, fold.maxActive());
    std::array<OpenRun, kStateCount + 1> runs{}; // the states', then the instants' ticks
    auto flush = [&](std::size_t i, int x) {
        const OpenRun &run = runs[i];
        if (run.y1 <= run.y0 || x <= run.x0)
            return;
        const QRect rect(run.x0, run.y0, x - run.x0, run.y1 - run.y0);
        if (i == kStateCount)
            painter.fillRect(rect, stateColor(LaneState::Running));
        else
            paintStateSwatch(painter, rect, LaneState(i), m_theme, layout.vectorHatching);
    };
    auto extend = [&](std::size_t i, int x, int y0, int y1) {
        if (runs[i].y0 == y0 && runs[i].y1 == y1)
            return;
        flush(i, x);
        runs[i] = {x, y0, y1};
    };
    fold.columns(coords.mapXToTime(coords.leftMargin), coords.secondsPerPixel,
                 xEnd - coords.leftMargin, m_foldColumns);
    for (int x = coords.leftMargin; x < xEnd; ++x) {
        const FoldTimeline::Column &column = m_foldColumns[std::size_t(x - coords.leftMargin)];
        double stacked = 0.0;
        int below = bottom;
        for (std::size_t s = 0; s < kStateCount; ++s) {
            stacked += column.mean[s];
            int y = bottom - int(std::lround(stacked * pixelsPerLane));
            // A state some lanes are in keeps a pixel, however many others there are: 20 of
            // 2,000 waiting must not vanish (the tool tip has the exact counts).
            if (column.mean[s] > 0.0)
                y = std::max(bandTop, std::min(y, below - 1));
            extend(s, x, y, below);
            below = y;
        }
        extend(kStateCount, x, top + 1, column.instants > 0 ? top + kSpanInset : top + 1);
    }
    for (std::size_t i = 0; i < runs.size(); ++i)
        flush(i, xEnd);
}

void TimelinePainter::paintDisclosure(QPainter &painter, QPointF c, bool closed) const
{
    using Triangle = std::array<QPointF, 3>;
    const Triangle triangle
        = closed ? Triangle{c + QPointF(-3, -4), c + QPointF(-3, 4), c + QPointF(3, 0)}
                 : Triangle{c + QPointF(-4, -2), c + QPointF(4, -2), c + QPointF(0, 3)};
    painter.setPen(Qt::NoPen);
    painter.setBrush(m_theme.mutedText);
    painter.drawPolygon(triangle.data(), 3);
    painter.setBrush(Qt::NoBrush);
}

// "▸ fetch ×1000 … max 12": the triangle folds and unfolds; "max" is the most of its lanes
// alive at one instant, the count a full band stands for.
void TimelinePainter::paintFoldName(QPainter &painter, const TimelineLayout &layout, int group,
                                    int top) const
{
    const int left = layout.bounds.left() + 6 + m_rows.foldDepth(group) * kTreeIndent;
    const QRect nameRect(layout.bounds.left(), top, layout.nameColumnWidth, layout.laneHeight);
    painter.fillRect(nameRect, m_theme.nameColumn);
    if (layout.treeControls)
        paintDisclosure(painter, QPointF(left + 4, top + layout.laneHeight / 2.0),
                        m_rows.foldState(group) == FoldState::Folded);
    const int textLeft = left + (layout.treeControls ? 12 : 0);
    const int right = layout.bounds.left() + layout.nameColumnWidth - 4;
    QFont font = timelineFont(TimelineFontRole::Lane);
    const QString most = QStringLiteral("max %1").arg(foldTimeline(group).maxActive());
    const int mostWidth = QFontMetrics(font).horizontalAdvance(most);
    painter.setFont(font);
    painter.setPen(m_theme.mutedText);
    painter.drawText(QRect(right - mostWidth, top, mostWidth, layout.laneHeight),
                     Qt::AlignRight | Qt::AlignVCenter, most);
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(m_theme.text);
    const int width = std::max(0, right - mostWidth - 6 - textLeft);
    const QString label
        = QFontMetrics(font).elidedText(foldLabel(m_rows, group), Qt::ElideRight, width);
    painter.drawText(QRect(textLeft, top, width, layout.laneHeight),
                     Qt::AlignLeft | Qt::AlignVCenter, label);
}

} // namespace loopscope
