// Inline call cycles: `call` and `wait_for` with `coro` run the callee inside the caller's
// task, and there are no conditions in a scenario, so a cycle of them never ends.
#include "scenario/json_text.h"
#include "scenario/scenario_walk.h"
#include "scenario/validation.h"

namespace loopscope {

namespace {

struct InlineCall
{
    int callee = -1;
    QString path; // of the step's `coro` field
};

class CycleFinder
{
public:
    explicit CycleFinder(Validation &validation)
        : v(validation)
        , m_calls(validation.scenario.coroutines.size())
        , m_state(validation.scenario.coroutines.size(), State::Unvisited)
    {
        const auto &coroutines = v.scenario.coroutines;
        for (std::size_t i = 0; i < coroutines.size(); ++i)
            collect(coroutines[i].steps,
                    bodyPath(json::indexPath(QStringLiteral("coroutines"), qsizetype(i))), i);
    }

    void run()
    {
        for (std::size_t i = 0; i < m_state.size(); ++i)
            if (m_state[i] == State::Unvisited)
                visit(int(i));
    }

private:
    enum class State { Unvisited, OnStack, Done };

    void collect(const Steps &steps, const QString &path, std::size_t caller)
    {
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const Step &s = steps[i];
            const QString stepPath = json::indexPath(path, qsizetype(i));
            // A call never awaited only makes the coroutine object: the callee's body never
            // runs, so it cannot lead back.
            const bool inlineCall = (s.kind == StepKind::Call && s.awaited)
                                    || (s.kind == StepKind::WaitFor && s.task.isEmpty());
            if (inlineCall)
                m_calls[caller].push_back({indexOf(s.coro), stepPath + QLatin1String(".coro")});
            collect(s.steps, bodyPath(stepPath), caller);
            for (const ExceptClause &clause : s.excepts)
                collect(clause.steps, handlerStepsPath(stepPath, clause), caller);
            if (s.finallySteps)
                collect(*s.finallySteps, finallyPath(stepPath), caller);
        }
    }

    int indexOf(const QString &name) const
    {
        const auto &coroutines = v.scenario.coroutines;
        for (std::size_t i = 0; i < coroutines.size(); ++i)
            if (coroutines[i].name == name)
                return int(i);
        return -1;
    }

    void visit(int node)
    {
        m_state[std::size_t(node)] = State::OnStack;
        m_stack.push_back(node);
        for (const InlineCall &call : m_calls[std::size_t(node)]) {
            if (call.callee < 0)
                continue;
            if (m_state[std::size_t(call.callee)] == State::OnStack)
                report(call);
            else if (m_state[std::size_t(call.callee)] == State::Unvisited)
                visit(call.callee);
        }
        m_stack.pop_back();
        m_state[std::size_t(node)] = State::Done;
    }

    void report(const InlineCall &call)
    {
        QStringList cycle;
        const auto from = std::find(m_stack.begin(), m_stack.end(), call.callee);
        for (auto it = from; it != m_stack.end(); ++it)
            cycle << v.scenario.coroutines[std::size_t(*it)].name;
        const QString start = cycle.first();
        cycle << start;
        v.expected(call.path,
                   QStringLiteral("a call that does not lead back to %1").arg(json::quoted(start)),
                   QStringLiteral("a cycle of inline calls: ")
                       + cycle.join(QString::fromUtf8(" → ")));
    }

    Validation &v;
    std::vector<std::vector<InlineCall>> m_calls;
    std::vector<State> m_state;
    std::vector<int> m_stack;
};

} // namespace

void validateCallCycles(Validation &validation)
{
    CycleFinder(validation).run();
}

} // namespace loopscope
