// The canvas editor driven with real mouse and key events (offscreen): a palette entry dragged
// into a card, a block dragged to another place, Delete, undo/redo back to the exact model, an
// invalid duration marked under its field with Run disabled, a resource renamed with its
// references, the Python pane following the model, and the timeline selecting a block.
#include "canvas/block_palette.h"
#include "canvas/card_item.h"
#include "canvas/properties_panel.h"
#include "canvas/python_pane.h"
#include "canvas/resources_panel.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"
#include "editor_fixture.h"
#include "export/python_program.h"
#include "scenario/scenario_validate.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace loopscope;
using namespace loopscope::test;

class TestCanvasEditor : public QObject, public EditorFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void dragFromThePaletteInsertsABlock();
    void dragReordersBlocks();
    void deleteKeyRemovesTheSelectedBlock();
    void undoAndRedoRestoreTheModelExactly();
    void draggingACardMovesItInOneUndoStep();
    void invalidDurationIsMarkedAndDisablesRun();
    void renamingAResourceUpdatesItsReferences();
    void pythonPaneFollowsTheModel();
    void timelineSelectsTheBlockAndItsCard();

private:
    void drag(QWidget *from, QPoint start, QWidget *to, QPoint end);
    void clickBlock(const QString &stepId);
};

// access_resource: with s1 (sem) { print s2, sleep s3, print s4 }; main: gather s5.
void TestCanvasEditor::init()
{
    QVERIFY(openLesson("14-semaphore.loop.json"));
}

void TestCanvasEditor::cleanup()
{
    closeLesson();
}

// Press, a few moves (the first one past the drag distance), release: what a hand does.
void TestCanvasEditor::drag(QWidget *from, QPoint start, QWidget *to, QPoint end)
{
    const QPoint target = from->mapFromGlobal(to->mapToGlobal(end));
    QTest::mousePress(from, Qt::LeftButton, {}, start);
    for (int i = 1; i <= 4; ++i)
        QTest::mouseMove(from, start + (target - start) * i / 4);
    QTest::mouseRelease(from, Qt::LeftButton, {}, target);
}

void TestCanvasEditor::clickBlock(const QString &stepId)
{
    ScenarioCanvas *canvas = m_editor->canvas();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, canvas->blockPoint(stepId));
    QCOMPARE(canvas->selectedStep(), stepId);
}

void TestCanvasEditor::dragFromThePaletteInsertsABlock()
{
    BlockPalette *palette = m_editor->palette();
    ScenarioCanvas *canvas = m_editor->canvas();
    QTreeWidgetItem *sleep = palette->itemFor(StepKind::Sleep);
    QVERIFY(sleep);
    // Just under the gather block of main: the slot after it.
    const QPoint below = canvas->blockPoint(QStringLiteral("s5")) + QPoint(0, 14);
    const QPoint start = palette->pointOf(sleep);
    QTest::mousePress(palette->viewport(), Qt::LeftButton, {}, start);
    const QPoint target
        = palette->viewport()->mapFromGlobal(canvas->viewport()->mapToGlobal(below));
    QTest::mouseMove(palette->viewport(), start + QPoint(20, 0));
    QTest::mouseMove(palette->viewport(), target);
    QCOMPARE(canvas->dropIndicatorVisible(), true);
    QTest::mouseRelease(palette->viewport(), Qt::LeftButton, {}, target);
    QCOMPARE(canvas->dropIndicatorVisible(), false);

    Scenario expected = m_original;
    Step added = defaultStep(m_original, StepKind::Sleep);
    QCOMPARE(added.id, QStringLiteral("s6"));
    QVERIFY(insertStep(expected, {{QStringLiteral("main"), {}, 0}, 1}, added));
    QVERIFY(m_document->scenario() == expected);
    QCOMPARE(m_document->scenario().coroutine(QStringLiteral("main"))->steps.size(),
             std::size_t(2));
    QCOMPARE(canvas->selectedStep(), QStringLiteral("s6"));
    // The dropped block has the focus's attention: Delete takes it away again.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Delete);
    QVERIFY(m_document->scenario() == m_original);
}

