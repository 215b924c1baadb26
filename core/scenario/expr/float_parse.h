// Decimal text to a double as Python's float() and float literals read it.
#pragma once

#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

namespace loopscope::expr {

struct ParsedFloat
{
    double value = 0;
    const char *end = nullptr; // past the last character read
};

// std::from_chars leaves the value unset when it is out of range, where Python gives inf for
// a magnitude beyond DBL_MAX (1e400, 2e308) and 0.0 for one below the least subnormal
// (1e-400). The text is unsigned: the caller applies the sign.
inline ParsedFloat parseDecimal(const std::string &digits)
{
    ParsedFloat out;
    const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), out.value);
    out.end = result.ptr;
    if (result.ec == std::errc::result_out_of_range) {
        const auto e = digits.find_first_of("eE");
        const bool tiny = e != std::string::npos && e + 1 < digits.size() && digits[e + 1] == '-';
        out.value = tiny ? 0.0 : HUGE_VAL;
    }
    return out;
}

} // namespace loopscope::expr
