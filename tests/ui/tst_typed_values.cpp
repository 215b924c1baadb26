// Values typed in the editor keep Python's int/float distinction (issue 14): `1.0` typed into an
// argument cell with real key events is the float 1.0 in the model, in the block's text and in
// the Python pane; a `1.0` nobody touched survives an edit of another field, a change of the
// called coroutine's argument list, and a save; a gather item's arguments read `2.5` and `1.0`.
#include "canvas/block_style.h"
#include "canvas/properties_panel.h"
#include "canvas/python_pane.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"
#include "editor_fixture.h"
#include "export/python_program.h"
#include "scenario/scenario_json.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

// w(x, y) called with x=1 (an int) and y=1.0 (a float); gather of w with y=2.5.
const char kScenario[] = R"({"format": "loopscope-scenario", "version": 1, "title": "floats",
 "coroutines": [
  {"name": "w", "params": ["x", "y"], "steps": [{"op": "print", "text": "{x} {y}", "id": "s1"}]},
  {"name": "v", "params": ["x", "y"], "steps": [{"op": "print", "text": "{y}", "id": "s4"}]},
  {"name": "main", "steps": [
    {"op": "call", "coro": "w", "args": {"x": 1, "y": 1.0}, "label": "first", "id": "s2"},
    {"op": "gather", "items": [{"coro": "w", "args": {"x": 0, "y": 2.5}}], "id": "s3"}]}]}
)";

} // namespace

class TestTypedValues : public QObject, public EditorFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void typedFloatArgumentStaysAFloat();
    void untouchedFloatSurvivesOtherEditsAndSave();
    void gatherItemArgumentsKeepTheirFloats();

private:
    void clickBlock(const QString &stepId);
    QTableWidget *table(const QString &key) const;
    void typeIntoCell(QTableWidget *table, int row, int column, const QString &text);

    QTemporaryDir m_dir;
    QString m_path;
};

void TestTypedValues::init()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("floats.loop.json"));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kScenario);
    file.close();
    QVERIFY(openFile(m_path));
    // The reader itself already tells 1.0 from 1 (the starting point of every test here).
    QCOMPARE(findStep(m_original, QStringLiteral("s2"))->args.value(QStringLiteral("y")).kind(),
             PyValue::Kind::Float);
}

void TestTypedValues::cleanup()
{
    closeLesson();
}

void TestTypedValues::clickBlock(const QString &stepId)
{
    ScenarioCanvas *canvas = m_editor->canvas();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, canvas->blockPoint(stepId));
    QCOMPARE(canvas->selectedStep(), stepId);
}

QTableWidget *TestTypedValues::table(const QString &key) const
{
    return qobject_cast<QTableWidget *>(m_editor->properties()->fieldEditor(key));
}

// Click and double-click the cell, select what it holds, type, Return: as a hand does.
void TestTypedValues::typeIntoCell(QTableWidget *table, int row, int column, const QString &text)
{
    QVERIFY(table);
    const QPoint cell = table->visualRect(table->model()->index(row, column)).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    QCoreApplication::processEvents(); // the delegate commits the cell queued
}

void TestTypedValues::typedFloatArgumentStaysAFloat()
{
    clickBlock(QStringLiteral("s2"));
    QTableWidget *args = table(QStringLiteral("args"));
    QVERIFY(args);
    QCOMPARE(args->item(0, 1)->text(), QStringLiteral("1"));   // x
    QCOMPARE(args->item(1, 1)->text(), QStringLiteral("1.0")); // y, shown as written
    typeIntoCell(args, 0, 1, QStringLiteral("1.0"));

    Scenario expected = m_original;
    findStep(expected, QStringLiteral("s2"))->args.insert(QStringLiteral("x"), 1.0);
    QVERIFY(m_document->scenario() == expected);
    const PyValue x
        = findStep(m_document->scenario(), QStringLiteral("s2"))->args.value(QStringLiteral("x"));
    QCOMPARE(x.kind(), PyValue::Kind::Float);
    QCOMPARE(x.toDouble(), 1.0);
    QCOMPARE(
        blockText(*findStep(m_document->scenario(), QStringLiteral("s2")), &m_document->scenario()),
        QStringLiteral("call w(x=1.0, y=1.0)"));
    const QString python = m_editor->python()->toPlainText();
    QCOMPARE(python, pythonProgram(m_document->scenario()));
    QVERIFY2(python.contains(QStringLiteral("await w(x=1.0, y=1.0)  # first\n")),
             qPrintable(python));

    // And back to the int: `1` is an int again.
    typeIntoCell(table(QStringLiteral("args")), 0, 1, QStringLiteral("1"));
    QVERIFY(m_document->scenario() == m_original);
    QVERIFY2(m_editor->python()->toPlainText().contains(
                 QStringLiteral("await w(x=1, y=1.0)  # first\n")),
             qPrintable(m_editor->python()->toPlainText()));
}

