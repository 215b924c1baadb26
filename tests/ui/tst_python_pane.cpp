// The Python pane as a second way to edit, with real key events in the main window: a program
// typed there becomes the cards and, on the virtual clock, the timeline, once the user pauses;
// a refused line is marked with its message and named in the banner; Ctrl+Z in the pane undoes
// the typing (the scenario before and its Python), Redo brings it back; the user's comments
// stay through a card move, a canvas edit that changes the program writes the Python anew and
// says so, and Undo gives the user's text back.
#include "python_program_fixture.h"

#include "app/main_window.h"
#include "canvas/card_item.h"
#include "canvas/python_pane.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/python_edits.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"
#include "export/python_program.h"
#include "timeline/timeline_view.h"

#include <QHelpEvent>
#include <QLabel>
#include <QTest>
#include <QTextBlock>
#include <QToolTip>
#include <QUndoStack>

using namespace loopscope;

namespace {

// Two workers gathered: lanes main, work-1, work-2; done at 2 s.
const char kGatherProgram[] = "import asyncio\n"
                              "\n"
                              "async def work(n):\n"
                              "    await asyncio.sleep(n)\n"
                              "    print(f\"done {n}\")\n"
                              "\n"
                              "async def main():\n"
                              "    await asyncio.gather(work(1), work(2))\n"
                              "\n"
                              "asyncio.run(main())\n";

constexpr int kImportMs = 30000; // python3 starts in ~1 s on a busy machine

QStringList laneNames(const Trace &trace)
{
    QStringList names;
    for (const Lane &lane : trace.lanes)
        names << lane.name;
    return names;
}

} // namespace

class TestPythonPane : public QObject, public test::PythonProgramFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void typingAProgramChangesTheCanvasAndTheTimeline();
    void aRefusedLineIsMarkedAndUndoDropsTheTyping();
    void aSyntaxErrorIsMarkedWhereCPythonSaysIt();
    void commentsStayThroughACardMoveAndComeBackAfterACanvasEdit();
    void aTypedProgramWithoutATitleKeepsTheDocumentsTitle();
    void stepsKeepTheirIdsAndTheSelectionStays();
    void anImporterThatCannotStartIsSaidInTheBanner();
    void anOpenedProgramIsShownAsWrittenAndKeepsItsCommentsThroughACanvasEdit();
    void aMeasuredCpuLoopDoesNotStopTheCommentsFromBeingCarried();

private:
    // A window showing hello.py, imported and run.
    std::unique_ptr<MainWindow> openHello();
};

void TestPythonPane::init()
{
    setUpPython();
}

std::unique_ptr<MainWindow> TestPythonPane::openHello()
{
    auto window = std::make_unique<MainWindow>();
    window->resize(1600, 1000);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())
        || !window->openFile(writeProgram(QStringLiteral("hello.py"), test::kHelloProgram)))
        return nullptr;
    window->editor()->pythonEdits()->setDelay(600);
    return window;
}

