// Editing habits on the canvas with real events: copy and paste of a block and of a card, a new
// coroutine card dragged from the palette, auto-layout by call depth, Ctrl+wheel zoom, a click
// in the Python pane selecting its block, and deleting a used resource asking first.
#include "canvas/block_palette.h"
#include "canvas/block_style.h"
#include "canvas/card_item.h"
#include "canvas/card_layout.h"
#include "canvas/properties_panel.h"
#include "canvas/python_pane.h"
#include "canvas/resources_panel.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"
#include "editor_fixture.h"
#include "scenario/scenario_json.h"
#include "scenario/scenario_walk.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QGraphicsPathItem>
#include <QLineEdit>
#include <QMessageBox>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTimer>
#include <QUndoStack>

using namespace loopscope;
using namespace loopscope::test;

class TestCanvasHabits : public QObject, public EditorFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void dragMovesABlockToAnotherCard();
    void arrowsGoFromStartingBlocksToTheirCards();
    void arrowsCrossNoCardTitle();
    void blocksShowCallArgumentsInParameterOrder();
    void renamingACardRenamesItsCallers();
    void copyAndPasteABlock();
    void copyAndPasteACard();
    void dragANewCoroutineCardOntoTheCanvas();
    void autoLayoutPlacesCardsByCallDepth();
    void controlWheelZooms();
    void clickingAPythonLineSelectsItsBlock();
    void deletingAUsedResourceAsksFirst();

private:
};

// access_resource: with s1 (sem) { print s2, sleep s3, print s4 }; main: gather s5.
void TestCanvasHabits::init()
{
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
    QVERIFY(openLesson("14-semaphore.loop.json"));
}

void TestCanvasHabits::cleanup()
{
    closeLesson();
}

void TestCanvasHabits::dragMovesABlockToAnotherCard()
{
    ScenarioCanvas *canvas = m_editor->canvas();
    const QPoint start = canvas->blockPoint(QStringLiteral("s3"));
    const QPoint end = canvas->blockPoint(QStringLiteral("s5")) + QPoint(0, 14);
    QTest::mousePress(canvas->viewport(), Qt::LeftButton, {}, start);
    QTest::mouseMove(canvas->viewport(), start + QPoint(0, 20));
    QTest::mouseMove(canvas->viewport(), end);
    QCOMPARE(canvas->dropIndicatorVisible(), true);
    QTest::mouseRelease(canvas->viewport(), Qt::LeftButton, {}, end);
    Scenario expected = m_original;
    QVERIFY(moveStep(expected, QStringLiteral("s3"), {{QStringLiteral("main"), {}, 0}, 1}));
    QVERIFY(m_document->scenario() == expected);
    QCOMPARE(canvas->selectedCard(), QStringLiteral("main"));
    QCOMPARE(canvas->selectedStep(), QStringLiteral("s3"));
}

void TestCanvasHabits::arrowsGoFromStartingBlocksToTheirCards()
{
    // One arrow per started coroutine: the gather's five items all start access_resource.
    QStringList arrows;
    for (QGraphicsItem *item : m_editor->canvas()->scene()->items())
        if (item->type() == QGraphicsPathItem::Type)
            arrows << item->data(0).toString();
    QCOMPARE(arrows, QStringList{QStringLiteral("s5")});
}

// In every lesson as laid out, and in the runtime's test scenarios (no layout: cards in file
// order, so callers right of the coroutines they start), no arrow passes over a card's title:
// a card left of its caller is entered from its right.
void TestCanvasHabits::arrowsCrossNoCardTitle()
{
    QStringList files;
    for (const char *dir : {"/examples", "/tests/runtime/scenarios"}) {
        const QDir folder(QStringLiteral(LOOPSCOPE_SOURCE_DIR) + QLatin1String(dir));
        for (const QString &name : folder.entryList({"*.loop.json"}))
            files << folder.filePath(name);
    }
    QVERIFY(files.size() >= 30);
    int arrows = 0;
    for (const QString &lesson : files) {
        closeLesson();
        QVERIFY(openFile(lesson));
        std::vector<std::pair<QString, QRectF>> titles;
        for (QGraphicsItem *item : m_editor->canvas()->scene()->items())
            if (auto *card = dynamic_cast<CardItem *>(item))
                titles.emplace_back(
                    card->coroutine(),
                    card->mapRectToScene(card->geometry().title).adjusted(1, 1, -1, -1));
        for (QGraphicsItem *item : m_editor->canvas()->scene()->items()) {
            auto *arrow = qgraphicsitem_cast<QGraphicsPathItem *>(item);
            if (!arrow || arrow->data(0).toString().isEmpty())
                continue;
            ++arrows;
            const QPainterPath path = arrow->mapToScene(arrow->path());
            for (int i = 0; i <= 200; ++i) {
                const QPointF p = path.pointAtPercent(i / 200.0);
                for (const auto &[name, title] : titles)
                    QVERIFY2(!title.contains(p),
                             qPrintable(QStringLiteral("%1: the arrow of %2 "
                                                       "crosses the title of %3")
                                            .arg(lesson, arrow->data(0).toString(), name)));
            }
        }
    }
    QVERIFY(arrows >= 20);
}

