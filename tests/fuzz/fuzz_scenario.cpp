// readScenario on arbitrary bytes: every input either loads or is refused with problems, never
// a crash, a hang or undefined behaviour. A loaded scenario must survive a write/read round trip.
#include "scenario/scenario_json.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace loopscope;
    const QByteArray json
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const ScenarioLoad load = readScenario(json, QStringLiteral("fuzz.loop.json"));
    if (load.ok() != load.problems.empty())
        std::abort(); // the contract: a scenario xor problems
    if (load.ok()) {
        const ScenarioLoad again = readScenario(writeScenario(*load.scenario), QStringLiteral("w"));
        if (!again.ok())
            std::abort(); // what the writer writes, the reader must read
    }
    return 0;
}