void TestCanvasEditor::dragReordersBlocks()
{
    ScenarioCanvas *canvas = m_editor->canvas();
    // The second print (s4) to just above the first (s2): the first slot of the with body.
    const QPoint start = canvas->blockPoint(QStringLiteral("s4"));
    const QPoint end = canvas->blockPoint(QStringLiteral("s2")) - QPoint(0, 14);
    drag(canvas->viewport(), start, canvas->viewport(), end);
    Scenario expected = m_original;
    QVERIFY(moveStep(expected, QStringLiteral("s4"),
                     {{QStringLiteral("access_resource"), QStringLiteral("s1"), 0}, 0}));
    QVERIFY(m_document->scenario() == expected);
    QStringList order;
    for (const Step &step : findStep(m_document->scenario(), QStringLiteral("s1"))->steps)
        order << step.id;
    QCOMPARE(order, (QStringList{"s4", "s2", "s3"}));
    QCOMPARE(m_document->undoStack()->count(), 1);
}

void TestCanvasEditor::deleteKeyRemovesTheSelectedBlock()
{
    clickBlock(QStringLiteral("s3"));
    QTest::keyClick(m_editor->canvas(), Qt::Key_Delete);
    Scenario expected = m_original;
    QVERIFY(removeStep(expected, QStringLiteral("s3")));
    QVERIFY(m_document->scenario() == expected);
    QCOMPARE(findStep(m_document->scenario(), QStringLiteral("s3")), nullptr);
    QCOMPARE(m_editor->canvas()->selectedStep(), QString());
}

void TestCanvasEditor::undoAndRedoRestoreTheModelExactly()
{
    ScenarioCanvas *canvas = m_editor->canvas();
    drag(canvas->viewport(), canvas->blockPoint(QStringLiteral("s4")), canvas->viewport(),
         canvas->blockPoint(QStringLiteral("s2")) - QPoint(0, 14));
    clickBlock(QStringLiteral("s3"));
    QTest::keyClick(canvas, Qt::Key_Delete);
    const Scenario edited = m_document->scenario();
    QCOMPARE(m_document->undoStack()->count(), 2);
    QTest::keySequence(m_editor.get(), QKeySequence::Undo);
    QTest::keySequence(m_editor.get(), QKeySequence::Undo);
    QVERIFY(m_document->scenario() == m_original);
    QCOMPARE(m_document->isModified(), false);
    QTest::keySequence(m_editor.get(), QKeySequence::Redo);
    QTest::keySequence(m_editor.get(), QKeySequence::Redo);
    QVERIFY(m_document->scenario() == edited);
    QCOMPARE(m_document->isModified(), true);
}

void TestCanvasEditor::draggingACardMovesItInOneUndoStep()
{
    ScenarioCanvas *canvas = m_editor->canvas();
    const QPoint title = canvas->titlePoint(QStringLiteral("main"));
    drag(canvas->viewport(), title, canvas->viewport(), title + QPoint(0, 200));
    QCOMPARE(cardPosition(m_document->scenario(), QStringLiteral("main")), QPointF(40, 240));
    QCOMPARE(m_document->undoStack()->count(), 1);
    m_document->undoStack()->undo();
    QVERIFY(m_document->scenario() == m_original);
}

