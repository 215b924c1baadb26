#include "scenario/expr/value.h"

#include "scenario/expr/error.h"
#include "scenario/expr/int_math.h"
#include "scenario/py_value.h"

#include <algorithm>
#include <cmath>

namespace loopscope::expr {

Value Value::boolean(bool value)
{
    return Value(Storage(value));
}

Value Value::integer(qint64 value)
{
    return Value(Storage(value));
}

Value Value::real(double value)
{
    return Value(Storage(value));
}

Value Value::string(const QString &text)
{
    return Value(Storage(text));
}

Value Value::list(Values items)
{
    return Value(Storage(std::make_shared<ListData>(ListData{std::move(items)})));
}

Value Value::tuple(Values items)
{
    return Value(Storage(std::shared_ptr<const TupleData>(
        std::make_shared<TupleData>(TupleData{std::move(items)}))));
}

Value Value::dict(std::vector<std::pair<Value, Value>> items)
{
    return Value(Storage(std::make_shared<DictData>(DictData{std::move(items)})));
}

Value Value::range(Range range)
{
    return Value(Storage(range));
}

Value Value::object(std::shared_ptr<Object> object)
{
    return Value(Storage(std::move(object)));
}

qint64 Value::asInt() const
{
    return kind() == Kind::Bool ? qint64(asBool()) : std::get<qint64>(m_value);
}

double Value::asFloat() const
{
    return kind() == Kind::Float ? std::get<double>(m_value) : double(asInt());
}

QString Value::typeName() const
{
    switch (kind()) {
    case Kind::None:
        return QStringLiteral("NoneType");
    case Kind::Bool:
        return QStringLiteral("bool");
    case Kind::Int:
        return QStringLiteral("int");
    case Kind::Float:
        return QStringLiteral("float");
    case Kind::Str:
        return QStringLiteral("str");
    case Kind::List:
        return QStringLiteral("list");
    case Kind::Tuple:
        return QStringLiteral("tuple");
    case Kind::Dict:
        return QStringLiteral("dict");
    case Kind::Range:
        return QStringLiteral("range");
    case Kind::Object:
        return object().typeName();
    }
    return {};
}

bool Value::truthy() const
{
    switch (kind()) {
    case Kind::None:
        return false;
    case Kind::Bool:
    case Kind::Int:
        return asInt() != 0;
    case Kind::Float:
        return asFloat() != 0.0;
    case Kind::Str:
        return !asStr().isEmpty();
    case Kind::List:
        return !listData().items.empty();
    case Kind::Tuple:
        return !tupleItems().empty();
    case Kind::Dict:
        return !dictData().items.empty();
    case Kind::Range:
        return asRange().length() != 0;
    case Kind::Object: {
        const std::optional<qint64> length = object().length();
        return !length || *length != 0;
    }
    }
    return true;
}

bool identical(const Value &a, const Value &b)
{
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case Value::Kind::Float: // distinct float objects in CPython, unless the same name
    case Value::Kind::Range:
        return false;
    default:
        return a.m_value == b.m_value; // pointers for containers and objects, else the value
    }
}

namespace {

// An int against a float, exactly: CPython's float_richcompare does not round the int.
int compareIntFloat(qint64 i, double d)
{
    if (d >= 9223372036854775808.0)
        return -1;
    if (d < -9223372036854775808.0)
        return 1;
    const double whole = std::trunc(d);
    const auto wholeInt = qint64(whole);
    if (i != wholeInt)
        return i < wholeInt ? -1 : 1;
    return d > whole ? -1 : (d < whole ? 1 : 0);
}

bool sequencesEqual(const Values &a, const Values &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!identical(a[i], b[i]) && !equals(a[i], b[i]))
            return false;
    return true;
}

bool dictsEqual(const DictData &a, const DictData &b)
{
    if (a.items.size() != b.items.size())
        return false;
    for (const auto &[key, value] : a.items) {
        const std::optional<std::size_t> at = b.find(key);
        if (!at || !equals(value, b.items[*at].second))
            return false;
    }
    return true;
}

bool rangesEqual(const Range &a, const Range &b)
{
    const qint64 length = a.length();
    if (length != b.length())
        return false;
    if (length == 0)
        return true;
    return a.start == b.start && (length == 1 || a.step == b.step);
}

} // namespace

std::optional<int> compareNumbers(const Value &a, const Value &b)
{
    using K = Value::Kind;
    if (a.kind() != K::Float && b.kind() != K::Float) {
        const qint64 x = a.asInt(), y = b.asInt();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (std::isnan(a.asFloat()) || std::isnan(b.asFloat()))
        return std::nullopt;
    if (a.kind() != K::Float)
        return compareIntFloat(a.asInt(), b.asFloat());
    if (b.kind() != K::Float)
        return -compareIntFloat(b.asInt(), a.asFloat());
    const double x = a.asFloat(), y = b.asFloat();
    return x < y ? -1 : (x > y ? 1 : 0);
}

bool equals(const Value &a, const Value &b)
{
    using K = Value::Kind;
    if (a.isNumber() && b.isNumber()) {
        const std::optional<int> order = compareNumbers(a, b);
        return order && *order == 0;
    }
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case K::None:
        return true;
    case K::Str:
        return a.asStr() == b.asStr();
    case K::List:
        return sequencesEqual(a.listData().items, b.listData().items);
    case K::Tuple:
        return sequencesEqual(a.tupleItems(), b.tupleItems());
    case K::Dict:
        return dictsEqual(a.dictData(), b.dictData());
    case K::Range:
        return rangesEqual(a.asRange(), b.asRange());
    default:
        return identical(a, b);
    }
}

