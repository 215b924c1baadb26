// Help ▸ Manual (the user guide from docs/, rendered in the app), Keyboard Shortcuts (read from
// the menus' actions, so that it cannot drift from them) and About.
#pragma once

#include <QList>
#include <QString>

class QDialog;
class QMenuBar;
class QWidget;

namespace loopscope {

// A window showing docs/user-guide.md (found by docsDirectory()); its links to the format
// documents open in it too. Null, with `*error` saying where it looked, when there is no guide.
QDialog *createManualWindow(QWidget *parent, QString *error);

struct ShortcutRow
{
    QString menu;   // "View ▸ Theme"
    QString action; // "Dark", without its mnemonic
    QString keys;   // "Ctrl+Shift+D", several joined by ", ", in the platform's notation
};

// Every action of every menu under `menuBar` that has a shortcut, in menu order.
QList<ShortcutRow> shortcutRows(const QMenuBar *menuBar);
QDialog *createShortcutsDialog(const QMenuBar *menuBar, QWidget *parent);

// Version, the Qt it runs on and was built with, the Boost it was built with, the licence.
QString aboutText();

} // namespace loopscope
