// The modules an expression may use without importing: time (scenario time), random (the
// run's seeded generator), asyncio (the running loop's clock) and datetime (builtin_datetime).
#include "scenario/expr/builtins.h"

#include "scenario/expr/error.h"
#include "scenario/expr/operators.h"

#include <cmath>
#include <ctime>

namespace loopscope::expr {

namespace {

class Module : public Object
{
public:
    Module(QString name, const BuiltinTable &members)
        : m_name(std::move(name))
        , m_members(members)
    {}
    QString typeName() const override { return QStringLiteral("module"); }
    QString repr() const override { return QStringLiteral("<module '%1' (built-in)>").arg(m_name); }
    Value attribute(const QString &name, Scope &) override
    {
        for (const auto &[member, body] : m_members)
            if (name == QLatin1String(member))
                return Value::object(
                    std::make_shared<BuiltinFunction>(m_name + QLatin1Char('.') + name, body));
        raise("AttributeError",
              QStringLiteral("module '%1' has no attribute '%2'").arg(m_name, name));
    }
    Value callMethod(const QString &name, const Values &args, Scope &scope) override
    {
        return attribute(name, scope).object().call(args, {}, scope);
    }

private:
    QString m_name;
    const BuiltinTable &m_members;
};

class EventLoop : public Object
{
public:
    QString typeName() const override { return QStringLiteral("_UnixSelectorEventLoop"); }
    QString repr() const override
    {
        return QStringLiteral("<_UnixSelectorEventLoop running=True closed=False debug=False>");
    }
    Value callMethod(const QString &name, const Values &args, Scope &scope) override
    {
        if (name != QLatin1String("time"))
            raiseNoAttribute(name);
        requireArgs(QStringLiteral("time"), args, 0, 0);
        return Value::real(scope.clock());
    }
};

Value clock(const Values &args, const Keywords &keywords, Scope &scope)
{
    requireNoKeywords(QStringLiteral("perf_counter"), keywords);
    requireArgs(QStringLiteral("perf_counter"), args, 0, 0);
    return Value::real(scope.clock());
}

Value wallClock(const Values &args, const Keywords &keywords, Scope &scope)
{
    requireNoKeywords(QStringLiteral("time"), keywords);
    requireArgs(QStringLiteral("time"), args, 0, 0);
    return Value::real(scope.wallClock());
}

// time.strftime(format) of the scenario's wall clock, in UTC (the C library's, as CPython's).
Value strftime(const Values &args, const Keywords &keywords, Scope &scope)
{
    requireNoKeywords(QStringLiteral("strftime"), keywords);
    requireArgs(QStringLiteral("strftime"), args, 1, 1);
    if (!args[0].isStr())
        raise("TypeError",
              QStringLiteral("strftime() argument 1 must be str, not %1").arg(args[0].typeName()));
    const std::time_t seconds = std::time_t(std::floor(scope.wallClock()));
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    const QByteArray format = args[0].asStr().toUtf8();
    char out[512];
    const std::size_t n
        = format.isEmpty() ? 0 : std::strftime(out, sizeof out, format.data(), &utc);
    return Value::string(QString::fromUtf8(out, qsizetype(n)));
}

Value seed(const Values &args, const Keywords &, Scope &scope)
{
    requireArgs(QStringLiteral("seed"), args, 1, 2);
    const Value &a = args[0];
    if (a.isInt())
        scope.random().seed(a.asInt());
    else if (a.isStr())
        scope.random().seed(a.asStr());
    else if (a.kind() == Value::Kind::Float && a.asFloat() == std::trunc(a.asFloat())
             && std::fabs(a.asFloat()) < 9e18)
        scope.random().seed(qint64(a.asFloat())); // hash(2.0) == 2
    else
        raise("TypeError",
              QStringLiteral("random.seed() takes an int or a str here, not %1").arg(a.typeName()));
    return {};
}

Value uniform(const Values &args, const Keywords &, Scope &scope)
{
    requireArgs(QStringLiteral("uniform"), args, 2, 2);
    // a + (b - a) * random(), in Python's order: a bad operand raises before a draw.
    const Value span = binaryOperation(Op::Sub, args[1], args[0]);
    const Value scaled = binaryOperation(Op::Mul, span, Value::real(scope.random().random()));
    return binaryOperation(Op::Add, args[0], scaled);
}

Value randrange(const Value &start, const Value &stop, Scope &scope)
{
    const qint64 first = requireIndex(start);
    const qint64 last = requireIndex(stop);
    if (last <= first)
        raise("ValueError",
              QStringLiteral("empty range in randrange(%1, %2)").arg(start.str(), stop.str()));
    return Value::integer(scope.random().randrange(first, last));
}

Value randint(const Values &args, const Keywords &, Scope &scope)
{
    requireArgs(QStringLiteral("randint"), args, 2, 2);
    requireIndex(args[0]);
    return randrange(args[0], binaryOperation(Op::Add, args[1], Value::integer(1)), scope);
}

Value randrangeFunction(const Values &args, const Keywords &, Scope &scope)
{
    requireArgs(QStringLiteral("randrange"), args, 1, 2);
    if (args.size() == 2)
        return randrange(args[0], args[1], scope);
    const qint64 stop = requireIndex(args[0]);
    if (stop <= 0)
        raise("ValueError", QStringLiteral("empty range for randrange()"));
    return Value::integer(scope.random().randbelow(stop));
}

Value choice(const Values &args, const Keywords &, Scope &scope)
{
    requireArgs(QStringLiteral("choice"), args, 1, 1);
    const Value length = builtin(QStringLiteral("len"))->object().call(args, {}, scope);
    if (length.asInt() == 0)
        raise("IndexError", QStringLiteral("Cannot choose from an empty sequence"));
    return itemAt(args[0], Value::integer(scope.random().randbelow(length.asInt())));
}

Value shuffle(const Values &args, const Keywords &, Scope &scope)
{
    requireArgs(QStringLiteral("shuffle"), args, 1, 1);
    if (args[0].kind() != Value::Kind::List)
        raise("TypeError",
              QStringLiteral("shuffle() needs a list here, not %1").arg(args[0].typeName()));
    Values &items = args[0].listData().items;
    for (std::size_t i = items.size(); i-- > 1;)
        std::swap(items[i], items[std::size_t(scope.random().randbelow(qint64(i) + 1))]);
    return {};
}

const BuiltinTable &timeMembers()
{
    static const BuiltinTable table{
        {"perf_counter", clock}, {"monotonic", clock}, {"time", wallClock}, {"strftime", strftime}};
    return table;
}

const BuiltinTable &randomMembers()
{
    static const BuiltinTable table{
        {"seed", seed},
        {"random",
         [](const Values &args, const Keywords &, Scope &scope) {
             requireArgs(QStringLiteral("random"), args, 0, 0);
             return Value::real(scope.random().random());
         }},
        {"uniform", uniform},
        {"randint", randint},
        {"randrange", randrangeFunction},
        {"choice", choice},
        {"shuffle", shuffle},
        {"getrandbits",
         [](const Values &args, const Keywords &, Scope &scope) {
             requireArgs(QStringLiteral("getrandbits"), args, 1, 1);
             const qint64 bits = requireIndex(args[0]);
             if (bits < 0)
                 raise("ValueError", QStringLiteral("number of bits must be non-negative"));
             if (bits > 63)
                 raiseIntOverflow();
             return Value::integer(qint64(scope.random().getrandbits(int(bits))));
         }},
    };
    return table;
}

const BuiltinTable &asyncioMembers()
{
    static const BuiltinTable table{
        {"get_running_loop",
         [](const Values &, const Keywords &, Scope &scope) {
             if (!scope.loopRunning())
                 raise("RuntimeError", QStringLiteral("no running event loop"));
             return runningLoop();
         }},
        {"get_event_loop", [](const Values &, const Keywords &, Scope &) { return runningLoop(); }},
        // The scenario has one loop: a program that runs it itself (run_forever) makes it here.
        {"new_event_loop", [](const Values &, const Keywords &, Scope &) { return runningLoop(); }},
    };
    return table;
}

} // namespace

Value runningLoop()
{
    return Value::object(std::make_shared<EventLoop>());
}

bool isEventLoop(const Value &value)
{
    return value.kind() == Value::Kind::Object
           && dynamic_cast<const EventLoop *>(&value.object()) != nullptr;
}

Value moduleNamed(const QString &name)
{
    if (name == QLatin1String("time"))
        return Value::object(std::make_shared<Module>(name, timeMembers()));
    if (name == QLatin1String("random"))
        return Value::object(std::make_shared<Module>(name, randomMembers()));
    if (name == QLatin1String("asyncio"))
        return Value::object(std::make_shared<Module>(name, asyncioMembers()));
    if (name == QLatin1String("datetime"))
        return datetimeModule();
    return {};
}

} // namespace loopscope::expr
