// How long the timeline takes to paint a big trace: 10,000 lanes, 1,000,000 spans, a 1600x1000
// frame at four zoom levels, offscreen. Prints the median and worst frame time per zoom level
// and the memory the trace and the view's lane rows take per span. Then folded lanes: 100,000
// task lanes of 10 coroutines, 10,000,000 spans, painted as 10 folds and unfolded, each folded
// frame as a ratio of the unfolded one. Not a test: numbers to watch (the budget is 16 ms per
// frame and 48 bytes per span). `bench_timeline_paint folds` runs only the folded part, and
// `bench_timeline_paint open` only the opening of a 10 M-span binary trace file (to its first
// frame). Times are wall clock and CPU time side by side: on a shared machine the wall clock
// also counts the time others hold the cores.
#include "app/main_window.h"
#include "timeline/lane_rows.h"
#include "timeline/timeline_painter.h"
#include "timeline/timeline_view.h"
#include "trace/trace_binary.h"
#include "trace/trace_json.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <random>

using namespace loopscope;

namespace {

constexpr int kLanes = 10000;
constexpr int kSpansPerLane = 100;
constexpr int kFramesPerZoom = 40;

// CPU seconds of this thread (painting) or of the process (opening a file, which may use more).
double cpuSeconds(clockid_t clock = CLOCK_THREAD_CPUTIME_ID)
{
    timespec now{};
    clock_gettime(clock, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

// Wall and CPU milliseconds since construction (or restart()).
struct Stopwatch
{
    explicit Stopwatch(clockid_t clock = CLOCK_THREAD_CPUTIME_ID)
        : clock(clock)
    {
        restart();
    }
    void restart()
    {
        wall.start();
        cpu0 = cpuSeconds(clock);
    }
    double wallMs() const { return double(wall.nsecsElapsed()) / 1e6; }
    double cpuMs() const { return (cpuSeconds(clock) - cpu0) * 1e3; }
    clockid_t clock;
    QElapsedTimer wall;
    double cpu0 = 0.0;
};

// `coroutines` > 0: lane i runs coroutine i % coroutines, all lanes children of the first.
Trace syntheticTrace(int lanes = kLanes, int coroutines = 0)
{
    Trace trace;
    trace.scenario = QStringLiteral("Synthetic");
    std::mt19937 random(42);
    std::uniform_real_distribution<double> length(0.001, 0.2);
    std::uniform_int_distribution<int> state(0, 4);
    trace.lanes.reserve(std::size_t(lanes));
    for (int i = 0; i < lanes; ++i) {
        Lane lane;
        lane.id = QStringLiteral("task-%1").arg(i + 1);
        lane.name = QStringLiteral("worker-%1").arg(i + 1);
        lane.parent = i == 0 ? -1 : (i - 1) / 50; // a shallow tree, as gather trees are
        if (coroutines > 0) {
            lane.coro = QStringLiteral("coro-%1").arg(i % coroutines);
            lane.parent = i == 0 ? -1 : 0;
        }
        lane.result = LaneResult::Done;
        lane.spans.reserve(kSpansPerLane);
        double t = 0.01 * (i % 100);
        for (int k = 0; k < kSpansPerLane; ++k) {
            const double end = t + length(random);
            lane.spans.push_back({t, end, 0, 0, LaneState(state(random))});
            t = end;
        }
        trace.duration = std::max(trace.duration, t);
        trace.lanes.push_back(std::move(lane));
    }
    return trace;
}

std::size_t bytesOf(const Trace &trace, const LaneRows &rows)
{
    std::size_t bytes = sizeof(Trace) + trace.lanes.capacity() * sizeof(Lane);
    for (const Lane &lane : trace.lanes) {
        bytes += lane.spans.capacity() * sizeof(Span);
        bytes += std::size_t(lane.id.capacity() + lane.name.capacity() + lane.coro.capacity())
                 * sizeof(QChar);
    }
    // LaneRows: row, row-of-lane and depth per lane, and a child list per lane.
    bytes += std::size_t(rows.rowCount()) * sizeof(int)
             + trace.lanes.size() * (2 * sizeof(int) + sizeof(std::vector<int>) + sizeof(int));
    return bytes;
}

struct FrameTimes
{
    double wallMs; // median
    double cpuMs;  // median
};

// The median frame times. `scrollDown`: every frame shows other rows too.
FrameTimes benchZoom(const char *name, const Trace &trace, const LaneRows &rows,
                     double secondsShown, bool scrollDown = true, FoldTimelines *folds = nullptr)
{
    const TimelineTheme theme = TimelineTheme::light();
    TimelineLayout layout;
    layout.bounds = QRect(0, 0, 1600, 1000);
    layout.treeControls = true;
    layout.wakeArrows = true;
    QImage image(layout.bounds.size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> times;
    std::vector<double> cpuTimes;
    // Frame -1 warms the glyph caches and is not counted.
    for (int frame = -1; frame < kFramesPerZoom; ++frame) {
        TimelineCoordinates coords;
        layout.applyTo(coords);
        // Walk through the run and down the lanes: every frame shows other lanes and spans.
        const double start = (trace.duration - secondsShown) * std::max(0, frame) / kFramesPerZoom;
        coords.fit(std::max(0.0, start), std::max(0.0, start) + secondsShown,
                   layout.timeAreaWidth());
        if (scrollDown)
            coords.setScrollY(std::max(0, frame) * (rows.rowCount() * coords.laneHeight)
                              / kFramesPerZoom);
        const Stopwatch timer;
        QPainter painter(&image);
        TimelinePainter framePainter(trace, rows, theme);
        framePainter.setFoldTimelines(folds);
        framePainter.paint(painter, layout, coords);
        painter.end();
        if (frame >= 0) {
            times.push_back(timer.wallMs());
            cpuTimes.push_back(timer.cpuMs());
        }
    }
    std::sort(times.begin(), times.end());
    std::sort(cpuTimes.begin(), cpuTimes.end());
    std::printf("%-28s median %7.2f ms   worst %7.2f ms   CPU median %7.2f ms   worst %7.2f ms\n",
                name, times[times.size() / 2], times.back(), cpuTimes[cpuTimes.size() / 2],
                cpuTimes.back());
    return {times[times.size() / 2], cpuTimes[cpuTimes.size() / 2]};
}

// One figure for tests/bench/whole_process.py to pick up: "figure NAME WALL_MS CPU_MS".
void figure(const char *name, double wallMs, double cpuMs)
{
    std::printf("figure %s %.2f %.2f\n", name, wallMs, cpuMs);
}

// 100,000 lanes of 10 coroutines, 100 spans each: 10 folds of 10,000 lanes and 1,000,000 spans.
constexpr int kFoldLanes = 100000;
constexpr int kFoldCoroutines = 10;

void benchFolds()
{
    Stopwatch clock;
    const Trace trace = syntheticTrace(kFoldLanes, kFoldCoroutines);
    std::printf("\nfolds: %d lanes of 10 coroutines, %d spans (built in %.0f ms)\n", kFoldLanes,
                kFoldLanes * kSpansPerLane, clock.wallMs());
    LaneRows unfolded;
    unfolded.rebuild(trace);
    LaneRows folded;
    clock.restart();
    folded.rebuild(trace);
    folded.autoFold(trace, 40);
    std::printf("rows: %d unfolded, %d folded (rows and auto-fold in %.0f ms, CPU %.0f ms)\n",
                unfolded.rowCount(), folded.rowCount(), clock.wallMs(), clock.cpuMs());
    FoldTimelines timelines;
    clock.restart();
    std::size_t bytes = 0;
    std::size_t changes = 0;
    for (const LaneGroup &group : folded.groups()) {
        const FoldTimeline &fold = timelines.of(trace, group.key, group.lanes);
        bytes += fold.bytes();
        changes += fold.changeCount();
    }
    std::printf("count timelines: %.0f ms to build (CPU %.0f ms), %zu changes, %.1f bytes per "
                "span\n",
                clock.wallMs(), clock.cpuMs(), changes,
                double(bytes) / (double(kFoldLanes) * kSpansPerLane));
    const double seconds[] = {trace.duration, 1.0, 0.01, 1e-4};
    const char *names[]
        = {"whole run (fit)", "one second", "ten milliseconds", "one hundred microseconds"};
    const char *zooms[] = {"fit", "second", "10ms", "100us"};
    double worst = 0.0;
    for (int zoom = 0; zoom < 4; ++zoom) {
        const FrameTimes plain = benchZoom(names[zoom], trace, unfolded, seconds[zoom]);
        const FrameTimes fold
            = benchZoom("  folded", trace, folded, seconds[zoom], false, &timelines);
        std::printf("  folded / unfolded: %.2f\n", fold.wallMs / plain.wallMs);
        figure(qPrintable(QStringLiteral("paint_unfolded_%1").arg(QLatin1String(zooms[zoom]))),
               plain.wallMs, plain.cpuMs);
        figure(qPrintable(QStringLiteral("paint_folded_%1").arg(QLatin1String(zooms[zoom]))),
               fold.wallMs, fold.cpuMs);
        worst = std::max({worst, plain.wallMs, fold.wallMs});
    }
    std::printf("worst median frame over the zoom levels, folded or not: %.2f ms\n", worst);
}

// The timeline alone: readTraceFile, TimelineView::setTrace, its first frame.
void benchOpenView(const QString &path)
{
    Stopwatch total(CLOCK_PROCESS_CPUTIME_ID);
    Stopwatch stage(CLOCK_PROCESS_CPUTIME_ID);
    QString error;
    std::optional<Trace> trace = readTraceFile(path, &error);
    if (!trace) {
        std::printf("open: %s\n", qPrintable(error));
        return;
    }
    std::printf("  read the file         %8.0f ms   CPU %8.0f ms\n", stage.wallMs(), stage.cpuMs());
    stage.restart();
    TimelineView view;
    view.resize(1600, 1000);
    view.setTrace(std::move(*trace));
    std::printf("  setTrace (rows, fold) %8.0f ms   CPU %8.0f ms   %d rows\n", stage.wallMs(),
                stage.cpuMs(), view.rows().rowCount());
    stage.restart();
    const QImage frame = view.viewport()->grab().toImage();
    std::printf("  first frame           %8.0f ms   CPU %8.0f ms\n", stage.wallMs(), stage.cpuMs());
    std::printf("  to the first frame    %8.0f ms   CPU %8.0f ms (budget 2000 ms)\n",
                total.wallMs(), total.cpuMs());
    figure("open_10M", total.wallMs(), total.cpuMs());
    stage.restart();
    const QImage again = view.viewport()->grab().toImage();
    figure("repaint_after_open", stage.wallMs(), stage.cpuMs());
}

// The window, as File > Open does it (MainWindow::openFile: the log, the diagnostics and the
// loop view take the trace too), to the timeline's first frame.
void benchOpenWindow(const QString &path)
{
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QCoreApplication::processEvents();
    const Stopwatch total(CLOCK_PROCESS_CPUTIME_ID);
    if (!window.openFile(path)) {
        std::printf("open: the window refused %s\n", qPrintable(path));
        return;
    }
    const double opened = total.wallMs();
    const QImage frame = window.timeline()->viewport()->grab().toImage();
    std::printf("  in the window: openFile %.0f ms, to the first frame %.0f ms   CPU %.0f ms\n",
                opened, total.wallMs(), total.cpuMs());
    figure("open_10M_window", total.wallMs(), total.cpuMs());
}

// Opening a 10 M-span binary trace file to its first frame, in the timeline alone and in the
// window: the file is written first, untimed.
void benchOpen()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("big.lstrace"));
    {
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly)
            || out.write(writeTraceBinary(syntheticTrace(kFoldLanes, kFoldCoroutines))) < 0) {
            std::printf("open: cannot write %s\n", qPrintable(path));
            return;
        }
        std::printf("\nopen: %s, %lld bytes, %d spans over %d lanes\n", qPrintable(path),
                    out.size(), kFoldLanes * kSpansPerLane, kFoldLanes);
    }
    benchOpenView(path);
    benchOpenWindow(path);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], "folds") == 0) {
        benchFolds();
        return 0;
    }
    if (argc > 1 && qstrcmp(argv[1], "open") == 0) {
        benchOpen();
        return 0;
    }
    QElapsedTimer build;
    build.start();
    const Trace trace = syntheticTrace();
    LaneRows rows;
    rows.rebuild(trace);
    std::size_t spans = 0;
    for (const Lane &lane : trace.lanes)
        spans += lane.spans.size();
    std::printf("%d lanes, %zu spans, %.1f s of scenario time (built in %lld ms)\n", kLanes, spans,
                trace.duration, build.elapsed());
    std::printf("frame 1600x1000, %d frames per zoom level\n", kFramesPerZoom);
    benchZoom("whole run (fit)", trace, rows, trace.duration);
    benchZoom("one second", trace, rows, 1.0);
    benchZoom("ten milliseconds", trace, rows, 0.01);
    benchZoom("one hundred microseconds", trace, rows, 1e-4);
    std::printf("memory: %.1f bytes per span, trace and lane rows (Span is %zu bytes)\n",
                double(bytesOf(trace, rows)) / double(spans), sizeof(Span));
    benchFolds();
    benchOpen();
    return 0;
}
