// Python programs into the window: File ▸ Open's own dialog (its filter lists .py) and a drop
// import a program into an unsaved "hello.py (imported)" document, shown on the canvas and run
// on the virtual clock; Save suggests hello.loop.json beside the program and leaves the .py as
// it was; a refused program lists its line and column in the "Cannot open scenario" box and
// changes nothing; a program pasted on the canvas replaces the document, after the question
// about unsaved changes (Cancel keeps everything). A slow import (the importer times CPU loops
// for real) keeps the window's event loop running behind a progress box whose Cancel stops it.
#include "python_program_fixture.h"

#include "app/main_window.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"
#include "timeline/timeline_view.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>

using namespace loopscope;

class TestPythonOpen : public QObject, public test::PythonProgramFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void openDialogTakesAProgramAndSaveWritesLoopJsonBesideIt();
    void droppedProgramOpensAsAnImportedDocument();
    void refusedProgramListsItsLinesInTheOpenBox();
    void pastedProgramReplacesTheDocumentAfterAsking();
    void slowImportShowsProgressAndCancelKeepsTheDocument();

private:
    // The next modal dialog of type T, handled by `handle` (polled, as a hand would wait).
    template<typename T, typename F>
    void whenModal(F handle);
    void checkHelloShown(MainWindow &window);
    QStringList m_boxTexts;
};

void TestPythonOpen::init()
{
    setUpPython();
    m_boxTexts.clear();
}

template<typename T, typename F>
void TestPythonOpen::whenModal(F handle)
{
    auto *poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [poll, handle] {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        poll->stop();
        poll->deleteLater();
        handle(dialog);
    });
    poll->start(20);
}

void TestPythonOpen::checkHelloShown(MainWindow &window)
{
    QCOMPARE(window.document()->displayName(), QStringLiteral("hello.py (imported)"));
    QCOMPARE(window.document()->path(), QString());
    QVERIFY(window.document()->isModified());
    QCOMPARE(window.windowTitle(), QStringLiteral("hello.py (imported)* \u2014 Loopscope"));
    QVERIFY(window.editor()->canvas()->card(QStringLiteral("main")));
    QTRY_COMPARE(window.timeline()->trace().duration, 1.0);
    QCOMPARE(window.timeline()->trace().lanes.at(0).name, QStringLiteral("main"));
}

void TestPythonOpen::openDialogTakesAProgramAndSaveWritesLoopJsonBesideIt()
{
    const QString program = writeProgram(QStringLiteral("hello.py"), test::kHelloProgram);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString filters;
    whenModal<QFileDialog>([&](QFileDialog *dialog) {
        filters = dialog->nameFilters().join(QStringLiteral(";;"));
        dialog->setDirectory(m_dir->path());
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("hello.py"));
        QTest::keyClick(name, Qt::Key_Return);
    });
    QTest::keyClick(&window, Qt::Key_O, Qt::ControlModifier); // File > Open
    QTRY_VERIFY(window.editor()->canvas()->card(QStringLiteral("main")));
    QCOMPARE(filters,
             QStringLiteral("Loopscope scenarios, traces and Python programs (*.loop.json *.json "
                            "*.lstrace *.py);;Loopscope traces (*.trace.json *.json *.lstrace);;"
                            "Python asyncio programs (*.py *.pyw)"));
    checkHelloShown(window);

    // Save asks, suggesting hello.loop.json beside the program; the program stays as it was.
    QString suggested;
    whenModal<QFileDialog>([&](QFileDialog *dialog) {
        suggested = dialog->selectedFiles().value(0);
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        QTest::keyClick(name, Qt::Key_Return);
    });
    window.activateWindow(); // back from the Open dialog, as the desktop gives it back
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
    const QString saved = m_dir->filePath(QStringLiteral("hello.loop.json"));
    QTRY_COMPARE(window.document()->path(), saved);
    QCOMPARE(suggested, saved);
    QVERIFY(!window.document()->isModified());
    QCOMPARE(window.windowTitle(), QStringLiteral("hello.loop.json \u2014 Loopscope"));
    QFile py(program);
    QVERIFY(py.open(QIODevice::ReadOnly));
    QCOMPARE(py.readAll(), QByteArray(test::kHelloProgram));
    const ScenarioLoad back = readScenarioFile(saved);
    QVERIFY(back.ok());
    QVERIFY(*back.scenario == window.document()->scenario());
}

void TestPythonOpen::droppedProgramOpensAsAnImportedDocument()
{
    const QString program = writeProgram(QStringLiteral("hello.py"), test::kHelloProgram);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(program)});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    checkHelloShown(window);
}

