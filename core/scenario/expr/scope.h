// What an expression sees of the program running it. The runtime implements Scope: names map
// to a coroutine's locals, the module's globals, resources and tasks; the clock is scenario
// time; the random generator belongs to the run.
#pragma once

#include "scenario/expr/random.h"
#include "scenario/expr/value.h"

namespace loopscope::expr {

class Scope
{
public:
    virtual ~Scope() = default;
    // The value bound to name, or nullopt: then the builtins, then NameError.
    virtual std::optional<Value> lookup(const QString &name) = 0;
    // Scenario time in seconds: time.perf_counter(), time.monotonic(), loop.time().
    virtual double clock() = 0;
    // time.time(); scenario time too unless the runtime says otherwise.
    virtual double wallClock() { return clock(); }
    virtual Random &random() = 0;
};

// A scope of its own names over another: a comprehension's loop variables.
class NestedScope : public Scope
{
public:
    explicit NestedScope(Scope &outer)
        : m_outer(outer)
    {}
    void bind(const QString &name, const Value &value);
    std::optional<Value> lookup(const QString &name) override;
    double clock() override { return m_outer.clock(); }
    double wallClock() override { return m_outer.wallClock(); }
    Random &random() override { return m_outer.random(); }

private:
    Scope &m_outer;
    std::vector<std::pair<QString, Value>> m_names;
};

} // namespace loopscope::expr
