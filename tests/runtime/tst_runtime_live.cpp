// The live clock against the virtual one: the same scenario played in wall time at scale 0.1
// must draw the same spans, each boundary within 5 ms of wall time (0.05 scenario seconds).
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "trace_text.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace loopscope;
using namespace loopscope::test;

namespace {

constexpr double kScale = 0.1;
constexpr double kTolerance = 0.005 / kScale; // 5 ms of wall time, in scenario seconds

std::optional<Scenario> load(const QString &relative)
{
    const ScenarioLoad l = readScenarioFile(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/") + relative);
    return l.scenario;
}

// The spans that last: the live clock adds sub-millisecond `running`/`ready` slivers where the
// virtual clock has instants.
std::vector<Span> lasting(const Lane &lane)
{
    std::vector<Span> out;
    for (const Span &s : lane.spans) {
        if (s.end - s.start < kTolerance)
            continue;
        if (!out.empty() && out.back().state == s.state && out.back().on == s.on)
            out.back().end = s.end;
        else
            out.push_back(s);
    }
    return out;
}

std::vector<double> errors; // every boundary's error, for the summary

} // namespace

class TestRuntimeLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesVirtual_data();
    void matchesVirtual();
    void cleanupTestCase();
};

void TestRuntimeLive::matchesVirtual_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("sequential_calls") << "tests/runtime/scenarios/sequential-calls.loop.json";
    QTest::newRow("create_tasks") << "tests/runtime/scenarios/create-tasks.loop.json";
    QTest::newRow("gather") << "examples/03-asyncio-gather.loop.json";
    QTest::newRow("block") << "examples/04-time-sleep-freezes.loop.json";
    QTest::newRow("threads") << "examples/02-threads.loop.json";
    // Pool threads taking turns for the GIL (worker processes: tst_runtime_live_pause).
    QTest::newRow("gil") << "examples/05-gil-cpu-threads.loop.json";
    QTest::newRow("lock") << "examples/13-lock-counter.loop.json";
    QTest::newRow("semaphore") << "examples/14-semaphore.loop.json";
    QTest::newRow("event") << "examples/15-event.loop.json";
    QTest::newRow("queue") << "examples/16-queue-workers.loop.json";
    QTest::newRow("wait_for") << "examples/18-wait-for-timeout.loop.json";
    QTest::newRow("cancel_in_lock") << "tests/runtime/scenarios/cancel-inside-lock.loop.json";
    QTest::newRow("deadlock") << "examples/21-deadlock.loop.json";
}

// Empty when `actual` (live) draws what `expected` (virtual) draws within the tolerance.
static QString difference(const Trace &expected, const Trace &actual,
                          std::vector<double> *boundaryErrors)
{
    if (!actual.liveClock)
        return QStringLiteral("not a live trace");
    if (actual.outcome.status != expected.outcome.status)
        return QStringLiteral("outcome %1 vs %2")
            .arg(outcomeName(actual.outcome.status), outcomeName(expected.outcome.status));
    if (std::abs(actual.duration - expected.duration) > kTolerance)
        return QStringLiteral("duration %1 vs %2").arg(actual.duration).arg(expected.duration);
    if (const QString p = invariantProblem(actual); !p.isEmpty())
        return p;
    // The same prints in the same order, each at about the same time.
    std::vector<const TraceEvent *> want, got;
    for (const TraceEvent &e : expected.events)
        if (e.kind == EventKind::Print)
            want.push_back(&e);
    for (const TraceEvent &e : actual.events)
        if (e.kind == EventKind::Print)
            got.push_back(&e);
    if (want.size() != got.size())
        return QStringLiteral("%1 prints vs %2").arg(got.size()).arg(want.size());
    for (std::size_t i = 0; i < got.size(); ++i)
        if (got[i]->text != want[i]->text || std::abs(got[i]->t - want[i]->t) > kTolerance)
            return QStringLiteral("print %1: \"%2\" at %3 vs \"%4\" at %5")
                .arg(i)
                .arg(got[i]->text)
                .arg(got[i]->t)
                .arg(want[i]->text)
                .arg(want[i]->t);
    // The same lasting spans, boundaries within tolerance.
    std::vector<double> errors;
    for (const Lane &lane : expected.lanes) {
        if (lane.kind == LaneKind::Loop)
            continue;
        const Lane *other = laneNamed(actual, lane.name);
        if (!other)
            return QStringLiteral("no lane %1").arg(lane.name);
        const auto a = lasting(lane);
        const auto b = lasting(*other);
        if (a.size() != b.size())
            return lane.name + QStringLiteral(": ") + spansText(actual, lane.name);
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (a[i].state != b[i].state || actual.str(b[i].on) != expected.str(a[i].on))
                return QStringLiteral("%1 span %2: %3 vs %4")
                    .arg(lane.name)
                    .arg(i)
                    .arg(stateName(b[i].state), stateName(a[i].state));
            for (const auto &[x, y] :
                 {std::pair{a[i].start, b[i].start}, std::pair{a[i].end, b[i].end}}) {
                errors.push_back(std::abs(x - y) * kScale);
                if (std::abs(x - y) > kTolerance)
                    return QStringLiteral("%1 span %2: boundary %3 vs %4")
                        .arg(lane.name)
                        .arg(i)
                        .arg(y)
                        .arg(x);
            }
        }
    }
    boundaryErrors->insert(boundaryErrors->end(), errors.begin(), errors.end());
    return {};
}

// A live run is at the mercy of the machine: a run that misses by a scheduling hiccup is run
// again (up to three times); a real difference misses every time.
void TestRuntimeLive::matchesVirtual()
{
    QFETCH(QString, file);
    const auto scenario = load(file);
    QVERIFY(scenario);
    const Trace expected = runScenario(*scenario);
    RunOptions live;
    live.clock = ClockMode::Live;
    live.scale = kScale;
    QString problem;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        problem = difference(expected, runScenario(*scenario, live), &errors);
        if (problem.isEmpty())
            break;
        qInfo("attempt %d: %s", attempt, qPrintable(problem));
    }
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestRuntimeLive::cleanupTestCase()
{
    if (errors.empty())
        return;
    std::sort(errors.begin(), errors.end());
    qInfo("live vs virtual, %zu boundaries: median %.3f ms, worst %.3f ms of wall time",
          errors.size(), errors[errors.size() / 2] * 1e3, errors.back() * 1e3);
}

QTEST_GUILESS_MAIN(TestRuntimeLive)
#include "tst_runtime_live.moc"
