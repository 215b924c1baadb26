// Issue 15's primitives on the canvas, driven with real mouse and key events (offscreen): a
// condition_wait_for and a wait dragged from the palette into cards of the condition scenario
// (tests/runtime/scenarios/prims/condition.loop.json) get the op table's defaults, show them as
// block text, and their properties panel shows and edits their fields.
#include "canvas/block_palette.h"
#include "canvas/block_style.h"
#include "canvas/properties_panel.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"
#include "editor_fixture.h"

#include <QComboBox>
#include <QLineEdit>
#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

class TestCanvasPrims : public QObject, public EditorFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void conditionWaitForFromThePalette();
    void waitFromThePalette();

private:
    // Drags the op's palette entry to just under the card's step `index` (a real drag).
    void dropUnder(StepKind kind, const QString &coroutine, std::size_t index);
    const Step &stepOf(const QString &coroutine, std::size_t index) const;
    QString text(const QString &key) const;
};

void TestCanvasPrims::init()
{
    QVERIFY(openFile(
        QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/runtime/scenarios/prims/condition.loop.json")));
}

void TestCanvasPrims::cleanup()
{
    closeLesson();
}

const Step &TestCanvasPrims::stepOf(const QString &coroutine, std::size_t index) const
{
    return m_document->scenario().coroutine(coroutine)->steps.at(index);
}

void TestCanvasPrims::dropUnder(StepKind kind, const QString &coroutine, std::size_t index)
{
    BlockPalette *palette = m_editor->palette();
    ScenarioCanvas *canvas = m_editor->canvas();
    QTreeWidgetItem *entry = palette->itemFor(kind);
    QVERIFY(entry);
    canvas->selectStep(stepOf(coroutine, index).id); // scrolls its card into view
    const QPoint below = canvas->blockPoint(stepOf(coroutine, index).id) + QPoint(0, 14);
    const QPoint start = palette->pointOf(entry);
    QTest::mousePress(palette->viewport(), Qt::LeftButton, {}, start);
    const QPoint target
        = palette->viewport()->mapFromGlobal(canvas->viewport()->mapToGlobal(below));
    QTest::mouseMove(palette->viewport(), start + QPoint(20, 0));
    QTest::mouseMove(palette->viewport(), target);
    QCOMPARE(canvas->dropIndicatorVisible(), true);
    QTest::mouseRelease(palette->viewport(), Qt::LeftButton, {}, target);
}

// The field's editor text: a line edit's, or a combo box's current text.
QString TestCanvasPrims::text(const QString &key) const
{
    QWidget *editor = m_editor->properties()->fieldEditor(key);
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        return line->text();
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        return combo->currentText();
    return QStringLiteral("<no editor for %1>").arg(key);
}

// party: sleep, barrier_wait, print. Dropped under the sleep: the new block is party's second
// step, on the scenario's one condition with the predicate True; typing a predicate in the
// panel changes the model and the block's text.
void TestCanvasPrims::conditionWaitForFromThePalette()
{
    const QString party = QStringLiteral("party");
    dropUnder(StepKind::ConditionWaitFor, party, 0);
    QCOMPARE(m_document->scenario().coroutine(party)->steps.size(), std::size_t(4));
    const Step &added = stepOf(party, 1);
    QCOMPARE(added.kind, StepKind::ConditionWaitFor);
    QCOMPARE(m_editor->canvas()->selectedStep(), added.id);
    QCOMPARE(blockText(added, &m_document->scenario()),
             QStringLiteral("condition_wait_for cond: True"));
    QCOMPARE(text(QStringLiteral("condition")), QStringLiteral("cond"));
    QCOMPARE(text(QStringLiteral("predicate")), QStringLiteral("True"));

    auto *predicate = qobject_cast<QLineEdit *>(
        m_editor->properties()->fieldEditor(QStringLiteral("predicate")));
    QVERIFY(predicate);
    predicate->selectAll();
    QTest::keyClicks(predicate, QStringLiteral("stock >= d"));
    QTest::keyClick(predicate, Qt::Key_Return);
    QCOMPARE(stepOf(party, 1).predicate, QStringLiteral("stock >= d"));
    QCOMPARE(blockText(stepOf(party, 1), &m_document->scenario()),
             QStringLiteral("condition_wait_for cond: stock >= d"));
}

// main's first step is `set stock`; a wait dropped under it gathers a call of the first
// coroutine other than main and binds "done, pending"; choosing FIRST_EXCEPTION in the panel
// shows in the block.
void TestCanvasPrims::waitFromThePalette()
{
    const QString main = QStringLiteral("main");
    dropUnder(StepKind::Wait, main, 0);
    const Step &added = stepOf(main, 1);
    QCOMPARE(added.kind, StepKind::Wait);
    QCOMPARE(added.as, QStringLiteral("done, pending"));
    QCOMPARE(added.items.size(), std::size_t(1));
    QCOMPARE(added.items.front().coro, QStringLiteral("consumer"));
    QCOMPARE(blockText(added, &m_document->scenario()),
             QStringLiteral("done, pending = wait \u00d71"));
    QCOMPARE(text(QStringLiteral("as")), QStringLiteral("done, pending"));
    QCOMPARE(text(QStringLiteral("return_when")), QStringLiteral("ALL_COMPLETED"));

    auto *when = qobject_cast<QComboBox *>(
        m_editor->properties()->fieldEditor(QStringLiteral("return_when")));
    QVERIFY(when);
    when->setFocus();
    QTest::keyClick(when, Qt::Key_Down); // FIRST_COMPLETED
    QTest::keyClick(when, Qt::Key_Down); // FIRST_EXCEPTION
    QCOMPARE(stepOf(main, 1).returnWhen, QStringLiteral("FIRST_EXCEPTION"));
    QCOMPARE(blockText(stepOf(main, 1), &m_document->scenario()),
             QStringLiteral("done, pending = wait \u00d71 FIRST_EXCEPTION"));
}

QTEST_MAIN(TestCanvasPrims)
#include "tst_canvas_prims.moc"
