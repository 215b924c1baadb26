#include "scenario/object_reader.h"

#include "scenario/json_source_map.h"
#include "scenario/json_text.h"

#include <QJsonArray>

#include <algorithm>
#include <charconv>
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
    if (!m_read.contains(key))
        m_asked << key;
    m_read.insert(key);
    return m_object.value(key);
}

QJsonValue ObjectReader::take(const QString &key, Presence presence, const QString &expected)
{
    raw(key);
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
    if (value.isString()) {
        if (const auto name = json::parameterReference(value.toString()))
            return Quantity::ref(*name);
        if (!value.toString().trimmed().isEmpty()) // an expression: check parses it
            return Quantity::ref(value.toString());
    }
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

namespace {

// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`, ignoring case.
int editDistance(const QString &a, const QString &b)
{
    const QString x = a.toLower(), y = b.toLower();
    std::vector<std::vector<int>> d(std::size_t(x.size()) + 1,
                                    std::vector<int>(std::size_t(y.size()) + 1));
    for (std::size_t i = 0; i <= std::size_t(x.size()); ++i)
        d[i][0] = int(i);
    for (std::size_t j = 0; j <= std::size_t(y.size()); ++j)
        d[0][j] = int(j);
    for (std::size_t i = 1; i <= std::size_t(x.size()); ++i)
        for (std::size_t j = 1; j <= std::size_t(y.size()); ++j) {
            const int cost = x[qsizetype(i) - 1] == y[qsizetype(j) - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && x[qsizetype(i) - 1] == y[qsizetype(j) - 2]
                && x[qsizetype(i) - 2] == y[qsizetype(j) - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d.back().back();
}

// The known key a typo most likely meant: within a third of its length (at least one edit).
std::optional<QString> closest(const QString &key, const QStringList &known)
{
    std::optional<QString> best;
    int bestDistance = std::max<int>(1, int(key.size()) / 3) + 1;
    for (const QString &candidate : known)
        if (const int distance = editDistance(key, candidate); distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    return best;
}

} // namespace

void ObjectReader::refuseKey(const QString &key, const QStringList &known, bool extensions)
{
    if (const auto meant = closest(key, known)) {
        m_context.report(pathOf(key),
                         QStringLiteral("unknown key; did you mean %1?").arg(json::quoted(*meant)));
        return;
    }
    const QString choices
        = known.join(QLatin1String(", "))
          + (extensions ? QStringLiteral(" or an extension key \"x-...\"") : QString());
    m_context.report(pathOf(key),
                     QStringLiteral("expected one of %1, got %2").arg(choices, json::quoted(key)));
}

void ObjectReader::refuseUnusedKeys(const QString &known)
{
    const QJsonObject unused = unusedKeys();
    for (auto it = unused.begin(); it != unused.end(); ++it)
        refuseKey(it.key(), known.split(QLatin1String(", ")), false);
}

void ObjectReader::refuseUnknownKeys()
{
    const QJsonObject unused = unusedKeys();
    for (auto it = unused.begin(); it != unused.end(); ++it)
        if (!it.key().startsWith(QLatin1String("x-")))
            refuseKey(it.key(), m_asked, true);
}

} // namespace loopscope

namespace loopscope {

namespace {

std::optional<double> floatLiteral(const ReadContext &context, const QString &path)
{
    const QByteArray text = context.source ? context.source->scalarText(path) : QByteArray();
    if (!text.contains('.') && !text.contains('e') && !text.contains('E'))
        return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(text.constBegin(), text.constEnd(), value);
    if (error != std::errc() || end != text.constEnd())
        return std::nullopt;
    return value;
}

} // namespace

PyValue readPyValue(const ReadContext &context, const QJsonValue &value, const QString &path)
{
    if (value.isDouble())
        if (const auto literal = floatLiteral(context, path))
            return PyValue(*literal);
    if (value.isArray()) {
        std::vector<PyValue> elements;
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            elements.push_back(readPyValue(context, array.at(i), json::indexPath(path, i)));
        return PyValue::list(elements);
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        QStringList keys = context.source ? context.source->keysInOrder(path) : QStringList{};
        if (keys.size() != object.size())
            keys = object.keys();
        std::vector<std::pair<QString, PyValue>> members;
        for (const QString &key : std::as_const(keys))
            members.emplace_back(
                key, readPyValue(context, object.value(key), json::childPath(path, key)));
        return PyValue::dict(members);
    }
    return PyValue(value);
}

PyArgs readPyArgs(const ReadContext &context, const QJsonObject &args, const QString &path)
{
    PyArgs out;
    for (auto it = args.begin(); it != args.end(); ++it)
        out.insert(it.key(), readPyValue(context, it.value(), json::childPath(path, it.key())));
    return out;
}

} // namespace loopscope