void TestPythonPane::typingAProgramChangesTheCanvasAndTheTimeline()
{
    const auto window = openHello();
    QVERIFY(window);
    ScenarioEditor *editor = window->editor();
    PythonPane *pane = editor->python();
    const Scenario original = window->document()->scenario();
    QCOMPARE(coroutineNames(original), QStringList{"main"});
    QTRY_COMPARE(window->timeline()->trace().duration, 1.0);
    QCOMPARE(pane->toPlainText(), QString::fromUtf8(test::kHelloProgram)); // the file, as written

    typeProgram(pane, QString::fromUtf8(kGatherProgram));
    // The generated program's step lines no longer hold: no line is any step's.
    QCOMPARE(pane->highlightedLine(), -1);
    QCOMPARE(pane->lineOf(original.coroutines[0].steps[0].id), -1);
    // Nothing changes while the user types: the import waits for the pause.
    QVERIFY(editor->pythonEdits()->isPending());
    QVERIFY(window->document()->scenario() == original);
    QTRY_VERIFY_WITH_TIMEOUT(editor->canvas()->card(QStringLiteral("work")), kImportMs);
    const Scenario typed = window->document()->scenario();
    QCOMPARE(coroutineNames(typed), QStringList({"work", "main"}));
    QCOMPARE(opName(typed.coroutines[1].steps.at(0).kind), QStringLiteral("gather"));
    QVERIFY(editor->canvas()->card(QStringLiteral("main")));
    // The timeline follows on the virtual clock, and the pane keeps the text as typed.
    QTRY_COMPARE(laneNames(window->timeline()->trace()),
                 QStringList({"main", "work-1", "work-2", "event loop"}));
    QCOMPARE(window->timeline()->trace().duration, 2.0);
    QCOMPARE(pane->toPlainText(), QString::fromUtf8(kGatherProgram));
    QCOMPARE(window->document()->undoStack()->count(), 1);

    // More typing in the same visit to the pane merges into the same undo step.
    QTest::keyClick(pane, Qt::Key_Home, Qt::ControlModifier);
    for (int i = 0; i < 7; ++i)
        QTest::keyClick(pane, Qt::Key_Down);
    QTest::keyClick(pane, Qt::Key_End);
    typeAtCursor(pane, QStringLiteral("\n    print(\"bye\")"));
    QTRY_VERIFY_WITH_TIMEOUT(window->document()->scenario() != typed, kImportMs);
    QCOMPARE(window->document()->undoStack()->count(), 1);

    // Ctrl+Z in the pane: the scenario before the typing, and the file's text.
    QTest::keyClick(pane, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(window->document()->scenario() == original);
    QCOMPARE(pane->toPlainText(), QString::fromUtf8(test::kHelloProgram));
    QVERIFY(!editor->canvas()->card(QStringLiteral("work")));
    // Redo: the typed program and the text exactly as the user left it.
    QTest::keySequence(pane, QKeySequence::Redo);
    QCOMPARE(coroutineNames(window->document()->scenario()), QStringList({"work", "main"}));
    QCOMPARE(pane->toPlainText(), QString::fromUtf8(kGatherProgram)
                                      .replace(QStringLiteral("work(2))\n"),
                                               QStringLiteral("work(2))\n    print(\"bye\")\n")));
    QCOMPARE(opName(window->document()->scenario().coroutines[1].steps.at(1).kind),
             QStringLiteral("print"));
}

void TestPythonPane::aRefusedLineIsMarkedAndUndoDropsTheTyping()
{
    const auto window = openHello();
    QVERIFY(window);
    ScenarioEditor *editor = window->editor();
    PythonPane *pane = editor->python();
    const Scenario original = window->document()->scenario();
    const QString generated = pane->toPlainText();
    typeProgram(pane,
                QStringLiteral("import asyncio\n\nclass Point:\n    x = 0\n\nasync def "
                               "main():\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n"));
    const QString message
        = QStringLiteral("a class definition is not supported; keep the state in module variables");
    QTRY_COMPARE_WITH_TIMEOUT(pane->importProblemLines(), QList<int>{2}, kImportMs);
    QCOMPARE(pane->importProblemAt(2), QStringLiteral("line 3:1: ") + message);
    QLabel *banner = editor->problemBanner();
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->text(), QStringLiteral("Python line 3:1: ") + message);
    QCOMPARE(editor->pythonNote()->text(),
             QStringLiteral("Not imported: the canvas shows the last program that did"));
    QVERIFY(window->document()->scenario() == original);
    QCOMPARE(window->document()->undoStack()->count(), 0);
    // The marked line's tool tip is the message.
    const QTextBlock line = pane->document()->findBlockByNumber(2);
    const QPoint at = pane->cursorRect(QTextCursor(line)).center() + QPoint(4, 0);
    QHelpEvent help(QEvent::ToolTip, at, pane->viewport()->mapToGlobal(at));
    QApplication::sendEvent(pane, &help);
    QTRY_COMPARE(QToolTip::text(), QStringLiteral("line 3:1: ") + message);
    QToolTip::hideText();
    // The banner's click goes to the line.
    QTest::keyClick(pane, Qt::Key_Home, Qt::ControlModifier);
    QTest::mouseClick(banner, Qt::LeftButton);
    QCOMPARE(pane->textCursor().blockNumber(), 2);
    // Ctrl+Z drops the refused typing: the text of the scenario, no marks, no banner.
    QTest::keyClick(pane, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(pane->toPlainText(), generated);
    QCOMPARE(pane->importProblemLines(), QList<int>{});
    QVERIFY(!banner->isVisible());
    QVERIFY(window->document()->scenario() == original);
}

void TestPythonPane::aSyntaxErrorIsMarkedWhereCPythonSaysIt()
{
    const auto window = openHello();
    QVERIFY(window);
    PythonPane *pane = window->editor()->python();
    typeProgram(pane, QStringLiteral("import asyncio\n\nasync def main():\n    print(\"hello\")\n"
                                     "    await asyncio.sleep(1\n\nasyncio.run(main())\n"));
    QTRY_COMPARE_WITH_TIMEOUT(pane->importProblemLines(), QList<int>{4}, kImportMs);
    QCOMPARE(pane->importProblemAt(4), QStringLiteral("line 5:24: SyntaxError: '(' was never "
                                                      "closed"));
    QCOMPARE(window->editor()->problemBanner()->text(),
             QStringLiteral("Python line 5:24: SyntaxError: '(' was never closed"));
    // Closing the parenthesis: the program imports, the mark and the banner go.
    QTest::keyClick(pane, Qt::Key_Up, Qt::NoModifier);
    QTest::keyClick(pane, Qt::Key_Up, Qt::NoModifier);
    QTest::keyClick(pane, Qt::Key_End, Qt::NoModifier);
    QTest::keyClicks(pane, QStringLiteral(")"));
    QTRY_COMPARE_WITH_TIMEOUT(pane->importProblemLines(), QList<int>{}, kImportMs);
    QVERIFY(!window->editor()->problemBanner()->isVisible());
    QCOMPARE(window->document()->undoStack()->count(), 0); // the same program as before
}

void TestPythonPane::commentsStayThroughACardMoveAndComeBackAfterACanvasEdit()
{
    const auto window = openHello();
    QVERIFY(window);
    ScenarioEditor *editor = window->editor();
    PythonPane *pane = editor->python();
    const QString mine = QStringLiteral("import asyncio\n\n\nasync def work(n):\n"
                                        "    # first the wait\n    await asyncio.sleep(n)\n"
                                        "    print(\"worked\")\n\n\nasync def main():\n"
                                        "    await work(1)\n\nasyncio.run(main())\n");
    typeProgram(pane, mine);
    QTRY_VERIFY_WITH_TIMEOUT(editor->canvas()->card(QStringLiteral("work")), kImportMs);
    const Scenario typed = window->document()->scenario();
    // A card moved: the same program, the user's text stays.
    ScenarioCanvas *canvas = editor->canvas();
    const QPoint title = canvas->titlePoint(QStringLiteral("work"));
    QTest::mousePress(canvas->viewport(), Qt::LeftButton, {}, title);
    for (int i = 1; i <= 4; ++i)
        QTest::mouseMove(canvas->viewport(), title + QPoint(0, 30 * i));
    QTest::mouseRelease(canvas->viewport(), Qt::LeftButton, {}, title + QPoint(0, 120));
    QVERIFY(window->document()->scenario().layout != typed.layout);
    QCOMPARE(pane->toPlainText(), mine);
    QVERIFY(!editor->pythonNote()->isVisible());

    // The print deleted on the canvas: first the generated program, then the user's text with
    // the line gone, comment and blank lines kept, once it imports to the edited scenario.
    const QString printId = typed.coroutines[0].steps.at(1).id;
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, canvas->blockPoint(printId));
    QTest::keyClick(canvas, Qt::Key_Delete);
    QCOMPARE(window->document()->scenario().coroutines[0].steps.size(), std::size_t(1));
    QCOMPARE(pane->toPlainText(), pythonProgram(window->document()->scenario()));
    QCOMPARE(editor->pythonNote()->text(),
             QStringLiteral("Carrying your comments over the canvas edit\u2026"));
    QString carried = mine;
    carried.remove(QStringLiteral("    print(\"worked\")\n"));
    QTRY_COMPARE_WITH_TIMEOUT(pane->toPlainText(), carried, kImportMs);
    QVERIFY(!editor->pythonNote()->isVisible());

    // Deleting `await work(1)`, a line the user wrote otherwise than the export does
    // (work(n=1)): the edit cannot be carried, the Python is written anew and the note says so.
    const QString callId = window->document()->scenario().coroutines[1].steps.at(0).id;
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, canvas->blockPoint(callId));
    QTest::keyClick(canvas, Qt::Key_Delete);
    QCOMPARE(pane->toPlainText(), pythonProgram(window->document()->scenario()));
    QVERIFY(editor->pythonNote()->isVisible());
    QCOMPARE(editor->pythonNote()->text(),
             QStringLiteral("The canvas changed the program: this Python was written from it "
                            "anew (Undo gives back your text)"));
    // Undo, twice: the user's texts for each scenario, exactly.
    editor->undoAction()->trigger();
    QCOMPARE(pane->toPlainText(), carried);
    QVERIFY(!editor->pythonNote()->isVisible());
    editor->undoAction()->trigger();
    QCOMPARE(pane->toPlainText(), mine);
}

