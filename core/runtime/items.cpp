// The awaitables of gather, wait and as_completed, and to_thread / run_in_executor with a plain
// function: what asyncio makes of each (tasks.py's ensure_future, base_events.run_in_executor).
#include "interpreter_ops.h"

#include "pools.h"
#include "scenario/expr/error.h"
#include "scenario/expr/eval.h"
#include "scenario/expr/operators.h"
#include "scenario/expr/parser.h"
#include "scenario/expr/scope.h"
#include "waiting.h"
#include "worker_script.h"

namespace loopscope::rt {

namespace {

// The frame's names for an expression. Slice C's FrameScope (globals, resources) replaces this
// when it lands; until then a frame's locals are what an item or predicate can name.
class LocalScope final : public expr::Scope
{
public:
    LocalScope(Runtime &rt, Frame &frame)
        : m_rt(rt)
        , m_frame(frame)
    {}
    std::optional<Value> lookup(const QString &name) override
    {
        if (const Value *v = m_frame.find(name))
            return *v;
        return std::nullopt;
    }
    double clock() override { return m_rt.now(); }
    expr::Random &random() override { return m_random; }

private:
    Runtime &m_rt;
    Frame &m_frame;
    expr::Random m_random;
};

// The task running an awaitable op (asyncio.sleep(...), asyncio.to_thread(...)): ensure_future
// wraps the coroutine in a task, whose result is the op's value.
Co runItemOp(Runtime &rt, const Step &step, Frame frame)
{
    Value result;
    if (step.kind == StepKind::Sleep)
        co_await Sleep{rt, frame.number(step.seconds), rt.stepId(step)};
    else
        co_await offloadTo(rt, step, frame, &result);
    rt.current->keepResult(std::move(result));
}

Ref<Future> opItem(Runtime &rt, const Step &step, Frame &frame)
{
    switch (step.kind) {
    case StepKind::RunInExecutor: { // a future, not a coroutine: no task
        std::shared_ptr<WorkerScript> script;
        if (!step.function.isEmpty())
            script = std::make_shared<WorkerScript>(rt, functionNamed(rt, step.function),
                                                    frame.bind(step.args));
        return rt.pools->submit(step.resource, step.work,
                                script ? 0.0 : frame.number(step.seconds), rt.stepId(step),
                                rt.currentLane(), std::move(script));
    }
    case StepKind::Shield:
        return shieldOf(rt, step, frame);
    default: // sleep, to_thread: coroutines, so tasks
        return rt.createTask(opName(step.kind), {}, runItemOp(rt, step, frame));
    }
}

void addStar(Runtime &rt, const QString &text, Frame &frame, std::vector<Ref<Future>> &out)
{
    const Value value = evaluateIn(rt, frame, text);
    expr::Values items;
    try {
        items = expr::iterate(value);
    } catch (const expr::Error &e) {
        throw PyError{e.type, e.message, {}};
    }
    for (const Value &item : items) {
        Task *task = taskOf(item);
        if (!task)
            throw PyError{QStringLiteral("TypeError"),
                          QStringLiteral("An asyncio.Future, a coroutine or an awaitable is "
                                         "required"),
                          {}};
        out.emplace_back(task);
    }
}

} // namespace

Value evaluateIn(Runtime &rt, Frame &frame, const QString &text)
{
    LocalScope scope(rt, frame);
    try {
        return expr::evaluate(expr::Expr::parse(text), scope);
    } catch (const expr::Error &e) {
        throw PyError{e.type, e.message, {}};
    }
}

std::vector<Ref<Future>> itemFutures(Runtime &rt, const std::vector<GatherItem> &items,
                                     Frame &frame)
{
    std::vector<Ref<Future>> futures;
    for (const GatherItem &item : items) {
        if (item.isOp())
            futures.push_back(opItem(rt, item.awaitable.front(), frame));
        else if (item.isStar())
            addStar(rt, item.star, frame, futures);
        else if (item.isTask())
            futures.emplace_back(frame.task(item.task));
        else
            futures.emplace_back(spawn(rt, item.coro, item.args, item.name, frame));
    }
    return futures;
}

Co offloadTo(Runtime &rt, const Step &step, Frame &frame, Value *result)
{
    const QString pool = step.kind == StepKind::ToThread ? QString() : step.resource;
    std::shared_ptr<WorkerScript> script;
    if (!step.function.isEmpty())
        script = std::make_shared<WorkerScript>(rt, functionNamed(rt, step.function),
                                                frame.bind(step.args));
    Ref<Future> done
        = rt.pools->submit(pool, step.work, script ? 0.0 : frame.number(step.seconds),
                           rt.stepId(step), rt.currentLane(), std::move(script));
    const bool process = rt.pools->isProcessPool(pool);
    co_await FutureAwait{rt, done, LaneState::Waiting, process ? rt.s.process : rt.s.thread,
                         rt.stepId(step)};
    *result = resultOf(*done);
}

} // namespace loopscope::rt
