// Names for what the loop holds (loop_log.h): each callback by the task it is for and the step
// that task resumes at, and the label CPython's handle would show ("step" for Task.__step,
// "wakeup" for Task.__wakeup, "set_result" for the futures._set_result_unless_cancelled of
// asyncio.sleep's timer, "timeout" for Timeout._on_timeout).
#include "runtime.h"

#include "pools.h"
#include "structured.h"
#include "waiting.h"

#include <algorithm>

namespace loopscope::rt {

QString callbackFunctionName(const Callback &cb); // callbacks.cpp

namespace {

CallbackNote describeCallback(void *context, const Callback &cb, bool scheduling)
{
    return static_cast<Runtime *>(context)->noteCallback(cb, scheduling);
}

} // namespace

void Runtime::recordLoop()
{
    LoopLog &log = recorder.loopLog();
    log.describe = &describeCallback;
    log.context = this;
    // A sleep's timer runs while its task waits at the step it waited at when the timer was set.
    log.namedByTimer = &Future::resultCb;
    log.events = &m_events;
    m_loopNames = {intern(QStringLiteral("step")), intern(QStringLiteral("wakeup")),
                   intern(QStringLiteral("set_result")), intern(QStringLiteral("timeout")),
                   intern(QStringLiteral("callback"))};
    loop.setLog(&log);
}

CallbackNote Runtime::noteCallback(const Callback &cb, bool scheduling)
{
    CallbackNote note = noteOf(cb, scheduling);
    note.events = std::uint32_t(m_events);
    return note;
}

CallbackNote Runtime::noteOf(const Callback &cb, bool scheduling)
{
    const auto [step, wakeup, setResult, timeout, other] = m_loopNames;
    bool woken = false;
    if (const Task *task = Task::resumedBy(cb, &woken))
        return {task->lane(), task->resumeStep(), woken ? wakeup : step};
    if (cb.fn == &Future::resultCb) { // a sleep's timer: the task its future wakes
        const Callback &waiter = static_cast<const Future *>(cb.self)->firstCallback();
        if (const Task *task = Task::resumedBy(waiter, &woken))
            return {task->lane(), task->resumeStep(), setResult};
        return {scheduling ? currentLane() : -1, 0, setResult};
    }
    if (const Task *task = TimeoutScope::taskOf(cb))
        return {task->lane(), task->resumeStep(), timeout};
    // call_soon / call_later: on the event loop's lane, made when the first one runs.
    if (const QString name = callbackFunctionName(cb); !name.isEmpty())
        return {scheduling ? -1 : callbackLane(), 0, intern(name + QStringLiteral("()"))};
    return {scheduling ? currentLane() : -1, 0, other};
}

void Runtime::noteSelectorWait(Future &done, const QString &pool, StringId step)
{
    if (done.done())
        return;
    loop.noteWait(done, {currentLane(), step, pools->isProcessPool(pool) ? s.process : s.thread});
}

} // namespace loopscope::rt
