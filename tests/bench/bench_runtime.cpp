// Runtime speed, each figure a ratio against a baseline measured in the same run:
//  (a) task switches per second on the virtual clock, 10,000 tasks x 100 sleeps, against CPython
//      asyncio running the same program as fast as it can (target >= 50x);
//  (b) the recorder's cost: the same run with recording on vs off (target <= 1.15x, <= 20 ns
//      and <= 40 bytes per recorded state change);
//  (c) live-clock wake-up error of timers, median and p99.
#include "runtime/heap_reuse.h"
#include "runtime/recorder.h"
#include "runtime/runner.h"
#include "scenario/scenario_json.h"

#include <benchmark/benchmark.h>

#include <QProcess>

#include <algorithm>
#include <cstdio>
#include <thread>

using namespace loopscope;

namespace {

constexpr int kTasks = 10'000;
constexpr int kSleeps = 100;

Scenario switchScenario(int tasks, int sleeps)
{
    const QByteArray json = QStringLiteral(R"({"format": "loopscope-scenario", "version": 1,
      "coroutines": [
        {"name": "worker", "steps": [
          {"op": "repeat", "count": %2, "steps": [{"op": "sleep", "seconds": 0.001}]}]},
        {"name": "main", "steps": [
          {"op": "task_group", "steps": [
            {"op": "repeat", "count": %1, "steps": [{"op": "create_task", "coro": "worker"}]}]}]}]})")
                                .arg(tasks)
                                .arg(sleeps)
                                .toUtf8();
    return *readScenario(json, QStringLiteral("bench")).scenario;
}

// The same program in CPython; prints the seconds asyncio.run took.
double cpythonSeconds()
{
    static double seconds = [] {
        const QString program = QStringLiteral(R"(
import asyncio, time
async def worker():
    for _ in range(%2):
        await asyncio.sleep(0.001)
async def main():
    async with asyncio.TaskGroup() as tg:
        for _ in range(%1):
            tg.create_task(worker())
t0 = time.perf_counter()
asyncio.run(main())
print(time.perf_counter() - t0)
)")
                                    .arg(kTasks)
                                    .arg(kSleeps);
        QProcess python;
        python.start(QStringLiteral("python3"), {QStringLiteral("-c"), program});
        python.waitForFinished(600'000);
        return python.readAllStandardOutput().trimmed().toDouble();
    }();
    return seconds;
}

void BM_VirtualSwitches(benchmark::State &state)
{
    const Scenario scenario = switchScenario(kTasks, kSleeps);
    RunOptions options;
    options.record = state.range(0) != 0;
    std::size_t records = 0;
    for (auto _ : state) {
        const Trace trace = runScenario(scenario, options);
        benchmark::DoNotOptimize(trace.duration);
        records = 0;
        for (const Lane &lane : trace.lanes)
            records += lane.spans.size();
    }
    const double switches = double(kTasks) * kSleeps;
    state.counters["switches/s"]
        = benchmark::Counter(switches, benchmark::Counter::kIsIterationInvariantRate);
    state.counters["spans"] = double(records);
}
BENCHMARK(BM_VirtualSwitches)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_CPython(benchmark::State &state)
{
    for (auto _ : state)
        state.SetIterationTime(cpythonSeconds());
    state.counters["switches/s"] = benchmark::Counter(
        double(kTasks) * kSleeps, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_CPython)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);

// The recorder's hot path alone: one state change appended to the loop thread's buffer, as
// Runtime::setState does, with the lanes and steps of the switch benchmark.
void BM_RecorderAppend(benchmark::State &state)
{
    constexpr std::size_t kChanges = 2'000'000;
    std::size_t bytes = 0;
    for (auto _ : state) {
        rt::Recorder recorder;
        rt::RecordBuffer &buffer = recorder.loopBuffer();
        for (std::size_t i = 0; i < kChanges; ++i)
            recorder.state(buffer, int(i % kTasks), double(i / kTasks) * 0.001,
                           i % 2 ? LaneState::Running : LaneState::Waiting, StringId(i % 2),
                           StringId(3));
        benchmark::DoNotOptimize(recorder.recordCount());
        bytes = recorder.bytes();
    }
    state.counters["ns/change"]
        = benchmark::Counter(double(kChanges), benchmark::Counter::kIsIterationInvariantRate
                                                   | benchmark::Counter::kInvert);
    state.counters["bytes/change"] = double(bytes) / double(kChanges);
}
BENCHMARK(BM_RecorderAppend)->Unit(benchmark::kMillisecond)->Iterations(5);

// Live timers: 300 sleeps of 10 ms; the error is how late each task resumed.
void BM_LiveWakeup(benchmark::State &state)
{
    const QByteArray json = R"({"format": "loopscope-scenario", "version": 1,
      "coroutines": [{"name": "main", "steps": [
        {"op": "repeat", "count": 300, "steps": [{"op": "sleep", "seconds": 0.01}]}]}]})";
    const Scenario scenario = *readScenario(json, QStringLiteral("bench")).scenario;
    RunOptions options;
    options.clock = ClockMode::Live;
    options.scale = 1.0;
    std::vector<double> errors;
    for (auto _ : state) {
        const Trace trace = runScenario(scenario, options);
        const Lane &main = trace.lanes.front();
        for (std::size_t i = 0; i + 1 < main.spans.size(); ++i) {
            const Span &s = main.spans[i];
            if (s.state == LaneState::Waiting) {
                // The next span that is not `ready` starts when the task really resumed.
                std::size_t j = i + 1;
                while (j < main.spans.size() && main.spans[j].state == LaneState::Ready)
                    ++j;
                if (j < main.spans.size())
                    errors.push_back(main.spans[j].start - (s.start + 0.01));
            }
        }
    }
    std::sort(errors.begin(), errors.end());
    if (!errors.empty()) {
        state.counters["median_us"] = errors[errors.size() / 2] * 1e6;
        state.counters["p99_us"] = errors[errors.size() * 99 / 100] * 1e6;
    }
}
BENCHMARK(BM_LiveWakeup)->Unit(benchmark::kMillisecond)->Iterations(1);

