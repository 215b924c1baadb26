// LEB128 varints, and zigzag for signed differences: what packed records are written with (the
// runtime's logs, byte_log.h, and the trace's packed loop callbacks, loop_callbacks.h).
#pragma once

#include <cstdint>

namespace loopscope {

inline std::uint8_t *putVarint(std::uint8_t *p, std::uint64_t v)
{
    while (v >= 0x80) {
        *p++ = std::uint8_t(v | 0x80);
        v >>= 7;
    }
    *p++ = std::uint8_t(v);
    return p;
}

inline std::uint64_t getVarint(const std::uint8_t *&p)
{
    std::uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
        const std::uint8_t b = *p++;
        v |= std::uint64_t(b & 0x7f) << shift;
        if (b < 0x80)
            return v;
    }
}

inline std::uint64_t zigzag(std::int64_t v)
{
    return (std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63);
}

inline std::int64_t unzigzag(std::uint64_t v)
{
    return std::int64_t(v >> 1) ^ -std::int64_t(v & 1);
}

} // namespace loopscope
