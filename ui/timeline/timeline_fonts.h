// The timeline's fonts, in pixel sizes so that the screen, PNG, SVG and PDF lay out alike.
#pragma once

#include <QFont>

namespace loopscope {

enum class TimelineFontRole { Lane, Ruler, Legend, Title, Subtitle, Notes };

QFont timelineFont(TimelineFontRole role);

} // namespace loopscope
