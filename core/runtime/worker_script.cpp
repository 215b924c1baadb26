#include "worker_script.h"

#include "frame_scope.h"
#include "interpreter.h"
#include "runtime.h"

namespace loopscope::rt {

namespace {

Co functionBody(Runtime &rt, const Coroutine &function, Frame &frame, Value *result)
{
    fillDefaults(rt, function, frame);
    co_await runSteps(rt, function.steps, frame);
    if (frame.flow == Flow::Return)
        *result = std::move(frame.returned);
}

// The run's state while a function runs outside the task that was current: no task is
// current, events go to `lane` at `t`. Restored when the function suspends or ends.
class OutsideTasks
{
public:
    OutsideTasks(Runtime &rt, int lane, double t)
        : m_rt(rt)
        , m_current(std::exchange(rt.current, nullptr))
        , m_lane(std::exchange(rt.laneOverride, lane))
        , m_time(std::exchange(rt.eventTime, t))
    {}
    ~OutsideTasks()
    {
        m_rt.current = m_current;
        m_rt.laneOverride = m_lane;
        m_rt.eventTime = m_time;
    }
    OutsideTasks(const OutsideTasks &) = delete;
    OutsideTasks &operator=(const OutsideTasks &) = delete;

private:
    Runtime &m_rt;
    Task *m_current;
    int m_lane;
    double m_time;
};

// The PyError a finished body raised, if any (RunStopped and the like go on up).
std::optional<PyError> raisedBy(const Co &body)
{
    if (!body.error())
        return std::nullopt;
    try {
        std::rethrow_exception(body.error());
    } catch (const PyError &e) {
        return e;
    }
}

} // namespace

const Coroutine &functionNamed(Runtime &rt, const QString &name)
{
    if (const Coroutine *f = rt.scenario.function(name))
        return *f;
    throw PyError{
        QStringLiteral("NameError"), QStringLiteral("name '%1' is not defined").arg(name), {}};
}

WorkerScript::WorkerScript(Runtime &rt, const Coroutine &function, Frame frame)
    : m_rt(rt)
    , m_frame(std::move(frame))
{
    m_frame.worker = this;
    m_body = functionBody(rt, function, m_frame, &m_result);
}

std::optional<Segment> WorkerScript::advance(double t, int lane)
{
    if (m_body.done())
        return std::nullopt;
    m_next.reset();
    const std::coroutine_handle<> h
        = m_resume ? std::exchange(m_resume, {}) : std::coroutine_handle<>(m_body.handle());
    {
        OutsideTasks outside(m_rt, lane, t);
        h.resume();
    }
    if (!m_body.done())
        return m_next;
    m_error = raisedBy(m_body);
    return std::nullopt;
}

Value runFunctionNow(Runtime &rt, const Coroutine &function, Frame frame)
{
    Value result;
    Co body = functionBody(rt, function, frame, &result);
    {
        OutsideTasks outside(rt, rt.callbackLane(), -1.0);
        body.handle().resume();
    }
    if (!body.done()) // the validator keeps awaits out of functions
        throw PyError{QStringLiteral("RuntimeError"),
                      QStringLiteral("function '%1' awaited").arg(function.name),
                      {}};
    if (const auto error = raisedBy(body))
        throw *error;
    if (body.error())
        std::rethrow_exception(body.error());
    return result;
}

} // namespace loopscope::rt
