#include "scenario/py_value.h"

#include "scenario/py_format.h"

#include <QCborArray>
#include <QCborMap>
#include <QJsonArray>
#include <QStringList>

namespace loopscope {

PyValue::PyValue(std::nullptr_t)
    : m_value(QCborValue::Null)
{}

PyValue::PyValue(bool value)
    : m_value(value)
{}

PyValue::PyValue(int value)
    : m_value(qint64(value))
{}

PyValue::PyValue(qint64 value)
    : m_value(value)
{}

PyValue::PyValue(const QString &text)
    : m_value(text)
{}

PyValue::PyValue(const char *text)
    : m_value(QString::fromUtf8(text))
{}

PyValue::PyValue(double value)
    : m_value(value)
{}

PyValue PyValue::list(const std::vector<PyValue> &elements)
{
    QCborArray array;
    for (const PyValue &element : elements)
        array.append(element.m_value);
    return PyValue(QCborValue(array));
}

PyValue PyValue::dict(const std::vector<std::pair<QString, PyValue>> &members)
{
    QCborMap map;
    for (const auto &[key, value] : members)
        map.insert(key, value.m_value);
    return PyValue(QCborValue(map));
}

PyValue::PyValue(const QJsonValue &json)
    : m_value(QCborValue::fromJsonValue(json))
{}

PyValue::Kind PyValue::kind() const
{
    switch (m_value.type()) {
    case QCborValue::Null:
        return Kind::None;
    case QCborValue::False:
    case QCborValue::True:
        return Kind::Bool;
    case QCborValue::Integer:
        return Kind::Int;
    case QCborValue::Double:
        return Kind::Float;
    case QCborValue::String:
        return Kind::Str;
    case QCborValue::Array:
        return Kind::List;
    case QCborValue::Map:
        return Kind::Dict;
    default:
        return Kind::Absent;
    }
}

double PyValue::toDouble() const
{
    if (m_value.isInteger())
        return double(m_value.toInteger());
    return m_value.toDouble(0.0);
}

QString PyValue::toString() const
{
    return m_value.toString();
}

std::vector<PyValue> PyValue::elements() const
{
    std::vector<PyValue> out;
    for (const QCborValue &element : m_value.toArray())
        out.push_back(PyValue(element));
    return out;
}

std::vector<std::pair<QString, PyValue>> PyValue::members() const
{
    std::vector<std::pair<QString, PyValue>> out;
    const QCborMap map = m_value.toMap();
    for (auto it = map.begin(); it != map.end(); ++it)
        out.emplace_back(it.key().toString(), PyValue(it.value()));
    return out;
}

QString PyValue::str() const
{
    switch (kind()) {
    case Kind::Absent:
    case Kind::None:
        return QStringLiteral("None");
    case Kind::Bool:
        return m_value.isTrue() ? QStringLiteral("True") : QStringLiteral("False");
    case Kind::Int:
        return py::intRepr(m_value.toInteger());
    case Kind::Float:
        return py::floatRepr(m_value.toDouble());
    case Kind::Str:
        return m_value.toString();
    case Kind::List: {
        QStringList parts;
        for (const PyValue &element : elements())
            parts << element.repr();
        return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    case Kind::Dict: {
        QStringList parts;
        for (const auto &[key, value] : members())
            parts << py::strRepr(key) + QLatin1String(": ") + value.repr();
        return QLatin1Char('{') + parts.join(QLatin1String(", ")) + QLatin1Char('}');
    }
    }
    return {};
}

QString PyValue::repr() const
{
    return isString() ? py::strRepr(m_value.toString()) : str();
}

QJsonValue PyValue::toJson() const
{
    return isAbsent() ? QJsonValue(QJsonValue::Undefined) : m_value.toJsonValue();
}

PyArgs::PyArgs(std::initializer_list<std::pair<QString, PyValue>> args)
{
    for (const auto &[name, value] : args)
        m_args.insert(name, value);
}

PyArgs::PyArgs(const QJsonObject &object)
{
    for (auto it = object.begin(); it != object.end(); ++it)
        m_args.insert(it.key(), PyValue(it.value()));
}

PyArgs::operator QJsonObject() const
{
    QJsonObject object;
    for (auto it = m_args.begin(); it != m_args.end(); ++it)
        object.insert(it.key(), it.value().toJson());
    return object;
}

} // namespace loopscope
