#include "coroutine_values.h"

#include "frame_scope.h"
#include "runtime.h"
#include "scenario/expr/error.h"

namespace loopscope::rt {

namespace {

// `async def name(...)` as a value: calling it binds the arguments (positional in the order of
// `params`, then keywords) and fills in the defaults, with CPython's TypeErrors.
class CoroutineFunction : public expr::Object
{
public:
    CoroutineFunction(Runtime &rt, const Coroutine &coroutine)
        : m_rt(rt)
        , m_coroutine(coroutine)
    {}
    QString typeName() const override { return QStringLiteral("function"); }
    QString repr() const override
    {
        return QStringLiteral("<function %1 at 0x?>").arg(m_coroutine.name);
    }
    Value call(const expr::Values &args, const expr::Keywords &keywords, expr::Scope &) override
    {
        const QString &name = m_coroutine.name;
        const std::size_t count = m_coroutine.params.size();
        if (args.size() > count)
            expr::raise(
                "TypeError",
                QStringLiteral("%1() takes %2 positional argument%3 but %4 %5 given")
                    .arg(name, QString::number(count), count == 1 ? QString() : QStringLiteral("s"),
                         QString::number(args.size()),
                         args.size() == 1 ? QStringLiteral("was") : QStringLiteral("were")));
        Frame frame;
        for (std::size_t i = 0; i < args.size(); ++i)
            frame.vars[m_coroutine.params[i]] = args[i];
        for (const auto &[keyword, value] : keywords) {
            if (std::find(m_coroutine.params.begin(), m_coroutine.params.end(), keyword)
                == m_coroutine.params.end())
                expr::raise("TypeError",
                            QStringLiteral("%1() got an unexpected keyword argument '%2'")
                                .arg(name, keyword));
            if (frame.vars.contains(keyword))
                expr::raise("TypeError", QStringLiteral("%1() got multiple values for argument "
                                                        "'%2'")
                                             .arg(name, keyword));
            frame.vars[keyword] = value;
        }
        try {
            fillDefaults(m_rt, m_coroutine, frame);
        } catch (const PyError &e) {
            expr::raise("TypeError", e.message);
        }
        return Value::object(std::make_shared<CoroutineCall>(m_coroutine, std::move(frame)));
    }

private:
    Runtime &m_rt;
    const Coroutine &m_coroutine;
};

} // namespace

QString CoroutineCall::repr() const
{
    return QStringLiteral("<coroutine object %1 at 0x?>").arg(m_coroutine.name);
}

std::optional<Value> coroutineFunction(Runtime &rt, const QString &name)
{
    const Coroutine *coroutine = rt.scenario.coroutine(name);
    if (!coroutine)
        return std::nullopt;
    return Value::object(std::make_shared<CoroutineFunction>(rt, *coroutine));
}

CoroutineCall *coroutineCallOf(const Value &value)
{
    if (value.kind() != Value::Kind::Object)
        return nullptr;
    return dynamic_cast<CoroutineCall *>(&value.object());
}

} // namespace loopscope::rt
