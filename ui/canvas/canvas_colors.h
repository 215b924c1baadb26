// The canvas's own colours (background, cards, arrows), light or dark after the palette the
// window has: the blocks keep their state colours in both.
#pragma once

#include <QColor>

class QPalette;

namespace loopscope {

struct CanvasColors
{
    QColor background;
    QColor card;
    QColor cardBorder;
    QColor cardText; // parameters and body captions on the card
    QColor arrow;

    // Dark when the palette's window colour is dark (View ▸ Theme, or the desktop's).
    static CanvasColors forPalette(const QPalette &palette);
};

} // namespace loopscope