void TestCanvasEditor::invalidDurationIsMarkedAndDisablesRun()
{
    QCOMPARE(m_editor->runAction()->isEnabled(), true);
    clickBlock(QStringLiteral("s3"));
    auto *seconds
        = qobject_cast<QLineEdit *>(m_editor->properties()->fieldEditor(QStringLiteral("seconds")));
    QVERIFY(seconds);
    QCOMPARE(seconds->text(), QStringLiteral("1"));
    QCOMPARE(seconds->isVisible(), true);
    seconds->setFocus();
    seconds->selectAll();
    QTest::keyClicks(seconds, QStringLiteral("-1"));
    QTest::keyClick(seconds, Qt::Key_Return);

    Scenario expected = m_original;
    findStep(expected, QStringLiteral("s3"))->seconds = Quantity::literal(-1);
    QVERIFY(m_document->scenario() == expected);
    const std::vector<ScenarioProblem> problems = validateScenario(expected);
    QCOMPARE(problems.size(), std::size_t(1));
    QCOMPARE(problems.front().path,
             stepPath(expected, QStringLiteral("s3")) + QStringLiteral(".seconds"));
    QCOMPARE(m_editor->properties()->fieldProblem(QStringLiteral("seconds")),
             problems.front().message);
    QCOMPARE(
        m_editor->properties()->findChild<QLabel *>(QStringLiteral("problem:seconds"))->isVisible(),
        true);
    QCOMPARE(m_editor->runAction()->isEnabled(), false);
    QCOMPARE(m_editor->runAction()->toolTip(), m_editor->runBlockedReason());
    // In the words of the canvas, not the JSON path (tst_problem_banner has the details).
    QCOMPARE(m_editor->runBlockedReason(),
             QStringLiteral("Cannot run: access_resource \u203a with sem \u203a sleep: seconds "
                            "must be a number \u2265 0 or a parameter, not -1"));
    QCOMPARE(m_editor->problemBanner()->text(), m_editor->runBlockedReason());

    m_document->undoStack()->undo();
    QCOMPARE(m_editor->runAction()->isEnabled(), true);
    QCOMPARE(m_editor->properties()->fieldProblem(QStringLiteral("seconds")), QString());
}

void TestCanvasEditor::renamingAResourceUpdatesItsReferences()
{
    ResourcesPanel *resources = m_editor->resources();
    m_editor->findChild<QTabWidget *>()->setCurrentWidget(resources);
    QListWidget *list = resources->list();
    QCOMPARE(list->count(), 1);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->item(0)).center());
    QCOMPARE(resources->currentResource(), QStringLiteral("sem"));
    auto *name = qobject_cast<QLineEdit *>(resources->fieldEditor(QStringLiteral("name")));
    QVERIFY(name);
    QCOMPARE(name->isVisible(), true);
    name->setFocus();
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("slots"));
    QTest::keyClick(name, Qt::Key_Return);
    Scenario expected = m_original;
    renameResource(expected, QStringLiteral("sem"), QStringLiteral("slots"));
    QVERIFY(m_document->scenario() == expected);
    QCOMPARE(findStep(m_document->scenario(), QStringLiteral("s1"))->resource,
             QStringLiteral("slots"));
    QCOMPARE(resources->currentResource(), QStringLiteral("slots"));
    QCOMPARE(m_editor->runAction()->isEnabled(), true);
}

void TestCanvasEditor::pythonPaneFollowsTheModel()
{
    PythonPane *python = m_editor->python();
    QCOMPARE(python->toPlainText(), pythonProgram(m_original));
    clickBlock(QStringLiteral("s3"));
    QTest::keyClick(m_editor->canvas(), Qt::Key_Delete);
    QCOMPARE(python->toPlainText(), pythonProgram(m_document->scenario()));
    QVERIFY(python->toPlainText() != pythonProgram(m_original));

    clickBlock(QStringLiteral("s2"));
    const int line = python->highlightedLine();
    QCOMPARE(line, pythonStepLines(m_document->scenario()).value(QStringLiteral("s2")));
    QVERIFY2(python->toPlainText()
                 .split(QLatin1Char('\n'))
                 .at(line)
                 .trimmed()
                 .startsWith(QStringLiteral("print(")),
             qPrintable(python->toPlainText().split(QLatin1Char('\n')).at(line)));
}

void TestCanvasEditor::timelineSelectsTheBlockAndItsCard()
{
    m_editor->selectStep(QStringLiteral("s3"));
    QCOMPARE(m_editor->canvas()->selectedStep(), QStringLiteral("s3"));
    QCOMPARE(m_editor->canvas()->selectedCard(), QStringLiteral("access_resource"));
    auto *seconds
        = qobject_cast<QLineEdit *>(m_editor->properties()->fieldEditor(QStringLiteral("seconds")));
    QVERIFY(seconds);
    QCOMPARE(seconds->text(), QStringLiteral("1"));
}

QTEST_MAIN(TestCanvasEditor)
#include "tst_canvas_editor.moc"
