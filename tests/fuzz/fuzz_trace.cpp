// The trace readers on arbitrary bytes: readTraceBinary for bytes that start with its magic,
// readTraceJson for the rest; a trace or a refusal with a message, never a crash. An accepted
// trace must read back identically from what either writer makes of it.
#include "trace/trace_binary.h"
#include "trace/trace_json.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace loopscope;
    const QByteArray bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const std::optional<Trace> trace
        = isTraceBinary(bytes) ? readTraceBinary(bytes, &error) : readTraceJson(bytes, &error);
    if (!trace && error.isEmpty())
        std::abort(); // a refusal always says why
    if (trace) {
        const QByteArray json = writeTraceJson(*trace);
        const std::optional<Trace> fromJson = readTraceJson(json);
        const std::optional<Trace> fromBinary = readTraceBinary(writeTraceBinary(*trace));
        if (!fromJson || !fromBinary)
            std::abort(); // what a writer writes, its reader must read
        if (writeTraceJson(*fromBinary) != json)
            std::abort(); // the binary form is exact
    }
    return 0;
}
