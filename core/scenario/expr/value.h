// A value as a Python expression holds it: None, bool, int, float, str, list, tuple, dict,
// range, or an object the runtime implements (a task, a lock, a queue...). Cheap to copy:
// containers share their storage, so `L.append(x)` changes every name bound to that list,
// as in Python.
#pragma once

#include <QString>

#include <memory>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

namespace loopscope {
class PyValue;
}

namespace loopscope::expr {

class Value;
class Object;
class Scope;
using Values = std::vector<Value>;
using Keywords = std::vector<std::pair<QString, Value>>; // a call's name=value arguments

struct ListData
{
    Values items;
};

struct TupleData
{
    Values items;
};

// A dict keeps insertion order; keys compare as Python's do (1 == 1.0 == True).
struct DictData
{
    std::vector<std::pair<Value, Value>> items;

    std::optional<std::size_t> find(const Value &key) const; // requires a hashable key
    void set(const Value &key, const Value &value);
};

struct Range
{
    qint64 start = 0;
    qint64 stop = 0;
    qint64 step = 1;

    qint64 length() const;
    qint64 at(qint64 index) const { return start + index * step; }
    friend bool operator==(const Range &, const Range &) = default;
};

class Value
{
public:
    enum class Kind { None, Bool, Int, Float, Str, List, Tuple, Dict, Range, Object };

    Value() = default; // None
    static Value boolean(bool value);
    static Value integer(qint64 value);
    static Value real(double value);
    static Value string(const QString &text);
    static Value list(Values items = {});
    static Value tuple(Values items = {});
    static Value dict(std::vector<std::pair<Value, Value>> items = {}); // keys already unique
    static Value range(Range range);
    static Value object(std::shared_ptr<Object> object);

    Kind kind() const { return Kind(m_value.index()); }
    bool isNone() const { return kind() == Kind::None; }
    bool isInt() const { return kind() == Kind::Int || kind() == Kind::Bool; } // bool is an int
    bool isNumber() const { return isInt() || kind() == Kind::Float; }
    bool isStr() const { return kind() == Kind::Str; }

    bool asBool() const { return std::get<bool>(m_value); }
    qint64 asInt() const;   // an int or a bool
    double asFloat() const; // a float, an int or a bool
    const QString &asStr() const { return std::get<QString>(m_value); }
    ListData &listData() const { return *std::get<std::shared_ptr<ListData>>(m_value); }
    const Values &tupleItems() const
    {
        return std::get<std::shared_ptr<const TupleData>>(m_value)->items;
    }
    DictData &dictData() const { return *std::get<std::shared_ptr<DictData>>(m_value); }
    const Range &asRange() const { return std::get<Range>(m_value); }
    Object &object() const { return *std::get<std::shared_ptr<Object>>(m_value); }
    std::shared_ptr<Object> objectPointer() const
    {
        return std::get<std::shared_ptr<Object>>(m_value);
    }

    QString typeName() const; // type(x).__name__
    QString repr() const;
    QString str() const;
    bool truthy() const;

    // `a is b`: the same object (containers and objects by identity, None and bools by value).
    friend bool identical(const Value &a, const Value &b);

private:
    using Storage = std::variant<std::monostate, bool, qint64, double, QString,
                                 std::shared_ptr<ListData>, std::shared_ptr<const TupleData>,
                                 std::shared_ptr<DictData>, Range, std::shared_ptr<Object>>;
    explicit Value(Storage value)
        : m_value(std::move(value))
    {}
    Storage m_value;
};

// len() of a str as Python counts it: code points (a character beyond U+FFFF is one).
qsizetype codePointCount(const QString &text);
// Python's str is a sequence of code points; QString's of UTF-16 units. Text without a
// surrogate (every character in the BMP) is both, and takes the quick way.
bool hasSurrogates(const QString &text);
QString codePointText(char32_t code);

// Python's `a == b`.
bool equals(const Value &a, const Value &b);
// Two numbers (int, bool, float) compared exactly, as Python does (2**53 + 1 != 2.0**53):
// -1, 0 or 1, nullopt when a NaN is involved.
std::optional<int> compareNumbers(const Value &a, const Value &b);
// TypeError "unhashable type: 'list'" unless the value can be a dict key.
void requireHashable(const Value &key);

// What the runtime implements for its objects: tasks, locks, events, queues, futures.
class Object
{
public:
    virtual ~Object();
    virtual QString typeName() const = 0;
    virtual QString repr() const; // "<typeName object>"
    virtual QString str() const { return repr(); }
    // obj.name(args...). The default raises AttributeError as Python words it.
    virtual Value callMethod(const QString &name, const Values &args, Scope &scope);
    // obj.name without a call. The default raises AttributeError.
    virtual Value attribute(const QString &name, Scope &scope);
    // obj(args..., name=value...): functions. The default raises "object is not callable".
    virtual Value call(const Values &args, const Keywords &keywords, Scope &scope);
    // for x in obj / list(obj): the items, consumed if the object is an iterator.
    virtual std::optional<Values> iterate();
    virtual std::optional<qint64> length() const; // len(obj), when it has one

protected:
    [[noreturn]] void raiseNoAttribute(const QString &name) const;
};

// Literals of the scenario file (PyValue) to and from expression values. A value with no
// literal form (tuple, range, object, dict with non-str keys) gives nullopt.
Value fromPyValue(const PyValue &value);
std::optional<PyValue> toPyValue(const Value &value);

} // namespace loopscope::expr
