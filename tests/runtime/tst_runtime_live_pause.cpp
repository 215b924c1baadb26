// Pause and Step on the live clock. A pause freezes scenario time for every thread of the run:
// the loop, pool threads computing or blocking, the GIL hand-off, worker processes. Resumed, the
// run draws what it draws without the pause: the virtual clock's trace, within the live
// tolerance. And which thread runs which job follows from the scenario, not from timing luck:
// live runs show the virtual run's thread and process lanes, every time.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QElapsedTimer>
#include <QTest>

#include <cmath>
#include <thread>

using namespace loopscope;
using namespace loopscope::test;

namespace {

using std::chrono::milliseconds;

// 5 ms of wall time, in scenario seconds, as tst_runtime_live allows.
double tolerance(double scale)
{
    return 0.005 / scale;
}

std::optional<Scenario> load(const QString &relative)
{
    const ScenarioLoad l = readScenarioFile(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/") + relative);
    return l.scenario;
}

RunOptions liveAt(double scale)
{
    RunOptions options;
    options.clock = ClockMode::Live;
    options.scale = scale;
    options.workerProgram = QStringLiteral(LOOPSCOPE_BINARY);
    return options;
}

// One job on a thread or process lane: the spans from one `waiting` to the next, all caused by
// the same step, and how long it ran (computing, or holding the GIL) in that time. A wait
// shorter than `gap` does not end a job: where the virtual clock hands a thread its next job at
// the instant it finishes one, the live clock takes a moment.
struct Job
{
    QString step;
    double start = 0.0;
    double end = 0.0;
    double running = 0.0;
};

std::vector<Job> jobsOf(const Trace &trace, const Lane &lane, double gap)
{
    std::vector<Job> jobs;
    bool open = false;
    for (const Span &s : lane.spans) {
        if (s.state == LaneState::Waiting) {
            open = open && s.end - s.start < gap;
            continue;
        }
        const QString &step = trace.str(s.step);
        if (!open || jobs.back().step != step)
            jobs.push_back(Job{step, s.start, s.end, 0.0});
        open = true;
        jobs.back().end = s.end;
        if (s.state == LaneState::Running)
            jobs.back().running += s.end - s.start;
    }
    return jobs;
}

QStringList workerLanes(const Trace &trace)
{
    QStringList names;
    for (const Lane &lane : trace.lanes)
        if (lane.kind == LaneKind::Thread || lane.kind == LaneKind::Process)
            names << lane.name;
    return names;
}

// Empty when the live trace draws what the virtual one draws: outcome, duration, prints, the
// same thread and process lanes, and on each the same jobs, each starting, ending and running
// for as long as on the virtual clock, within `tol`.
QString difference(const Trace &expected, const Trace &actual, double tol)
{
    if (!actual.liveClock)
        return QStringLiteral("not a live trace");
    if (actual.outcome.status != expected.outcome.status)
        return QStringLiteral("outcome %1 vs %2")
            .arg(outcomeName(actual.outcome.status), outcomeName(expected.outcome.status));
    if (std::abs(actual.duration - expected.duration) > tol)
        return QStringLiteral("duration %1 vs %2").arg(actual.duration).arg(expected.duration);
    if (QString p = invariantProblem(actual); !p.isEmpty())
        return p;
    std::vector<const TraceEvent *> want, got;
    for (const TraceEvent &e : expected.events)
        if (e.kind == EventKind::Print)
            want.push_back(&e);
    for (const TraceEvent &e : actual.events)
        if (e.kind == EventKind::Print)
            got.push_back(&e);
    if (got.size() != want.size())
        return QStringLiteral("%1 prints vs %2").arg(got.size()).arg(want.size());
    for (std::size_t i = 0; i < got.size(); ++i)
        if (got[i]->text != want[i]->text || std::abs(got[i]->t - want[i]->t) > tol)
            return QStringLiteral("print %1: \"%2\" at %3 vs \"%4\" at %5")
                .arg(i)
                .arg(got[i]->text)
                .arg(got[i]->t)
                .arg(want[i]->text)
                .arg(want[i]->t);
    if (workerLanes(actual) != workerLanes(expected))
        return QStringLiteral("lanes %1 vs %2")
            .arg(workerLanes(actual).join(','), workerLanes(expected).join(','));
    for (const QString &name : workerLanes(expected)) {
        const auto a = jobsOf(expected, *laneNamed(expected, name), tol);
        const auto b = jobsOf(actual, *laneNamed(actual, name), tol);
        if (a.size() != b.size())
            return name + QStringLiteral(": ") + spansText(actual, name).left(400);
        for (std::size_t i = 0; i < a.size(); ++i) {
            const QString where = QStringLiteral("%1 job %2 (%3)").arg(name).arg(i).arg(a[i].step);
            if (b[i].step != a[i].step)
                return where + QStringLiteral(": step %1").arg(b[i].step);
            if (std::abs(b[i].start - a[i].start) > tol || std::abs(b[i].end - a[i].end) > tol)
                return where
                       + QStringLiteral(": %1-%2 vs %3-%4")
                             .arg(b[i].start)
                             .arg(b[i].end)
                             .arg(a[i].start)
                             .arg(a[i].end);
            if (std::abs(b[i].running - a[i].running) > tol)
                return where + QStringLiteral(": ran %1 vs %2").arg(b[i].running).arg(a[i].running);
        }
    }
    return {};
}

// The run's scenario time as the screen shows it.
double scenarioNow(const ScenarioRun &run)
{
    return run.snapshot().duration;
}

// Waits (wall time, bounded) until the run's scenario time reaches `t`.
bool reach(const ScenarioRun &run, double t)
{
    QElapsedTimer wall;
    wall.start();
    while (scenarioNow(run) < t && !run.isFinished() && wall.elapsed() < 10000)
        std::this_thread::sleep_for(milliseconds(1));
    return !run.isFinished() && scenarioNow(run) >= t;
}

// Empty when nothing at all happens while the run stands paused: no state change on any
// thread, the clock still, every lane drawn the same.
QString frozen(const ScenarioRun &run, milliseconds wait)
{
    const std::size_t records = run.stateChanges();
    const Trace before = run.snapshot();
    std::this_thread::sleep_for(wait);
    const Trace after = run.snapshot();
    if (run.stateChanges() != records)
        return QStringLiteral("%1 state changes while paused at %2")
            .arg(run.stateChanges() - records)
            .arg(before.duration);
    if (after.duration != before.duration)
        return QStringLiteral("the clock moved from %1 to %2 while paused")
            .arg(before.duration)
            .arg(after.duration);
    for (const Lane &lane : before.lanes)
        if (spansText(after, lane.name) != spansText(before, lane.name))
            return lane.name + QStringLiteral(" changed while paused");
    return {};
}

// The instant of the latest state change on any lane.
double latestChange(const Trace &trace)
{
    double t = 0.0;
    for (const Lane &lane : trace.lanes)
        if (!lane.spans.empty())
            t = std::max(t, lane.spans.back().start);
    return t;
}

// Step: waits until the state change it runs to has happened and everything stands still
// again, at that change.
QString stepOnce(ScenarioRun &run, double tol)
{
    const std::size_t records = run.stateChanges();
    const double from = scenarioNow(run);
    run.step();
    QElapsedTimer wall;
    wall.start();
    while (run.stateChanges() == records && wall.elapsed() < 5000)
        std::this_thread::sleep_for(milliseconds(1));
    if (run.stateChanges() == records)
        return QStringLiteral("step at %1 changed nothing").arg(from);
    std::this_thread::sleep_for(milliseconds(20)); // the other threads see the pause
    if (QString p = frozen(run, milliseconds(50)); !p.isEmpty())
        return QStringLiteral("after a step: ") + p;
    const Trace after = run.snapshot();
    if (after.duration - latestChange(after) > tol)
        return QStringLiteral("a step from %1 ran on to %2, past its state change at %3")
            .arg(from)
            .arg(after.duration)
            .arg(latestChange(after));
    return {};
}

} // namespace

class TestRuntimeLivePause : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pausedRunMatchesVirtual_data();
    void pausedRunMatchesVirtual();
    void laneSetFollowsScenario_data();
    void laneSetFollowsScenario();
    void pauseIsNotRunTime_data();
    void pauseIsNotRunTime();
};

