// print's End field in the properties panel (issue 16): the `end` a print writes is shown with
// Python's escapes (`\n` for the default new line, `\t`, empty for end=""), and what is typed
// there with real key events is read back the same way, into the model and the Python pane.
#include "canvas/properties_panel.h"
#include "canvas/python_pane.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"
#include "editor_fixture.h"

#include <QFile>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace loopscope;
using namespace loopscope::test;

namespace {

// s1 ends with the default new line, s2 with a tab, s3 with nothing.
const char kScenario[] = R"({"format": "loopscope-scenario", "version": 1, "title": "ends",
 "coroutines": [{"name": "main", "steps": [
   {"op": "print", "text": "a", "id": "s1"},
   {"op": "print", "text": "b", "end": "\t", "id": "s2"},
   {"op": "print", "text": "c", "end": "", "id": "s3"}]}]}
)";

} // namespace

class TestPrintEnd : public QObject, public EditorFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void endsShowTheirEscapes();
    void typedEscapesAreTheCharacters();
    void emptiedEndPrintsNothing();

private:
    QLineEdit *endOf(const QString &stepId);
    void typeInto(QLineEdit *edit, const QString &text);
    QString endIn(const QString &stepId) const;

    QTemporaryDir m_dir;
};

void TestPrintEnd::init()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("ends.loop.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kScenario);
    file.close();
    QVERIFY(openFile(path));
}

void TestPrintEnd::cleanup()
{
    closeLesson();
}

// Clicks the block on the canvas, as a hand does, and gives its End field.
QLineEdit *TestPrintEnd::endOf(const QString &stepId)
{
    ScenarioCanvas *canvas = m_editor->canvas();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, canvas->blockPoint(stepId));
    if (canvas->selectedStep() != stepId)
        return nullptr;
    return qobject_cast<QLineEdit *>(m_editor->properties()->fieldEditor(QStringLiteral("end")));
}

// Select what the field holds, type, Return.
void TestPrintEnd::typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Delete);
    else
        QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

QString TestPrintEnd::endIn(const QString &stepId) const
{
    return findStep(m_document->scenario(), stepId)->end;
}

void TestPrintEnd::endsShowTheirEscapes()
{
    QLineEdit *end = endOf(QStringLiteral("s1"));
    QVERIFY(end);
    QCOMPARE(end->text(), QStringLiteral("\\n"));
    end = endOf(QStringLiteral("s2"));
    QVERIFY(end);
    QCOMPARE(end->text(), QStringLiteral("\\t"));
    end = endOf(QStringLiteral("s3"));
    QVERIFY(end);
    QCOMPARE(end->text(), QString());
    QCOMPARE(end->placeholderText(), QStringLiteral("nothing (end=\"\")"));
}

void TestPrintEnd::typedEscapesAreTheCharacters()
{
    QLineEdit *end = endOf(QStringLiteral("s1"));
    QVERIFY(end);
    typeInto(end, QStringLiteral(" |\\t\\\\"));
    QCOMPARE(endIn(QStringLiteral("s1")), QStringLiteral(" |\t\\"));
    QVERIFY2(m_editor->python()->toPlainText().contains(
                 QStringLiteral("print(\"a\", end=' |\\t\\\\')\n")),
             qPrintable(m_editor->python()->toPlainText()));
    // Shown again as typed, and back to the default new line, which the file then leaves out.
    end = endOf(QStringLiteral("s1"));
    QVERIFY(end);
    QCOMPARE(end->text(), QStringLiteral(" |\\t\\\\"));
    typeInto(end, QStringLiteral("\\n"));
    QCOMPARE(endIn(QStringLiteral("s1")), QStringLiteral("\n"));
    QVERIFY(m_document->scenario() == m_original);
}

void TestPrintEnd::emptiedEndPrintsNothing()
{
    QLineEdit *end = endOf(QStringLiteral("s2"));
    QVERIFY(end);
    typeInto(end, QString());
    QCOMPARE(endIn(QStringLiteral("s2")), QString());
    QVERIFY2(m_editor->python()->toPlainText().contains(QStringLiteral("print(\"b\", end='')\n")),
             qPrintable(m_editor->python()->toPlainText()));
}

QTEST_MAIN(TestPrintEnd)
#include "tst_print_end.moc"