void TestPythonOpen::refusedProgramListsItsLinesInTheOpenBox()
{
    const QString program
        = writeProgram(QStringLiteral("points.py"),
                       "import asyncio\n\nclass Point:\n    x = 0\n\n\nasync def "
                       "main():\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n");
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString lesson = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json");
    QVERIFY(window.openFile(lesson));
    const Scenario before = window.document()->scenario();
    QString informative;
    whenModal<QMessageBox>([&](QMessageBox *box) {
        m_boxTexts << box->windowTitle() << box->text();
        informative = box->informativeText();
        box->button(QMessageBox::Ok)->click();
    });
    QVERIFY(!window.openFile(program));
    QCOMPARE(m_boxTexts, QStringList({"Cannot open scenario", "points.py has 1 problem(s)."}));
    QCOMPARE(informative, program
                              + QStringLiteral(":3:1: a class definition is not supported; "
                                               "keep the state in module variables"));
    QCOMPARE(window.document()->path(), lesson);
    QVERIFY(window.document()->scenario() == before);
}

void TestPythonOpen::pastedProgramReplacesTheDocumentAfterAsking()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(
        window.openFile(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json")));
    Scenario edited = window.document()->scenario();
    edited.title = QStringLiteral("changed");
    window.document()->edit(edited, QStringLiteral("title"));
    QGuiApplication::clipboard()->setText(QString::fromUtf8(test::kHelloProgram));
    ScenarioCanvas *canvas = window.editor()->canvas();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {},
                      canvas->titlePoint(QStringLiteral("main")));
    // Unsaved changes: Cancel keeps the document as it is.
    whenModal<QMessageBox>([&](QMessageBox *box) {
        m_boxTexts << box->text();
        box->button(QMessageBox::Cancel)->click();
    });
    QTest::keyClick(canvas, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(m_boxTexts, QStringList{QStringLiteral("14-semaphore.loop.json is a bundled lesson, "
                                                    "and it has unsaved changes. Save them as "
                                                    "your own copy?")});
    QVERIFY(window.document()->scenario() == edited);
    // Discard: the pasted program is the document, unsaved, and runs.
    whenModal<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::Discard)->click(); });
    QTest::keyClick(canvas, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(window.document()->displayName(), QStringLiteral("pasted program (imported)"));
    QCOMPARE(window.windowTitle(), QStringLiteral("pasted program (imported)* \u2014 Loopscope"));
    QCOMPARE(window.document()->scenario().coroutines.size(), std::size_t(1));
    QVERIFY(canvas->card(QStringLiteral("main")));
    // The Python pane shows the text as pasted, not the program written from the scenario.
    QCOMPARE(window.editor()->python()->toPlainText(), QString::fromUtf8(test::kHelloProgram));
    QTRY_COMPARE(window.timeline()->trace().duration, 1.0);
}

void TestPythonOpen::slowImportShowsProgressAndCancelKeepsTheDocument()
{
    // A pure-Python CPU loop of 60 M additions: the importer times it (seconds).
    const QString program = writeProgram(QStringLiteral("slow.py"),
                                         "import asyncio\n\n\nasync def main():\n    total = 0\n"
                                         "    for i in range(60_000_000):\n        total += i\n"
                                         "    print(total)\n\nasyncio.run(main())\n");
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString lesson = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json");
    QVERIFY(window.openFile(lesson));
    const Scenario before = window.document()->scenario();
    int ticks = 0; // the window's timers keep firing while the importer runs
    QTimer tick;
    connect(&tick, &QTimer::timeout, this, [&ticks] { ++ticks; });
    tick.start(50);
    QString boxText;
    whenModal<QProgressDialog>([&](QProgressDialog *box) {
        boxText = box->labelText();
        QTest::mouseClick(box->findChild<QPushButton *>(), Qt::LeftButton);
    });
    QVERIFY(!window.openFile(program));
    QCOMPARE(boxText, QStringLiteral("Importing slow.py\u2026\nTiming its CPU loops can take a "
                                     "few seconds."));
    QVERIFY2(ticks >= 6, qPrintable(QString::number(ticks)));
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Import of slow.py cancelled"));
    QCOMPARE(window.document()->path(), lesson);
    QVERIFY(window.document()->scenario() == before);
    QVERIFY(!QApplication::activeModalWidget());
}

QTEST_MAIN(TestPythonOpen)
#include "tst_python_open.moc"
