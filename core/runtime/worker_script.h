// Plain functions (`functions`): the `def`s that to_thread, run_in_executor, call_soon and
// call_later run. Their steps never await. On a pool worker they run between the worker's
// cpu and block segments, at the worker's time and on its lane; as a loop callback they run
// at once on the event loop's lane.
#pragma once

#include "coro.h"
#include "frame.h"
#include "scenario/scenario.h"
#include "trace/trace.h"

#include <coroutine>
#include <optional>

namespace loopscope::rt {

class Runtime;

// What a worker does next: compute (holding its GIL) or block (time.sleep, I/O) for a while.
struct Segment
{
    WorkKind work = WorkKind::Io;
    double seconds = 0.0;
    StringId step = 0;
};

// One call of a function on a pool worker, run on by the pool between segments.
class WorkerScript
{
public:
    // The frame holds the call's arguments.
    WorkerScript(Runtime &rt, const Coroutine &function, Frame frame);
    WorkerScript(const WorkerScript &) = delete;
    WorkerScript &operator=(const WorkerScript &) = delete;

    // Runs the steps that take no time, at `t` on `lane`, up to the next cpu or block step:
    // its segment; nullopt once the function has returned or raised (result(), error()).
    std::optional<Segment> advance(double t, int lane);
    const Value &result() const { return m_result; }
    const std::optional<PyError> &error() const { return m_error; }

    // The cpu or block step the body is suspended at (the awaitable below sets it).
    void suspendAt(std::coroutine_handle<> h, Segment segment)
    {
        m_resume = h;
        m_next = segment;
    }

private:
    Runtime &m_rt;
    Frame m_frame;
    Co m_body;
    std::coroutine_handle<> m_resume;
    std::optional<Segment> m_next;
    Value m_result;
    std::optional<PyError> m_error;
};

// `co_await WorkerSegment{...}`: a cpu or block step inside a function on a pool worker.
struct WorkerSegment
{
    WorkerScript &script;
    Segment segment;
    bool await_ready() const { return false; }
    void await_suspend(std::coroutine_handle<> h) { script.suspendAt(h, segment); }
    void await_resume() const {}
};

// The function's steps run at once, outside any task (a loop callback): its return value, or
// the exception it raised.
Value runFunctionNow(Runtime &rt, const Coroutine &function, Frame frame);

// The named function, or NameError.
const Coroutine &functionNamed(Runtime &rt, const QString &name);

} // namespace loopscope::rt