// Lesson 12's task group: fetch(id, delay) is written {"id": 1, "delay": 1} (a JSON object has
// no order); the block shows the arguments as the Python pane does, a task without a variable
// without "= ".
void TestCanvasHabits::blocksShowCallArgumentsInParameterOrder()
{
    const ScenarioLoad load = readScenarioFile(
        QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/12-taskgroup-fails-fast.loop.json"));
    QVERIFY(load.ok());
    const Steps &group = load.scenario->coroutine(QStringLiteral("main"))->steps.at(0).steps;
    QCOMPARE(blockText(group.at(0), &*load.scenario),
             QStringLiteral("create_task fetch(id=1, delay=1)"));
    QCOMPARE(blockText(group.at(1), &*load.scenario), QStringLiteral("create_task broken()"));
    QCOMPARE(blockText(group.at(0)), QStringLiteral("create_task fetch(delay=1, id=1)"));
    Step call = group.at(0);
    call.kind = StepKind::Call;
    call.args = {{"delay", "$wait"}, {"id", "first"}};
    QCOMPARE(blockText(call, &*load.scenario),
             QStringLiteral("call fetch(id=\"first\", delay=$wait)"));
}

void TestCanvasHabits::renamingACardRenamesItsCallers()
{
    ScenarioCanvas *canvas = m_editor->canvas();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {},
                      canvas->titlePoint(QStringLiteral("access_resource")));
    auto *name
        = qobject_cast<QLineEdit *>(m_editor->properties()->fieldEditor(QStringLiteral("name")));
    QVERIFY(name);
    QCOMPARE(name->isVisible(), true);
    name->setFocus();
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("use_slot"));
    QTest::keyClick(name, Qt::Key_Return);
    Scenario expected = m_original;
    renameCoroutine(expected, QStringLiteral("access_resource"), QStringLiteral("use_slot"));
    QVERIFY(m_document->scenario() == expected);
    for (const GatherItem &item : findStep(expected, QStringLiteral("s5"))->items)
        QCOMPARE(item.coro, QStringLiteral("use_slot"));
    QCOMPARE(cardPosition(expected, QStringLiteral("use_slot")), QPointF(400, 40));
    QCOMPARE(canvas->selectedCard(), QStringLiteral("use_slot"));
    QCOMPARE(m_editor->runAction()->isEnabled(), true);
}

void TestCanvasHabits::copyAndPasteABlock()
{
    ScenarioCanvas *canvas = m_editor->canvas();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {},
                      canvas->blockPoint(QStringLiteral("s3")));
    QTest::keySequence(canvas, QKeySequence::Copy);
    QTest::keySequence(canvas, QKeySequence::Paste);
    Scenario expected = m_original;
    Step copy = *findStep(m_original, QStringLiteral("s3"));
    copy.id = QStringLiteral("s6");
    QVERIFY(insertStep(expected, {{QStringLiteral("access_resource"), QStringLiteral("s1"), 0}, 2},
                       copy));
    QVERIFY(m_document->scenario() == expected);
    QCOMPARE(canvas->selectedStep(), QStringLiteral("s6"));
}

void TestCanvasHabits::copyAndPasteACard()
{
    ScenarioCanvas *canvas = m_editor->canvas();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {},
                      canvas->titlePoint(QStringLiteral("access_resource")));
    QCOMPARE(canvas->selectedCard(), QStringLiteral("access_resource"));
    QCOMPARE(canvas->selectedStep(), QString());
    QTest::keySequence(canvas, QKeySequence::Copy);
    QTest::keySequence(canvas, QKeySequence::Paste);
    const Coroutine *pasted
        = m_document->scenario().coroutine(QStringLiteral("access_resource_copy"));
    QVERIFY(pasted);
    QStringList ids;
    forEachStep(m_document->scenario(), [&](const Step &step, const QString &path) {
        if (path.startsWith(QStringLiteral("coroutines[2]")))
            ids << step.id;
    });
    QCOMPARE(ids, (QStringList{"s6", "s7", "s8", "s9"}));
    QCOMPARE(pasted->params, m_original.coroutine(QStringLiteral("access_resource"))->params);
    QCOMPARE(cardPosition(m_document->scenario(), pasted->name), QPointF(440, 80));
    QCOMPARE(m_document->undoStack()->count(), 1);
}

