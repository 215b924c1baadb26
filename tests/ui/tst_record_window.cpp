// File > Record Python Program... with the real recorder (python/loopscope_record) under
// python3: the dialog is filled and confirmed with real keys and clicks, the lanes grow while
// the program runs (the recorder's snapshots every 0.2 s), the final trace has every task, and
// Run > Stop ends a program that never ends, with the outcome `stopped`, within 2 s.
#include "app/main_window.h"
#include "app/record_dialog.h"
#include "app/trace_list_dock.h"
#include "compare/compare_view.h"
#include "compare/compare_window.h"
#include "timeline/timeline_view.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace loopscope;

namespace {

// Six workers created 0.3 s apart, each sleeping 0.3 s: about 2.2 s on the real clock.
const char kGrowing[] = R"(import asyncio

async def worker(i):
    await asyncio.sleep(0.3)
    print(f"worker {i}")

async def main():
    for i in range(6):
        asyncio.create_task(worker(i), name=f"w{i}")
        await asyncio.sleep(0.3)
    await asyncio.sleep(0.4)

asyncio.run(main())
)";

const char kForever[] = R"(import asyncio

async def main():
    await asyncio.Event().wait()

asyncio.run(main())
)";

QStringList laneNames(const Trace &trace)
{
    QStringList names;
    for (const Lane &lane : trace.lanes)
        names << lane.name;
    return names;
}

} // namespace

class TestRecordWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void lanesGrowWhileTheProgramRuns();
    void virtualClockCheckboxRecordsOnTheVirtualClock();
    void stopEndsAProgramThatNeverEnds();
    void compareWithCpythonStacksBothRuns();

private:
    QString writeProgram(const QString &name, const char *text);
    void recordThroughTheDialog(MainWindow &window, const QString &program, bool virtualClock);
    QTemporaryDir m_dir;
};

void TestRecordWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    QSettings().clear();
    // The test executable has no python/ beside it: the recorder of this source tree.
    qputenv("LOOPSCOPE_PYTHON_DIR", LOOPSCOPE_SOURCE_DIR "/python");
    QVERIFY(m_dir.isValid());
}

QString TestRecordWindow::writeProgram(const QString &name, const char *text)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
    return path;
}

// File > Record Python Program..., the program typed in, the clock ticked or not, Record.
void TestRecordWindow::recordThroughTheDialog(MainWindow &window, const QString &program,
                                              bool virtualClock)
{
    bool answered = false;
    QTimer poll;
    connect(&poll, &QTimer::timeout, &poll, [&] {
        auto *dialog = qobject_cast<RecordDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        poll.stop();
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("recordProgram"));
        QTest::keyClick(name, Qt::Key_A, Qt::ControlModifier); // over the last recording's
        QTest::keyClicks(name, program);
        QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("recordPython"))->text(),
                 QStringLiteral("python3"));
        auto *clock = dialog->findChild<QCheckBox *>(QStringLiteral("recordVirtual"));
        if (clock->isChecked() != virtualClock)
            QTest::mouseClick(clock, Qt::LeftButton, {}, QPoint(5, clock->height() / 2));
        QCOMPARE(clock->isChecked(), virtualClock);
        QPushButton *record = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(record->isEnabled());
        QTest::mouseClick(record, Qt::LeftButton);
        answered = true;
    });
    poll.start(20);
    QAction *action = nullptr;
    for (QAction *a : window.findChildren<QAction *>())
        if (a->text() == QStringLiteral("&Record Python Program\u2026"))
            action = a;
    QVERIFY(action);
    action->trigger(); // returns once the dialog has closed and the recording started
    QVERIFY(answered);
}

void TestRecordWindow::lanesGrowWhileTheProgramRuns()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString program = writeProgram(QStringLiteral("growing.py"), kGrowing);
    std::vector<std::size_t> seenWhileRecording; // each lane count the timeline showed
    QTimer watch;
    connect(&watch, &QTimer::timeout, &watch, [&] {
        const std::size_t lanes = window.timeline()->trace().lanes.size();
        if (window.isRecording()
            && (seenWhileRecording.empty() || seenWhileRecording.back() != lanes))
            seenWhileRecording.push_back(lanes);
    });
    watch.start(10);
    recordThroughTheDialog(window, program, false);
    QVERIFY(window.isRecording());
    QCOMPARE(window.windowTitle(),
             QStringLiteral("growing.py (recording under CPython, real clock) \u2014 Loopscope"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRecording(), 20000);
    QTRY_VERIFY(window.findChild<QLabel *>(QStringLiteral("runStatus"))
                    ->text()
                    .startsWith(QStringLiteral("recorded under CPython, real clock \u00b7 "
                                               "completed \u00b7 ")));
    watch.stop();
    // Lanes came while it ran: at least three different counts, each more than the one before.
    QVERIFY2(seenWhileRecording.size() >= 4,
             qPrintable(QString::number(seenWhileRecording.size())));
    for (std::size_t i = 1; i < seenWhileRecording.size(); ++i)
        QVERIFY(seenWhileRecording[i] > seenWhileRecording[i - 1]);
    QVERIFY(seenWhileRecording[1] < 8);
    const Trace &trace = window.timeline()->trace();
    QVERIFY(trace.recorded && trace.liveClock);
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
    QCOMPARE(laneNames(trace),
             QStringList({"main", "w0", "w1", "w2", "w3", "w4", "w5", "event loop"}));
    for (std::size_t i = 0; i + 1 < trace.lanes.size(); ++i)
        QCOMPARE(trace.lanes[i].result, LaneResult::Done);
    QCOMPARE(window.findChild<TraceListDock *>(QStringLiteral("logDock"))->rowCount(), 6);
    QCOMPARE(window.windowTitle(),
             QStringLiteral("growing.py (recorded under CPython, real clock) \u2014 Loopscope"));
}

