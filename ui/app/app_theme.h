// The whole window's light or dark look. System follows the desktop: a dark palette from the
// platform theme (KDE, or Qt 6.5's colour scheme), GTK_THEME=...:dark, GNOME's colour-scheme or
// KDE's window colour; there the app uses Fusion with a dark palette. View ▸ Theme overrides it.
#pragma once

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

#include <optional>

namespace loopscope {

enum class ThemeChoice { System, Light, Dark };

QString themeChoiceName(ThemeChoice choice); // "system", "light", "dark" (the settings' values)
std::optional<ThemeChoice> themeChoiceFromName(const QString &name);

// What the desktop says, gathered once; each is empty when the desktop does not say.
struct DesktopHints
{
    std::optional<bool> qtColorSchemeDark; // QStyleHints::colorScheme (Qt 6.5+)
    QColor platformWindow;                 // the platform theme's palette, before any change
    QString gtkTheme;                      // $GTK_THEME, e.g. "Adwaita:dark"
    QString gnomeColorScheme;              // org.gnome.desktop.interface color-scheme
    QColor kdeWindow;                      // kdeglobals [Colors:Window] BackgroundNormal
};

// Qt's own answer when it has one, else dark when any of the others says dark.
bool desktopPrefersDark(const DesktopHints &hints);
DesktopHints currentDesktopHints();

// Fusion's colours for a dark window (the timeline's dark theme shares its greys).
QPalette darkPalette();

// `icon` redrawn in the palette's window text colour (its disabled state in the disabled one):
// the styles' media glyphs are black, which a dark tool bar hides.
QIcon glyphIconFor(const QIcon &icon, const QPalette &palette);

// Applies `choice` to the application: style and palette. The platform's own style and
// palette are remembered at the first call and come back for a light System choice.
// Returns whether the window is now dark.
bool applyTheme(ThemeChoice choice);

} // namespace loopscope
