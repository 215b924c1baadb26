// The new ops in the editor, with real mouse and key events (offscreen): lesson 24's `if` is a
// block with its condition as text, its condition is edited in the properties panel, and an
// unknown name in it is marked under the field (with check's did-you-mean) and blocks Run.
#include "canvas/block_style.h"
#include "canvas/properties_panel.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"
#include "editor_fixture.h"

#include <QAction>
#include <QLineEdit>
#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

class TestCanvasFlow : public QObject, public EditorFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QVERIFY(openLesson("24-race-condition.loop.json")); }
    void cleanup() { closeLesson(); }
    void blocksShowTheirPython();
    void conditionIsEditedAndChecked();
};

// attempt: if s1 (print s2, sleep s3, set s4, print s5; else print s6).
void TestCanvasFlow::blocksShowTheirPython()
{
    const Scenario &s = m_document->scenario();
    QCOMPARE(blockText(*findStep(s, QStringLiteral("s1")), &s), QStringLiteral("if tickets > 0"));
    QCOMPARE(blockText(*findStep(s, QStringLiteral("s4")), &s),
             QStringLiteral("tickets = tickets - 1"));
}

void TestCanvasFlow::conditionIsEditedAndChecked()
{
    ScenarioCanvas *canvas = m_editor->canvas();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {},
                      canvas->blockPoint(QStringLiteral("s1")));
    QCOMPARE(canvas->selectedStep(), QStringLiteral("s1"));
    auto *cond
        = qobject_cast<QLineEdit *>(m_editor->properties()->fieldEditor(QStringLiteral("cond")));
    QVERIFY(cond);
    QCOMPARE(cond->text(), QStringLiteral("tickets > 0"));
    cond->setFocus();
    cond->selectAll();
    QTest::keyClicks(cond, QStringLiteral("tickts > 0"));
    QTest::keyClick(cond, Qt::Key_Return);
    QCOMPARE(findStep(m_document->scenario(), QStringLiteral("s1"))->cond,
             QStringLiteral("tickts > 0"));
    QCOMPARE(m_editor->properties()->fieldProblem(QStringLiteral("cond")),
             QStringLiteral("column 1: name 'tickts' is not defined; did you mean 'tickets'?"));
    QCOMPARE(m_editor->runAction()->isEnabled(), false);

    cond = qobject_cast<QLineEdit *>(m_editor->properties()->fieldEditor(QStringLiteral("cond")));
    cond->setFocus();
    cond->selectAll();
    QTest::keyClicks(cond, QStringLiteral("tickets > 1"));
    QTest::keyClick(cond, Qt::Key_Return);
    Scenario expected = m_original;
    findStep(expected, QStringLiteral("s1"))->cond = QStringLiteral("tickets > 1");
    QVERIFY(m_document->scenario() == expected);
    QCOMPARE(m_editor->runAction()->isEnabled(), true);
}

QTEST_MAIN(TestCanvasFlow)
#include "tst_canvas_flow.moc"
