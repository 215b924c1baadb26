// Problems in the words of the canvas and the Python, not JSON paths: a negative sleep typed in
// lesson 14 reads "access_resource › with sem › sleep: seconds must be …" in the banner; a click
// on the banner selects that block; the Python pane marks its line in red (the pixels say so).
// The place of problems under except and finally bodies, resources and the file's top level.
#include "canvas/problem_text.h"
#include "canvas/properties_panel.h"
#include "canvas/python_pane.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_edits.h"
#include "editor_fixture.h"

#include <QLabel>
#include <QLineEdit>
#include <QTest>
#include <QTextBlock>

using namespace loopscope;
using namespace loopscope::test;

class TestProblemBanner : public QObject, public EditorFixture
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { closeLesson(); }
    void aNegativeSleepIsNamedAsTheCanvasShowsIt();
    void problemPlaces_data();
    void problemPlaces();
};

void TestProblemBanner::aNegativeSleepIsNamedAsTheCanvasShowsIt()
{
    QVERIFY(openLesson("14-semaphore.loop.json"));
    ScenarioCanvas *canvas = m_editor->canvas();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {},
                      canvas->blockPoint(QStringLiteral("s3")));
    auto *seconds
        = qobject_cast<QLineEdit *>(m_editor->properties()->fieldEditor(QStringLiteral("seconds")));
    QVERIFY(seconds);
    seconds->setFocus();
    seconds->selectAll();
    QTest::keyClicks(seconds, QStringLiteral("-1"));
    QTest::keyClick(seconds, Qt::Key_Return);
    QLabel *banner = m_editor->problemBanner();
    QCOMPARE(banner->isVisible(), true);
    QCOMPARE(
        banner->text(),
        QStringLiteral("Cannot run: access_resource \u203a with sem \u203a sleep: seconds must "
                       "be a number \u2265 0 or a parameter, not -1"));

    // The selection moves away (main's card); a click on the banner brings it back to the block.
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {},
                      canvas->titlePoint(QStringLiteral("main")));
    QCOMPARE(canvas->selectedStep(), QString());
    QTest::mouseClick(banner, Qt::LeftButton, {}, banner->rect().center());
    QCOMPARE(canvas->selectedStep(), QStringLiteral("s3"));

    // The Python pane marks the statement of the block: `await asyncio.sleep(-1)`.
    PythonPane *python = m_editor->python();
    const int line = python->lineOf(QStringLiteral("s3"));
    QVERIFY(line > 0);
    QCOMPARE(python->problemLines(), QList<int>{line});
    const QTextBlock block = python->document()->findBlockByNumber(line);
    QVERIFY2(block.text().contains(QStringLiteral("asyncio.sleep(-1 ")), qPrintable(block.text()));
    // Wherever the line is on screen, right of its text it is painted the problem colour.
    QTextCursor cursor(block);
    python->setTextCursor(cursor);
    python->ensureCursorVisible();
    const QRect where = python->cursorRect(cursor);
    const QImage pane = python->viewport()->grab().toImage();
    const QPoint blank(python->viewport()->width() - 4, where.center().y());
    QCOMPARE(pane.pixelColor(blank), PythonPane::problemLineColor());
    // Another line keeps the pane's own background.
    const QTextBlock other = python->document()->findBlockByNumber(line - 1);
    const QRect otherRect = python->cursorRect(QTextCursor(other));
    QVERIFY(pane.pixelColor(QPoint(blank.x(), otherRect.center().y()))
            != PythonPane::problemLineColor());

    // Fixed: the mark and the banner go.
    seconds
        = qobject_cast<QLineEdit *>(m_editor->properties()->fieldEditor(QStringLiteral("seconds")));
    seconds->setFocus();
    seconds->selectAll();
    QTest::keyClicks(seconds, QStringLiteral("2"));
    QTest::keyClick(seconds, Qt::Key_Return);
    QCOMPARE(python->problemLines(), QList<int>{});
    QCOMPARE(banner->isVisible(), false);
}

