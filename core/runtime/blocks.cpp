// The ops with a body: task_group, with, try, repeat, drain.
#include "frame_scope.h"
#include "interpreter_ops.h"

#include "condition.h"
#include "objects.h"
#include "pools.h"
#include "primitives.h"
#include "structured.h"

namespace loopscope::rt {

Co taskGroup(Runtime &rt, const Step &step, Frame &frame)
{
    TaskGroupScope group(rt, *rt.current);
    TaskGroupScope *outerGroup = std::exchange(frame.group, &group);
    std::optional<PyError> bodyError;
    try {
        co_await runSteps(rt, step.steps, frame);
    } catch (const PyError &e) {
        bodyError = e;
    }
    frame.group = outerGroup;
    co_await group.exit(bodyError, rt.stepId(step));
}

Co withResource(Runtime &rt, const Step &step, Frame &frame)
{
    const StringId id = rt.stepId(step);
    auto *lock = rt.primitiveAs<AsyncLock>(step.resource);
    if (auto *condition = rt.primitiveAs<AsyncCondition>(step.resource))
        lock = &condition->lock(); // `async with condition:` is `async with condition._lock:`
    AsyncSemaphore *sem = lock ? nullptr : &primitive<AsyncSemaphore>(rt, step.resource);
    if (lock)
        co_await lock->acquire(id);
    else
        co_await sem->acquire(id);
    std::optional<PyError> error;
    try {
        co_await runSteps(rt, step.steps, frame);
    } catch (const PyError &e) {
        error = e;
    }
    if (lock)
        lock->release();
    else
        sem->release();
    if (error)
        throw *error;
}

// `except <handler>:` catches the class and its subclasses; `*` is `except Exception`, which
// lets BaseException, GeneratorExit, KeyboardInterrupt, SystemExit, BaseExceptionGroup and
// CancelledError through.
bool handles(const QString &handler, const PyError &e)
{
    if (handler == QLatin1String("*"))
        return pyexc::isException(e.type);
    return e.type == handler || pyexc::isSubclass(e.type, handler);
}

// The end of `except E as e:`: Python deletes e (`del e`), whatever way the handler left.
void unbindHandled(Runtime &rt, Frame &frame, const QString &name)
{
    if (name.isEmpty())
        return;
    if (frame.isGlobal(name))
        rt.globals.erase(name);
    else
        frame.vars.erase(name);
}

// One handler: the exception it caught is the one being handled while it runs (what a bare
// `raise` re-raises) and, with `as`, bound to that name. What the handler raises, if anything.
Co runHandler(Runtime &rt, const ExceptClause &clause, Frame &frame, PyError caught,
              std::optional<PyError> &raised)
{
    if (!clause.as.isEmpty())
        assign(rt, frame, clause.as, exceptionValue(caught));
    frame.handling.push_back(std::move(caught));
    try {
        co_await runSteps(rt, clause.steps, frame);
    } catch (const PyError &e) {
        raised = e;
    }
    frame.handling.pop_back();
    unbindHandled(rt, frame, clause.as);
}

Co tryStep(Runtime &rt, const Step &step, Frame &frame)
{
    std::optional<PyError> pending;
    try {
        co_await runSteps(rt, step.steps, frame);
    } catch (const PyError &e) {
        pending = e;
    }
    if (pending) {
        for (const ExceptClause &clause : step.excepts) {
            if (!handles(clause.error, *pending))
                continue;
            PyError caught = *std::exchange(pending, std::nullopt);
            co_await runHandler(rt, clause, frame, std::move(caught), pending);
            break;
        }
    }
    if (step.finallySteps) {
        // The body's break, continue or return waits while finally runs; one of finally's own
        // replaces it, and drops the pending exception, as in Python. A pending exception is
        // being handled while finally runs (a bare `raise` there re-raises it).
        const Flow leaving = std::exchange(frame.flow, Flow::Next);
        if (pending)
            frame.handling.push_back(*pending);
        std::optional<PyError> raised;
        try {
            co_await runSteps(rt, *step.finallySteps, frame);
        } catch (const PyError &e) {
            raised = e;
        }
        if (pending)
            frame.handling.pop_back();
        if (raised)
            throw *raised;
        if (frame.flow != Flow::Next)
            co_return;
        frame.flow = leaving;
    }
    if (pending)
        throw *pending;
}

Rounds repeatRounds(Runtime &rt, const Step &step, Frame &frame)
{
    Rounds rounds;
    rounds.forever = !step.count.has_value();
    rounds.count = rounds.forever ? 0 : number(rt, frame, *step.count);
    if (!step.var.isEmpty())
        rounds.var = &step.var;
    rounds.loop = true;
    return rounds;
}

Co drain(Runtime &rt, const Step &step, Frame &frame)
{
    auto &queue = primitive<AsyncQueue>(rt, step.resource);
    while (!queue.empty()) {
        rt.checkLimits(); // a body that puts back what it got never suspends
        Value item;
        co_await queue.get(&item, rt.stepId(step));
        if (!step.as.isEmpty())
            assign(rt, frame, step.as, std::move(item));
        co_await runSteps(rt, step.steps, frame);
        if (frame.flow == Flow::Next)
            continue;
        if (frame.flow == Flow::Return || std::exchange(frame.flow, Flow::Next) == Flow::Break)
            co_return;
    }
}

} // namespace loopscope::rt
