// The datetime module as far as programs print the time of day: `datetime.datetime.now()` of
// the scenario's wall clock (scope.h: 2024-01-01 17:13:52 UTC at scenario time 0), in UTC as
// the corpus's CPython runs have it (TZ=UTC).
#include "scenario/expr/builtins.h"

#include "scenario/expr/error.h"

#include <cmath>
#include <ctime>

namespace loopscope::expr {

namespace {

// A datetime.datetime: str() `2024-01-01 17:13:52`, with `.ffffff` when the microseconds are
// not 0, as datetime.__str__ (isoformat(sep=' ')) writes it.
class DateTime : public Object
{
public:
    explicit DateTime(double posix)
    {
        double whole = std::floor(posix);
        m_micro = int(std::lround((posix - whole) * 1e6));
        if (m_micro == 1000000) { // rounds up to the next second, as datetime does
            m_micro = 0;
            whole += 1;
        }
        const std::time_t seconds = std::time_t(whole);
        gmtime_r(&seconds, &m_utc);
    }
    QString typeName() const override { return QStringLiteral("datetime"); }
    QString str() const override
    {
        QString text = QString::asprintf("%04d-%02d-%02d %02d:%02d:%02d", m_utc.tm_year + 1900,
                                         m_utc.tm_mon + 1, m_utc.tm_mday, m_utc.tm_hour,
                                         m_utc.tm_min, m_utc.tm_sec);
        return m_micro ? text + QString::asprintf(".%06d", m_micro) : text;
    }
    QString repr() const override
    {
        QString fields
            = QString::asprintf("%d, %d, %d, %d, %d", m_utc.tm_year + 1900, m_utc.tm_mon + 1,
                                m_utc.tm_mday, m_utc.tm_hour, m_utc.tm_min);
        if (m_utc.tm_sec || m_micro)
            fields += QString::asprintf(", %d", m_utc.tm_sec);
        if (m_micro)
            fields += QString::asprintf(", %d", m_micro);
        return QStringLiteral("datetime.datetime(%1)").arg(fields);
    }

private:
    std::tm m_utc{};
    int m_micro = 0;
};

// The class datetime.datetime: its constructor `now()`.
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
    QString repr() const override
    {
        return QStringLiteral("<module 'datetime' (the scenario's wall clock)>");
    }
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