void TestTypedValues::untouchedFloatSurvivesOtherEditsAndSave()
{
    clickBlock(QStringLiteral("s2"));
    // Another argument, then another field of the block.
    typeIntoCell(table(QStringLiteral("args")), 0, 1, QStringLiteral("7"));
    auto *label
        = qobject_cast<QLineEdit *>(m_editor->properties()->fieldEditor(QStringLiteral("label")));
    QVERIFY(label);
    label->setFocus();
    label->selectAll();
    QTest::keyClicks(label, QStringLiteral("second"));
    QTest::keyClick(label, Qt::Key_Return);
    // Another coroutine with the same parameters: the values that still fit are kept.
    auto *coro
        = qobject_cast<QComboBox *>(m_editor->properties()->fieldEditor(QStringLiteral("coro")));
    QVERIFY(coro);
    QCOMPARE(coro->currentText(), QStringLiteral("w"));
    QCOMPARE(coro->itemText(coro->currentIndex() + 1), QStringLiteral("v"));
    coro->setFocus();
    QTest::keyClick(coro, Qt::Key_Down);
    Scenario expected = m_original;
    Step *call = findStep(expected, QStringLiteral("s2"));
    call->args.insert(QStringLiteral("x"), 7);
    call->label = QStringLiteral("second");
    call->coro = QStringLiteral("v");
    QVERIFY(m_document->scenario() == expected);
    QCOMPARE(findStep(m_document->scenario(), QStringLiteral("s2"))
                 ->args.value(QStringLiteral("y"))
                 .kind(),
             PyValue::Kind::Float);
    QVERIFY(m_editor->python()->toPlainText().contains(
        QStringLiteral("await v(x=7, y=1.0)  # second\n")));

    QString error;
    QVERIFY2(m_document->save(&error), qPrintable(error));
    QFile saved(m_path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray text = saved.readAll();
    QVERIFY2(text.contains(R"("args": {"x": 7, "y": 1.0})"), text.constData());
    const ScenarioLoad reread = readScenario(text, m_path);
    QVERIFY(reread.ok());
    QCOMPARE(findStep(*reread.scenario, QStringLiteral("s2"))->args.value(QStringLiteral("y")),
             PyValue(1.0));
    QCOMPARE(
        findStep(*reread.scenario, QStringLiteral("s2"))->args.value(QStringLiteral("y")).kind(),
        PyValue::Kind::Float);
}

void TestTypedValues::gatherItemArgumentsKeepTheirFloats()
{
    clickBlock(QStringLiteral("s3"));
    QTableWidget *items = table(QStringLiteral("items"));
    QVERIFY(items);
    QCOMPARE(items->item(0, 1)->text(), QStringLiteral(R"({"x": 0, "y": 2.5})"));
    typeIntoCell(items, 0, 1, QStringLiteral(R"({"x": 1.0, "y": 2.5})"));
    Scenario expected = m_original;
    findStep(expected, QStringLiteral("s3"))->items.front().args.insert(QStringLiteral("x"), 1.0);
    QVERIFY(m_document->scenario() == expected);
    QCOMPARE(findStep(m_document->scenario(), QStringLiteral("s3"))
                 ->items.front()
                 .args.value(QStringLiteral("x"))
                 .kind(),
             PyValue::Kind::Float);
    QVERIFY2(m_editor->python()->toPlainText().contains(QStringLiteral("w(x=1.0, y=2.5)")),
             qPrintable(m_editor->python()->toPlainText()));
}

QTEST_MAIN(TestTypedValues)
#include "tst_typed_values.moc"