void TestRecordWindow::virtualClockCheckboxRecordsOnTheVirtualClock()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    recordThroughTheDialog(window, writeProgram(QStringLiteral("growing.py"), kGrowing), true);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRecording(), 20000);
    QTRY_COMPARE(window.timeline()->trace().lanes.size(), std::size_t(8));
    const Trace &trace = window.timeline()->trace();
    QVERIFY(trace.recorded && !trace.liveClock);
    QCOMPARE(trace.duration, 2.2); // 6 x 0.3 + 0.4, exactly: the clock moved, nobody waited
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("runStatus"))->text(),
             QStringLiteral("recorded under CPython, virtual clock \u00b7 completed \u00b7 2.2 s"));
}

void TestRecordWindow::stopEndsAProgramThatNeverEnds()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    recordThroughTheDialog(window, writeProgram(QStringLiteral("forever.py"), kForever), false);
    QTRY_VERIFY_WITH_TIMEOUT(!window.timeline()->trace().lanes.empty(), 10000); // a snapshot
    QVERIFY(window.isRecording());
    QElapsedTimer clock;
    clock.start();
    window.activateWindow(); // the dialog closed: keys go to the window again, as after a click
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_F5, Qt::ShiftModifier); // Run > Stop
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRecording(), 2000);
    QTRY_VERIFY_WITH_TIMEOUT(window.timeline()->trace().outcome.status == OutcomeStatus::Stopped
                                 && !window.timeline()->followsPresent(),
                             2000);
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    qInfo("stopped %lld ms after Shift+F5", clock.elapsed());
    const Trace &trace = window.timeline()->trace();
    QCOMPARE(trace.outcome.error,
             QStringLiteral("stopped: the program was ended (SIGTERM) before it finished"));
    QCOMPARE(laneNames(trace), QStringList({"main", "event loop"}));
    QCOMPARE(trace.lanes[0].result, LaneResult::Cancelled); // asyncio.run() cancelled it
}

// Run > Compare with CPython on the semaphore lesson: its exported program recorded with
// --virtual stacks under Loopscope's own run, lane for lane the same, 3 s each.
void TestRecordWindow::compareWithCpythonStacksBothRuns()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openScenario(
        QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json")));
    QAction *compare = nullptr;
    for (QAction *a : window.findChildren<QAction *>())
        if (a->text() == QStringLiteral("Compare with &CPython"))
            compare = a;
    QVERIFY(compare);
    QTRY_VERIFY(compare->isEnabled()); // once the first look on the virtual clock has run
    compare->trigger();
    QVERIFY(!compare->isEnabled()); // one at a time
    CompareWindow *shown = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((shown = window.findChild<CompareWindow *>()) != nullptr, 20000);
    const std::vector<NamedTrace> &runs = shown->view()->runs();
    QCOMPARE(runs.size(), std::size_t(2));
    QCOMPARE(runs[0].name, QStringLiteral("Loopscope"));
    QCOMPARE(runs[1].name, QStringLiteral("CPython"));
    QVERIFY(!runs[0].trace.recorded);
    QVERIFY(runs[1].trace.recorded && !runs[1].trace.liveClock);
    QCOMPARE(laneNames(runs[1].trace), laneNames(runs[0].trace));
    QCOMPARE(runs[0].trace.duration, 3.0);
    QCOMPARE(runs[1].trace.duration, 3.0);
    QCOMPARE(shown->windowTitle(), QStringLiteral("Compare with CPython: 14-semaphore"));
    // The model and reality agree here span for span (tst_record_lessons holds every lesson
    // to that); the summary says so.
    QCOMPARE(shown->view()->summary().lines(),
             QStringList({QStringLiteral("Loopscope: 3.0 s, CPython: 3.0 s, same duration"),
                          QStringLiteral("prints: the same 10 lines in every run"),
                          QStringLiteral("spans: the same, lane by lane")}));
    QVERIFY(compare->isEnabled());
}

QTEST_MAIN(TestRecordWindow)
#include "tst_record_window.moc"
