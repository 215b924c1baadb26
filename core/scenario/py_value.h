// A value of a scenario as Python holds it: an argument, a queue item, a future's result.
// QJsonValue cannot be that value: it keeps the float 1.0 as the integer 1, and Python prints
// `1.0` and `1`. PyValue keeps the kind (None, bool, int, float, str, list, dict) from the file
// to the print; str() and repr() write it as Python does (py_format.h).
#pragma once

#include <QCborValue>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QString>

#include <concepts>
#include <initializer_list>
#include <type_traits>
#include <utility>
#include <vector>

namespace loopscope {

class PyValue
{
public:
    enum class Kind { Absent, None, Bool, Int, Float, Str, List, Dict };

    PyValue() = default; // absent: a field that was not written
    // Implicit, as QJsonValue's: `item = 1`, `{"rid", 0.5}`, `value = "done"` read as Python.
    PyValue(std::nullptr_t);      // NOLINT(google-explicit-constructor)
    PyValue(bool value);          // NOLINT(google-explicit-constructor)
    PyValue(int value);           // NOLINT(google-explicit-constructor)
    PyValue(qint64 value);        // NOLINT(google-explicit-constructor)
    PyValue(double value);        // NOLINT(google-explicit-constructor): a float, 1.0 included
    PyValue(const QString &text); // NOLINT(google-explicit-constructor)
    PyValue(const char *text);    // NOLINT(google-explicit-constructor)
    static PyValue list(const std::vector<PyValue> &elements);
    static PyValue dict(const std::vector<std::pair<QString, PyValue>> &members);
    // From Qt's JSON, whose numbers are ints when it holds them as integers: a whole float
    // written `1.0` arrives as 1. The scenario reader takes float literals from the text.
    explicit PyValue(const QJsonValue &json);
    // `step.item = someQJsonValue` (the editor's forms) without making `= 1` ambiguous.
    template<typename J>
    requires std::same_as<std::remove_cvref_t<J>, QJsonValue> PyValue &operator=(J &&json)
    {
        return *this = PyValue(json);
    }

    Kind kind() const;
    bool isAbsent() const { return kind() == Kind::Absent; }
    bool isUndefined() const { return isAbsent(); } // QJsonValue's name, for editor code
    bool isNone() const { return kind() == Kind::None; }
    bool isString() const { return kind() == Kind::Str; }
    bool isNumber() const { return kind() == Kind::Int || kind() == Kind::Float; }
    bool isFloat() const { return kind() == Kind::Float; }

    double toDouble() const;               // ints and floats; 0 for anything else
    QString toString() const;              // a str's text; empty for anything else
    std::vector<PyValue> elements() const; // a list's
    std::vector<std::pair<QString, PyValue>> members() const; // a dict's, in order

    // str(value) and repr(value) as Python writes them.
    QString str() const;
    QString repr() const;

    // The value as Qt's JSON: loses only a whole float's kind. Implicit so that code written
    // for QJsonValue (the editor's forms) reads a PyValue unchanged.
    QJsonValue toJson() const;
    operator QJsonValue() const { return toJson(); } // NOLINT(google-explicit-constructor)

    friend bool operator==(const PyValue &a, const PyValue &b) { return a.m_value == b.m_value; }

private:
    explicit PyValue(QCborValue value)
        : m_value(std::move(value))
    {}
    QCborValue m_value{QCborValue::Undefined};
};

// The keyword arguments of a call, by parameter name (in name order, as QJsonObject kept them).
class PyArgs
{
public:
    using const_iterator = QMap<QString, PyValue>::const_iterator;

    PyArgs() = default;
    PyArgs(std::initializer_list<std::pair<QString, PyValue>> args);
    // Implicit both ways so that code built on QJsonObject (the editor's forms) still reads.
    PyArgs(const QJsonObject &object); // NOLINT(google-explicit-constructor)
    operator QJsonObject() const;      // NOLINT(google-explicit-constructor)

    bool isEmpty() const { return m_args.isEmpty(); }
    qsizetype size() const { return m_args.size(); }
    bool contains(const QString &name) const { return m_args.contains(name); }
    PyValue value(const QString &name) const { return m_args.value(name); }
    QStringList keys() const { return m_args.keys(); }
    template<typename V>
    void insert(const QString &name, V &&value)
    {
        m_args.insert(name, PyValue(std::forward<V>(value)));
    }
    void remove(const QString &name) { m_args.remove(name); }
    const_iterator begin() const { return m_args.cbegin(); }
    const_iterator end() const { return m_args.cend(); }

    friend bool operator==(const PyArgs &, const PyArgs &) = default;

private:
    QMap<QString, PyValue> m_args;
};

} // namespace loopscope
