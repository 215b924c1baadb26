// The `await` checkbox of a `call` block, driven with real clicks (offscreen) on lesson 23:
// unticking it makes the call never awaited in one undoable edit, the block says so, and undo
// gives back the exact model.
#include "canvas/block_style.h"
#include "canvas/properties_panel.h"
#include "canvas/python_pane.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"
#include "editor_fixture.h"

#include <QCheckBox>
#include <QGraphicsPathItem>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace loopscope;
using namespace loopscope::test;

class TestCanvasAwait : public QObject, public EditorFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void onlyCallBlocksHaveTheCheckbox_data();
    void onlyCallBlocksHaveTheCheckbox();
    void tickingItAwaitsTheCallInOneUndoableEdit();
    void untickingItMakesTheCallNeverAwaited();
    void theArrowOfACallNeverAwaitedIsDashed();

private:
    Qt::PenStyle arrowStyle(const QString &stepId) const;
    void clickBlock(const QString &stepId);
    QCheckBox *awaitBox() const;
    void clickAwaitBox();
};

// fetch: print s1, sleep s2, print s3; main: print s4, call fetch never awaited s5, print s6,
// call fetch s7, print s8.
void TestCanvasAwait::init()
{
    QVERIFY(openLesson("23-forgotten-await.loop.json"));
    QCOMPARE(findStep(m_original, QStringLiteral("s5"))->awaited, false);
    QCOMPARE(findStep(m_original, QStringLiteral("s7"))->awaited, true);
}

void TestCanvasAwait::cleanup()
{
    closeLesson();
}

void TestCanvasAwait::clickBlock(const QString &stepId)
{
    ScenarioCanvas *canvas = m_editor->canvas();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, canvas->blockPoint(stepId));
    QCOMPARE(canvas->selectedStep(), stepId);
}

QCheckBox *TestCanvasAwait::awaitBox() const
{
    return qobject_cast<QCheckBox *>(m_editor->properties()->fieldEditor(QStringLiteral("await")));
}

// On the box itself: a check box only takes clicks on its indicator and text, and the form
// stretches it wider than those.
void TestCanvasAwait::clickAwaitBox()
{
    QCheckBox *box = awaitBox();
    QStyleOptionButton option;
    option.initFrom(box);
    const QRect indicator
        = box->style()->subElementRect(QStyle::SE_CheckBoxClickRect, &option, box);
    QTest::mouseClick(box, Qt::LeftButton, {}, indicator.center());
}

void TestCanvasAwait::onlyCallBlocksHaveTheCheckbox_data()
{
    QTest::addColumn<QString>("stepId");
    QTest::addColumn<bool>("hasBox");
    QTest::addColumn<bool>("checked");
    QTest::newRow("call_never_awaited") << "s5" << true << false;
    QTest::newRow("call_awaited") << "s7" << true << true;
    QTest::newRow("print") << "s4" << false << false;
    QTest::newRow("sleep") << "s2" << false << false;
}

void TestCanvasAwait::onlyCallBlocksHaveTheCheckbox()
{
    QFETCH(QString, stepId);
    QFETCH(bool, hasBox);
    QFETCH(bool, checked);
    clickBlock(stepId);
    QCOMPARE(awaitBox() != nullptr, hasBox);
    if (hasBox) {
        QCOMPARE(awaitBox()->isVisible(), true);
        QCOMPARE(awaitBox()->text(), QStringLiteral("await"));
        QCOMPARE(awaitBox()->isChecked(), checked);
    }
}

void TestCanvasAwait::tickingItAwaitsTheCallInOneUndoableEdit()
{
    QCOMPARE(blockText(*findStep(m_original, QStringLiteral("s5"))),
             QString::fromUtf8("call fetch(url=\"/users\") — not awaited"));
    clickBlock(QStringLiteral("s5"));
    clickAwaitBox();

    Scenario expected = m_original;
    findStep(expected, QStringLiteral("s5"))->awaited = true;
    QVERIFY(m_document->scenario() == expected);
    QCOMPARE(m_document->undoStack()->count(), 1);
    QCOMPARE(blockText(*findStep(m_document->scenario(), QStringLiteral("s5"))),
             QStringLiteral("call fetch(url=\"/users\")"));
    QVERIFY(m_editor->python()->toPlainText().contains(
        QStringLiteral("\n    await fetch(url=\"/users\")\n    print(\"Main: back at once")));

    m_document->undoStack()->undo();
    QVERIFY(m_document->scenario() == m_original);
    QCOMPARE(awaitBox()->isChecked(), false); // the form follows the model back
    QVERIFY(m_editor->python()->toPlainText().contains(
        QStringLiteral("\n    fetch(url=\"/users\")\n    print(\"Main: back at once")));
}

void TestCanvasAwait::untickingItMakesTheCallNeverAwaited()
{
    clickBlock(QStringLiteral("s7"));
    clickAwaitBox();
    Scenario expected = m_original;
    findStep(expected, QStringLiteral("s7"))->awaited = false;
    QVERIFY(m_document->scenario() == expected);
    QCOMPARE(m_document->undoStack()->count(), 1);
    QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Edit await"));
    QCOMPARE(blockText(*findStep(m_document->scenario(), QStringLiteral("s7"))),
             QString::fromUtf8("call fetch(url=\"/users\") — not awaited"));
}

Qt::PenStyle TestCanvasAwait::arrowStyle(const QString &stepId) const
{
    for (QGraphicsItem *item : m_editor->canvas()->scene()->items())
        if (auto *path = qgraphicsitem_cast<QGraphicsPathItem *>(item);
            path && path->data(0).toString() == stepId)
            return path->pen().style();
    return Qt::NoPen;
}

void TestCanvasAwait::theArrowOfACallNeverAwaitedIsDashed()
{
    QCOMPARE(arrowStyle(QStringLiteral("s5")), Qt::DashLine);
    QCOMPARE(arrowStyle(QStringLiteral("s7")), Qt::SolidLine);
    clickBlock(QStringLiteral("s5"));
    clickAwaitBox();
    QCOMPARE(arrowStyle(QStringLiteral("s5")), Qt::SolidLine);
}

QTEST_MAIN(TestCanvasAwait)
#include "tst_canvas_await.moc"
