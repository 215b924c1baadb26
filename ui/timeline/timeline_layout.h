// Where each part of a timeline frame goes: title, ruler, lanes, legend, notes. The view fills
// one from its viewport, the image exports from the page; the painter only reads it.
#pragma once

#include "timeline/timeline_coordinates.h"

#include <QRect>
#include <QString>

#include <optional>

namespace loopscope {

struct TimeRange
{
    double start = 0.0;
    double end = 0.0;
    double length() const { return end - start; }
    friend bool operator==(const TimeRange &, const TimeRange &) = default;
};

struct TimelineLayout
{
    QRect bounds;
    int nameColumnWidth = 180;
    int titleHeight = 0; // 0: no title block (the screen)
    int rulerHeight = 26;
    int laneHeight = 22;
    int legendHeight = 30;
    int notesHeight = 0;
    QString title;
    QString subtitle;
    QString notes;
    bool wakeArrows = false;
    bool treeControls = false;   // collapse triangles in the name column (screen only)
    bool vectorHatching = false; // hatch `blocked` with lines: SVG keeps no pattern brushes
    int hoveredRow = -1;
    std::optional<TimeRange> selection;
    std::optional<double> marker; // an instant to point at (a log line that was clicked)
    // A resource id: its holders are underlined and its waiters outlined, over time.
    QString highlightResource;

    QRect titleRect() const;
    QRect rulerRect() const; // right of the name column
    QRect laneArea() const;  // name column and lanes
    QRect legendRect() const;
    QRect notesRect() const;
    int timeAreaWidth() const { return bounds.width() - nameColumnWidth; }
    // Copies the margins and lane height into `coords`.
    void applyTo(TimelineCoordinates &coords) const;

    static constexpr int kTitleHeight = 50;
    // Pixels kept right of the last instant when a range is fitted: the lane-end marks, and
    // before the mark of a task stuck at the end (a deadlock) the state it is stuck in.
    static constexpr int kEndMarkRoom = 64; // 3 + a 32 px stub + 3 + a 16 px mark + slack
    static int notesHeightFor(const QString &notes, int width);
};

} // namespace loopscope
