// Running a scenario on the instrumented runtime. The only runtime header the UI and the
// command line need: everything they learn about a run comes back as a Trace.
#pragma once

#include "runtime/memory_budget.h"
#include "scenario/scenario.h"
#include "trace/trace.h"

#include <memory>
#include <optional>

namespace loopscope {

struct RunOptions
{
    std::optional<ClockMode> clock; // overrides the scenario's clock.mode
    std::optional<double> scale;    // overrides clock.scale (live: wall seconds per scenario s)
    double scenarioLimit = 1e6;     // stop (outcome `stopped`) past this scenario time
    double wallLimit = 300.0;       // stop past this many wall seconds
    QString workerProgram;          // live process pools: the loopscope binary (`--worker`)
    bool record = true;             // false: state changes are not kept (benchmark baseline)
    std::size_t memoryBudget = kDefaultMemoryBudget; // the recording's (memory_budget.h)
};

// Runs the scenario to its end on the calling thread and returns its trace; without
// `loopInsides` the trace has no loop section (ScenarioRun::takeTrace).
Trace runScenario(const Scenario &scenario, const RunOptions &options = {},
                  bool loopInsides = true);
// The same run when nobody will look at its timeline (`loopscope run --quiet` writing no file):
// it records every state change as any run does (the memory budget holds), but its records are
// not turned into lanes of spans, which for a million task steps costs as much as a fifth of
// the run. Its outcome is runScenario's trace.outcome. For a process that ends next: the run's
// memory is left to the system (freed only in a sanitizer's build).
Outcome runScenarioOutcome(const Scenario &scenario, const RunOptions &options = {});

// A run on its own thread, for the GUI: start it, look at the trace as it grows, stop it.
// Every member is safe to call from any thread.
class ScenarioRun
{
public:
    ScenarioRun(Scenario scenario, RunOptions options);
    ~ScenarioRun(); // stops the run and joins its threads
    ScenarioRun(const ScenarioRun &) = delete;
    ScenarioRun &operator=(const ScenarioRun &) = delete;

    void start();
    void stop(); // ends the run within 50 ms with outcome `stopped`
    // Scenario time stands still for every thread of the run: the loop stops between
    // iterations; pool threads, the GIL and worker processes stop where they are (live clock).
    void pause();
    void resume(); // carries on as if the pause had not happened
    void step();   // while paused: run until the next state change (any thread's), pause again
    bool isPaused() const;
    bool isFinished() const;

    // The trace so far: spans still open end at the present instant, outcome is only
    // meaningful once isFinished(). Cheap enough to call at 60 Hz for teaching-sized runs.
    Trace snapshot() const;
    // Once finished: the final trace, built as the recording is read and given back (a long
    // run's records and its trace are never both in memory whole). Later snapshots are empty.
    // Before the end: snapshot(). Without `loopInsides` trace.loop stays empty, and so does
    // the memory it would take (about 3 bytes for each callback the loop ran, packed): for a caller
    // that writes nothing the loop view or a trace file would show.
    Trace takeTrace(bool loopInsides = true);
    // State changes recorded so far (what the recorder's cost is measured per).
    std::size_t stateChanges() const;
    // The memory the recording holds so far, what RunOptions::memoryBudget bounds.
    std::size_t recordingBytes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace loopscope
