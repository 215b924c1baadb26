// asyncio.Condition and asyncio.Barrier, after CPython 3.12's asyncio/locks.py.
#pragma once

#include "primitives.h"
#include "scenario/scenario.h"

#include <functional>
#include <memory>

namespace loopscope::rt {

class AsyncCondition : public Primitive
{
public:
    // `lock`: the lock resource it shares, or null for a lock of its own.
    AsyncCondition(Runtime &rt, QString id, AsyncLock *lock);
    AsyncLock &lock() { return *m_lock; }
    bool locked() const { return m_lock->locked(); }
    // wait(): RuntimeError without the lock; releases it, waits for a notify, then takes it
    // again even when cancelled (and raises the CancelledError then).
    Co wait(StringId step);
    // wait_for(predicate): predicate() first, then wait() until it is true.
    Co waitFor(const std::function<bool()> &predicate, StringId step);
    void notify(double n); // RuntimeError without the lock
    void notifyAll() { notify(double(m_waiters.size())); }

private:
    std::unique_ptr<AsyncLock> m_own;
    AsyncLock *m_lock;
    std::deque<Ref<Future>> m_waiters;
};

class AsyncBarrier : public Primitive
{
public:
    AsyncBarrier(Runtime &rt, QString id, int parties);
    // wait(): the arrival index (0 for the first task to arrive).
    Co wait(StringId step, Value *index);
    int parties() const { return m_parties; }
    int waiting() const { return m_state == State::Filling ? m_count : 0; }
    // locks.py's Barrier.__repr__: `<asyncio.locks.Barrier object at 0x... [filling,
    // waiters:2/3]>` (the address is made up from the id, stable across runs).
    QString repr() const;

private:
    enum class State { Filling, Draining, Resetting, Broken };
    void exit();
    AsyncCondition m_cond;
    int m_parties;
    int m_count = 0;
    State m_state = State::Filling;
};

std::unique_ptr<Primitive> makeConditionOrBarrier(Runtime &rt, const Resource &resource);

} // namespace loopscope::rt
