// Small things a new user sees at once: at 1600 px the right panel shows its labels, fields,
// check boxes and table headers whole (no side-scrolled form); the timeline's tool tips and the
// canvas's messages name a step as the user wrote it, never by its internal id.
#include "app/main_window.h"
#include "canvas/block_palette.h"
#include "canvas/properties_panel.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "timeline/timeline_view.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTest>

using namespace loopscope;

class TestWindowDetails : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void theRightPanelShowsItsLabelsWholeAt1600();
    void toolTipsSayWhatTheUserWrote();
    void thePaletteShowsEveryNameWhole();

private:
    void openLesson(MainWindow &window);
};

void TestWindowDetails::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    QSettings().clear(); // the first start's layout
}

void TestWindowDetails::init()
{
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
}

void TestWindowDetails::openLesson(MainWindow &window)
{
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openScenario(
        QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/21-deadlock.loop.json")));
    QTRY_COMPARE(window.timeline()->trace().lanes.size(), std::size_t(4));
}

void TestWindowDetails::theRightPanelShowsItsLabelsWholeAt1600()
{
    MainWindow window;
    openLesson(window);
    PropertiesPanel *panel = window.editor()->properties();
    QCOMPARE(panel->horizontalScrollBar()->isVisible(), false);
    auto *gil = panel->findChild<QCheckBox *>(QStringLiteral("field:python"));
    QVERIFY(gil);
    QVERIFY2(gil->width() >= gil->sizeHint().width(),
             qPrintable(QStringLiteral("%1 < %2").arg(gil->width()).arg(gil->sizeHint().width())));
    QVERIFY(gil->geometry().right() < panel->viewport()->width());
    auto *title = panel->findChild<QLineEdit *>(QStringLiteral("field:title"));
    QVERIFY(title);
    QCOMPARE(title->text(), QStringLiteral("Deadlock: two locks taken in opposite order"));
    QCOMPARE(title->cursorPosition(), 0); // its start is shown
    QVERIFY2(title->width() > title->fontMetrics().horizontalAdvance(title->text()) + 8,
             qPrintable(QString::number(title->width())));
    QVERIFY(title->mapTo(panel->viewport(), title->rect().bottomRight()).x()
            < panel->viewport()->width());

    // main's gather block, clicked: its items table heads every column whole.
    ScenarioCanvas *canvas = window.editor()->canvas();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {},
                      canvas->blockPoint(QStringLiteral("s13")));
    QCOMPARE(canvas->selectedStep(), QStringLiteral("s13"));
    auto *items = panel->findChild<QTableWidget *>(QStringLiteral("field:items"));
    QVERIFY(items);
    QHeaderView *header = items->horizontalHeader();
    QCOMPARE(header->model()->headerData(0, Qt::Horizontal).toString(),
             QStringLiteral("Coroutine or $task"));
    for (int column = 0; column < header->count(); ++column)
        QVERIFY2(header->sectionSize(column) >= header->sectionSizeHint(column),
                 qPrintable(QStringLiteral("column %1: %2 < %3")
                                .arg(column)
                                .arg(header->sectionSize(column))
                                .arg(header->sectionSizeHint(column))));
    QVERIFY2(header->length() <= items->viewport()->width(),
             qPrintable(QStringLiteral("%1 > %2 (%3 %4 %5)")
                            .arg(header->length())
                            .arg(items->viewport()->width())
                            .arg(header->sectionSize(0))
                            .arg(header->sectionSize(1))
                            .arg(header->sectionSize(2))));
}

void TestWindowDetails::toolTipsSayWhatTheUserWrote()
{
    MainWindow window;
    openLesson(window);
    TimelineView *timeline = window.timeline();
    const Trace &trace = timeline->trace();
    // transfer_ab-1 sleeps from 0 to 1 s in the block labelled "read account a".
    const QPoint sleeping = timeline->pointAt(0.5, trace.laneIndex(QStringLiteral("task-2")));
    QTest::mouseMove(timeline->viewport(), sleeping);
    QCOMPARE(timeline->toolTipAt(sleeping), QStringLiteral("transfer_ab-1 \u00b7 waiting on timer\n"
                                                           "0 s \u2013 1 s (1 s)\n"
                                                           "sleep 1 s \u00b7 read account a"));
    // A click on it says the same in the status bar, and selects the block.
    QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, sleeping);
    QCOMPARE(window.statusBar()->currentMessage(),
             QStringLiteral("transfer_ab-1: sleep 1 s \u00b7 read account a"));
    QCOMPARE(window.editor()->canvas()->selectedStep(), QStringLiteral("s3"));
}

// "semaphore (resource)", "condition_wait_for": no name in the palette ends in "…".
void TestWindowDetails::thePaletteShowsEveryNameWhole()
{
    MainWindow window;
    openLesson(window);
    BlockPalette *palette = window.editor()->palette();
    QTreeWidgetItemIterator it(palette);
    int entries = 0;
    for (; *it; ++it, ++entries) {
        const QModelIndex index = palette->indexFromItem(*it);
        const int room = palette->viewport()->width() - palette->visualRect(index).left();
        QVERIFY2(room >= palette->sizeHintForIndex(index).width(),
                 qPrintable(QStringLiteral("%1: %2 < %3")
                                .arg((*it)->text(0))
                                .arg(room)
                                .arg(palette->sizeHintForIndex(index).width())));
    }
    QVERIFY(entries > 40);
}

QTEST_MAIN(TestWindowDetails)
#include "tst_window_details.moc"
