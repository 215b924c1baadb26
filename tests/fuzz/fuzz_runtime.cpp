// Valid scenarios (those readScenario accepts) run on the virtual clock with small limits: the
// runtime must end every one of them, never crash or hang. Scenario time is capped at 1000 s,
// wall time at 2 s; the runtime's own event limit stops runaway loops.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace loopscope;
    if (size > 16 * 1024)
        return -1; // big inputs only slow the search down; the reader fuzzer covers them
    const QByteArray json
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const ScenarioLoad load = readScenario(json, QStringLiteral("fuzz.loop.json"));
    if (!load.ok())
        return -1; // not a valid scenario: keep it out of the corpus
    RunOptions options;
    options.clock = ClockMode::Virtual;
    options.scenarioLimit = 1000;
    options.wallLimit = 2;
    const Trace trace = runScenario(*load.scenario, options);
    if (trace.outcome.status == OutcomeStatus::Stopped && trace.outcome.error.isEmpty())
        std::abort(); // a stopped run always says why
    return 0;
}
