// asyncio.Condition, asyncio.Barrier (locks.py) and asyncio.timeout as a block (timeouts.py).
#include "condition.h"

#include "frame_scope.h"
#include "interpreter_ops.h"
#include "structured.h"
#include "waiting.h"

#include <algorithm>

namespace loopscope::rt {

namespace {

PyError runtimeError(const char *message)
{
    return PyError{QStringLiteral("RuntimeError"), QString::fromLatin1(message), {}};
}

} // namespace

AsyncCondition::AsyncCondition(Runtime &rt, QString id, AsyncLock *lock)
    : Primitive(rt, std::move(id))
    , m_own(lock ? nullptr : std::make_unique<AsyncLock>(rt, m_id))
    , m_lock(lock ? lock : m_own.get())
{}

Co AsyncCondition::wait(StringId step)
{
    if (!locked())
        throw runtimeError("cannot wait on un-acquired lock");
    m_lock->release();
    std::optional<PyError> error;
    {
        Ref<Future> fut = newWaiter();
        m_waiters.push_back(fut);
        try {
            co_await FutureAwait{m_rt, fut, LaneState::Blocked, m_idString, step};
        } catch (const PyError &e) {
            error = e;
        }
        m_waiters.erase(std::find(m_waiters.begin(), m_waiters.end(), fut));
    }
    // The lock is taken again even when the wait was cancelled; a cancel meanwhile is kept
    // and raised once it is held.
    while (true) {
        bool cancelled = false;
        try {
            co_await m_lock->acquire(step);
        } catch (const PyError &e) {
            if (!e.isCancel())
                throw;
            error = e;
            cancelled = true;
        }
        if (!cancelled)
            break;
    }
    if (error)
        throw *error;
}

Co AsyncCondition::waitFor(const std::function<bool()> &predicate, StringId step)
{
    while (!predicate())
        co_await wait(step);
}

void AsyncCondition::notify(double n)
{
    if (!locked())
        throw runtimeError("cannot notify on un-acquired lock");
    double woken = 0;
    for (const Ref<Future> &fut : m_waiters) {
        if (woken >= n)
            break;
        if (!fut->done()) {
            ++woken;
            fut->doneBy = m_rt.currentLane();
            fut->setResult(Value::boolean(false));
        }
    }
}

AsyncBarrier::AsyncBarrier(Runtime &rt, QString id, int parties)
    : Primitive(rt, id)
    , m_cond(rt, id, nullptr)
    , m_parties(parties)
{}

// Barrier.wait: `async with self._cond:` around _block, then _release for the last party or
// _wait for the others, and _exit in a finally.
Co AsyncBarrier::wait(StringId step, Value *index)
{
    co_await m_cond.lock().acquire(step);
    std::optional<PyError> error;
    try {
        co_await m_cond.waitFor(
            [this] { return m_state != State::Draining && m_state != State::Resetting; }, step);
        if (m_state == State::Broken)
            throw PyError{
                QStringLiteral("BrokenBarrierError"), QStringLiteral("Barrier aborted"), {}};
        const int arrived = m_count++;
        std::optional<PyError> inner;
        try {
            if (arrived + 1 == m_parties) {
                m_state = State::Draining;
                m_cond.notifyAll();
            } else {
                co_await m_cond.waitFor([this] { return m_state != State::Filling; }, step);
                if (m_state == State::Broken || m_state == State::Resetting)
                    throw PyError{QStringLiteral("BrokenBarrierError"),
                                  QStringLiteral("Abort or reset of barrier"),
                                  {}};
            }
            *index = Value::integer(arrived);
        } catch (const PyError &e) {
            inner = e;
        }
        --m_count;
        exit();
        if (inner)
            throw *inner;
    } catch (const PyError &e) {
        error = e;
    }
    m_cond.lock().release();
    if (error)
        throw *error;
}

void AsyncBarrier::exit()
{
    if (m_count != 0)
        return;
    if (m_state == State::Resetting || m_state == State::Draining)
        m_state = State::Filling;
    m_cond.notifyAll();
}

QString AsyncBarrier::repr() const
{
    static constexpr const char *kStates[] = {"filling", "draining", "resetting", "broken"};
    QString extra = QLatin1String(kStates[int(m_state)]);
    if (m_state != State::Broken)
        extra += QStringLiteral(", waiters:%1/%2").arg(waiting()).arg(m_parties);
    quint64 hash = 1469598103934665603ULL; // FNV-1a of the id: an address that stays put
    for (const QChar c : id())
        hash = (hash ^ c.unicode()) * 1099511628211ULL;
    const quint64 address = 0x7f0000000000ULL | ((hash & 0xffffffffffULL) & ~0xfULL);
    return QStringLiteral("<asyncio.locks.Barrier object at 0x%1 [%2]>")
        .arg(address, 0, 16)
        .arg(extra);
}

std::unique_ptr<Primitive> makeConditionOrBarrier(Runtime &rt, const Resource &resource)
{
    if (resource.kind == ResourceKind::Barrier)
        return std::make_unique<AsyncBarrier>(rt, resource.id, resource.parties);
    return std::make_unique<AsyncCondition>(rt, resource.id,
                                            rt.primitiveAs<AsyncLock>(resource.lock));
}

Co conditionWait(Runtime &rt, const Step &step, Frame &frame)
{
    AsyncCondition &condition = primitive<AsyncCondition>(rt, step.resource);
    if (step.kind == StepKind::ConditionWait) {
        co_await condition.wait(rt.stepId(step));
        co_return;
    }
    co_await condition.waitFor([&] { return evaluate(rt, frame, step.predicate).truthy(); },
                               rt.stepId(step));
}

void notify(Runtime &rt, const Step &step, Frame &frame)
{
    AsyncCondition &condition = primitive<AsyncCondition>(rt, step.resource);
    if (step.kind == StepKind::NotifyAll)
        condition.notifyAll();
    else
        condition.notify(number(rt, frame, step.n));
}

Co barrierWait(Runtime &rt, const Step &step, Frame &frame)
{
    Value index;
    co_await primitive<AsyncBarrier>(rt, step.resource).wait(rt.stepId(step), &index);
    if (!step.as.isEmpty())
        assign(rt, frame, step.as, std::move(index));
}

// `async with asyncio.timeout(seconds):` — None: no deadline (the block still converts
// nothing). TimeoutScope is timeouts.py's Timeout: the task is cancelled at the deadline and
// __aexit__ turns that CancelledError into TimeoutError.
Co timeoutBlock(Runtime &rt, const Step &step, Frame &frame)
{
    if (!step.limit) {
        co_await runSteps(rt, step.steps, frame);
        co_return;
    }
    TimeoutScope scope(rt, *rt.current, number(rt, frame, *step.limit));
    std::optional<PyError> error;
    try {
        co_await runSteps(rt, step.steps, frame);
    } catch (const PyError &e) {
        error = e;
    }
    error = scope.exit(error);
    if (error)
        throw *error;
}

} // namespace loopscope::rt