void TestCanvasHabits::dragANewCoroutineCardOntoTheCanvas()
{
    BlockPalette *palette = m_editor->palette();
    ScenarioCanvas *canvas = m_editor->canvas();
    const QPoint start = palette->pointOf(palette->coroutineItem());
    const QPoint drop = canvas->mapFromScene(QPointF(100, 400));
    const QPoint target = palette->viewport()->mapFromGlobal(canvas->viewport()->mapToGlobal(drop));
    QTest::mousePress(palette->viewport(), Qt::LeftButton, {}, start);
    QTest::mouseMove(palette->viewport(), start + QPoint(30, 0));
    QTest::mouseMove(palette->viewport(), target);
    QTest::mouseRelease(palette->viewport(), Qt::LeftButton, {}, target);
    Scenario expected = m_original;
    expected.coroutines.push_back(Coroutine{QStringLiteral("worker"), {}, {}, {}});
    setCardPosition(expected, QStringLiteral("worker"), canvas->mapToScene(drop));
    QVERIFY(m_document->scenario() == expected);
    QCOMPARE(canvas->selectedCard(), QStringLiteral("worker"));
}

void TestCanvasHabits::autoLayoutPlacesCardsByCallDepth()
{
    Scenario moved = m_original;
    setCardPosition(moved, QStringLiteral("main"), QPointF(900, 500));
    setCardPosition(moved, QStringLiteral("access_resource"), QPointF(0, 0));
    m_document->edit(moved, QStringLiteral("scatter"));
    m_editor->arrangeAction()->trigger();
    QCOMPARE(cardPosition(m_document->scenario(), QStringLiteral("main")), QPointF(40, 40));
    QCOMPARE(cardPosition(m_document->scenario(), QStringLiteral("access_resource")),
             QPointF(40 + kCardWidth + 80, 40));
}

void TestCanvasHabits::controlWheelZooms()
{
    ScenarioCanvas *canvas = m_editor->canvas();
    const QPoint at = canvas->viewport()->rect().center();
    QWheelEvent wheel(at, canvas->viewport()->mapToGlobal(at), {}, QPoint(0, 120), Qt::NoButton,
                      Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(canvas->viewport(), &wheel);
    QCOMPARE(canvas->transform().m11(), 1.25);
    QTest::keySequence(canvas, QKeySequence::ZoomOut);
    QCOMPARE(canvas->transform().m11(), 1.0);
}

void TestCanvasHabits::clickingAPythonLineSelectsItsBlock()
{
    PythonPane *python = m_editor->python();
    const int line = python->lineOf(QStringLiteral("s3"));
    QVERIFY(line > 0);
    const QTextBlock block = python->document()->findBlockByNumber(line);
    QTextCursor cursor(block);
    python->setTextCursor(cursor);
    python->ensureCursorVisible();
    const QPoint point = python->cursorRect(cursor).center() + QPoint(8, 0);
    QTest::mouseClick(python->viewport(), Qt::LeftButton, {}, point);
    QCOMPARE(m_editor->canvas()->selectedStep(), QStringLiteral("s3"));
    QCOMPARE(m_editor->canvas()->selectedCard(), QStringLiteral("access_resource"));
    QCOMPARE(python->highlightedLine(), line);
}

void TestCanvasHabits::deletingAUsedResourceAsksFirst()
{
    QStringList asked;
    const auto answer = [&](QMessageBox::StandardButton button) {
        QTimer::singleShot(0, this, [&asked, button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            asked << box->text();
            box->button(button)->click();
        });
    };
    answer(QMessageBox::No);
    QCOMPARE(m_editor->resources()->deleteResource(QStringLiteral("sem")), false);
    QCOMPARE(asked, QStringList{QStringLiteral("1 block(s) use sem; they will name a resource that "
                                               "does not exist until you pick another.")});
    QVERIFY(m_document->scenario() == m_original);
    answer(QMessageBox::Yes);
    QCOMPARE(m_editor->resources()->deleteResource(QStringLiteral("sem")), true);
    QCOMPARE(m_document->scenario().resources.size(), std::size_t(0));
    QCOMPARE(m_editor->runAction()->isEnabled(), false);
}

QTEST_MAIN(TestCanvasHabits)
#include "tst_canvas_habits.moc"
