// asyncio's synchronisation objects, with CPython 3.12's algorithms (asyncio/locks.py,
// asyncio/queues.py): FIFO waiter futures, and a woken waiter runs on a later loop iteration.
#pragma once

#include "coro.h"
#include "frame.h"
#include "future.h"
#include "trace/trace.h"

#include <QString>

#include <deque>
#include <vector>

namespace loopscope::rt {

class Runtime;

class Primitive
{
public:
    Primitive(Runtime &rt, QString id);
    virtual ~Primitive() = default;
    const QString &id() const { return m_id; }
    StringId idString() const { return m_idString; }
    // Lanes holding this object now (locks and semaphores), for deadlock reports.
    std::vector<int> holders;

protected:
    Ref<Future> newWaiter();
    Runtime &m_rt;
    QString m_id;
    StringId m_idString;
};

class AsyncLock : public Primitive
{
public:
    using Primitive::Primitive;
    Co acquire(StringId step);
    void release(); // throws RuntimeError when not locked
    bool locked() const { return m_locked; }
    const std::deque<Ref<Future>> &waiters() const { return m_waiters; }

private:
    void wakeUpFirst();
    bool m_locked = false;
    std::deque<Ref<Future>> m_waiters;
};

class AsyncSemaphore : public Primitive
{
public:
    AsyncSemaphore(Runtime &rt, QString id, int value, bool bounded);
    Co acquire(StringId step);
    void release(); // BoundedSemaphore: ValueError past the initial value
    bool locked() const;

private:
    bool wakeUpNext();
    int m_value;
    int m_initial;
    bool m_bounded;
    std::deque<Ref<Future>> m_waiters;
};

class AsyncEvent : public Primitive
{
public:
    using Primitive::Primitive;
    Co wait(StringId step);
    void set();
    void clear() { m_set = false; }
    bool isSet() const { return m_set; }

private:
    bool m_set = false;
    std::deque<Ref<Future>> m_waiters;
};

class AsyncQueue : public Primitive
{
public:
    AsyncQueue(Runtime &rt, QString id, int maxsize, const std::vector<PyValue> &items);
    // An item is any value, a task too: `put` of "$t" and a later `get` give the same task.
    Co put(Value item, StringId step);
    Co get(Value *out, StringId step);
    void taskDone(); // ValueError when called too many times
    Co join(StringId step);
    bool empty() const { return m_items.empty(); }
    qint64 size() const { return qint64(m_items.size()); }
    bool full() const { return m_maxsize > 0 && int(m_items.size()) >= m_maxsize; }
    // queue.put_nowait(item) and queue.get_nowait(): QueueFull and QueueEmpty as queues.py
    // raises them (no message), a getter or putter woken as put and get wake them.
    void putNowaitOrRaise(Value item);
    Value getNowait();

private:
    void putNowait(Value item);
    static void wakeupNext(std::deque<Ref<Future>> &waiters, int by);
    int m_maxsize;
    std::deque<Value> m_items;
    std::deque<Ref<Future>> m_getters;
    std::deque<Ref<Future>> m_putters;
    int m_unfinished = 0;
    AsyncEvent m_finished;
};

// A `future` resource: loop.create_future(), set by one task, awaited by others.
class UserFuture : public Primitive
{
public:
    UserFuture(Runtime &rt, QString id);
    Co await(StringId step, Value *out);
    void setResult(Value value); // InvalidStateError when already done
    bool done() const { return m_future->done(); }
    const Value &result() const { return m_result; }

private:
    Ref<Future> m_future; // done when set; the result itself is kept here, a task included
    Value m_result;
};

} // namespace loopscope::rt
