// `datetime.datetime.now()` of the scenario's wall clock (Scope::wallClock), in UTC as the
// corpus runs CPython (TZ=UTC): str() is `2024-01-01 17:13:52`, with `.ffffff` only when the
// microseconds are not 0, as datetime.__str__ (isoformat with a space) writes it.
#include "scenario/expr/builtins.h"

#include "scenario/expr/error.h"

#include <cmath>
#include <ctime>

namespace loopscope::expr {

namespace {

class DateTime : public Object
{
public:
    explicit DateTime(double timestamp)
    {
        double whole = std::floor(timestamp);
        // fromtimestamp rounds to the microsecond, half to even
        m_microsecond = int(std::nearbyint((timestamp - whole) * 1e6));
        if (m_microsecond == 1000000) {
            m_microsecond = 0;
            whole += 1;
        }
        const auto seconds = std::time_t(whole);
        gmtime_r(&seconds, &m_utc);
    }
    QString typeName() const override { return QStringLiteral("datetime"); }
    QString str() const override
    {
        QString text = QString::asprintf("%04d-%02d-%02d %02d:%02d:%02d", m_utc.tm_year + 1900,
                                         m_utc.tm_mon + 1, m_utc.tm_mday, m_utc.tm_hour,
                                         m_utc.tm_min, m_utc.tm_sec);
        if (m_microsecond)
            text += QString::asprintf(".%06d", m_microsecond);
        return text;
    }
    QString repr() const override
    {
        QString fields
            = QString::asprintf("%d, %d, %d, %d, %d", m_utc.tm_year + 1900, m_utc.tm_mon + 1,
                                m_utc.tm_mday, m_utc.tm_hour, m_utc.tm_min);
        if (m_utc.tm_sec || m_microsecond)
            fields += QString::asprintf(", %d", m_utc.tm_sec);
        if (m_microsecond)
            fields += QString::asprintf(", %d", m_microsecond);
        return QStringLiteral("datetime.datetime(%1)").arg(fields);
    }
    Value attribute(const QString &name, Scope &) override
    {
        const std::pair<const char *, int> fields[] = {
            {"year", m_utc.tm_year + 1900}, {"month", m_utc.tm_mon + 1}, {"day", m_utc.tm_mday},
            {"hour", m_utc.tm_hour},        {"minute", m_utc.tm_min},    {"second", m_utc.tm_sec},
            {"microsecond", m_microsecond}};
        for (const auto &[field, value] : fields)
            if (name == QLatin1String(field))
                return Value::integer(value);
        raiseNoAttribute(name);
    }

private:
    std::tm m_utc{};
    int m_microsecond = 0;
};

// The class datetime.datetime: now() is the only constructor expressions use.
class DateTimeClass : public Object
{
public:
    QString typeName() const override { return QStringLiteral("type"); }
    QString repr() const override { return QStringLiteral("<class 'datetime.datetime'>"); }
    Value callMethod(const QString &name, const Values &args, Scope &scope) override
    {
        if (name != QLatin1String("now"))
            raise(
                "AttributeError",
                QStringLiteral("type object 'datetime.datetime' has no attribute '%1'").arg(name));
        requireArgs(QStringLiteral("now"), args, 0, 0);
        return Value::object(std::make_shared<DateTime>(scope.wallClock()));
    }
};

class DateTimeModule : public Object
{
public:
    QString typeName() const override { return QStringLiteral("module"); }
    QString repr() const override { return QStringLiteral("<module 'datetime'>"); }
    Value attribute(const QString &name, Scope &) override
    {
        if (name != QLatin1String("datetime"))
            raise("AttributeError",
                  QStringLiteral("module 'datetime' has no attribute '%1'").arg(name));
        return Value::object(std::make_shared<DateTimeClass>());
    }
};

} // namespace

Value datetimeModule()
{
    return Value::object(std::make_shared<DateTimeModule>());
}

} // namespace loopscope::expr
