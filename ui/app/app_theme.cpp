// Qt 6.4 (Debian 12) has no QStyleHints::colorScheme, and its GTK platform theme gives no dark
// palette, so the desktop's wish is read where each desktop keeps it.
#include "app/app_theme.h"

#include <QApplication>
#include <QDir>
#include <QPainter>
#include <QPixmap>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleHints>

namespace loopscope {

namespace {

bool isDark(const QColor &color)
{
    return color.isValid() && color.lightness() < 128;
}

// The desktop as it was before the app changed anything.
struct PlatformLook
{
    QString styleName;
    QPalette palette;
};

const PlatformLook &platformLook()
{
    static const PlatformLook look{QApplication::style()->name(), QGuiApplication::palette()};
    return look;
}

QString gnomeColorScheme()
{
    const QString desktop = qEnvironmentVariable("XDG_CURRENT_DESKTOP");
    const QString gsettings = QStandardPaths::findExecutable(QStringLiteral("gsettings"));
    if (desktop.isEmpty() || desktop.contains(QLatin1String("KDE")) || gsettings.isEmpty())
        return {};
    QProcess process;
    process.start(gsettings, {QStringLiteral("get"), QStringLiteral("org.gnome.desktop.interface"),
                              QStringLiteral("color-scheme")});
    if (!process.waitForFinished(1000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed().remove(QLatin1Char('\''));
}

QColor kdeWindowColor()
{
    if (!qEnvironmentVariable("XDG_CURRENT_DESKTOP").contains(QLatin1String("KDE")))
        return {};
    const QString file = QStandardPaths::locate(QStandardPaths::GenericConfigLocation,
                                                QStringLiteral("kdeglobals"));
    if (file.isEmpty())
        return {};
    const QStringList rgb = QSettings(file, QSettings::IniFormat)
                                .value(QStringLiteral("Colors:Window/BackgroundNormal"))
                                .toStringList();
    if (rgb.size() < 3)
        return {};
    return {rgb[0].toInt(), rgb[1].toInt(), rgb[2].toInt()};
}

} // namespace

QString themeChoiceName(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    case ThemeChoice::System:
        break;
    }
    return QStringLiteral("system");
}

std::optional<ThemeChoice> themeChoiceFromName(const QString &name)
{
    for (ThemeChoice choice : {ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark})
        if (themeChoiceName(choice) == name)
            return choice;
    return std::nullopt;
}

bool desktopPrefersDark(const DesktopHints &hints)
{
    if (hints.qtColorSchemeDark)
        return *hints.qtColorSchemeDark;
    return isDark(hints.platformWindow) || hints.gtkTheme.endsWith(QLatin1String(":dark"))
           || hints.gnomeColorScheme == u"prefer-dark" || isDark(hints.kdeWindow);
}

DesktopHints currentDesktopHints()
{
    DesktopHints hints;
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    const Qt::ColorScheme scheme = QGuiApplication::styleHints()->colorScheme();
    if (scheme != Qt::ColorScheme::Unknown)
        hints.qtColorSchemeDark = scheme == Qt::ColorScheme::Dark;
#endif
    hints.platformWindow = platformLook().palette.color(QPalette::Window);
    hints.gtkTheme = qEnvironmentVariable("GTK_THEME");
    hints.gnomeColorScheme = gnomeColorScheme();
    hints.kdeWindow = kdeWindowColor();
    return hints;
}

QPalette darkPalette()
{
    const QColor window(0x2B, 0x2D, 0x33), base(0x1E, 0x1E, 0x1E), text(0xE8, 0xE8, 0xE8);
    const QColor disabled(0x80, 0x80, 0x80), highlight(0x35, 0x84, 0xC6);
    QPalette p(window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2D));
    p.setColor(QPalette::ToolTipBase, QColor(0x3A, 0x3D, 0x45));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9A, 0x9A, 0x9A));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3E));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xFF, 0x6E, 0x6E));
    p.setColor(QPalette::Light, QColor(0x4A, 0x4D, 0x55));
    p.setColor(QPalette::Midlight, QColor(0x3E, 0x41, 0x48));
    p.setColor(QPalette::Mid, QColor(0x24, 0x26, 0x2B));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1C));
    p.setColor(QPalette::Shadow, QColor(0x0C, 0x0C, 0x0E));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x56, 0xB4, 0xE9));
    p.setColor(QPalette::LinkVisited, QColor(0xCC, 0x79, 0xA7));
    for (QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::HighlightedText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4A, 0x4D, 0x55));
    return p;
}

QIcon glyphIconFor(const QIcon &icon, const QPalette &palette)
{
    QIcon tinted;
    for (int size : {16, 22, 24, 32, 48}) {
        for (const auto &[mode, group] : {std::pair{QIcon::Normal, QPalette::Active},
                                          std::pair{QIcon::Disabled, QPalette::Disabled}}) {
            QPixmap pixmap = icon.pixmap(size, size, QIcon::Normal);
            QPainter painter(&pixmap);
            painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
            painter.fillRect(pixmap.rect(), palette.color(group, QPalette::WindowText));
            painter.end();
            tinted.addPixmap(pixmap, mode);
        }
    }
    return tinted;
}

bool applyTheme(ThemeChoice choice)
{
    const PlatformLook &platform = platformLook();
    const bool dark
        = choice == ThemeChoice::Dark
          || (choice == ThemeChoice::System && desktopPrefersDark(currentDesktopHints()));
    const bool platformIsDark = isDark(platform.palette.color(QPalette::Window));
    // The desktop's own look when it is the one wanted, else Fusion coloured as wanted.
    const QString style = dark == platformIsDark ? platform.styleName : QStringLiteral("fusion");
    if (QApplication::style()->name().compare(style, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(style);
    if (dark == platformIsDark) {
        QApplication::setPalette(platform.palette);
        return dark;
    }
    QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
    return dark;
}

} // namespace loopscope
