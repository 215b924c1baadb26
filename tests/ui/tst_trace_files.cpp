// Trace files in the window: a program recorded by the real `loopscope record --virtual`,
// opened through File > Open's own dialog and dropped on the window, shows its lanes, log and
// diagnostics, says in the title and the status bar which clock recorded it, and has no
// scenario to run: the editor makes way for a note and Run is off with the reason.
#include "app/main_window.h"
#include "app/trace_list_dock.h"
#include "canvas/scenario_editor.h"
#include "compare/compare_view.h"
#include "compare/compare_window.h"
#include "timeline/timeline_view.h"
#include "trace/trace_binary.h"
#include "trace/trace_json.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace loopscope;

namespace {

// Two workers printing at 1 s and 2 s, and a task asyncio.run() cancels at shutdown.
const char kProgram[] = R"(import asyncio

async def worker(n):
    await asyncio.sleep(n)
    print(f"worker {n} done")

async def forever():
    await asyncio.sleep(100)

async def main():
    asyncio.create_task(forever(), name="stuck")
    await asyncio.gather(worker(1), worker(2))

asyncio.run(main())
)";

QAction *actionNamed(QWidget *window, const QString &text)
{
    for (QAction *action : window->findChildren<QAction *>())
        if (action->text() == text)
            return action;
    return nullptr;
}

} // namespace

class TestTraceFiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void openDialogShowsARecordedTrace();
    void droppedTraceOpensAndAScenarioBringsTheEditorBack();
    void compareWindowTakesTraceFiles();
    void binaryTraceOpensAsTheJsonOneDoes();

private:
    void checkRecordedTraceShown(MainWindow &window,
                                 const QString &file = QStringLiteral("workers.trace.json"));
    QTemporaryDir m_dir;
    QString m_trace;
};

void TestTraceFiles::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    const QString program = m_dir.filePath(QStringLiteral("workers.py"));
    QFile file(program);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kProgram);
    file.close();
    m_trace = m_dir.filePath(QStringLiteral("workers.trace.json"));
    QProcess record;
    record.start(QStringLiteral(LOOPSCOPE_BINARY),
                 {QStringLiteral("record"), QStringLiteral("--virtual"), QStringLiteral("--quiet"),
                  QStringLiteral("--out"), m_trace, program});
    QVERIFY(record.waitForFinished(60000));
    QVERIFY2(record.exitCode() == 0, record.readAllStandardError().constData());
}

void TestTraceFiles::checkRecordedTraceShown(MainWindow &window, const QString &file)
{
    const Trace &trace = window.timeline()->trace();
    QVERIFY(trace.recorded);
    QStringList names;
    for (const Lane &lane : trace.lanes)
        names << lane.name;
    QCOMPARE(names, QStringList({"main", "stuck", "worker-1", "worker-2", "event loop"}));
    QCOMPARE(trace.duration, 2.0);
    QCOMPARE(window.findChild<TraceListDock *>(QStringLiteral("logDock"))->rowCount(), 2);
    QCOMPARE(window.findChild<TraceListDock *>(QStringLiteral("diagnosticsDock"))->rowCount(), 1);
    QCOMPARE(
        window.windowTitle(),
        QStringLiteral("%1 (recorded under CPython, virtual clock) \u2014 Loopscope").arg(file));
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("runStatus"))->text(),
             QStringLiteral("recorded under CPython, virtual clock \u00b7 completed \u00b7 2 s"));
    QVERIFY(window.showsTraceFile());
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("traceFileNote"))->isVisible());
    QVERIFY(!window.editor()->isVisible());
    QAction *run = actionNamed(&window, QStringLiteral("&Run"));
    QVERIFY(!run->isEnabled());
    QCOMPARE(run->toolTip(), QStringLiteral("A trace has no scenario to run: File \u25b8 Open a "
                                            "scenario to run one"));
    QVERIFY(actionNamed(&window, QStringLiteral("&Export\u2026"))->isEnabled());
}

void TestTraceFiles::openDialogShowsARecordedTrace()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString filters;
    QTimer poll;
    connect(&poll, &QTimer::timeout, &poll, [&] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        poll.stop();
        filters = dialog->nameFilters().join(QStringLiteral(";;"));
        dialog->setDirectory(m_dir.path()); // as a hand does: the folder, the name, Enter
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("workers.trace.json"));
        QTest::keyClick(name, Qt::Key_Return);
    });
    poll.start(20);
    QTest::keyClick(&window, Qt::Key_O, Qt::ControlModifier); // File > Open
    QTRY_VERIFY(window.showsTraceFile());
    QCOMPARE(filters,
             QStringLiteral("Loopscope scenarios, traces and Python programs (*.loop.json *.json "
                            "*.lstrace *.py);;Loopscope traces (*.trace.json *.json *.lstrace);;"
                            "Python asyncio programs (*.py *.pyw)"));
    checkRecordedTraceShown(window);
}

void TestTraceFiles::droppedTraceOpensAndAScenarioBringsTheEditorBack()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(m_trace)});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    checkRecordedTraceShown(window);
    // A scenario again: the editor is back, Run too, and the title is the scenario's.
    QVERIFY(
        window.openFile(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json")));
    QVERIFY(!window.showsTraceFile());
    QVERIFY(window.editor()->isVisible());
    QVERIFY(!window.findChild<QLabel *>(QStringLiteral("traceFileNote"))->isVisible());
    QCOMPARE(window.windowTitle(), QStringLiteral("14-semaphore.loop.json \u2014 Loopscope"));
    QTRY_COMPARE(window.timeline()->trace().lanes.size(), std::size_t(7));
    QVERIFY(!window.timeline()->trace().recorded);
}

// The compare window takes a trace file as it is (not run again), beside a scenario's run.
void TestTraceFiles::compareWindowTakesTraceFiles()
{
    CompareWindow compare;
    QVERIFY(
        compare.addFile(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json")));
    QVERIFY(compare.addFile(m_trace));
    QString error;
    QVERIFY(!compare.addFile(m_dir.filePath(QStringLiteral("workers.py")), &error));
    compare.runAll();
    const std::vector<NamedTrace> &runs = compare.view()->runs();
    QCOMPARE(runs.size(), std::size_t(2));
    QCOMPARE(runs[1].name, QStringLiteral("workers.trace"));
    QVERIFY(runs[1].trace.recorded);
    QCOMPARE(runs[1].trace.duration, 2.0);
    QCOMPARE(runs[0].trace.duration, 3.0);
}

// The same recording saved as a binary trace opens in the window and the compare window alike.
void TestTraceFiles::binaryTraceOpensAsTheJsonOneDoes()
{
    const std::optional<Trace> recorded = readTraceFile(m_trace);
    QVERIFY(recorded);
    const QString binary = m_dir.filePath(QStringLiteral("workers.lstrace"));
    QFile out(binary);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(writeTraceBinary(*recorded));
    out.close();
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(binary));
    checkRecordedTraceShown(window, QStringLiteral("workers.lstrace"));
    QCOMPARE(writeTraceJson(window.timeline()->trace()), writeTraceJson(*recorded));
    CompareWindow compare;
    QVERIFY(compare.addFile(binary));
    compare.runAll();
    QCOMPARE(compare.view()->runs().at(0).name, QStringLiteral("workers"));
}

QTEST_MAIN(TestTraceFiles)
#include "tst_trace_files.moc"
