#include "scenario/expr/operators.h"

#include "scenario/expr/error.h"

#include <QList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace loopscope::expr {

QString opSymbol(Op op)
{
    static const char *const symbols[]
        = {"+", "-",   "*", "/", "//", "%", "**", "<<", ">>", "|",  "^",      "&",  "-",
           "+", "not", "~", "<", "<=", ">", ">=", "==", "!=", "in", "not in", "is", "is not"};
    return QString::fromLatin1(symbols[int(op)]);
}

namespace {

[[noreturn]] void unsupported(Op op, const Value &a, const Value &b)
{
    const QString symbol = op == Op::Pow ? QStringLiteral("** or pow()") : opSymbol(op);
    raise("TypeError", QStringLiteral("unsupported operand type(s) for %1: '%2' and '%3'")
                           .arg(symbol, a.typeName(), b.typeName()));
}

bool isSequence(const Value &v)
{
    return v.isStr() || v.kind() == Value::Kind::List || v.kind() == Value::Kind::Tuple;
}

Values sequenceItems(const Value &v)
{
    return v.kind() == Value::Kind::List ? v.listData().items : v.tupleItems();
}

Value sameKind(const Value &like, Values items)
{
    return like.kind() == Value::Kind::List ? Value::list(std::move(items))
                                            : Value::tuple(std::move(items));
}

Value concatenate(const Value &a, const Value &b)
{
    if (a.kind() != b.kind())
        raise("TypeError", QStringLiteral("can only concatenate %1 (not \"%2\") to %1")
                               .arg(a.typeName(), b.typeName()));
    if (a.isStr())
        return Value::string(a.asStr() + b.asStr());
    Values items = sequenceItems(a);
    const Values more = sequenceItems(b);
    items.insert(items.end(), more.begin(), more.end());
    return sameKind(a, std::move(items));
}

Value repeat(const Value &sequence, const Value &count)
{
    if (!count.isInt())
        raise("TypeError", QStringLiteral("can't multiply sequence by non-int of type '%1'")
                               .arg(count.typeName()));
    const qint64 times = std::max<qint64>(0, count.asInt());
    const qint64 size
        = sequence.isStr() ? sequence.asStr().size() : qint64(sequenceItems(sequence).size());
    if (sequence.isStr() && size != 0 && times > std::numeric_limits<qint64>::max() / size)
        raise("OverflowError", QStringLiteral("repeated string is too long"));
    if (size != 0 && times > (qint64(1) << 26) / size)
        raise("MemoryError", QString());
    if (sequence.isStr())
        return Value::string(sequence.asStr().repeated(times));
    const Values items = sequenceItems(sequence);
    Values out;
    for (qint64 i = 0; i < times; ++i)
        out.insert(out.end(), items.begin(), items.end());
    return sameKind(sequence, std::move(out));
}

// a < b etc. for values of an ordered kind; TypeError otherwise.
int order(Op op, const Value &a, const Value &b);

int sequenceOrder(Op op, const Values &a, const Values &b)
{
    const std::size_t common = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < common; ++i)
        if (!identical(a[i], b[i]) && !equals(a[i], b[i]))
            return order(op, a[i], b[i]);
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

int order(Op op, const Value &a, const Value &b)
{
    if (a.isNumber() && b.isNumber()) {
        const std::optional<int> result = compareNumbers(a, b);
        return result ? *result : 2; // 2: unordered (NaN), every comparison false
    }
    if (a.isStr() && b.isStr()) {
        if (a.asStr() == b.asStr())
            return 0;
        if (!hasSurrogates(a.asStr()) && !hasSurrogates(b.asStr()))
            return a.asStr().compare(b.asStr()) < 0 ? -1 : 1;
        const QList<uint> x = a.asStr().toUcs4(), y = b.asStr().toUcs4(); // by code point
        return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end()) ? -1 : 1;
    }
    if (a.kind() == b.kind() && a.kind() == Value::Kind::List)
        return sequenceOrder(op, a.listData().items, b.listData().items);
    if (a.kind() == b.kind() && a.kind() == Value::Kind::Tuple)
        return sequenceOrder(op, a.tupleItems(), b.tupleItems());
    raise("TypeError", QStringLiteral("'%1' not supported between instances of '%2' and '%3'")
                           .arg(opSymbol(op), a.typeName(), b.typeName()));
}

} // namespace

