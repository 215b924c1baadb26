// GIL contention on the live clock against CPython, measured in the same run: a pool thread and
// the event loop each do 1 s of pure-Python CPU work at once, under the GIL (switch interval
// 5 ms). CPython runs the equivalent program (python3.11 and python3.12 when found); its "1 s"
// is a loop calibrated alone to 1 s in the same process. What is timed:
//   CPython    the wall time of asyncio.run(main()), and of the loop alone;
//   Loopscope  the scenario's duration on the live clock (scale 1: scenario s = wall s) and the
//              wall time of runScenario, at scale 1 and at 0.05 (the live tests' scale, where
//              a hand-off's real latency weighs 20 times as much in scenario time);
//   both       the hand-off cost per switch: (pair - 2 x alone) / switches, where switches =
//              2 x alone / 5 ms (Loopscope's in scenario time: the run's duration is what the
//              timeline shows).
// The live clock's model, like the virtual clock's, gives a hand-off no cost, so Loopscope's
// pair should be 2 s however slowly real threads wake; CPython's own per-switch cost (cache
// refills, its wake-ups) is left out of the model, and shows here as the ratio below 1.
// Run by hand: bench_gil [ROUNDS, default 3]. Figures are medians over the rounds.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace loopscope;

namespace {

constexpr double kSwitchInterval = 0.005;

const char *kPython = R"(
import asyncio, sys, time
sys.setswitchinterval(0.005)
def crunch(n):
    total = 0
    for i in range(n):
        total += i
def timed(f, *a):
    t = time.perf_counter(); f(*a); return time.perf_counter() - t
n = 1_000_000
while timed(crunch, n) < 0.2:
    n *= 2
n = int(n / timed(crunch, n))   # about 1 s alone
alone = min(timed(crunch, n) for _ in range(2))
async def main():
    job = asyncio.create_task(asyncio.to_thread(crunch, n))
    await asyncio.sleep(0)          # the thread starts computing
    crunch(n)                       # and the loop computes too
    await job
pair = timed(asyncio.run, main())
print(alone, pair)
)";

const char *kScenario = R"({"format": "loopscope-scenario", "version": 1,
  "python": {"gil": true, "switch_interval": 0.005},
  "coroutines": [
    {"name": "crunch", "steps": [{"op": "to_thread", "work": "cpu", "seconds": 1}]},
    {"name": "main", "steps": [
      {"op": "create_task", "coro": "crunch", "as": "job"},
      {"op": "sleep", "seconds": 0},
      {"op": "cpu", "seconds": 1},
      {"op": "await", "task": "job"}]}]})";

struct Figures
{
    double alone = 0.0; // one side's work alone (Loopscope: the scenario's 1 s)
    double pair = 0.0;  // both at once
    double wall = 0.0;  // Loopscope: wall seconds of the run
    double perSwitch() const { return (pair - 2 * alone) / (2 * alone / kSwitchInterval); }
};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

Figures medianOf(const std::vector<Figures> &rounds)
{
    std::vector<double> alone, pair, wall;
    for (const Figures &f : rounds) {
        alone.push_back(f.alone);
        pair.push_back(f.pair);
        wall.push_back(f.wall);
    }
    return Figures{median(alone), median(pair), median(wall)};
}

bool runs(const QString &python)
{
    QProcess p;
    p.start(python, {QStringLiteral("-c"), QStringLiteral("pass")});
    return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// On the PATH, or else installed by pyenv (whose shim refuses a version that is not selected).
QString findPython(const QString &name)
{
    if (const QString path = QStandardPaths::findExecutable(name); !path.isEmpty() && runs(path))
        return path;
    const QDir versions(QDir::homePath() + QStringLiteral("/.pyenv/versions"));
    for (const QString &v : versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (const QString path = versions.filePath(v + QStringLiteral("/bin/") + name);
            QFileInfo::exists(path) && runs(path))
            return path;
    return {};
}

std::optional<Figures> cpython(const QString &python)
{
    QProcess p;
    p.start(python, {QStringLiteral("-c"), QString::fromLatin1(kPython)});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return std::nullopt;
    const QStringList out = QString::fromLatin1(p.readAllStandardOutput()).split(' ');
    if (out.size() != 2)
        return std::nullopt;
    return Figures{out[0].toDouble(), out[1].trimmed().toDouble(), 0.0};
}

Figures liveRun(const Scenario &scenario, double scale)
{
    RunOptions options;
    options.clock = ClockMode::Live;
    options.scale = scale;
    QElapsedTimer wall;
    wall.start();
    const Trace trace = runScenario(scenario, options);
    return Figures{1.0, trace.duration, double(wall.nsecsElapsed()) / 1e9};
}

void print(const char *who, const Figures &f, const Figures *baseline)
{
    std::printf("%-26s alone %.3f s  pair %.3f s  pair/(2 x alone) %.4f  hand-off %+6.1f us", who,
                f.alone, f.pair, f.pair / (2 * f.alone), f.perSwitch() * 1e6);
    if (baseline)
        std::printf("  vs CPython: pair/(2 x alone) ratio %.4f",
                    (f.pair / (2 * f.alone)) / (baseline->pair / (2 * baseline->alone)));
    std::printf("\n");
}

} // namespace

int main(int argc, char **argv)
{
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    const ScenarioLoad load = readScenario(QByteArray(kScenario), QStringLiteral("bench_gil"));
    if (!load.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(load.problems.front().toString()));
        return 1;
    }
    std::printf("A pool thread and the loop each doing 1 s of CPU work under the GIL, %d rounds"
                " (medians); virtual clock: %.3f s\n",
                rounds, runScenario(*load.scenario).duration);
    std::vector<QString> pythons;
    for (const char *name : {"python3.11", "python3.12"})
        if (const QString path = findPython(QString::fromLatin1(name)); !path.isEmpty())
            pythons.push_back(path);
    std::vector<std::vector<Figures>> python(pythons.size());
    std::vector<Figures> live1, live005;
    for (int r = 0; r < rounds; ++r) { // interleaved, so that the machine's load hits all alike
        for (std::size_t i = 0; i < pythons.size(); ++i)
            if (const auto f = cpython(pythons[i]))
                python[i].push_back(*f);
        live1.push_back(liveRun(*load.scenario, 1.0));
        live005.push_back(liveRun(*load.scenario, 0.05));
    }
    const Figures *baseline = nullptr;
    std::vector<Figures> medians;
    medians.reserve(pythons.size());
    for (std::size_t i = 0; i < pythons.size(); ++i) {
        if (python[i].empty())
            continue;
        medians.push_back(medianOf(python[i]));
        const QString who = QStringLiteral("CPython (%1)").arg(pythons[i].section('/', -1));
        print(qPrintable(who), medians.back(), nullptr);
        if (!baseline)
            baseline = &medians.back();
    }
    const Figures l1 = medianOf(live1);
    const Figures l005 = medianOf(live005);
    print("Loopscope live, scale 1", l1, baseline);
    print("Loopscope live, scale 0.05", l005, baseline);
    std::printf("Loopscope wall seconds: %.3f at scale 1, %.3f at scale 0.05\n", l1.wall,
                l005.wall);
    return 0;
}