qsizetype codePointCount(const QString &text)
{
    return text.size()
           - std::count_if(text.begin(), text.end(), [](QChar c) { return c.isLowSurrogate(); });
}

bool hasSurrogates(const QString &text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.isSurrogate(); });
}

QString codePointText(char32_t code)
{
    return QString::fromUcs4(&code, 1);
}

void requireHashable(const Value &key)
{
    switch (key.kind()) {
    case Value::Kind::List:
    case Value::Kind::Dict:
        raise("TypeError", QStringLiteral("unhashable type: '%1'").arg(key.typeName()));
    case Value::Kind::Tuple:
        for (const Value &item : key.tupleItems())
            requireHashable(item);
        return;
    default:
        return;
    }
}

std::optional<std::size_t> DictData::find(const Value &key) const
{
    requireHashable(key);
    for (std::size_t i = 0; i < items.size(); ++i)
        if (identical(items[i].first, key) || equals(items[i].first, key))
            return i;
    return std::nullopt;
}

void DictData::set(const Value &key, const Value &value)
{
    if (const std::optional<std::size_t> at = find(key))
        items[*at].second = value; // the first key stays, as in Python ({1: 'a', 1.0: 'b'})
    else
        items.emplace_back(key, value);
}

qint64 Range::length() const
{
    const Int128 span = step > 0 ? Int128(stop) - start : Int128(start) - stop;
    const Int128 by = step > 0 ? step : -Int128(step);
    return span <= 0 ? 0 : qint64((span - 1) / by + 1);
}

Object::~Object() = default;

QString Object::repr() const
{
    return QStringLiteral("<%1 object>").arg(typeName());
}

void Object::raiseNoAttribute(const QString &name) const
{
    raise("AttributeError",
          QStringLiteral("'%1' object has no attribute '%2'").arg(typeName(), name));
}

Value Object::callMethod(const QString &name, const Values &, Scope &)
{
    raiseNoAttribute(name);
}

Value Object::attribute(const QString &name, Scope &)
{
    raiseNoAttribute(name);
}

Value Object::call(const Values &, const Keywords &, Scope &)
{
    raise("TypeError", QStringLiteral("'%1' object is not callable").arg(typeName()));
}

std::optional<Values> Object::iterate()
{
    return std::nullopt;
}

std::optional<qint64> Object::length() const
{
    return std::nullopt;
}

Value fromPyValue(const PyValue &value)
{
    switch (value.kind()) {
    case PyValue::Kind::Absent:
    case PyValue::Kind::None:
        return {};
    case PyValue::Kind::Bool:
        return Value::boolean(value.toJson().toBool());
    case PyValue::Kind::Int:
        return Value::integer(value.toJson().toInteger());
    case PyValue::Kind::Float:
        return Value::real(value.toDouble());
    case PyValue::Kind::Str:
        return Value::string(value.toString());
    case PyValue::Kind::List: {
        Values items;
        for (const PyValue &element : value.elements())
            items.push_back(fromPyValue(element));
        return Value::list(std::move(items));
    }
    case PyValue::Kind::Dict: {
        std::vector<std::pair<Value, Value>> items;
        for (const auto &[key, member] : value.members())
            items.emplace_back(Value::string(key), fromPyValue(member));
        return Value::dict(std::move(items));
    }
    }
    return {};
}

std::optional<PyValue> toPyValue(const Value &value)
{
    switch (value.kind()) {
    case Value::Kind::None:
        return PyValue(nullptr);
    case Value::Kind::Bool:
        return PyValue(value.asBool());
    case Value::Kind::Int:
        return PyValue(value.asInt());
    case Value::Kind::Float:
        return PyValue(value.asFloat());
    case Value::Kind::Str:
        return PyValue(value.asStr());
    case Value::Kind::List: {
        std::vector<PyValue> elements;
        for (const Value &item : value.listData().items) {
            std::optional<PyValue> element = toPyValue(item);
            if (!element)
                return std::nullopt;
            elements.push_back(*element);
        }
        return PyValue::list(elements);
    }
    case Value::Kind::Dict: {
        std::vector<std::pair<QString, PyValue>> members;
        for (const auto &[key, item] : value.dictData().items) {
            std::optional<PyValue> member = toPyValue(item);
            if (!key.isStr() || !member)
                return std::nullopt;
            members.emplace_back(key.asStr(), *member);
        }
        return PyValue::dict(members);
    }
    default:
        return std::nullopt;
    }
}

} // namespace loopscope::expr
