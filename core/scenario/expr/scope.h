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
    // time.time(): the scenario's wall clock, which starts at kScenarioEpoch (the same on every
    // machine, so a run that prints the time of day prints the same everywhere).
    virtual double wallClock() { return kScenarioEpoch + clock(); }
    // 2024-01-01 17:13:52 UTC: the first instant the Python docs' asyncio examples print.
    static constexpr double kScenarioEpoch = 1704129232.0;
    virtual Random &random() = 0;
    // Whether the event loop runs the code (a task, a callback), as asyncio.get_running_loop()
    // asks: not the module's own code outside asyncio.run or loop.run_forever().
    virtual bool loopRunning() { return true; }
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
    bool loopRunning() override { return m_outer.loopRunning(); }

private:
    Scope &m_outer;
    std::vector<std::pair<QString, Value>> m_names;
};

} // namespace loopscope::expr
