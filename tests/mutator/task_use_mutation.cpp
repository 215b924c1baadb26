// The class of the crash that `gather` of a finished task caused: a task in every state, used
// in every way (scenario_mutator.h, TaskState and TaskUse).
#include "scenario_model_edits.h"
#include "scenario_mutator.h"

namespace loopscope::test {

// A task made, brought into one state, then used in one way: `t = create_task(c())`, then
// nothing (pending), a sleep past its end (done or failed, by what `c` does) or a cancel, then
// await / gather / wait_for / cancel of it, or awaits of it from two tasks at once. The use is
// wrapped in a try that catches what it may raise, so that the steps after it still run.
bool ScenarioMutator::insertTaskUse(Scenario &scenario)
{
    const TaskState state = TaskState(below(4));
    const TaskUse use = TaskUse(below(6));
    const QString callee = freshName(scenario, QStringLiteral("c"));
    Coroutine worker{callee, {}, {}, {}};
    Step work = makeStep(StepKind::Sleep);
    work.seconds = Quantity::literal(chance(50) ? 0.0 : 0.5);
    worker.steps.push_back(work);
    if (state == TaskState::Failed) {
        Step fail = makeStep(StepKind::Raise);
        fail.error = QStringLiteral("ValueError");
        fail.message = QStringLiteral("failed");
        worker.steps.push_back(fail);
    }
    const QString var = freshName(scenario, QStringLiteral("t"));
    Steps steps;
    Step create = makeStep(StepKind::CreateTask);
    create.coro = callee;
    create.as = var;
    steps.push_back(create);
    if (state == TaskState::Cancelled)
        steps.push_back(taskStep(StepKind::Cancel, var));
    if (state != TaskState::Pending) {
        Step pause = makeStep(StepKind::Sleep);
        pause.seconds = Quantity::literal(1);
        steps.push_back(pause);
    }
    Step guarded = makeStep(StepKind::Try);
    switch (use) {
    case TaskUse::Await:
        guarded.steps.push_back(taskStep(StepKind::Await, var));
        break;
    case TaskUse::Gather:
    case TaskUse::GatherReturningExceptions: {
        Step gather = makeStep(StepKind::Gather);
        gather.items.push_back(GatherItem{{}, {}, {}, var});
        if (chance(50))
            gather.items.push_back(GatherItem{callee, {}, {}, {}});
        gather.returnExceptions = use == TaskUse::GatherReturningExceptions;
        guarded.steps.push_back(gather);
        break;
    }
    case TaskUse::WaitFor: {
        Step waitFor = taskStep(StepKind::WaitFor, var);
        waitFor.timeout = Quantity::literal(chance(50) ? 0.25 : 2.0);
        guarded.steps.push_back(waitFor);
        break;
    }
    case TaskUse::Cancel:
        guarded.steps.push_back(taskStep(StepKind::Cancel, var));
        break;
    case TaskUse::AwaitFromTwoTasks: {
        const QString awaiter = freshName(scenario, QStringLiteral("a"));
        scenario.coroutines.push_back(Coroutine{awaiter, {QStringLiteral("x")}, {}, {}});
        scenario.coroutines.back().steps.push_back(taskStep(StepKind::Await, QStringLiteral("x")));
        for (int i = 0; i < 2; ++i) {
            Step other = makeStep(StepKind::CreateTask);
            other.coro = awaiter;
            other.args.insert(QStringLiteral("x"), "$" + var);
            steps.push_back(other);
        }
        guarded.steps.push_back(taskStep(StepKind::Await, var));
        break;
    }
    }
    for (const char *error : {"ValueError", "CancelledError", "TimeoutError"}) {
        Step note = makeStep(StepKind::Print);
        note.text = QStringLiteral("caught %1").arg(QLatin1String(error));
        guarded.excepts.push_back(ExceptClause{QLatin1String(error), {note}});
    }
    steps.push_back(guarded);
    scenario.coroutines.push_back(worker);
    std::vector<Body> all = bodies(scenario);
    std::erase_if(all, [&](const Body &body) { return body.coroutine->name == callee; });
    const Body body = all[std::size_t(below(int(all.size())))];
    body.steps->insert(body.steps->begin() + below(int(body.steps->size()) + 1), steps.begin(),
                       steps.end());
    m_pendingUse = std::make_pair(state, use);
    return true;
}

} // namespace loopscope::test
