// View ▸ Theme: System, Light or Dark for the whole window; the timeline follows. Exports keep
// the theme chosen in their own dialog (which starts from the screen's).
#include "app/main_window.h"

#include "canvas/scenario_editor.h"
#include "timeline/timeline_view.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QGuiApplication>
#include <QMenu>
#include <QStyle>
#include <QStyleHints>

namespace loopscope {

void MainWindow::setupThemeActions(QMenu *view)
{
    Actions &a = m_actions;
    QMenu *menu = view->addMenu(tr("T&heme"));
    menu->setObjectName(QStringLiteral("themeMenu"));
    auto *group = new QActionGroup(this);
    auto add = [&](const QString &text, ThemeChoice choice, const QKeySequence &key) {
        QAction *action = menu->addAction(text);
        action->setCheckable(true);
        action->setShortcut(key);
        action->setData(themeChoiceName(choice));
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice] { setThemeChoice(choice); });
        return action;
    };
    a.themeSystem = add(tr("&System"), ThemeChoice::System, {});
    a.themeLight = add(tr("&Light"), ThemeChoice::Light, QKeySequence(tr("Ctrl+Shift+L")));
    a.themeDark = add(tr("&Dark"), ThemeChoice::Dark, QKeySequence(tr("Ctrl+Shift+D")));
    a.themeSystem->setChecked(true);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(QGuiApplication::styleHints(), &QStyleHints::colorSchemeChanged, this, [this] {
        if (m_themeChoice == ThemeChoice::System)
            setThemeChoice(ThemeChoice::System);
    });
#endif
}

void MainWindow::setThemeChoice(ThemeChoice choice)
{
    m_themeChoice = choice;
    const bool dark = applyTheme(choice);
    m_timeline->setTheme(dark ? TimelineThemeKind::Dark : TimelineThemeKind::Light);
    // The run controls' glyphs: the style's own on light, redrawn light on dark.
    const Actions &runs = m_actions;
    const std::pair<QAction *, QStyle::StandardPixmap> glyphs[] = {
        {runs.run, QStyle::SP_MediaPlay},
        {runs.pause, QStyle::SP_MediaPause},
        {runs.step, QStyle::SP_MediaSkipForward},
        {runs.stop, QStyle::SP_MediaStop},
        {m_editor->runAction(), QStyle::SP_MediaPlay},
    };
    for (const auto &[action, glyph] : glyphs) {
        const QIcon icon = QApplication::style()->standardIcon(glyph);
        action->setIcon(dark ? glyphIconFor(icon, darkPalette()) : icon);
    }
    const Actions &a = m_actions;
    (choice == ThemeChoice::Dark    ? a.themeDark
     : choice == ThemeChoice::Light ? a.themeLight
                                    : a.themeSystem)
        ->setChecked(true);
}

} // namespace loopscope