void TestRuntimeLivePause::pausedRunMatchesVirtual_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<double>("scale");
    QTest::addColumn<double>("firstPause");  // scenario seconds
    QTest::addColumn<double>("secondPause"); // then steps there
    // Two sequential 2 s jobs on one pool thread, then two threads taking turns for the GIL.
    QTest::newRow("gil") << "examples/05-gil-cpu-threads.loop.json" << 0.05 << 1.0 << 5.0;
    // Worker processes: paused while they start, and while two of them compute.
    QTest::newRow("processes") << "examples/06-process-pool.loop.json" << 0.1 << 0.5 << 2.0;
    // A pool thread blocking (io) beside the loop.
    QTest::newRow("threads_io") << "examples/02-threads.loop.json" << 0.05 << 0.5 << 1.2;
}

// One live run, paused at `first` and at `second` (scenario seconds), stepped twice at the
// second, long enough each time to ruin the run if any thread went on. Empty when it then
// draws what the virtual run draws.
static QString pausedRunProblem(const Scenario &scenario, const Trace &expected, double scale,
                                double first, double second)
{
    const double tol = tolerance(scale);
    ScenarioRun run(scenario, liveAt(scale));
    run.start();
    for (const double at : {first, second}) {
        if (!reach(run, at))
            return QStringLiteral("the run ended before %1").arg(at);
        run.pause();
        std::this_thread::sleep_for(milliseconds(20)); // the loop ends its iteration
        if (QString p = frozen(run, milliseconds(80)); !p.isEmpty())
            return p;
        for (int k = 0; at == second && k < 2; ++k)
            if (QString p = stepOnce(run, tol); !p.isEmpty())
                return p;
        run.resume();
    }
    QElapsedTimer wall;
    wall.start();
    while (!run.isFinished() && wall.elapsed() < 20000)
        std::this_thread::sleep_for(milliseconds(2));
    return difference(expected, run.snapshot(), tol);
}

