#include "scenario/ordered_json.h"

#include "scenario/json_text.h"
#include "scenario/py_format.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace loopscope {

namespace {
constexpr qsizetype kLineWidth = 100;
}

OrderedJson::OrderedJson(QJsonValue value)
{
    if (value.isObject()) {
        m_kind = Kind::Object;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            m_members.emplace_back(it.key(), OrderedJson(it.value()));
    } else if (value.isArray()) {
        m_kind = Kind::Array;
        for (const QJsonValue &element : value.toArray())
            m_elements.emplace_back(element);
    } else {
        m_scalar = value.isUndefined() ? QJsonValue(QJsonValue::Null) : value;
    }
}

OrderedJson::OrderedJson(const PyValue &value)
{
    switch (value.kind()) {
    case PyValue::Kind::List:
        m_kind = Kind::Array;
        for (const PyValue &element : value.elements())
            m_elements.emplace_back(element);
        break;
    case PyValue::Kind::Dict:
        m_kind = Kind::Object;
        for (const auto &[key, member] : value.members())
            m_members.emplace_back(key, OrderedJson(member));
        break;
    case PyValue::Kind::Float:
        // JSON has no inf or nan: those keep the text formatNumber gives them.
        if (std::isfinite(value.toDouble()))
            m_floatText = py::floatRepr(value.toDouble());
        m_scalar = value.toJson();
        break;
    default:
        m_scalar = value.isAbsent() ? QJsonValue(QJsonValue::Null) : value.toJson();
    }
}

OrderedJson::OrderedJson(const PyArgs &args)
    : m_kind(Kind::Object)
{
    for (auto it = args.begin(); it != args.end(); ++it)
        m_members.emplace_back(it.key(), OrderedJson(it.value()));
}

OrderedJson OrderedJson::object()
{
    OrderedJson json;
    json.m_kind = Kind::Object;
    return json;
}

OrderedJson OrderedJson::array()
{
    OrderedJson json;
    json.m_kind = Kind::Array;
    return json;
}

OrderedJson &OrderedJson::set(const QString &key, OrderedJson value)
{
    for (auto &member : m_members)
        if (member.first == key) {
            member.second = std::move(value);
            return *this;
        }
    m_members.emplace_back(key, std::move(value));
    return *this;
}

OrderedJson &OrderedJson::append(OrderedJson value)
{
    m_elements.push_back(std::move(value));
    return *this;
}

bool OrderedJson::contains(const QString &key) const
{
    return std::any_of(m_members.begin(), m_members.end(),
                       [&](const auto &member) { return member.first == key; });
}

QString OrderedJson::compact() const
{
    QStringList parts;
    switch (m_kind) {
    case Kind::Scalar:
        if (!m_floatText.isEmpty())
            return m_floatText;
        if (m_scalar.isDouble())
            return json::formatNumber(m_scalar.toDouble());
        return json::describe(m_scalar); // strings quoted, true, false, null
    case Kind::Object:
        for (const auto &[key, value] : m_members)
            parts << json::quoted(key) + QLatin1String(": ") + value.compact();
        return QLatin1Char('{') + parts.join(QLatin1String(", ")) + QLatin1Char('}');
    case Kind::Array:
        for (const OrderedJson &element : m_elements)
            parts << element.compact();
        return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    return {};
}

void OrderedJson::writeIndented(QString &out, int indent, qsizetype lineStart) const
{
    const QString oneLine = compact();
    if (m_kind == Kind::Scalar || out.size() - lineStart + oneLine.size() <= kLineWidth) {
        out += oneLine;
        return;
    }
    const QString inner(indent + 2, QLatin1Char(' '));
    const bool isObject = m_kind == Kind::Object;
    out += QLatin1Char(isObject ? '{' : '[');
    const std::size_t count = isObject ? m_members.size() : m_elements.size();
    for (std::size_t i = 0; i < count; ++i) {
        out += (i == 0 ? QLatin1String("\n") : QLatin1String(",\n"));
        const qsizetype start = out.size();
        out += inner;
        if (isObject)
            out += json::quoted(m_members[i].first) + QLatin1String(": ");
        const OrderedJson &value = isObject ? m_members[i].second : m_elements[i];
        value.writeIndented(out, indent + 2, start);
    }
    out += QLatin1Char('\n') + QString(indent, QLatin1Char(' '))
           + QLatin1Char(isObject ? '}' : ']');
}

QByteArray OrderedJson::toIndentedJson() const
{
    QString out;
    writeIndented(out, 0, 0);
    out += QLatin1Char('\n');
    return out.toUtf8();
}

} // namespace loopscope
