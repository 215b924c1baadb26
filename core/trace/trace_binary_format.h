// The binary trace's layout, shared by its writer (trace_binary_write.cpp) and its reader
// (trace_binary.cpp); trace-format.md, "Binary traces", describes it.
#pragma once

#include <bit>
#include <cstdint>

namespace loopscope::binary_trace {

// "LSTRACE", a NUL, then the version as a varint. A later version is refused as a whole.
constexpr char kMagic[8] = {'L', 'S', 'T', 'R', 'A', 'C', 'E', '\0'};
constexpr std::uint64_t kVersion = 1;
static_assert(std::endian::native == std::endian::little, "spans are read with memcpy");

// A span's first byte: its state, then which of its fields follow.
constexpr std::uint8_t kStateMask = 0x0f;
constexpr std::uint8_t kStartsWhereLastEnded = 0x10; // no start: it is the previous span's end
constexpr std::uint8_t kHasOn = 0x20;
constexpr std::uint8_t kHasStep = 0x40;

enum class Clock : std::uint8_t { Virtual, Live, CPython, CPythonVirtual };

} // namespace loopscope::binary_trace