// The ratios, from runs in this process and one CPython run. The run itself (the recorder's
// hot path) and building the trace from the records afterwards are timed apart.
struct Timing
{
    double run = 1e9;      // best wall seconds until the run finished
    double snapshot = 1e9; // best wall seconds to build its trace
    std::size_t spans = 0;
    std::size_t changes = 0; // state changes recorded
    std::size_t bytes = 0;   // what the recording held (records, the loop's log, events)
};

Timing timeRuns(const Scenario &scenario, bool record, int runs)
{
    Timing best;
    RunOptions options;
    options.record = record;
    for (int i = 0; i < runs; ++i) {
        ScenarioRun run(scenario, options);
        const auto t0 = std::chrono::steady_clock::now();
        run.start();
        // Sleep rather than spin: a spinning waiter takes a core from the run on a small machine.
        while (!run.isFinished())
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        const auto t1 = std::chrono::steady_clock::now();
        best.bytes = run.recordingBytes();
        const Trace trace = run.snapshot();
        const auto t2 = std::chrono::steady_clock::now();
        best.run = std::min(best.run, std::chrono::duration<double>(t1 - t0).count());
        best.snapshot = std::min(best.snapshot, std::chrono::duration<double>(t2 - t1).count());
        best.spans = 0;
        for (const Lane &lane : trace.lanes)
            best.spans += lane.spans.size();
        best.changes = run.stateChanges();
    }
    return best;
}

// The first runs of a process, before anything else ran: the recording run pays for touching
// fresh memory for its records (a page fault per 4 KiB), which later runs reuse.
struct ColdTiming
{
    Timing off, on;
};

ColdTiming timeColdRuns()
{
    const Scenario scenario = switchScenario(kTasks, kSleeps);
    ColdTiming cold;
    cold.off = timeRuns(scenario, false, 1);
    cold.on = timeRuns(scenario, true, 1);
    return cold;
}

void printRatios(const ColdTiming &cold)
{
    const Scenario scenario = switchScenario(kTasks, kSleeps);
    // Alternate the two, best of each: a drift of the machine (another process, the CPU's
    // clock) then weighs on both alike instead of on whichever ran second.
    Timing on, off;
    for (int i = 0; i < 6; ++i) {
        for (const bool record : {i % 2 == 0, i % 2 != 0}) {
            const Timing t = timeRuns(scenario, record, 1);
            Timing &best = record ? on : off;
            best.run = std::min(best.run, t.run);
            best.snapshot = std::min(best.snapshot, t.snapshot);
            best.spans = t.spans;
            best.changes = t.changes;
            best.bytes = t.bytes;
        }
    }
    const double python = cpythonSeconds();
    const double switches = double(kTasks) * kSleeps;
    // Each sleep records `waiting` and `running` (a `ready` of zero length is not recorded).
    const auto changes = double(on.changes - off.changes);
    std::printf("\n(a) virtual clock, recording on: %.2f M switches/s vs CPython %.2f M/s: %.1fx "
                "(recording off: %.1fx)\n"
                "    first runs of the process: %.1fx recording on, %.1fx off\n",
                switches / on.run / 1e6, switches / python / 1e6, python / on.run, python / off.run,
                python / cold.on.run, python / cold.off.run);
    std::printf("(b) recorder: %.3fx the run without it (first runs: %.3fx), %.2f bytes per state "
                "change with the loop's log, %.2f changes per switch (see BM_RecorderAppend for "
                "ns per change)\n"
                "    building the trace afterwards: %.0f ms for %zu spans (%.1f ns a span)\n",
                on.run / off.run, cold.on.run / cold.off.run, double(on.bytes) / double(on.changes),
                changes / switches, on.snapshot * 1e3, on.spans,
                on.snapshot / double(on.spans) * 1e9);
}

} // namespace

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (qEnvironmentVariableIsEmpty("LOOPSCOPE_BENCH_DEFAULT_HEAP"))
        rt::keepFreedHeapForReuse(); // as loopscope does
    const ColdTiming cold = timeColdRuns();
    benchmark::RunSpecifiedBenchmarks();
    printRatios(cold);
    benchmark::Shutdown();
    return 0;
}
