// The compare view and its stacked export: one zoom for every run (real Ctrl+wheel events),
// titles and summary strip, a stacked SVG that names every run and lane, and the window running
// example 10's variants.
#include "compare/compare_actions.h"
#include "compare/compare_image.h"
#include "compare/compare_view.h"
#include "compare/compare_window.h"
#include "export/mermaid.h"
#include "sample_trace.h"
#include "scenario/scenario_json.h"
#include "timeline/timeline_view.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QMenu>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <QXmlStreamReader>

using namespace loopscope;

namespace {

// The sample trace (4 s, five lanes) and a shorter run of two lanes.
std::vector<NamedTrace> twoRuns()
{
    Trace shorter;
    shorter.scenario = QStringLiteral("short");
    shorter.duration = 2.0;
    Lane main = testing::lane("task-1", "main", -1, LaneResult::Done);
    main.spans = {testing::span(shorter, LaneState::Waiting, 0, 2, "s1", "timer")};
    Lane helper = testing::lane("task-2", "helper", 0, LaneResult::Done);
    helper.spans = {testing::span(shorter, LaneState::Running, 0, 1, "s2")};
    shorter.lanes = {main, helper};
    return {{QStringLiteral("semaphore"), testing::sampleTrace()},
            {QStringLiteral("no semaphore"), shorter}};
}

void ctrlWheel(TimelineView *view, QPoint pos, int delta)
{
    QWidget *viewport = view->viewport();
    QWheelEvent event(pos, viewport->mapToGlobal(pos), QPoint(), QPoint(0, delta), Qt::NoButton,
                      Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(viewport, &event);
}

// Every <text> of an SVG file, in order.
QStringList svgTexts(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&file);
    QStringList texts;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text"))
            texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).simplified();
    return texts;
}

} // namespace

