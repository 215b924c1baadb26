// The one painter of the timeline: the screen, PNG, SVG and PDF all draw through it, so an
// export looks exactly like the view. Paints only the rows and spans that are visible; a lane
// costs at most one rectangle per pixel column (span_summary.h).
#pragma once

#include "timeline/fold_timeline.h"
#include "timeline/lane_rows.h"
#include "timeline/span_summary.h"
#include "timeline/timeline_coordinates.h"
#include "timeline/timeline_layout.h"
#include "timeline/timeline_theme.h"
#include "trace/trace.h"

#include <vector>

class QPainter;

namespace loopscope {

constexpr int kSpanInset = 3;   // gap above and below a span inside its row
constexpr int kTreeIndent = 14; // pixels per nesting level in the name column

class TimelinePainter
{
public:
    TimelinePainter(const Trace &trace, const LaneRows &rows, const TimelineTheme &theme);

    // Paints the whole frame described by `layout`; `coords` says which time range and which
    // rows are shown (its margins come from the layout).
    void paint(QPainter &painter, const TimelineLayout &layout,
               const TimelineCoordinates &coords) const;
    // Where the folds' count timelines are kept between frames (the view's); without one, the
    // painter builds those it paints for itself.
    void setFoldTimelines(FoldTimelines *timelines) { m_foldTimelines = timelines; }

private:
    void paintTitle(QPainter &painter, const TimelineLayout &layout) const;
    void paintRuler(QPainter &painter, const TimelineLayout &layout,
                    const TimelineCoordinates &coords) const;
    void paintRows(QPainter &painter, const TimelineLayout &layout,
                   const TimelineCoordinates &coords) const;
    void paintLaneSpans(QPainter &painter, const TimelineLayout &layout,
                        const TimelineCoordinates &coords, int lane, int top) const;
    void paintInstants(QPainter &painter, const std::vector<Span> &spans,
                       const TimelineCoordinates &coords, int top, int height, int right) const;
    void paintLaneName(QPainter &painter, const TimelineLayout &layout, int lane, int top) const;
    void paintWakeArrows(QPainter &painter, const TimelineLayout &layout,
                         const TimelineCoordinates &coords) const;
    void paintSelection(QPainter &painter, const TimelineLayout &layout,
                        const TimelineCoordinates &coords) const;
    void paintNotes(QPainter &painter, const TimelineLayout &layout) const;
    // timeline_painter_folds.cpp
    void paintFoldBand(QPainter &painter, const TimelineLayout &layout,
                       const TimelineCoordinates &coords, int group, int top) const;
    void paintFoldName(QPainter &painter, const TimelineLayout &layout, int group, int top) const;
    void paintDisclosure(QPainter &painter, QPointF centre, bool closed) const;
    const FoldTimeline &foldTimeline(int group) const;
    void prepareFoldTimelines(int firstRow, int lastRow) const; // of the folds in these rows
    void paintResourceHighlight(QPainter &painter, const TimelineLayout &layout,
                                const TimelineCoordinates &coords, int lane, int top) const;

    const Trace &m_trace;
    const LaneRows &m_rows;
    const TimelineTheme &m_theme;
    mutable std::vector<PixelRun> m_runs; // reused between lanes: no allocation per frame
    mutable std::vector<std::vector<TimeRange>> m_holdings; // of layout.highlightResource
    FoldTimelines *m_foldTimelines = nullptr;
    mutable std::vector<FoldTimeline::Column> m_foldColumns; // reused between folds
    mutable FoldTimelines m_ownFoldTimelines;
};

// The label of a group's row: "fetch ×1000", and how many lanes match the filter if any do.
QString foldLabel(const LaneRows &rows, int group);

// When each lane held `resource`: from its `acquire` events to its matching `release`s (or
// to the end of the run), per lane index.
std::vector<std::vector<TimeRange>> resourceHoldings(const Trace &trace, const QString &resource);

// Where the state of a task stuck at the end of the run (stuckSpan) is drawn, right of the
// lane's end, for the row at `top`: a stub kStuckStubWidths lane heights wide, so that it reads
// as a state and not as a mark; empty for any other lane.
constexpr int kStuckStubWidths = 2;
QRectF stuckStateRect(const Trace &trace, const Lane &lane, const TimelineLayout &layout,
                      const TimelineCoordinates &coords, int top);

// The rows visible in `layout` with `coords`: [first, last).
std::pair<int, int> visibleRowRange(const TimelineLayout &layout, const TimelineCoordinates &coords,
                                    int rowCount);

} // namespace loopscope
