// Big trace files, each figure a ratio against the JSON trace measured in the same run: write
// and read 1 M spans as JSON (the baseline), as the binary trace, and as Perfetto's protobuf;
// then the binary trace at 10 M spans (what opening such a file costs before the first frame).
// Exports of 10 M spans as a run writes them (runWrite, to a file): their time and their peak
// memory above the trace's, as a ratio of the trace's own spans in memory; at 1 M spans the same
// against the bytes built whole first (runText, how the trace JSON, the .lstrace through
// `loopscope run` and the protobuf were written before; the Perfetto JSON was worse still, a
// QJsonArray of every event: over 13 GB at 10 M spans, measured by tests/bench/whole_process.py's
// way, as a process).
// Run by hand on a Release build: bench_trace_files [--benchmark_filter=...].
#include "../trace/sample_traces.h"
#include "export/export_formats.h"
#include "export/perfetto_proto.h"
#include "trace/trace_binary.h"
#include "trace/trace_json.h"

#include <QFile>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <fstream>
#include <string>

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

// The process's peak resident memory (VmHWM), in bytes; resetPeak starts it again from the
// current resident size (Linux's clear_refs), so that each export's own peak is measured.
double peakBytes()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stod(line.substr(6)) * 1024.0;
    return 0;
}

void resetPeak()
{
    std::ofstream("/proc/self/clear_refs") << "5";
}

double traceBytes(const Trace &trace)
{
    double bytes = 0;
    for (const Lane &lane : trace.lanes)
        bytes += double(lane.spans.capacity() * sizeof(Span));
    return bytes;
}

const Trace &tenMillion()
{
    static const Trace trace = bigTrace(1000, 10'000);
    return trace;
}

// One export of `trace`, streamed to a file (whole = false) or built whole and then written.
void exportTrace(benchmark::State &state, const Trace &trace, bool whole)
{
    const ExportFormat format = ExportFormat(state.range(0));
    const ExportFormatInfo &info = exportFormatInfo(format);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out") + exportSuffix(format));
    qint64 size = 0;
    double peak = 0;
    for (auto _ : state) {
        resetPeak();
        const double before = peakBytes();
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            state.SkipWithError("cannot write the export");
        if (whole) {
            const QByteArray bytes = info.runText(Scenario{}, trace);
            file.write(bytes);
        } else {
            info.runWrite(trace, file);
        }
        size = file.size();
        file.close();
        peak = std::max(peak, peakBytes() - before);
    }
    state.SetLabel(exportSuffix(format).toStdString());
    state.counters["file_MiB"] = double(size) / (1 << 20);
    state.counters["peak_MiB"] = peak / (1 << 20);
    state.counters["peak_per_trace"] = peak / traceBytes(trace);
    const double spans = double(trace.lanes.size() * trace.lanes.front().spans.size());
    state.counters["ns_per_span"] = benchmark::Counter(
        spans, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_ExportStreamed10M(benchmark::State &state)
{
    exportTrace(state, tenMillion(), false);
}

void BM_ExportStreamed1M(benchmark::State &state)
{
    exportTrace(state, million(), false);
}

void BM_ExportWhole1M(benchmark::State &state) // the baseline: as every export was written
{
    exportTrace(state, million(), true);
}

void streamedFormats(benchmark::internal::Benchmark *b)
{
    for (ExportFormat f : {ExportFormat::TraceBinary, ExportFormat::TraceJson,
                           ExportFormat::PerfettoProto, ExportFormat::Perfetto})
        b->Arg(int(f));
}

} // namespace

BENCHMARK(BM_ExportStreamed1M)
    ->Apply(streamedFormats)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_ExportWhole1M)->Apply(streamedFormats)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_ExportStreamed10M)
    ->Apply(streamedFormats)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_WriteJson1M)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ReadJson1M)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_WriteBinary1M)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_ReadBinary1M)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_WritePerfettoProto1M)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ReadBinary10M)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK_MAIN();
