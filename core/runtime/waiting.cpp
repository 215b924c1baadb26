// asyncio.wait, asyncio.as_completed and asyncio.shield, after CPython 3.12's tasks.py.
#include "waiting.h"

#include "frame_scope.h"
#include "interpreter_ops.h"
#include "scenario/expr/builtins.h"
#include "scenario/expr/error.h"

#include <algorithm>

namespace loopscope::rt {

namespace {

// set(fs): each future once, in the order first given. CPython's sets order tasks by their
// hash (an address): Loopscope's done and pending iterate in the order the items were given.
std::vector<Ref<Future>> distinct(std::vector<Ref<Future>> futures)
{
    std::vector<Ref<Future>> out;
    for (Ref<Future> &f : futures)
        if (std::find(out.begin(), out.end(), f) == out.end())
            out.push_back(std::move(f));
    return out;
}

Value futureValue(Future &future)
{
    if (auto *task = dynamic_cast<Task *>(&future))
        return taskValue(*task);
    return Value{}; // a run_in_executor or shield future: not a value scenarios can use yet
}

// A set of tasks as `done` and `pending` are: len(), iteration (in the order above), `in`.
class FutureSet final : public expr::Object
{
public:
    explicit FutureSet(expr::Values items)
        : m_items(std::move(items))
    {}
    QString typeName() const override { return QStringLiteral("set"); }
    QString repr() const override
    {
        if (m_items.empty())
            return QStringLiteral("set()");
        QStringList parts;
        for (const Value &v : m_items)
            parts << v.repr();
        return QLatin1Char('{') + parts.join(QLatin1String(", ")) + QLatin1Char('}');
    }
    std::optional<expr::Values> iterate() override { return m_items; }
    std::optional<qint64> length() const override { return qint64(m_items.size()); }
    // set.pop(): CPython's takes an element in hash order; here the first in iteration order,
    // which is CPython's whenever the set holds one element (the usual `done.pop()`).
    Value callMethod(const QString &name, const expr::Values &args, expr::Scope &) override
    {
        if (name != QLatin1String("pop"))
            raiseNoAttribute(name);
        expr::requireArgs(QStringLiteral("set.pop"), args, 0, 0);
        if (m_items.empty())
            expr::raise("KeyError", QStringLiteral("'pop from an empty set'"));
        Value out = m_items.front();
        m_items.erase(m_items.begin());
        return out;
    }

private:
    expr::Values m_items;
};

// _wait's state: the waiter, the count of futures not done, and return_when. `timeoutHandle`
// guards the timeout's timer (null without a timeout); done is CPython's
// timeout_handle.cancel(), in _on_completion or in _wait's finally (a cancelled task's timer
// goes only when the task resumes, an iteration after its waiter was cancelled).
struct WaitState
{
    Ref<Future> waiter;
    Ref<Future> timeoutHandle;
    std::size_t counter = 0;
    QString returnWhen;
    int lane = -1;
};

void cancelTimeout(WaitState &state)
{
    if (state.timeoutHandle && !state.timeoutHandle->done())
        state.timeoutHandle->setResult();
}

void onCompletion(void *self, std::uintptr_t futurePtr)
{
    auto *state = static_cast<WaitState *>(self);
    auto *f = reinterpret_cast<Future *>(futurePtr);
    if (state->counter > 0)
        --state->counter;
    const bool failed = !f->cancelled() && f->failed();
    if (state->counter == 0 || state->returnWhen == QLatin1String("FIRST_COMPLETED")
        || (state->returnWhen == QLatin1String("FIRST_EXCEPTION") && failed)) {
        cancelTimeout(*state);
        if (!state->waiter->done()) {
            state->waiter->doneBy = f->doneBy;
            state->waiter->setResult();
        }
    }
}

void releaseWaiter(void *self, std::uintptr_t)
{
    auto *waiter = static_cast<Future *>(self);
    if (!waiter->done())
        waiter->setResult();
}

} // namespace

Co waitStep(Runtime &rt, const Step &step, Frame &frame)
{
    std::vector<Ref<Future>> fs = distinct(itemFutures(rt, step.items, frame));
    if (fs.empty())
        throw PyError{
            QStringLiteral("ValueError"), QStringLiteral("Set of Tasks/Futures is empty."), {}};
    auto state = std::make_shared<WaitState>();
    state->waiter = Ref<Future>(new Future(rt.loop));
    state->counter = fs.size();
    state->returnWhen = step.returnWhen;
    rt.pendingCallbacks.emplace(state.get(), state); // a callback already scheduled still runs
    if (step.limit) {                                // call_later(timeout, _release_waiter)
        state->timeoutHandle = Ref<Future>(new Future(rt.loop));
        rt.loop.callAt(rt.now() + number(rt, frame, *step.limit),
                       Callback{&releaseWaiter, state->waiter.get(), 0}, state->timeoutHandle);
    }
    for (const Ref<Future> &f : fs)
        f->addDoneCallback(
            Callback{&onCompletion, state.get(), reinterpret_cast<std::uintptr_t>(f.get())});
    std::optional<PyError> error;
    try {
        co_await FutureAwait{rt, state->waiter, LaneState::Waiting,
                             rt.intern(QStringLiteral("wait")), rt.stepId(step)};
    } catch (const PyError &e) {
        error = e;
    }
    cancelTimeout(*state); // the finally
    for (const Ref<Future> &f : fs)
        f->removeDoneCallback(
            Callback{&onCompletion, state.get(), reinterpret_cast<std::uintptr_t>(f.get())});
    if (error)
        throw *error;
    expr::Values done, pending;
    for (const Ref<Future> &f : fs)
        (f->done() ? done : pending).push_back(futureValue(*f));
    if (!step.as.isEmpty())
        assign(rt, frame, step.as,
               Value::tuple({Value::object(std::make_shared<FutureSet>(std::move(done))),
                             Value::object(std::make_shared<FutureSet>(std::move(pending)))}));
}

namespace {

// as_completed's state: `done`, the queue its completions go to (null: the timeout's dummy),
// `todo`, and the getter of _wait_for_one's `await done.get()`.
struct CompletionQueue
{
    std::deque<Ref<Future>> done;
    std::vector<Ref<Future>> todo;
    Ref<Future> getter;
    Ref<Future> timeoutGuard; // done: timeout_handle cancelled

