// asyncio.shield(aw) (tasks.py): an outer future that follows the inner one; cancelling the
// outer one (the awaiting task cancelled) leaves the inner one running.
#include "frame_scope.h"
#include "interpreter_ops.h"

#include "waiting.h"

namespace loopscope::rt {

namespace {

class ShieldFuture final : public Future
{
public:
    ShieldFuture(Runtime &rt, Ref<Future> inner)
        : Future(rt.loop)
        , m_inner(std::move(inner))
        , m_self(this)
    {
        m_inner->addDoneCallback(innerCallback());
    }

    // _outer_done_callback: the inner future no longer reports to this one.
    bool cancel() override
    {
        const bool cancelled = Future::cancel();
        if (cancelled && !m_inner->done())
            m_inner->removeDoneCallback(innerCallback());
        if (cancelled)
            release();
        return cancelled;
    }

private:
    Callback innerCallback() { return Callback{&innerDoneCb, this, 0}; }

    // _inner_done_callback
    static void innerDoneCb(void *self, std::uintptr_t)
    {
        auto *outer = static_cast<ShieldFuture *>(self);
        Ref<Future> keep = outer->m_self; // alive to the end of this callback
        const Future &inner = *outer->m_inner;
        if (outer->cancelled()) {
            if (auto *task = dynamic_cast<const Task *>(&inner); task && !inner.cancelled())
                const_cast<Task *>(task)->exceptionRetrieved = true;
            return;
        }
        outer->doneBy = inner.doneBy;
        if (inner.cancelled())
            outer->Future::cancel();
        else if (inner.failed())
            outer->setException(*inner.error());
        else
            outer->setResult(resultOf(inner));
        outer->release();
    }

    void release() { m_self = Ref<Future>(); }

    Ref<Future> m_inner;
    Ref<Future> m_self; // held while the inner future may still call back
};

} // namespace

Ref<Future> shieldOf(Runtime &rt, const Step &step, Frame &frame)
{
    Ref<Future> inner = step.task.isEmpty()
                            ? Ref<Future>(spawn(rt, step.coro, step.args, QString(), frame))
                            : Ref<Future>(taskIn(rt, frame, step.task));
    if (inner->done())
        return inner;
    return Ref<Future>(new ShieldFuture(rt, std::move(inner)));
}

Co shieldStep(Runtime &rt, const Step &step, Frame &frame, Value *result)
{
    Ref<Future> outer = shieldOf(rt, step, frame);
    co_await FutureAwait{rt, outer, LaneState::Waiting, rt.intern(QStringLiteral("shield")),
                         rt.stepId(step)};
    *result = resultOf(*outer);
}

} // namespace loopscope::rt
