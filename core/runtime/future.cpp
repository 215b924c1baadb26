#include "future.h"

#include "event_loop.h"
#include "task.h"

#include <algorithm>

namespace loopscope::rt {

void Future::setResult(QJsonValue value)
{
    if (done())
        return;
    m_value = std::move(value);
    m_state = State::Done;
    scheduleCallbacks();
}

void Future::setException(PyError error)
{
    if (done())
        return;
    m_error = std::make_unique<PyError>(std::move(error));
    m_state = State::Done;
    scheduleCallbacks();
}

bool Future::cancel()
{
    if (done())
        return false;
    markCancelled();
    return true;
}

void Future::markCancelled()
{
    m_state = State::Cancelled;
    scheduleCallbacks();
}

void Future::addDoneCallback(Callback cb)
{
    if (done()) {
        m_loop->callSoon(cb, this);
        return;
    }
    m_callbacks.push_back(cb);
}

void Future::removeDoneCallback(Callback cb)
{
    std::erase_if(m_callbacks, [&](const Callback &c) {
        return c.fn == cb.fn && c.self == cb.self && c.arg == cb.arg;
    });
}

void Future::scheduleCallbacks()
{
    auto callbacks = std::move(m_callbacks);
    m_callbacks.clear();
    for (const Callback &cb : callbacks) {
        if (cb.fn == &Task::wakeupCb)
            static_cast<Task *>(cb.self)->becameReady(*this);
        m_loop->callSoon(cb, this);
    }
}

} // namespace loopscope::rt
