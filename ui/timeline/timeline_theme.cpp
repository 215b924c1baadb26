#include "timeline/timeline_theme.h"

namespace loopscope {

QColor stateColor(LaneState state)
{
    switch (state) {
    case LaneState::Running:
        return QColor(0x00, 0x9E, 0x73);
    case LaneState::Ready:
        return QColor(0xF0, 0xE4, 0x42);
    case LaneState::Blocking:
        return QColor(0xD5, 0x5E, 0x00);
    case LaneState::Waiting:
        return QColor(0x56, 0xB4, 0xE9);
    case LaneState::Blocked:
        return QColor(0xE6, 0x9F, 0x00);
    }
    return Qt::gray;
}

TimelineTheme TimelineTheme::light()
{
    TimelineTheme t;
    t.background = QColor(0xFF, 0xFF, 0xFF);
    t.nameColumn = QColor(0xF4, 0xF4, 0xF4);
    t.alternateRow = QColor(0xF7, 0xF7, 0xF9);
    t.hoveredRow = QColor(0xE8, 0xEE, 0xF6);
    t.text = QColor(0x20, 0x20, 0x20);
    t.mutedText = QColor(0x70, 0x70, 0x70);
    t.grid = QColor(0xDD, 0xDD, 0xDD);
    t.wakeArrow = QColor(0x40, 0x40, 0x40);
    t.hatch = QColor(0x5C, 0x3C, 0x00);
    t.selection = QColor(0x00, 0x72, 0xB2, 0x40);
    t.failedMark = QColor(0xD5, 0x5E, 0x00);
    return t;
}

TimelineTheme TimelineTheme::dark()
{
    TimelineTheme t;
    t.background = QColor(0x1E, 0x1E, 0x1E);
    t.nameColumn = QColor(0x28, 0x28, 0x28);
    t.alternateRow = QColor(0x24, 0x24, 0x26);
    t.hoveredRow = QColor(0x2E, 0x36, 0x40);
    t.text = QColor(0xE8, 0xE8, 0xE8);
    t.mutedText = QColor(0xA0, 0xA0, 0xA0);
    t.grid = QColor(0x3A, 0x3A, 0x3A);
    // Dark grey would vanish on a dark background: the arrows stay a quiet grey, lighter.
    t.wakeArrow = QColor(0xB0, 0xB0, 0xB0);
    t.hatch = QColor(0x5C, 0x3C, 0x00);
    t.selection = QColor(0x56, 0xB4, 0xE9, 0x40);
    t.failedMark = QColor(0xD5, 0x5E, 0x00);
    return t;
}

TimelineTheme TimelineTheme::forKind(TimelineThemeKind kind)
{
    return kind == TimelineThemeKind::Dark ? dark() : light();
}

} // namespace loopscope