// The importer names a program without a docstring or leading comment after its file; typed in
// the pane of "14-semaphore.loop.json", that would have retitled the lesson "14-semaphore.loop".
void TestPythonPane::aTypedProgramWithoutATitleKeepsTheDocumentsTitle()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(
        window.openFile(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json")));
    const QString title = window.document()->scenario().title;
    QVERIFY(title != QStringLiteral("14-semaphore.loop"));
    typeProgram(window.editor()->python(), QString::fromUtf8(kGatherProgram));
    QTRY_VERIFY_WITH_TIMEOUT(window.editor()->canvas()->card(QStringLiteral("work")), kImportMs);
    QCOMPARE(window.document()->scenario().title, title);
    window.document()->undoStack()->setClean(); // a lesson: no question at the end
}

// A line typed before the selected block: the blocks the text kept keep their ids (the importer
// numbers steps afresh), so the selected print stays selected and the new sleep is a new id.
void TestPythonPane::stepsKeepTheirIdsAndTheSelectionStays()
{
    const auto window = openHello();
    QVERIFY(window);
    ScenarioEditor *editor = window->editor();
    const Scenario original = window->document()->scenario();
    const QString printId = original.coroutines[0].steps.at(0).id;
    const QString sleepId = original.coroutines[0].steps.at(1).id;
    ScenarioCanvas *canvas = editor->canvas();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, canvas->blockPoint(printId));
    QCOMPARE(canvas->selectedStep(), printId);
    typeProgram(editor->python(),
                QStringLiteral("import asyncio\n\nasync def main():\n    await asyncio.sleep(0.5)\n"
                               "    print(\"hello\")\n    await asyncio.sleep(1)\n\n"
                               "asyncio.run(main())\n"));
    QTRY_COMPARE_WITH_TIMEOUT(window->document()->scenario().coroutines[0].steps.size(),
                              std::size_t(3), kImportMs);
    const Steps &steps = window->document()->scenario().coroutines[0].steps;
    QCOMPARE(steps[1].id, printId);
    QCOMPARE(steps[2].id, sleepId);
    QVERIFY(steps[0].id != printId && steps[0].id != sleepId);
    QCOMPARE(canvas->selectedStep(), printId);
}

