// Help > Examples: the gallery lists every bundled lesson under its title with a picture of its
// timeline, and one real click on an entry opens that lesson in the main window and runs it.
#include "app/examples_gallery.h"
#include "app/main_window.h"
#include "document/scenario_document.h"
#include "scenario/scenario_json.h"
#include "timeline/timeline_view.h"

#include <QAction>
#include <QDir>
#include <QListWidget>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace loopscope;

namespace {

QString examplesDir()
{
    return QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples");
}

QStringList exampleFiles()
{
    QStringList files;
    const QDir dir(examplesDir());
    for (const QString &name :
         dir.entryList({QStringLiteral("*.loop.json")}, QDir::Files, QDir::Name))
        files << dir.absoluteFilePath(name);
    return files;
}

QAction *examplesAction(const MainWindow &window)
{
    for (QAction *menu : window.menuBar()->actions()) {
        if (menu->text() != QStringLiteral("&Help") || menu->menu() == nullptr)
            continue;
        for (QAction *action : menu->menu()->actions()) {
            if (action->text() == QStringLiteral("&Examples\u2026"))
                return action;
        }
    }
    return nullptr;
}

// What the test saw in the gallery while it was open.
struct GallerySight
{
    QStringList titles;
    QStringList paths;
    int withPicture = 0;
    bool clicked = false;
};

// Looks at the open gallery, saves a picture of it when asked, then clicks entry `row`.
void lookAndClick(const MainWindow &window, int row, GallerySight *sight, const QString &grabPath)
{
    auto *gallery = window.findChild<ExamplesGallery *>();
    if (gallery == nullptr)
        return;
    QListWidget *list = gallery->list();
    for (int i = 0; i < list->count(); ++i) {
        const QListWidgetItem *item = list->item(i);
        sight->titles << item->text().section(QLatin1Char('\n'), 0, 0);
        sight->paths << item->data(Qt::UserRole).toString();
        sight->withPicture += item->icon().isNull() ? 0 : 1;
    }
    if (!grabPath.isEmpty())
        gallery->grab().save(grabPath);
    if (row < list->count()) {
        QListWidgetItem *item = list->item(row);
        list->scrollToItem(item);
        const QRect rect = list->visualItemRect(item);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
        sight->clicked = true;
    }
    if (gallery->isVisible())
        gallery->reject(); // the click did not choose: do not leave the test waiting
}

} // namespace

class TestExamplesGallery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void summaryIsTheFirstSentenceWithoutEmphasis_data();
    void summaryIsTheFirstSentenceWithoutEmphasis();
    void clickingEachExampleOpensIt();
};

void TestExamplesGallery::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    QSettings().clear();
    qputenv("LOOPSCOPE_EXAMPLES_DIR", examplesDir().toUtf8());
}

void TestExamplesGallery::init()
{
    // Every warning fails, except the offscreen platform's notes on what it cannot do.
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
}

void TestExamplesGallery::summaryIsTheFirstSentenceWithoutEmphasis_data()
{
    QTest::addColumn<QString>("notes");
    QTest::addColumn<QString>("summary");
    QTest::newRow("two sentences")
        << QStringLiteral("One call. Then another.") << QStringLiteral("One call.");
    QTest::newRow("emphasis and code")
        << QStringLiteral("The *main* lane is **orange**: `time.sleep(2)` blocks. More.")
        << QStringLiteral("The main lane is orange: time.sleep(2) blocks.");
    QTest::newRow("decimal and e.g.")
        << QStringLiteral("Waits 0.5 s, e.g. on a lock.\n\n**What to notice.** Lanes.")
        << QStringLiteral("Waits 0.5 s, e.g. on a lock.");
    QTest::newRow("wrapped line") << QStringLiteral("A long\nsentence. Next")
                                  << QStringLiteral("A long sentence.");
    QTest::newRow("snake_case stays") << QStringLiteral("Uses to_thread and _private.")
                                      << QStringLiteral("Uses to_thread and _private.");
    QTest::newRow("underscore emphasis")
        << QStringLiteral("It _never_ finishes. Really.") << QStringLiteral("It never finishes.");
}

void TestExamplesGallery::summaryIsTheFirstSentenceWithoutEmphasis()
{
    QFETCH(QString, notes);
    QFETCH(QString, summary);
    QCOMPARE(exampleSummary(notes), summary);
}

void TestExamplesGallery::clickingEachExampleOpensIt()
{
    const QStringList files = exampleFiles();
    QCOMPARE(files.size(), 25);
    QStringList titles;
    for (const QString &file : files) {
        const ScenarioLoad load = readScenarioFile(file);
        QVERIFY2(load.ok(), qPrintable(file));
        titles << load.scenario->title;
    }
    MainWindow window;
    window.show();
    QAction *examples = examplesAction(window);
    QVERIFY(examples != nullptr);
    for (int row = 0; row < files.size(); ++row) {
        GallerySight sight;
        const QString grabPath
            = row == 0 ? QDir::temp().filePath(QStringLiteral("gallery.png")) : QString();
        QTimer::singleShot(0, &window, [&] { lookAndClick(window, row, &sight, grabPath); });
        examples->trigger();
        QCOMPARE(sight.titles, titles);
        QCOMPARE(sight.paths, files);
        QCOMPARE(sight.withPicture, 25);
        QVERIFY(sight.clicked);
        QVERIFY(window.findChild<ExamplesGallery *>() == nullptr);
        QCOMPARE(window.document()->path(), files.at(row));
        QVERIFY(window.scenario().has_value());
        QCOMPARE(window.scenario()->title, titles.at(row));
        QTRY_COMPARE(window.timeline()->trace().scenario, titles.at(row));
        QVERIFY(!window.timeline()->trace().lanes.empty());
    }
}

QTEST_MAIN(TestExamplesGallery)
#include "tst_examples_gallery.moc"