// A run that misses by a scheduling hiccup is run again (up to three times, as
// tst_runtime_live does); a real difference misses every time.
void TestRuntimeLivePause::pausedRunMatchesVirtual()
{
    QFETCH(QString, file);
    QFETCH(double, scale);
    QFETCH(double, firstPause);
    QFETCH(double, secondPause);
    const auto scenario = load(file);
    QVERIFY(scenario);
    const Trace expected = runScenario(*scenario);
    QString problem;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        problem = pausedRunProblem(*scenario, expected, scale, firstPause, secondPause);
        if (problem.isEmpty())
            break;
        qInfo("attempt %d: %s", attempt, qPrintable(problem));
    }
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestRuntimeLivePause::laneSetFollowsScenario_data()
{
    QTest::addColumn<QString>("file");
    for (const char *f :
         {"examples/02-threads.loop.json", "examples/03-asyncio-gather.loop.json",
          "examples/04-time-sleep-freezes.loop.json", "examples/05-gil-cpu-threads.loop.json",
          "examples/06-process-pool.loop.json", "examples/20-cpu-blocks-loop.loop.json",
          "examples/22-web-server.loop.json", "tests/runtime/scenarios/gil-two-threads.loop.json",
          "tests/runtime/scenarios/nogil-two-threads.loop.json",
          "tests/runtime/scenarios/process-pool.loop.json"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

// Several live runs, each with the virtual run's thread and process lanes, and on each lane the
// virtual run's jobs, in order.
void TestRuntimeLivePause::laneSetFollowsScenario()
{
    QFETCH(QString, file);
    const auto scenario = load(file);
    QVERIFY(scenario);
    const Trace expected = runScenario(*scenario);
    for (int run = 0; run < 3; ++run) {
        const Trace live = runScenario(*scenario, liveAt(0.02));
        QCOMPARE(live.outcome.status, expected.outcome.status);
        QCOMPARE(workerLanes(live), workerLanes(expected));
        for (const QString &name : workerLanes(expected)) {
            QStringList want, got;
            for (const Job &job : jobsOf(expected, *laneNamed(expected, name), tolerance(0.02)))
                want << job.step;
            for (const Job &job : jobsOf(live, *laneNamed(live, name), tolerance(0.02)))
                got << job.step;
            QCOMPARE(got, want);
        }
    }
}

void TestRuntimeLivePause::pauseIsNotRunTime_data()
{
    QTest::addColumn<bool>("live");
    QTest::newRow("live") << true;
    QTest::newRow("virtual") << false;
}

// A run stops at its wall-time limit; the time it stood paused is not part of it. (The GUI's
// live runs have a limit of 300 wall seconds: a longer pause must not end the run.)
void TestRuntimeLivePause::pauseIsNotRunTime()
{
    QFETCH(bool, live);
    const auto scenario = load(QStringLiteral("examples/05-gil-cpu-threads.loop.json"));
    QVERIFY(scenario);
    RunOptions options = liveAt(0.02); // 8 scenario s: 0.16 wall s
    options.clock = live ? ClockMode::Live : ClockMode::Virtual;
    options.wallLimit = 0.4;
    ScenarioRun run(*scenario, options);
    run.pause();
    run.start();
    std::this_thread::sleep_for(milliseconds(600));
    QVERIFY(!run.isFinished());
    run.resume();
    QTRY_VERIFY_WITH_TIMEOUT(run.isFinished(), 5000);
    const Trace trace = run.snapshot();
    QCOMPARE(trace.outcome.error, QString());
    QCOMPARE(trace.outcome.status, OutcomeStatus::Completed);
}

QTEST_GUILESS_MAIN(TestRuntimeLivePause)
#include "tst_runtime_live_pause.moc"
