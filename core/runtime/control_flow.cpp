// if, for and while: Python's control flow over values. A break, continue or return inside a
// body comes back as Frame::flow (interpreter.h); each loop here takes its own break and
// continue and leaves a return to the coroutine.
#include "frame_scope.h"
#include "interpreter_ops.h"
#include "scenario/expr/error.h"
#include "scenario/expr/operators.h"

namespace loopscope::rt {

namespace {

// After one round of a loop's body: true when the loop goes on.
bool nextRound(Frame &frame)
{
    if (frame.flow == Flow::Next)
        return true;
    if (frame.flow == Flow::Return)
        return false;
    return std::exchange(frame.flow, Flow::Next) == Flow::Continue;
}

expr::Values itemsOf(Runtime &rt, const Frame &frame, const QString &iterable)
{
    const Value value = evaluate(rt, frame, iterable);
    try {
        return expr::iterate(value);
    } catch (const expr::Error &e) {
        throw PyError::fromExpression(e);
    }
}

} // namespace

Co ifStep(Runtime &rt, const Step &step, Frame &frame)
{
    if (truth(rt, frame, step.cond)) {
        co_await runSteps(rt, step.steps, frame);
        co_return;
    }
    for (const ElifClause &clause : step.elifs) {
        if (truth(rt, frame, clause.cond)) {
            co_await runSteps(rt, clause.steps, frame);
            co_return;
        }
    }
    if (step.elseSteps)
        co_await runSteps(rt, *step.elseSteps, frame);
}

// The iterable is evaluated once, to its items, as `for` takes an iterator once: a list the
// body changes does not change the rounds (CPython would see appended items; scenarios cannot
// append).
Co forStep(Runtime &rt, const Step &step, Frame &frame)
{
    for (Value &item : itemsOf(rt, frame, step.iterable)) {
        rt.checkLimits(); // a body that never suspends must still stop
        assign(rt, frame, step.var, std::move(item));
        co_await runSteps(rt, step.steps, frame);
        if (!nextRound(frame))
            co_return;
    }
}

Co whileStep(Runtime &rt, const Step &step, Frame &frame)
{
    while (truth(rt, frame, step.cond)) {
        rt.checkLimits();
        co_await runSteps(rt, step.steps, frame);
        if (!nextRound(frame))
            co_return;
    }
}

bool runFlowInstant(Runtime &rt, const Step &step, Frame &frame)
{
    switch (step.kind) {
    case StepKind::Return:
        frame.returned = resolve(rt, frame, step.value);
        frame.flow = Flow::Return;
        return true;
    case StepKind::Break:
        frame.flow = Flow::Break;
        return true;
    case StepKind::Continue:
        frame.flow = Flow::Continue;
        return true;
    case StepKind::Set:
        assign(rt, frame, step.name, resolve(rt, frame, step.value));
        return true;
    case StepKind::Run: // check allows it only at the program's top level (runner.cpp)
        throw PyError{QStringLiteral("RuntimeError"),
                      QStringLiteral("asyncio.run() cannot be called from a running event loop"),
                      {}};
    default:
        return false;
    }
}

} // namespace loopscope::rt
