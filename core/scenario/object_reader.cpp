#include "scenario/object_reader.h"

#include "scenario/json_text.h"

#include <cmath>
#include <limits>

namespace loopscope {

void ReadContext::report(const QString &path, const QString &message)
{
    ScenarioProblem problem;
    problem.path = path;
    problem.message = message;
    problems.push_back(problem);
}

void ReadContext::missing(const QString &path, const QString &expected)
{
    report(path, QStringLiteral("required field missing (expected %1)").arg(expected));
}

void ReadContext::wrongType(const QString &path, const QString &expected, const QJsonValue &got)
{
    report(path, QStringLiteral("expected %1, got %2").arg(expected, json::describe(got)));
}

ObjectReader::ObjectReader(ReadContext &context, QJsonObject object, QString path)
    : m_context(context)
    , m_object(std::move(object))
    , m_path(std::move(path))
{}

QString ObjectReader::pathOf(const QString &key) const
{
    return json::childPath(m_path, key);
}

QJsonValue ObjectReader::raw(const QString &key)
{
    m_read.insert(key);
    return m_object.value(key);
}

QJsonValue ObjectReader::take(const QString &key, Presence presence, const QString &expected)
{
    m_read.insert(key);
    if (!m_object.contains(key) && presence == Presence::Required)
        m_context.missing(pathOf(key), expected);
    return m_object.value(key);
}

QString ObjectReader::string(const QString &key, Presence presence, const QString &expected)
{
    const QString what = expected.isEmpty() ? QStringLiteral("a string") : expected;
    const QJsonValue value = take(key, presence, what);
    if (value.isUndefined() || value.isString())
        return value.toString();
    m_context.wrongType(pathOf(key), what, value);
    return {};
}

bool ObjectReader::boolean(const QString &key, bool fallback)
{
    const QJsonValue value = take(key, Presence::Optional, {});
    if (value.isBool())
        return value.toBool();
    if (!value.isUndefined())
        m_context.wrongType(pathOf(key), QStringLiteral("true or false"), value);
    return fallback;
}

double ObjectReader::number(const QString &key, double fallback, const QString &expected)
{
    const QJsonValue value = take(key, Presence::Optional, expected);
    if (value.isDouble())
        return value.toDouble();
    if (!value.isUndefined())
        m_context.wrongType(pathOf(key), expected, value);
    return fallback;
}

int ObjectReader::wholeNumber(const QString &key, int fallback, const QString &expected)
{
    const QJsonValue value = take(key, Presence::Optional, expected);
    const double d = value.toDouble(0.5);
    const bool whole
        = value.isDouble() && d == std::floor(d) && std::fabs(d) <= std::numeric_limits<int>::max();
    if (whole)
        return int(d);
    if (!value.isUndefined())
        m_context.wrongType(pathOf(key), expected, value);
    return fallback;
}

Quantity ObjectReader::quantity(const QString &key, Presence presence, const QString &expected)
{
    const QJsonValue value = take(key, presence, expected);
    if (value.isDouble())
        return Quantity::literal(value.toDouble());
    if (value.isString())
        if (const auto name = json::parameterReference(value.toString()))
            return Quantity::ref(*name);
    if (!value.isUndefined())
        m_context.wrongType(pathOf(key), expected, value);
    return {};
}

QJsonObject ObjectReader::object(const QString &key, Presence presence, const QString &expected)
{
    const QJsonValue value = take(key, presence, expected);
    if (!value.isUndefined() && !value.isObject())
        m_context.wrongType(pathOf(key), expected, value);
    return value.toObject();
}

std::optional<QJsonArray> ObjectReader::array(const QString &key, Presence presence,
                                              const QString &expected)
{
    const QJsonValue value = take(key, presence, expected);
    if (value.isArray())
        return value.toArray();
    if (!value.isUndefined())
        m_context.wrongType(pathOf(key), expected, value);
    return std::nullopt;
}

QJsonObject ObjectReader::unusedKeys() const
{
    QJsonObject unused;
    for (auto it = m_object.begin(); it != m_object.end(); ++it)
        if (!m_read.contains(it.key()))
            unused.insert(it.key(), it.value());
    return unused;
}

void ObjectReader::refuseUnusedKeys(const QString &known)
{
    const QJsonObject unused = unusedKeys();
    for (auto it = unused.begin(); it != unused.end(); ++it)
        m_context.report(
            pathOf(it.key()),
            QStringLiteral("expected one of %1, got %2").arg(known, json::quoted(it.key())));
}

} // namespace loopscope