class TestCompareView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void titlesAndSummary()
    {
        CompareView view;
        view.setRuns(twoRuns());
        QCOMPARE(view.timelineCount(), 2);
        QVERIFY(view.runTitle(0).contains(QStringLiteral("<b>semaphore</b>")));
        QVERIFY(view.runTitle(1).contains(QStringLiteral("<b>no semaphore</b>")));
        QCOMPARE(view.summary().durations,
                 QString::fromUtf8("no semaphore: 2.0 s, semaphore: 4.0 s, 2.0× faster"));
        QCOMPARE(view.summaryText(), view.summary().lines().join(QLatin1Char('\n')));
        QCOMPARE(view.summary().lanes,
                 (QStringList{
                     QStringLiteral("worker-1: done in semaphore, not run in no semaphore"),
                     QStringLiteral("worker-2: failed in semaphore, not run in no semaphore"),
                     QStringLiteral("worker-3: cancelled in semaphore, not run in no semaphore"),
                     QStringLiteral("helper: not run in semaphore, done in no semaphore")}));
    }

    void zoomIsSharedBetweenRuns()
    {
        CompareView view;
        view.setRuns(twoRuns());
        view.resize(800, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // Make each timeline's time area exactly 400 px (name column 180): 1 px = 0.01 s at 4 s.
        const int excess = view.timeline(0)->viewport()->width() - 580;
        view.resize(800 - excess, 700);
        QTRY_COMPARE(view.timeline(0)->viewport()->width(), 580);
        QCOMPARE(view.timeline(1)->viewport()->width(), 580);
        view.fitAll();
        // Fitted to the longest run: the 2 s run is drawn on the same 4 s axis.
        QCOMPARE(view.timeline(0)->visibleRange(), view.timeline(1)->visibleRange());
        QCOMPARE(view.timeline(1)->visibleRange().start, 0.0);
        QVERIFY(view.timeline(1)->visibleRange().end > 4.0); // 4 s plus the end-mark room

        view.setVisibleRange({0.0, 4.0});
        QCOMPARE(view.timeline(1)->visibleRange(), (TimeRange{0.0, 4.0}));
        // Two notches over t = 1 (x = 280) in the *second* run double the magnification of both.
        ctrlWheel(view.timeline(1), QPoint(280, 40), 240);
        QCOMPARE(view.timeline(0)->visibleRange(), (TimeRange{0.5, 2.5}));
        QCOMPARE(view.timeline(1)->visibleRange(), (TimeRange{0.5, 2.5}));
        // And back out from the first run.
        ctrlWheel(view.timeline(0), QPoint(280, 40), -240);
        QCOMPARE(view.timeline(0)->visibleRange(), (TimeRange{0.0, 4.0}));
        QCOMPARE(view.timeline(1)->visibleRange(), (TimeRange{0.0, 4.0}));
    }

    void stackedSvgNamesEveryRunAndLane()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("compare.svg"));
        const std::vector<NamedTrace> runs = twoRuns();
        CompareImageOptions options;
        options.title = QStringLiteral("Compare: semaphore sample");
        options.summary = compareRuns(runs).lines();
        QString error;
        QVERIFY2(exportCompare(runs, options, path, &error), qPrintable(error));
        QSvgRenderer renderer(path);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBox(), QRect(QPoint(0, 0), compareImageSize(runs, options)));
        const QStringList texts = svgTexts(path);
        QVERIFY(texts.contains(options.title));
        QVERIFY(texts.contains(options.summary.first()));
        QCOMPARE(texts.count(QStringLiteral("semaphore")), 1);
        QCOMPARE(texts.count(QStringLiteral("no semaphore")), 1);
        for (const NamedTrace &run : runs)
            for (const Lane &lane : run.trace.lanes)
                QVERIFY2(texts.contains(lane.name),
                         qPrintable(run.name + QLatin1String(": ") + lane.name));
        // "main" is a lane of both runs.
        QCOMPARE(texts.count(QStringLiteral("main")), 2);
    }

    void mermaidHasOneChartPerRun()
    {
        const QString text = compareMermaid(twoRuns(), QStringLiteral("Sample"));
        QCOMPARE(text.count(QStringLiteral("\ngantt\n")), 2);
        QVERIFY(text.contains(QStringLiteral("title Sample — semaphore\n")));
        QVERIFY(text.contains(QStringLiteral("title Sample — no semaphore\n")));
    }

    void windowRunsEveryVariant()
    {
        const ScenarioLoad load = readScenarioFile(
            QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/10-loop-vs-taskgroup.loop.json"));
        QVERIFY(load.ok());
        CompareWindow window;
        window.setScenario(*load.scenario, QStringLiteral("10"));
        QCOMPARE(window.entries().size(), std::size_t(2));
        window.runAll();
        QCOMPARE(window.view()->timelineCount(), 2);
        QCOMPARE(window.view()->summary().durations,
                 QString::fromUtf8("TaskGroup: 5.0 s, for loop: 25.0 s, 5.0× faster"));
        QCOMPARE(window.view()->timeline(1)->trace().lanes.size(), std::size_t(7));
        QString error;
        QVERIFY(window.addFile(
            QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/03-asyncio-gather.loop.json"), &error));
        QCOMPARE(window.entries().back().name, QStringLiteral("03-asyncio-gather"));
        window.runAll();
        QCOMPARE(window.view()->timelineCount(), 3);
    }

    void menuActionsOpenTheCompareWindow()
    {
        const QString path
            = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/10-loop-vs-taskgroup.loop.json");
        std::optional<Scenario> current = readScenarioFile(path).scenario;
        QVERIFY(current);
        QWidget window;
        QMenu menu;
        const QList<QAction *> actions = addCompareActions(
            &menu, &window, {[&current] { return current; }, [&path] { return path; }});
        QCOMPARE(actions.size(), 2);
        Q_EMIT menu.aboutToShow();
        QVERIFY(actions[0]->isEnabled());
        actions[0]->trigger();
        const auto windows = window.findChildren<CompareWindow *>();
        QCOMPARE(windows.size(), 1);
        QVERIFY(windows[0]->isVisible());
        QCOMPARE(windows[0]->view()->timelineCount(), 2);
        QCOMPARE(windows[0]->view()->summary().durations,
                 QString::fromUtf8("TaskGroup: 5.0 s, for loop: 25.0 s, 5.0× faster"));
        // A scenario without variants has nothing to compare by itself.
        current->variants.clear();
        Q_EMIT menu.aboutToShow();
        QVERIFY(!actions[0]->isEnabled());
    }

    void fileComparisonPutsTheScenarioBesideTheFile()
    {
        const QString one
            = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/01-sync-blocking.loop.json");
        const std::optional<Scenario> scenario = readScenarioFile(one).scenario;
        QVERIFY(scenario);
        QWidget window;
        CompareWindow *compare = openFileComparison(
            &window, *scenario, one,
            QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/02-threads.loop.json"));
        QVERIFY(compare);
        QCOMPARE(compare->view()->summary().durations,
                 QString::fromUtf8("02-threads: 2.0 s, 01-sync-blocking: 6.0 s, 3.0× faster"));
        compare->close();
    }
};

QTEST_MAIN(TestCompareView)
#include "tst_compare_view.moc"
