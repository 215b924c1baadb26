// Choosing a menu entry as a user does: a click on the menu bar's title, then on each entry
// of the path (a submenu opens when its entry is clicked), with real mouse events.
#pragma once

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTest>

namespace loopscope::testing {

inline QString plain(QString text)
{
    return text.remove(QLatin1Char('&')).remove(QStringLiteral("\u2026"));
}

inline QAction *findEntry(const QList<QAction *> &actions, const QString &text)
{
    for (QAction *action : actions)
        if (plain(action->text()) == text)
            return action;
    return nullptr;
}

// chooseFromMenu(window, {"View", "Theme", "Dark"}): false when an entry is missing or a menu
// did not open.
inline bool chooseFromMenu(QMainWindow &window, const QStringList &path)
{
    QMenuBar *bar = window.menuBar();
    QAction *title = findEntry(bar->actions(), path.first());
    if (title == nullptr)
        return false;
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->actionGeometry(title).center());
    QMenu *menu = title->menu();
    for (const QString &text : path.mid(1)) {
        if (menu == nullptr || !QTest::qWaitFor([menu] { return menu->isVisible(); }))
            return false;
        QAction *entry = findEntry(menu->actions(), text);
        if (entry == nullptr)
            return false;
        const QPoint at = menu->actionGeometry(entry).center();
        QTest::mouseMove(menu, at);
        QTest::mouseClick(menu, Qt::LeftButton, {}, at);
        menu = entry->menu();
    }
    return true;
}

} // namespace loopscope::testing
