// Big trace files, each figure a ratio against the JSON trace measured in the same run: write
// and read 1 M spans as JSON (the baseline), as the binary trace, and as Perfetto's protobuf;
// then the binary trace at 10 M spans (what opening such a file costs before the first frame).
// Run by hand on a Release build: bench_trace_files [--benchmark_filter=...].
#include "../trace/sample_traces.h"
#include "export/perfetto_proto.h"
#include "trace/trace_binary.h"
#include "trace/trace_json.h"

#include <benchmark/benchmark.h>

using namespace loopscope;

namespace {

using testing::bigTrace;

const Trace &million()
{
    static const Trace trace = bigTrace(1000, 1000);
    return trace;
}

void perSpan(benchmark::State &state, std::int64_t spans, qsizetype bytes)
{
    state.counters["bytes_per_span"] = double(bytes) / double(spans);
    state.counters["ns_per_span"] = benchmark::Counter(
        double(spans), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_WriteJson1M(benchmark::State &state)
{
    QByteArray out;
    for (auto _ : state)
        benchmark::DoNotOptimize(out = writeTraceJson(million()));
    perSpan(state, 1'000'000, out.size());
}

void BM_ReadJson1M(benchmark::State &state)
{
    const QByteArray json = writeTraceJson(million());
    for (auto _ : state)
        benchmark::DoNotOptimize(readTraceJson(json));
    perSpan(state, 1'000'000, json.size());
}

void BM_WriteBinary1M(benchmark::State &state)
{
    QByteArray out;
    for (auto _ : state)
        benchmark::DoNotOptimize(out = writeTraceBinary(million()));
    perSpan(state, 1'000'000, out.size());
}

void BM_ReadBinary1M(benchmark::State &state)
{
    const QByteArray bytes = writeTraceBinary(million());
    for (auto _ : state)
        benchmark::DoNotOptimize(readTraceBinary(bytes));
    perSpan(state, 1'000'000, bytes.size());
}

void BM_WritePerfettoProto1M(benchmark::State &state)
{
    QByteArray out;
    for (auto _ : state)
        benchmark::DoNotOptimize(out = perfettoProtobuf(million()));
    perSpan(state, 1'000'000, out.size());
}

void BM_ReadBinary10M(benchmark::State &state)
{
    const QByteArray bytes = writeTraceBinary(bigTrace(1000, 10'000));
    for (auto _ : state)
        benchmark::DoNotOptimize(readTraceBinary(bytes));
    perSpan(state, 10'000'000, bytes.size());
}

} // namespace

BENCHMARK(BM_WriteJson1M)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ReadJson1M)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_WriteBinary1M)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_ReadBinary1M)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_WritePerfettoProto1M)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ReadBinary10M)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK_MAIN();
