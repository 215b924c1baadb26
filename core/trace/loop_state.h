// The event loop at one moment of a recorded run, as trace.loop says it was: the ready queue in
// FIFO order, the timer heap, what the selector waits for, and the callback that runs. Every
// view of "the loop's insides" asks here, and so does every step backwards or forwards.
#pragma once

#include "trace/trace.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace loopscope {

// Callback `callback` of iteration `iteration` is the one that runs now (for an iteration that
// ran nothing, callback 0 stands for the iteration itself).
struct LoopPosition
{
    std::size_t iteration = 0;
    std::size_t callback = 0;
    friend bool operator==(const LoopPosition &, const LoopPosition &) = default;
};

struct LoopSnapshot
{
    std::size_t iteration = 0;
    double t = 0.0;
    std::optional<LoopCallback> running; // none when the iteration ran nothing
    // CPython's _ready as the running callback is popped: those behind it in this iteration,
    // then those scheduled by the callbacks before it (the head of the next iteration's).
    std::vector<LoopCallback> ready;
    std::vector<LoopTimer> timers; // the live ones, by deadline, then in scheduling order
    std::vector<LoopWait> waits;
};

// Index into trace.loop.ran one past iteration i's last callback.
std::size_t iterationEnd(const LoopTrace &loop, std::size_t iteration);
std::size_t callbackCount(const LoopTrace &loop, std::size_t iteration);
// The global callback number a position stands for (the stamp LoopTimer::added is compared to).
std::uint32_t positionStamp(const LoopTrace &loop, LoopPosition at);

LoopSnapshot loopAt(const Trace &trace, LoopPosition at);

// Navigation. Each returns nullopt at the end it would step past.
enum class LoopStride { Iteration, TaskStep };
std::optional<LoopPosition> stepForward(const LoopTrace &loop, LoopPosition at, LoopStride by);
std::optional<LoopPosition> stepBack(const LoopTrace &loop, LoopPosition at, LoopStride by);
// The next (or previous) callback that runs a step of `lane`.
std::optional<LoopPosition> laneCallback(const LoopTrace &loop, LoopPosition at, int lane,
                                         bool forward);
// The last position whose iteration began at or before t (the first one if none did).
LoopPosition positionAtTime(const LoopTrace &loop, double t);
LoopPosition lastPosition(const LoopTrace &loop);
double timeOf(const LoopTrace &loop, LoopPosition at);

} // namespace loopscope