void TestPythonPane::anImporterThatCannotStartIsSaidInTheBanner()
{
    const auto window = openHello();
    QVERIFY(window);
    const Scenario original = window->document()->scenario();
    qputenv("LOOPSCOPE_PYTHON", "/nonexistent/python3");
    typeProgram(window->editor()->python(), QString::fromUtf8(kGatherProgram));
    QLabel *banner = window->editor()->problemBanner();
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kImportMs);
    qunsetenv("LOOPSCOPE_PYTHON");
    QVERIFY2(banner->text().startsWith(QStringLiteral(
                 "Python: cannot import Python: /nonexistent/python3 did not start (")),
             qPrintable(banner->text()));
    QCOMPARE(window->editor()->python()->importProblemLines(), QList<int>{}); // no line to mark
    QVERIFY(window->document()->scenario() == original);
}

// File ▸ Open of a .py: the pane shows the file as the user wrote it (comments, blank lines,
// spelling), not the program generated from its scenario; a block deleted on the canvas then
// takes only its line out of that text, and Undo gives the file's text back exactly.
void TestPythonPane::anOpenedProgramIsShownAsWrittenAndKeepsItsCommentsThroughACanvasEdit()
{
    const QString mine = QStringLiteral("import asyncio\n\n\nasync def work(n):\n"
                                        "    # first the wait\n    await asyncio.sleep(n)\n"
                                        "    print(\"worked\")\n\n\n# the entry point\n"
                                        "async def main():\n    await work(1)\n\n"
                                        "asyncio.run(main())\n");
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(writeProgram(QStringLiteral("worker.py"), mine.toUtf8())));
    ScenarioEditor *editor = window.editor();
    PythonPane *pane = editor->python();
    const Scenario opened = window.document()->scenario();
    QCOMPARE(coroutineNames(opened), QStringList({"work", "main"}));
    QVERIFY(pane->toPlainText() != pythonProgram(opened)); // what the pane showed before
    QCOMPARE(pane->toPlainText(), mine);
    QVERIFY(!editor->pythonNote()->isVisible());

    // The print deleted with the mouse and the Delete key.
    ScenarioCanvas *canvas = editor->canvas();
    const QString printId = opened.coroutines[0].steps.at(1).id;
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, canvas->blockPoint(printId));
    QTest::keyClick(canvas, Qt::Key_Delete);
    QCOMPARE(window.document()->scenario().coroutines[0].steps.size(), std::size_t(1));
    QString carried = mine;
    carried.remove(QStringLiteral("    print(\"worked\")\n"));
    QTRY_COMPARE_WITH_TIMEOUT(pane->toPlainText(), carried, kImportMs);
    QVERIFY(!editor->pythonNote()->isVisible());
    editor->undoAction()->trigger();
    QVERIFY(window.document()->scenario() == opened);
    QCOMPARE(pane->toPlainText(), mine);
    // Saved as a scenario: the document keeps the program's text, the pane still shows it.
    QString error;
    QVERIFY2(window.document()->saveAs(m_dir->filePath(QStringLiteral("worker.loop.json")), &error),
             qPrintable(error));
    QCOMPARE(window.document()->pythonSource(), mine);
    QCOMPARE(pane->toPlainText(), mine);
}

