// Expressions of a running scenario: the names a frame sees (its locals, then the module's
// globals, then the resources by id, then the builtins), scenario time as the clock, the run's
// seeded random generator, and the fields that hold expressions (durations, values, print
// text, conditions) evaluated through them. Parsed once per text and run (Runtime::parsed).
#pragma once

#include "frame.h"
#include "scenario/expr/scope.h"
#include "scenario/scenario.h"

namespace loopscope::rt {

class Runtime;

class FrameScope final : public expr::Scope
{
public:
    FrameScope(Runtime &rt, const Frame &frame)
        : m_rt(rt)
        , m_frame(frame)
    {}
    std::optional<Value> lookup(const QString &name) override;
    double clock() override;
    expr::Random &random() override;
    bool loopRunning() override;

private:
    Runtime &m_rt;
    const Frame &m_frame;
};

// Python expression text, in the frame. Errors are raised as the PyError Python raises.
Value evaluate(Runtime &rt, const Frame &frame, const QString &text);
double numberOf(Runtime &rt, const Frame &frame, const Quantity &q); // number()'s slow path
// An f-string body (print's text): `{expr!r:spec}` fields, `{{` and `}}`.
QString formatText(Runtime &rt, const Frame &frame, const QString &body);
// A numeric field: a literal costs nothing; otherwise its expression must give a number.
inline double number(Runtime &rt, const Frame &frame, const Quantity &q)
{
    if (!q.isParam()) [[likely]]
        return q.value;
    return numberOf(rt, frame, q);
}
// A value field: "$expr" evaluated, "$$..." a literal "$...", other strings with their {name}s
// substituted, other literals as written.
Value resolve(Runtime &rt, const Frame &frame, const PyValue &v);
// Text fields (a task's name, raise's message): {name} replaced by the value of a variable;
// unknown names stay as written.
QString substitute(Runtime &rt, const Frame &frame, const QString &text);
// The callee's frame: the arguments as the caller's frame sees them.
Frame bind(Runtime &rt, const Frame &frame, const PyArgs &args);
// The parameters a call left out take their defaults (TypeError as Python's when one has none).
void fillDefaults(Runtime &rt, const Coroutine &callee, Frame &frame);
// `target = value`: a name or a tuple of names ("done, pending"), unpacked as Python does.
void assign(Runtime &rt, Frame &frame, const QString &target, Value value);
// The truth of a condition (if, while).
bool truth(Runtime &rt, const Frame &frame, const QString &cond);
// A task field: an expression (`t`, `tasks[0]`) that must give a task.
Task *taskIn(Runtime &rt, const Frame &frame, const QString &text);

} // namespace loopscope::rt
