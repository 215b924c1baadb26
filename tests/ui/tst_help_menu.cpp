// Help ▸ Manual shows the user guide from docs/ rendered, Help ▸ Keyboard Shortcuts lists every
// action's key from the actions themselves, Help ▸ About names the versions and the licence,
// and the empty window says what to do first.
#include "menu_clicks.h"

#include "app/help_dialogs.h"
#include "app/main_window.h"
#include "timeline/timeline_view.h"

#include <QDialog>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

#include <boost/version.hpp>

using namespace loopscope;
using loopscope::testing::chooseFromMenu;

class TestHelpMenu : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void manualShowsTheUserGuide();
    void shortcutsListEveryActionOnce();
    void aboutNamesVersionsAndLicence();
    void emptyWindowSaysWhatToDo();
};

void TestHelpMenu::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    QSettings().clear();
    qunsetenv("LOOPSCOPE_DOCS_DIR"); // the source tree's docs/, compiled in
}

void TestHelpMenu::manualShowsTheUserGuide()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::keyClick(&window, Qt::Key_F1, Qt::ControlModifier);
    QDialog *manual = nullptr;
    QTRY_VERIFY((manual = window.findChild<QDialog *>(QStringLiteral("manualWindow")))
                && manual->isVisible());
    auto *browser = manual->findChild<QTextBrowser *>(QStringLiteral("manualBrowser"));
    QVERIFY(browser);
    const QString text = browser->toPlainText();
    // Rendered: the heading's text without its "#", the table without its pipes.
    QVERIFY(text.startsWith(QStringLiteral("Loopscope user guide\n")));
    QVERIFY(text.contains(QStringLiteral("Start with a lesson")));
    QVERIFY(!text.contains(QStringLiteral("| colour |")));
    QCOMPARE(browser->source().fileName(), QStringLiteral("user-guide.md"));
    // Its links to the formats open in the same window, rendered too.
    browser->setSource(QUrl(QStringLiteral("scenario-format.md")));
    QVERIFY(browser->toPlainText().startsWith(QStringLiteral("Scenario format, version 1\n")));
    manual->close();
}

void TestHelpMenu::shortcutsListEveryActionOnce()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(chooseFromMenu(window, {QStringLiteral("Help"), QStringLiteral("Keyboard Shortcuts")}));
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<QDialog *>(QStringLiteral("shortcutsDialog")))
                && dialog->isVisible());
    auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("shortcutsList"));
    QVERIFY(list);
    QStringList shown;
    int headers = 0; // one per menu, spanning both columns
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = list->topLevelItem(i);
        headers += item->isFirstColumnSpanned() ? 1 : 0;
        shown << (item->text(0).trimmed() + QLatin1Char('=') + item->text(1));
    }
    for (const char *row :
         {"File=", "Open=Ctrl+O", "Run=F5", "Stop=Shift+F5", "Examples=F1", "Manual=Ctrl+F1",
          "Keyboard Shortcuts=Ctrl+/", "View \u25B8 Theme=", "Dark=Ctrl+Shift+D",
          "Light=Ctrl+Shift+L", "Log=Ctrl+1", "Zoom In=Ctrl++, Ctrl+="})
        QVERIFY2(shown.contains(QString::fromUtf8(row)), row);
    // Every action of every menu with a key is listed, and no key is given twice: a shortcut
    // two actions share triggers neither.
    const QList<ShortcutRow> rows = shortcutRows(window.menuBar());
    QCOMPARE(list->topLevelItemCount() - headers, rows.size());
    QHash<QString, QString> owner;
    for (const ShortcutRow &row : rows)
        for (const QString &key : row.keys.split(QStringLiteral(", "))) {
            QVERIFY2(!owner.contains(key), qPrintable(key + QStringLiteral(": ") + owner.value(key)
                                                      + QStringLiteral(" and ") + row.action));
            owner.insert(key, row.action);
        }
    dialog->close();
}

void TestHelpMenu::aboutNamesVersionsAndLicence()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(chooseFromMenu(window, {QStringLiteral("Help"), QStringLiteral("About Loopscope")}));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(QStringLiteral("aboutBox")))
                && box->isVisible());
    const QString text = box->text();
    QVERIFY(text.contains(QStringLiteral("<h3>Loopscope " LOOPSCOPE_VERSION "</h3>")));
    QVERIFY(
        text.contains(QStringLiteral("Qt %1 (built with Qt %2)")
                          .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR))));
    QVERIFY(text.contains(QStringLiteral("Boost %1.%2.%3")
                              .arg(BOOST_VERSION / 100000)
                              .arg(BOOST_VERSION / 100 % 1000)
                              .arg(BOOST_VERSION % 100)));
    QVERIFY(text.contains(QStringLiteral("Licence: not yet chosen.")));
    box->close();
}

void TestHelpMenu::emptyWindowSaysWhatToDo()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    TimelineView *timeline = window.timeline();
    QVERIFY(timeline->trace().lanes.empty());
    QCOMPARE(timeline->emptyHint(),
             QStringLiteral("Nothing has run yet.\nOpen an example with Help \u25B8 Examples (F1), "
                            "drag a block from the palette into a card, then press F5 to run it "
                            "and watch its tasks here."));
    // Painted in the middle of the lanes: text pixels on the background there.
    auto textPixels = [timeline] {
        const QImage image = timeline->viewport()->grab().toImage();
        const QColor background = TimelineTheme::light().background;
        int count = 0;
        const int midY = image.height() / 2;
        for (int y = midY - 30; y < midY + 30; ++y)
            for (int x = image.width() / 4; x < image.width() * 3 / 4; ++x)
                count += image.pixelColor(x, y) != background ? 1 : 0;
        return count;
    };
    QVERIFY(textPixels() > 200);
    QVERIFY(window.openScenario(
        QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/03-asyncio-gather.loop.json")));
    QTRY_VERIFY(!timeline->trace().lanes.empty());
    // File ▸ New: no run again, and the hint is back.
    QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
    QTRY_VERIFY(timeline->trace().lanes.empty());
    QVERIFY(textPixels() > 200);
}

QTEST_MAIN(TestHelpMenu)
#include "tst_help_menu.moc"
