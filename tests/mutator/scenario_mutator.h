// Structure-aware mutation of scenarios, for the runtime fuzzer and the mutation tests: each
// edit changes the model as a person editing the canvas would (insert, delete, swap or wrap
// steps; retarget tasks, resources and coroutines; change counts and durations; add a
// coroutine), and only edits that leave a valid scenario are returned. Byte-level mutation of
// JSON almost never gives a valid scenario, so without this the runtime fuzzer spends its time
// on the reader.
#pragma once

#include "scenario/scenario.h"

#include <cstdint>
#include <map>
#include <optional>
#include <random>

namespace loopscope::test {

// The ways a task can be in when it is used, and the ways to use it: the class of the crash
// that `gather` of a finished task caused (every pair must be reachable).
enum class TaskState { Pending, Done, Failed, Cancelled };
enum class TaskUse { Await, Gather, GatherReturningExceptions, WaitFor, Cancel, AwaitFromTwoTasks };

class ScenarioMutator
{
public:
    // `threads` false: no block, cpu, to_thread or pool steps are inserted (differential.py's
    // CPython side runs on a virtual clock that time.sleep and threads do not move).
    explicit ScenarioMutator(std::uint32_t seed, bool threads = true)
        : m_random(seed)
        , m_threads(threads)
    {}

    // One random edit that leaves a valid scenario, or nullopt when `tries` edits in a row
    // did not. Notes, layout and variants are dropped: they do not change a run.
    std::optional<Scenario> mutate(const Scenario &scenario, int tries = 16);

    // How often each (state, use) pair was inserted into a scenario that stayed valid.
    const std::map<std::pair<TaskState, TaskUse>, int> &taskUses() const { return m_taskUses; }

private:
    bool edit(Scenario &scenario);
    bool insertStep(Scenario &scenario);
    bool insertTaskUse(Scenario &scenario);
    bool deleteStep(Scenario &scenario);
    bool swapSteps(Scenario &scenario);
    bool wrapStep(Scenario &scenario);
    bool retarget(Scenario &scenario);
    bool changeQuantity(Scenario &scenario);
    bool addCoroutine(Scenario &scenario);

    int below(int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(m_random)); }
    bool chance(int percent) { return below(100) < percent; }
    double duration();
    QString freshName(const Scenario &scenario, const QString &prefix);

    std::mt19937 m_random;
    bool m_threads = true;
    std::optional<std::pair<TaskState, TaskUse>> m_pendingUse; // set by insertTaskUse
    std::map<std::pair<TaskState, TaskUse>, int> m_taskUses;
};

} // namespace loopscope::test
