// The GUI thread's responsiveness while the worst live scenarios run in a ScenarioRun: a 5 ms
// QTimer's lateness (median, 99th percentile, worst) while the thread also takes a snapshot()
// at 60 Hz as the main window does. Run by hand: bench_latency [SECONDS per scenario, default 5].
#include "runtime/runner.h"
#include "scenario/scenario_json.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace loopscope;

namespace {

struct Workload
{
    const char *name;
    QByteArray job; // steps of each of `tasks` tasks
    int tasks;
};

QByteArray scenarioFor(const Workload &w)
{
    return R"({"format": "loopscope-scenario", "version": 1,
      "resources": [{"id": "procs", "kind": "process_pool", "workers": 8}],
      "coroutines": [{"name": "job", "steps": [)"
           + w.job + R"(]},
        {"name": "main", "steps": [{"op": "repeat", "count": null, "steps": [
          {"op": "task_group", "steps": [{"op": "repeat", "count": )"
           + QByteArray::number(w.tasks)
           + R"(, "steps": [{"op": "create_task", "coro": "job"}]}]}]}]}]})";
}

double at(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[std::min(v.size() - 1, std::size_t(q * double(v.size())))];
}

void measure(const Workload &w, double seconds)
{
    const ScenarioLoad load = readScenario(scenarioFor(w), QStringLiteral("bench"));
    if (!load.ok())
        qFatal("%s", qPrintable(load.problems.front().toString()));
    RunOptions options;
    options.clock = ClockMode::Live;
    options.scale = 1.0;
    options.workerProgram = QStringLiteral(LOOPSCOPE_BINARY);
    ScenarioRun run(*load.scenario, options);
    std::vector<double> lateness, snapshotMs;
    QElapsedTimer clock, sinceTick;
    QTimer tick, paint;
    tick.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        lateness.push_back(std::max(0.0, double(sinceTick.nsecsElapsed()) / 1e6 - 5.0));
        sinceTick.start();
    });
    QObject::connect(&paint, &QTimer::timeout, [&] {
        QElapsedTimer t;
        t.start();
        const Trace trace = run.snapshot();
        snapshotMs.push_back(double(t.nsecsElapsed()) / 1e6);
        if (clock.elapsed() > seconds * 1000)
            QCoreApplication::quit();
    });
    run.start();
    clock.start();
    sinceTick.start();
    tick.start(5);
    paint.start(1000 / 60);
    QCoreApplication::exec();
    QElapsedTimer stopTimer;
    stopTimer.start();
    run.stop();
    while (!run.isFinished())
        QThread::msleep(1);
    std::printf("%-34s timer lateness ms: median %6.2f  p99 %6.2f  worst %6.2f | snapshot ms: "
                "median %6.2f worst %6.2f | lanes %zu | stop %lld ms\n",
                w.name, at(lateness, 0.5), at(lateness, 0.99), at(lateness, 1.0),
                at(snapshotMs, 0.5), at(snapshotMs, 1.0), std::size_t(run.snapshot().lanes.size()),
                stopTimer.elapsed());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? std::atof(argv[1]) : 5.0;
    const Workload workloads[] = {
        {"block hogging the loop", R"({"op": "block", "seconds": 0.5})", 1},
        {"16 GIL-bound to_thread cpu jobs", R"({"op": "to_thread", "work": "cpu", "seconds": 0.5})",
         16},
        {"process pool of 8, 16 cpu jobs",
         R"({"op": "run_in_executor", "pool": "procs", "work": "cpu", "seconds": 0.5})", 16},
    };
    for (const Workload &w : workloads)
        measure(w, seconds);
    return 0;
}
