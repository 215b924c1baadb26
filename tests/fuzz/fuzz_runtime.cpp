// Valid scenarios (those readScenario accepts) run on the virtual clock with small limits: the
// runtime must end every one of them, never crash or hang. Scenario time is capped at 1000 s,
// wall time at 2 s; the runtime's own event limit stops runaway loops.
// Mutation is structure-aware: an input that reads as a scenario is edited as a model
// (scenario_mutator.h), so that nearly every input the fuzzer tries is a valid program; the
// others get libFuzzer's byte mutations.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "scenario_mutator.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t *data, std::size_t size, std::size_t maxSize);

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t *data, std::size_t size,
                                               std::size_t maxSize, unsigned int seed)
{
    using namespace loopscope;
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const ScenarioLoad load = readScenario(json, QStringLiteral("fuzz.loop.json"));
    if (load.ok() && seed % 8 != 0) {
        test::ScenarioMutator mutator(seed);
        if (const std::optional<Scenario> mutant = mutator.mutate(*load.scenario)) {
            const QByteArray text = writeScenario(*mutant);
            if (std::size_t(text.size()) <= maxSize) {
                std::memcpy(data, text.constData(), std::size_t(text.size()));
                return std::size_t(text.size());
            }
        }
    }
    return LLVMFuzzerMutate(data, size, maxSize);
}

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
