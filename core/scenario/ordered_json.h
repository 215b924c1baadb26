// A JSON value whose object keys keep the order they were added in (QJsonObject sorts them),
// and its indented text: objects and arrays that fit on a line stay on one line.
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include "scenario/py_value.h"

#include <type_traits>
#include <utility>
#include <vector>

namespace loopscope {

class OrderedJson
{
public:
    OrderedJson() = default;
    OrderedJson(QJsonValue value); // NOLINT(google-explicit-constructor): any JSON value is one
    // Strings, numbers, booleans, QJsonObject...: whatever QJsonValue takes.
    template<typename T>
    requires(
        std::is_constructible_v<
            QJsonValue,
            T> && !std::is_same_v<std::remove_cvref_t<T>, QJsonValue> && !std::is_same_v<std::remove_cvref_t<T>, PyValue> && !std::is_same_v<std::remove_cvref_t<T>, PyArgs>)
        // Implicit on purpose; the constraint already keeps copies and moves away from it.
        // NOLINTNEXTLINE(google-explicit-constructor,bugprone-forwarding-reference-overload)
        OrderedJson(T &&value)
        : OrderedJson(QJsonValue(std::forward<T>(value)))
    {}
    // A float stays a float: 1.0 is written "1.0", not "1" (QJsonValue would lose it).
    OrderedJson(const PyValue &value); // NOLINT(google-explicit-constructor)
    OrderedJson(const PyArgs &args);   // NOLINT(google-explicit-constructor)
    static OrderedJson object();
    static OrderedJson array();

    // Objects: adds or replaces a member. Arrays: appends.
    OrderedJson &set(const QString &key, OrderedJson value);
    OrderedJson &append(OrderedJson value);
    bool contains(const QString &key) const;

    QByteArray toIndentedJson() const;
    // All on one line: `{"n": 1.0, "s": [1, 2]}`.
    QString toCompactJson() const { return compact(); }

private:
    enum class Kind { Scalar, Object, Array };
    QString compact() const;
    void writeIndented(QString &out, int indent, qsizetype lineStart) const;

    Kind m_kind = Kind::Scalar;
    QJsonValue m_scalar;
    QString m_floatText; // a float scalar, as Python's repr writes it
    std::vector<std::pair<QString, OrderedJson>> m_members;
    std::vector<OrderedJson> m_elements;
};

} // namespace loopscope
