// The small shapes of the timeline: lane-end marks (done, failed, cancelled, pending), the wake
// arrow, and the legend that explains them with the state swatches. Drawn as paths, not glyphs,
// so that they look the same in every font and every export.
#pragma once

#include "timeline/timeline_theme.h"
#include "trace/trace.h"

#include <QRect>
#include <QString>

#include <vector>

class QPainter;

namespace loopscope {

// The mark for `result` inside `box`; nothing for LaneResult::None.
void paintEndMark(QPainter &painter, const QRectF &box, LaneResult result,
                  const TimelineTheme &theme);
// A thin arrow from `from` to `to`, head at `to`.
void paintWakeArrow(QPainter &painter, QPointF from, QPointF to, const TimelineTheme &theme);
// Fills `rect` with the colour of `state`, hatched when blocked.
void paintStateSwatch(QPainter &painter, const QRect &rect, LaneState state,
                      const TimelineTheme &theme, bool vectorHatching);
// Diagonal hatch lines over `rect` (for SVG, which stores no pattern brushes).
void paintHatchLines(QPainter &painter, const QRect &rect, const TimelineTheme &theme);

// A run that no longer matches the scenario: the lanes under a veil of the background (alpha
// kStaleVeilAlpha), `note` in a box at the top of `area`, which is returned.
constexpr int kStaleVeilAlpha = 176;
QRect paintStaleVeil(QPainter &painter, const QRect &area, const QString &note,
                     const TimelineTheme &theme);

struct LegendItem
{
    enum Kind { State, WakeArrow, EndMark } kind = State;
    LaneState state = LaneState::Running;
    LaneResult result = LaneResult::None;
    QRect swatch;
    QString label;
};

// The legend's items laid out in one line inside `rect`.
std::vector<LegendItem> legendItems(const QRect &rect);
void paintLegend(QPainter &painter, const QRect &rect, const TimelineTheme &theme,
                 bool vectorHatching);

} // namespace loopscope
