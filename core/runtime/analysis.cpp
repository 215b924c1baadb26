#include "analysis.h"

#include "primitives.h"
#include "runtime.h"

#include <QStringList>

#include <map>
#include <set>

namespace loopscope::rt {

namespace {

// The tasks that `task` waits for: the holders of the lock or semaphore it is blocked on,
// or the task it awaits.
std::vector<Task *> waitsFor(Runtime &rt, Task &task)
{
    std::vector<Task *> out;
    const QString on = rt.recorder.str(task.waitingOn());
    auto taskOnLane = [&](int lane) -> Task * {
        for (auto &t : rt.tasks)
            if (t->lane() == lane && !t->done())
                return t.get();
        return nullptr;
    };
    if (Primitive *p = rt.primitive(on)) {
        for (int lane : p->holders)
            if (Task *t = taskOnLane(lane))
                out.push_back(t);
    }
    for (auto &t : rt.tasks)
        if (!t->done() && rt.recorder.laneId(t->lane()) == on)
            out.push_back(t.get());
    return out;
}

QString describeWait(Runtime &rt, Task &task, Task *next)
{
    const QString on = rt.recorder.str(task.waitingOn());
    if (next && rt.primitive(on))
        return QStringLiteral("%1 waits for %2 held by %3").arg(task.name(), on, next->name());
    if (next)
        return QStringLiteral("%1 waits for %2").arg(task.name(), next->name());
    return QStringLiteral("%1 waits for %2")
        .arg(task.name(), on.isEmpty() ? QStringLiteral("nothing") : on);
}

} // namespace

QString describeDeadlock(Runtime &rt)
{
    // Follow the first wait-for edge from each pending task until a task repeats.
    for (auto &start : rt.tasks) {
        if (start->done())
            continue;
        std::vector<Task *> path;
        std::map<Task *, std::size_t> seen;
        Task *t = start.get();
        while (t && !seen.count(t)) {
            seen[t] = path.size();
            path.push_back(t);
            const auto next = waitsFor(rt, *t);
            t = next.empty() ? nullptr : next.front();
        }
        if (!t)
            continue;
        QStringList parts;
        for (std::size_t i = seen[t]; i < path.size(); ++i) {
            Task *next = i + 1 < path.size() ? path[i + 1] : t;
            parts << describeWait(rt, *path[i], next);
        }
        return QStringLiteral("deadlock: ") + parts.join(QStringLiteral(", "));
    }
    QStringList parts;
    for (auto &t : rt.tasks)
        if (!t->done())
            parts << describeWait(rt, *t, nullptr);
    return QStringLiteral("every task waits and nothing can wake it: ")
           + parts.join(QStringLiteral(", "));
}

void reportUnretrievedExceptions(Runtime &rt)
{
    for (auto &t : rt.tasks) {
        if (!t->failed() || t->exceptionRetrieved)
            continue;
        rt.diagnostic(Severity::Error, QStringLiteral("exception-never-retrieved"), t->lane(),
                      QStringLiteral("Task exception was never retrieved: <Task %1> raised %2")
                          .arg(t->name(), t->error()->describe()));
    }
}

} // namespace loopscope::rt
