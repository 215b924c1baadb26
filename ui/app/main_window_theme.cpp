// View ▸ Theme: System, Light or Dark for the whole window; the timeline follows. Exports keep
// the theme chosen in their own dialog (which starts from the screen's).
#include "app/main_window.h"

#include "timeline/timeline_view.h"

#include <QAction>
#include <QActionGroup>
#include <QGuiApplication>
#include <QMenu>
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
    const Actions &a = m_actions;
    (choice == ThemeChoice::Dark    ? a.themeDark
     : choice == ThemeChoice::Light ? a.themeLight
                                    : a.themeSystem)
        ->setChecked(true);
}

} // namespace loopscope
