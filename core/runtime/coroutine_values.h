// A coroutine of the scenario named in an expression (`fetch`), and the coroutine object a
// call of it makes (`fetch(i)`): what `gather(*(fetch(i) for i in range(3)))` and
// `wait([...])` wrap in tasks, in the order the expression gives them (ensure_future).
#pragma once

#include "frame.h"
#include "future.h"
#include "scenario/scenario.h"
#include "value.h"

#include <memory>

namespace loopscope::rt {

class Runtime;

// The coroutine object: the callee and its arguments, bound as Python binds a call.
class CoroutineCall : public expr::Object
{
public:
    CoroutineCall(const Coroutine &coroutine, Frame frame)
        : m_coroutine(coroutine)
        , m_frame(std::move(frame))
    {}
    QString typeName() const override { return QStringLiteral("coroutine"); }
    QString repr() const override;
    const Coroutine &coroutine() const { return m_coroutine; }
    // The first task ensure_future made of it: gather(c, c) makes one task (its arg_to_fut); a
    // later gather of the same object makes a task that fails (items.cpp, reuseAwaited).
    Ref<Future> task;
    Frame takeFrame() { return std::move(m_frame); } // once, for that task

private:
    const Coroutine &m_coroutine;
    Frame m_frame;
};

// `name` as a value when it names a coroutine of the scenario, else nullopt.
std::optional<Value> coroutineFunction(Runtime &rt, const QString &name);
// The coroutine object a value is, or null.
CoroutineCall *coroutineCallOf(const Value &value);

} // namespace loopscope::rt