    void put(Ref<Future> f)
    {
        done.push_back(std::move(f));
        if (getter && !getter->done()) { // Queue._wakeup_next
            getter->doneBy = done.back() ? done.back()->doneBy : -1;
            getter->setResult();
        }
    }
};

void onCompleted(void *self, std::uintptr_t futurePtr)
{
    auto *q = static_cast<CompletionQueue *>(self);
    if (q->todo.empty())
        return; // _on_timeout() was here first
    auto it = std::find_if(q->todo.begin(), q->todo.end(), [&](const Ref<Future> &f) {
        return f.get() == reinterpret_cast<Future *>(futurePtr);
    });
    if (it == q->todo.end())
        return;
    Ref<Future> f = *it;
    q->todo.erase(it);
    q->put(f);
    if (q->todo.empty() && q->timeoutGuard && !q->timeoutGuard->done())
        q->timeoutGuard->setResult();
}

void onAsCompletedTimeout(void *self, std::uintptr_t)
{
    auto *q = static_cast<CompletionQueue *>(self);
    for (const Ref<Future> &f : q->todo) {
        f->removeDoneCallback(Callback{&onCompleted, q, reinterpret_cast<std::uintptr_t>(f.get())});
        q->put(Ref<Future>());
    }
    q->todo.clear();
}

// _wait_for_one: `f = await done.get()`, which does not suspend when an item is there.
Co waitForOne(Runtime &rt, CompletionQueue &q, StringId step, Value *result)
{
    while (q.done.empty()) {
        q.getter = Ref<Future>(new Future(rt.loop));
        co_await FutureAwait{rt, q.getter, LaneState::Waiting,
                             rt.intern(QStringLiteral("as_completed")), step};
    }
    Ref<Future> f = q.done.front();
    q.done.pop_front();
    if (!f)
        throw PyError{QStringLiteral("TimeoutError"), {}, {}};
    if (f->cancelled())
        throw f->takeCancelledError();
    if (f->failed()) {
        if (auto *task = dynamic_cast<Task *>(f.get()))
            task->exceptionRetrieved = true;
        throw *f->error();
    }
    *result = resultOf(*f);
}

} // namespace

// `for f in asyncio.as_completed(items, timeout=t): as = await f; steps`. The generator makes
// its tasks when the loop first asks it for one, so the items are made here, and it yields as
// many awaitables as there were distinct futures.
Co asCompleted(Runtime &rt, const Step &step, Frame &frame)
{
    auto q = std::make_shared<CompletionQueue>();
    q->todo = distinct(itemFutures(rt, step.items, frame));
    rt.pendingCallbacks.emplace(q.get(), q);
    const std::size_t rounds = q->todo.size();
    for (const Ref<Future> &f : q->todo)
        f->addDoneCallback(
            Callback{&onCompleted, q.get(), reinterpret_cast<std::uintptr_t>(f.get())});
    if (!q->todo.empty() && step.limit) {
        q->timeoutGuard = Ref<Future>(new Future(rt.loop));
        rt.loop.callAt(rt.now() + number(rt, frame, *step.limit),
                       Callback{&onAsCompletedTimeout, q.get(), 0}, q->timeoutGuard);
    }
    for (std::size_t i = 0; i < rounds; ++i) {
        Value result;
        co_await waitForOne(rt, *q, rt.stepId(step), &result);
        if (!step.as.isEmpty())
            assign(rt, frame, step.as, result);
        co_await runSteps(rt, step.steps, frame);
        if (frame.flow == Flow::Continue)
            frame.flow = Flow::Next;
        if (frame.flow == Flow::Break)
            frame.flow = Flow::Next;
        else if (frame.flow == Flow::Next)
            continue;
        break; // a break, or a return for the coroutine
    }
}

} // namespace loopscope::rt