Value binaryOperation(Op op, const Value &a, const Value &b)
{
    if (a.isNumber() && b.isNumber()) {
        Value result = numericOperation(op, a, b);
        if (result.isNone())
            unsupported(op, a, b);
        return result;
    }
    if (op == Op::Add && isSequence(a))
        return concatenate(a, b);
    if (op == Op::BitOr && a.kind() == Value::Kind::Dict && b.kind() == Value::Kind::Dict) {
        Value merged = Value::dict(a.dictData().items); // d1 | d2: d2 wins, d1's order
        for (const auto &[key, value] : b.dictData().items)
            merged.dictData().set(key, value);
        return merged;
    }
    if (op == Op::Mul && isSequence(a))
        return repeat(a, b);
    if (op == Op::Mul && isSequence(b))
        return repeat(b, a);
    if (op == Op::Mod && a.isStr())
        raise("TypeError", QStringLiteral("printf-style formatting (str % ...) is not "
                                          "supported; use an f-string"));
    unsupported(op, a, b);
}

Value unaryOperation(Op op, const Value &operand)
{
    if (op == Op::Not)
        return Value::boolean(!operand.truthy());
    if (operand.kind() == Value::Kind::Float && op != Op::Invert)
        return Value::real(op == Op::Neg ? -operand.asFloat() : operand.asFloat());
    if (operand.isInt()) {
        const qint64 value = operand.asInt();
        if (op == Op::Invert)
            return Value::integer(~value);
        if (op == Op::Neg && value == std::numeric_limits<qint64>::min())
            raiseIntOverflow();
        return Value::integer(op == Op::Neg ? -value : value);
    }
    raise("TypeError", QStringLiteral("bad operand type for unary %1: '%2'")
                           .arg(opSymbol(op), operand.typeName()));
}

bool compare(Op op, const Value &a, const Value &b)
{
    switch (op) {
    case Op::Eq:
        return equals(a, b);
    case Op::Ne:
        return !equals(a, b);
    case Op::In:
        return contains(b, a);
    case Op::NotIn:
        return !contains(b, a);
    case Op::Is:
        return identical(a, b);
    case Op::IsNot:
        return !identical(a, b);
    default:
        break;
    }
    const int result = order(op, a, b);
    if (result == 2)
        return false;
    switch (op) {
    case Op::Lt:
        return result < 0;
    case Op::Le:
        return result <= 0;
    case Op::Gt:
        return result > 0;
    default:
        return result >= 0;
    }
}

bool contains(const Value &container, const Value &item)
{
    switch (container.kind()) {
    case Value::Kind::Str:
        if (!item.isStr())
            raise("TypeError",
                  QStringLiteral("'in <string>' requires string as left operand, not %1")
                      .arg(item.typeName()));
        return container.asStr().contains(item.asStr());
    case Value::Kind::Dict:
        return container.dictData().find(item).has_value();
    case Value::Kind::Range: {
        const Range &range = container.asRange();
        if (!item.isNumber()
            || (item.kind() == Value::Kind::Float && item.asFloat() != std::trunc(item.asFloat())))
            return false;
        if (item.kind() == Value::Kind::Float && std::fabs(item.asFloat()) >= 9.2e18)
            return false;
        const qint64 value
            = item.kind() == Value::Kind::Float ? qint64(item.asFloat()) : item.asInt();
        const bool inside = range.step > 0 ? (value >= range.start && value < range.stop)
                                           : (value <= range.start && value > range.stop);
        return inside && (value - range.start) % range.step == 0;
    }
    case Value::Kind::List:
    case Value::Kind::Tuple:
    case Value::Kind::Object:
        if (container.kind() != Value::Kind::Object || container.object().iterate()) {
            const Values items = iterate(container);
            return std::any_of(items.begin(), items.end(), [&](const Value &candidate) {
                return identical(candidate, item) || equals(candidate, item);
            });
        }
        [[fallthrough]];
    default:
        raise("TypeError",
              QStringLiteral("argument of type '%1' is not iterable").arg(container.typeName()));
    }
}

Values iterate(const Value &iterable)
{
    switch (iterable.kind()) {
    case Value::Kind::List:
        return iterable.listData().items;
    case Value::Kind::Tuple:
        return iterable.tupleItems();
    case Value::Kind::Str: {
        Values out;
        for (const uint code : iterable.asStr().toUcs4())
            out.push_back(Value::string(codePointText(code)));
        return out;
    }
    case Value::Kind::Dict: {
        Values out;
        for (const auto &item : iterable.dictData().items)
            out.push_back(item.first);
        return out;
    }
    case Value::Kind::Range: {
        const Range &range = iterable.asRange();
        if (range.length() > (qint64(1) << 26))
            raise("MemoryError", QStringLiteral("range too long to iterate here"));
        Values out;
        for (qint64 i = 0; i < range.length(); ++i)
            out.push_back(Value::integer(range.at(i)));
        return out;
    }
    case Value::Kind::Object:
        if (std::optional<Values> items = iterable.object().iterate())
            return *items;
        break;
    default:
        break;
    }
    raise("TypeError", QStringLiteral("'%1' object is not iterable").arg(iterable.typeName()));
}

} // namespace loopscope::expr
