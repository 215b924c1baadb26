#include "future.h"

#include "event_loop.h"
#include "task.h"
#include "value.h"

#include <algorithm>

namespace loopscope::rt {

Future::~Future()
{
    delete m_result;
}

void Future::setResult()
{
    if (done())
        return;
    m_state = State::Done;
    scheduleCallbacks();
}

void Future::setResult(Value value)
{
    if (done())
        return;
    keepResult(std::move(value));
    setResult();
}

void Future::keepResult(Value value)
{
    if (m_result)
        *m_result = std::move(value);
    else
        m_result = new Value(std::move(value));
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

void Future::addAnotherCallback(const Callback &cb)
{
    if (done()) {
        m_loop->callSoon(cb, this);
        return;
    }
    if (!m_firstCallback && m_callbacks.empty())
        m_firstCallback = cb;
    else
        m_callbacks.push_back(cb);
}

void Future::removeDoneCallback(Callback cb)
{
    auto same
        = [&](const Callback &c) { return c.fn == cb.fn && c.self == cb.self && c.arg == cb.arg; };
    if (m_firstCallback && same(m_firstCallback))
        m_firstCallback = Callback{};
    std::erase_if(m_callbacks, same);
}

void Future::scheduleCallbacks()
{
    if (loopNote) [[unlikely]]
        m_loop->noteGone(std::exchange(loopNote, 0));
    auto schedule = [this](const Callback &cb) {
        if (cb.fn == &Task::wakeupCb)
            static_cast<Task *>(cb.self)->becameReady(*this);
        m_loop->callSoon(cb, this);
    };
    if (m_firstCallback)
        schedule(std::exchange(m_firstCallback, Callback{}));
    auto callbacks = std::move(m_callbacks);
    m_callbacks.clear();
    for (const Callback &cb : callbacks)
        schedule(cb);
}

} // namespace loopscope::rt
