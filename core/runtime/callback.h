// A callback the loop schedules: a function pointer and two words, no allocation.
#pragma once

#include <cstdint>

namespace loopscope::rt {

struct Callback
{
    void (*fn)(void *self, std::uintptr_t arg) = nullptr;
    void *self = nullptr;
    std::uintptr_t arg = 0;

    void operator()() const { fn(self, arg); }
    explicit operator bool() const { return fn != nullptr; }
};

} // namespace loopscope::rt
