// What the interpreter's files share: name look-ups, asyncio.sleep's awaitable and the ops that
// live in a file of their own (awaits.cpp: the ops that wait for other tasks; blocks.cpp: the
// ops with a body). interpreter.cpp dispatches to them.
#pragma once

#include "interpreter.h"
#include "runtime.h"

namespace loopscope::rt {

const Coroutine &coroutineNamed(Runtime &rt, const QString &name);

template<typename T>
T &primitive(Runtime &rt, const QString &id)
{
    if (T *p = rt.primitiveAs<T>(id))
        return *p;
    throw PyError{
        QStringLiteral("NameError"), QStringLiteral("name '%1' is not defined").arg(id), {}};
}

// asyncio.sleep: a timer that sets a future; sleep(0) is a bare yield. An awaitable rather
// than a coroutine, so the commonest await costs no coroutine frame.
struct Sleep
{
    // Not an aggregate, for the reason FutureAwait is not one (task.h).
    Sleep(Runtime &runtime, double s, StringId stepId)
        : rt(runtime)
        , seconds(s)
        , step(stepId)
    {}

    Runtime &rt;
    double seconds;
    StringId step;
    Ref<Future> fut;
    std::uint32_t timerNote = 0; // the loop log's id of its timer

    bool await_ready() const { return false; }
    void await_suspend(std::coroutine_handle<> h)
    {
        if (seconds <= 0) {
            rt.current->yieldAt(h, step);
            return;
        }
        fut = Ref<Future>(new Future(rt.loop));
        const double deadline = rt.now() + seconds;
        fut->readyAt = deadline;
        // Suspended first, so that the loop's record of the timer names the task it wakes.
        rt.current->suspendOn(fut.get(), h, LaneState::Waiting, rt.s.timer, step);
        rt.loop.callAt(deadline, Callback{&Future::resultCb, fut.get(), 0}, fut);
        // CPython cancels the timer in sleep's `finally`, once the task resumes, not when the
        // future is cancelled: the loop's insides keep it until then.
        timerNote = std::exchange(fut->loopNote, 0);
    }
    void await_resume()
    {
        if (timerNote && fut->cancelled())
            rt.loop.noteGone(timerNote);
        if (auto error = rt.current->takeResumeError())
            throw *error;
    }
};

// create_task(coro(**args), name=name) with the arguments as the frame sees them.
Ref<Task> spawn(Runtime &rt, const QString &coro, const PyArgs &args, const QString &name,
                Frame &frame);

// awaits.cpp
Co awaitTask(Runtime &rt, const Step &step, Frame &frame);
Co gather(Runtime &rt, const Step &step, Frame &frame);
Co waitFor(Runtime &rt, const Step &step, Frame &frame);

// control_flow.cpp
Co ifStep(Runtime &rt, const Step &step, Frame &frame);
Co forStep(Runtime &rt, const Step &step, Frame &frame);
Co whileStep(Runtime &rt, const Step &step, Frame &frame);
// return, break, continue, set (and run, which is no coroutine's): false for other ops.
bool runFlowInstant(Runtime &rt, const Step &step, Frame &frame);

// blocks.cpp
Co taskGroup(Runtime &rt, const Step &step, Frame &frame);
Co withResource(Runtime &rt, const Step &step, Frame &frame);
Co tryStep(Runtime &rt, const Step &step, Frame &frame);
// A `repeat`'s body runs as runSteps(rt, step.steps, frame, repeatRounds(rt, step, frame)).
Rounds repeatRounds(Runtime &rt, const Step &step, Frame &frame);
Co drain(Runtime &rt, const Step &step, Frame &frame);

} // namespace loopscope::rt
