// readTraceJson on arbitrary bytes: a trace or a refusal with a message, never a crash. An
// accepted trace must read back identically from what writeTraceJson makes of it.
#include "trace/trace_json.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace loopscope;
    const QByteArray json
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const std::optional<Trace> trace = readTraceJson(json, &error);
    if (!trace && error.isEmpty())
        std::abort(); // a refusal always says why
    if (trace) {
        QString again;
        if (!readTraceJson(writeTraceJson(*trace), &again))
            std::abort(); // what the writer writes, the reader must read
    }
    return 0;
}
