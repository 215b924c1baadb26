#include "app/help_dialogs.h"

#include "app/data_folders.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <boost/version.hpp>

namespace loopscope {

namespace {

QString withoutMnemonic(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?=[^&])")));
    return text.replace(QStringLiteral("&&"), QStringLiteral("&"))
        .remove(QStringLiteral("\u2026"))
        .trimmed();
}

void collectShortcuts(const QMenu *menu, const QString &path, QList<ShortcutRow> *rows)
{
    for (QAction *action : menu->actions()) {
        if (action->menu() != nullptr) {
            collectShortcuts(action->menu(),
                             path + QStringLiteral(" \u25B8 ") + withoutMnemonic(action->text()),
                             rows);
            continue;
        }
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            if (!key.isEmpty())
                keys << key.toString(QKeySequence::NativeText);
        if (!keys.isEmpty())
            rows->append({path, withoutMnemonic(action->text()), keys.join(QStringLiteral(", "))});
    }
}

QDialog *closableDialog(QWidget *parent, const QString &title, const QString &name)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(name);
    dialog->setWindowTitle(title);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    return dialog;
}

void addCloseButton(QDialog *dialog, QVBoxLayout *layout)
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace

QDialog *createManualWindow(QWidget *parent, QString *error)
{
    const QString docs = docsDirectory();
    if (docs.isEmpty()) {
        if (error)
            *error = QObject::tr("The user guide (user-guide.md) was not found next to the "
                                 "program (../share/loopscope/docs) nor in the source tree; "
                                 "set LOOPSCOPE_DOCS_DIR to its folder.");
        return nullptr;
    }
    QDialog *window = closableDialog(parent, QObject::tr("Loopscope User Guide"),
                                     QStringLiteral("manualWindow"));
    window->setWindowFlag(Qt::WindowMinMaxButtonsHint);
    auto *browser = new QTextBrowser(window);
    browser->setObjectName(QStringLiteral("manualBrowser"));
    browser->setOpenExternalLinks(true); // web links go to the desktop's browser
    // .md sources are read as Markdown, relative links to the other documents included.
    browser->setSource(QUrl::fromLocalFile(QDir(docs).filePath(QStringLiteral("user-guide.md"))),
                       QTextDocument::MarkdownResource);
    auto *layout = new QVBoxLayout(window);
    layout->addWidget(browser);
    addCloseButton(window, layout);
    window->resize(760, 820);
    return window;
}

QList<ShortcutRow> shortcutRows(const QMenuBar *menuBar)
{
    QList<ShortcutRow> rows;
    for (QAction *action : menuBar->actions())
        if (action->menu() != nullptr)
            collectShortcuts(action->menu(), withoutMnemonic(action->text()), &rows);
    return rows;
}

QDialog *createShortcutsDialog(const QMenuBar *menuBar, QWidget *parent)
{
    QDialog *dialog = closableDialog(parent, QObject::tr("Keyboard Shortcuts"),
                                     QStringLiteral("shortcutsDialog"));
    auto *tree = new QTreeWidget(dialog);
    tree->setObjectName(QStringLiteral("shortcutsList"));
    tree->setHeaderLabels({QObject::tr("Action"), QObject::tr("Shortcut")});
    tree->setRootIsDecorated(false);
    QTreeWidgetItem *group = nullptr;
    for (const ShortcutRow &row : shortcutRows(menuBar)) {
        if (group == nullptr || group->text(0) != row.menu) {
            group = new QTreeWidgetItem(tree, {row.menu});
            QFont bold = group->font(0);
            bold.setBold(true);
            group->setFont(0, bold);
            group->setFirstColumnSpanned(true);
        }
        new QTreeWidgetItem(tree, {QStringLiteral("    ") + row.action, row.keys});
    }
    tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(tree);
    addCloseButton(dialog, layout);
    dialog->resize(640, 680);
    return dialog;
}

QString aboutText()
{
    const QString boost = QStringLiteral("%1.%2.%3")
                              .arg(BOOST_VERSION / 100000)
                              .arg(BOOST_VERSION / 100 % 1000)
                              .arg(BOOST_VERSION % 100);
    return QObject::tr("<h3>Loopscope %1</h3>"
                       "<p>Explore Python asyncio concurrency as per-task timelines.</p>"
                       "<p>Qt %2 (built with Qt %3)<br>Boost %4</p>"
                       "<p>Licence: not yet chosen.</p>")
        .arg(QStringLiteral(LOOPSCOPE_VERSION), QString::fromLatin1(qVersion()),
             QStringLiteral(QT_VERSION_STR), boost);
}

} // namespace loopscope
