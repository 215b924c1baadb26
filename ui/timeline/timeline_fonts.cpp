#include "timeline/timeline_fonts.h"

namespace loopscope {

QFont timelineFont(TimelineFontRole role)
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setStyleHint(QFont::SansSerif);
    switch (role) {
    case TimelineFontRole::Lane:
        font.setPixelSize(12);
        break;
    case TimelineFontRole::Ruler:
    case TimelineFontRole::Legend:
        font.setPixelSize(11);
        break;
    case TimelineFontRole::Title:
        font.setPixelSize(18);
        font.setBold(true);
        break;
    case TimelineFontRole::Subtitle:
    case TimelineFontRole::Notes:
        font.setPixelSize(12);
        break;
    }
    return font;
}

} // namespace loopscope