void TestProblemBanner::problemPlaces_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("stepId");
    QTest::newRow("nested_step")
        << "coroutines[0].steps[0].steps[1].seconds"
        << "expected a number \u2265 0, got -1"
        << "worker \u203a with sem \u203a sleep: seconds must be a number \u2265 0, not -1"
        << "w2";
    QTest::newRow("except_body") << "coroutines[1].steps[0].except.ValueError[0].text"
                                 << "expected a string, got 3"
                                 << "main \u203a try \u203a except ValueError \u203a print: text "
                                    "must be a string, not 3"
                                 << "m2";
    // A handler that binds its exception is {"as": "e", "steps": [...]}: its steps are one
    // part further down.
    QTest::newRow("except_as_body") << "coroutines[1].steps[0].except.ValueError.steps[0].text"
                                    << "expected a string, got 3"
                                    << "main \u203a try \u203a except ValueError \u203a print: "
                                       "text must be a string, not 3"
                                    << "m2";
    QTest::newRow("except_star") << "coroutines[1].steps[0].except[\"*\"][0]"
                                 << "unknown op"
                                 << "main \u203a try \u203a except * \u203a print: unknown op"
                                 << "m3";
    QTest::newRow("finally") << "coroutines[1].steps[0].finally[0].task"
                             << "no task variable t here"
                             << "main \u203a try \u203a finally \u203a await t \u203a task: no "
                                "task variable t here"
                             << "m4";
    QTest::newRow("coroutine_itself") << "coroutines[0].params"
                                      << "expected an array, got 1"
                                      << "worker: params must be an array, not 1"
                                      << "";
    QTest::newRow("resource") << "resources[0].value"
                              << "expected a whole number \u2265 1, got 0"
                              << "resource sem: value must be a whole number \u2265 1, not 0"
                              << "";
    QTest::newRow("top_level") << "python.cpu_count"
                               << "expected a whole number \u2265 1, got 0"
                               << "python.cpu_count must be a whole number \u2265 1, not 0"
                               << "";
    QTest::newRow("out_of_range") << "coroutines[0].steps[7].seconds"
                                  << "bad"
                                  << "worker \u203a steps[7].seconds: bad"
                                  << "";
}

void TestProblemBanner::problemPlaces()
{
    QFETCH(QString, path);
    QFETCH(QString, message);
    QFETCH(QString, text);
    QFETCH(QString, stepId);
    Scenario scenario;
    scenario.resources.push_back({QStringLiteral("sem"), ResourceKind::Semaphore});
    Step sleep;
    sleep.kind = StepKind::Sleep;
    sleep.id = QStringLiteral("w2");
    Step print;
    print.kind = StepKind::Print;
    print.id = QStringLiteral("w1");
    Step with;
    with.kind = StepKind::With;
    with.id = QStringLiteral("w0");
    with.resource = QStringLiteral("sem");
    with.steps = {print, sleep};
    scenario.coroutines.push_back({QStringLiteral("worker"), {}, {with}, {}});
    Step handled = print;
    handled.id = QStringLiteral("m2");
    Step any = print;
    any.id = QStringLiteral("m3");
    Step await;
    await.kind = StepKind::Await;
    await.id = QStringLiteral("m4");
    await.task = QStringLiteral("t");
    Step attempt;
    attempt.kind = StepKind::Try;
    attempt.id = QStringLiteral("m1");
    attempt.excepts = {{QStringLiteral("ValueError"), {handled}, QStringLiteral("e")},
                       {QStringLiteral("*"), {any}}};
    attempt.finallySteps = Steps{await};
    scenario.coroutines.push_back({QStringLiteral("main"), {}, {attempt}, {}});

    ScenarioProblem problem;
    problem.path = path;
    problem.message = message;
    QCOMPARE(problemInPythonTerms(scenario, problem), text);
    QCOMPARE(problemPlace(scenario, path).stepId, stepId);
}

QTEST_MAIN(TestProblemBanner)
#include "tst_problem_banner.moc"
