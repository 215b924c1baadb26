// Colours of the timeline, light and dark. The state colours are Okabe-Ito in both themes
// (design README): they mean the same thing on screen and in every export.
#pragma once

#include "trace/trace.h"

#include <QColor>

namespace loopscope {

enum class TimelineThemeKind { Light, Dark };

struct TimelineTheme
{
    QColor background;
    QColor nameColumn;
    QColor alternateRow;
    QColor hoveredRow;
    QColor text;
    QColor mutedText;
    QColor grid;
    QColor wakeArrow;
    QColor hatch; // the lines over `blocked`, dark enough to read in greyscale
    QColor selection;
    QColor failedMark;

    static TimelineTheme light();
    static TimelineTheme dark();
    static TimelineTheme forKind(TimelineThemeKind kind);
};

QColor stateColor(LaneState state);

} // namespace loopscope