// Opening measures a CPU loop (timeit) and notes its lines; the check of a carried text imports
// without measuring, and the deleted line moves the loop's lines: the measured seconds and the
// notes are the opened scenario's, so the user's text is still carried over the edit.
void TestPythonPane::aMeasuredCpuLoopDoesNotStopTheCommentsFromBeingCarried()
{
    const QString mine = QStringLiteral("import asyncio\n\n\nasync def main():\n"
                                        "    print(\"start\")\n    # crunch numbers\n"
                                        "    total = 0\n    for i in range(20000):\n"
                                        "        total += i * i\n\n"
                                        "    await asyncio.sleep(1)\n\nasyncio.run(main())\n");
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(writeProgram(QStringLiteral("crunch.py"), mine.toUtf8())));
    ScenarioEditor *editor = window.editor();
    PythonPane *pane = editor->python();
    const Scenario opened = window.document()->scenario();
    QCOMPARE(opName(opened.coroutines[0].steps.at(2).kind), QStringLiteral("cpu"));
    QVERIFY(window.document()->scenario().notes.contains(QStringLiteral("timeit")));
    QCOMPARE(pane->toPlainText(), mine);

    ScenarioCanvas *canvas = editor->canvas();
    const QString printId = opened.coroutines[0].steps.at(0).id;
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, canvas->blockPoint(printId));
    QTest::keyClick(canvas, Qt::Key_Delete);
    QString carried = mine;
    carried.remove(QStringLiteral("    print(\"start\")\n"));
    QTRY_COMPARE_WITH_TIMEOUT(pane->toPlainText(), carried, kImportMs);
    QVERIFY(!editor->pythonNote()->isVisible());
    QCOMPARE(window.document()->scenario().coroutines[0].steps.at(1).seconds,
             opened.coroutines[0].steps.at(2).seconds); // the measurement, not a placeholder
}

QTEST_MAIN(TestPythonPane)
#include "tst_python_pane.moc"
