// The builtin functions on containers and text, and the table of every builtin name.
#include "scenario/expr/builtins.h"

#include "scenario/expr/error.h"
#include "scenario/expr/format.h"
#include "scenario/expr/operators.h"

#include <algorithm>
#include <cstdint>

namespace loopscope::expr {

void requireArgs(const QString &function, const Values &args, std::size_t min, std::size_t max)
{
    const std::size_t given = args.size();
    if (given >= min && given <= max)
        return;
    // CPython's words: METH_NOARGS "takes no arguments", METH_O "takes exactly one argument".
    if (max == 0)
        raise("TypeError",
              QStringLiteral("%1() takes no arguments (%2 given)").arg(function).arg(given));
    if (min == max)
        raise("TypeError", QStringLiteral("%1() takes exactly %2 argument%3 (%4 given)")
                               .arg(function)
                               .arg(min == 1 ? QStringLiteral("one") : QString::number(min))
                               .arg(min == 1 ? QString() : QStringLiteral("s"))
                               .arg(given));
    if (given < min)
        raise("TypeError", QStringLiteral("%1 expected at least %2 argument%3, got %4")
                               .arg(function)
                               .arg(min)
                               .arg(min == 1 ? QString() : QStringLiteral("s"))
                               .arg(given));
    raise("TypeError", QStringLiteral("%1 expected at most %2 argument%3, got %4")
                           .arg(function)
                           .arg(max)
                           .arg(max == 1 ? QString() : QStringLiteral("s"))
                           .arg(given));
}

void requireNoKeywords(const QString &function, const Keywords &keywords)
{
    if (!keywords.empty())
        raise("TypeError", QStringLiteral("%1() takes no keyword arguments").arg(function));
}

qint64 requireIndex(const Value &value)
{
    if (!value.isInt())
        raise("TypeError", QStringLiteral("'%1' object cannot be interpreted as an integer")
                               .arg(value.typeName()));
    return value.asInt();
}

namespace {

const Value *keyword(const Keywords &keywords, const char *name)
{
    for (const auto &[given, value] : keywords)
        if (given == QLatin1String(name))
            return &value;
    return nullptr;
}

void onlyKeywords(const QString &function, const Keywords &keywords,
                  std::initializer_list<const char *> allowed)
{
    for (const auto &keyword : keywords) {
        const QString &given = keyword.first; // clang 14 lambdas cannot capture a binding
        if (std::none_of(allowed.begin(), allowed.end(),
                         [&](const char *name) { return given == QLatin1String(name); }))
            raise("TypeError", QStringLiteral("%1() got an unexpected keyword argument '%2'")
                                   .arg(function, given));
    }
}

Value len(const Values &args, const Keywords &keywords, Scope &)
{
    requireNoKeywords(QStringLiteral("len"), keywords);
    requireArgs(QStringLiteral("len"), args, 1, 1);
    const Value &v = args[0];
    switch (v.kind()) {
    case Value::Kind::Str:
        return Value::integer(codePointCount(v.asStr()));
    case Value::Kind::List:
        return Value::integer(qint64(v.listData().items.size()));
    case Value::Kind::Tuple:
        return Value::integer(qint64(v.tupleItems().size()));
    case Value::Kind::Dict:
        return Value::integer(qint64(v.dictData().items.size()));
    case Value::Kind::Range:
        return Value::integer(v.asRange().length());
    case Value::Kind::Object:
        if (const std::optional<qint64> length = v.object().length())
            return Value::integer(*length);
        break;
    default:
        break;
    }
    raise("TypeError", QStringLiteral("object of type '%1' has no len()").arg(v.typeName()));
}

// min() and max(): the first of equal extremes, as CPython keeps it.
Value extreme(const char *name, Op better, const Values &args, const Keywords &keywords,
              Scope &scope)
{
    const QString function = QString::fromLatin1(name);
    onlyKeywords(function, keywords, {"key", "default"});
    if (args.empty())
        raise("TypeError", QStringLiteral("%1 expected at least 1 argument, got 0").arg(function));
    const Value *key = keyword(keywords, "key");
    const Value *fallback = keyword(keywords, "default");
    if (args.size() > 1 && fallback)
        raise("TypeError", QStringLiteral("Cannot specify a default for %1() with multiple "
                                          "positional arguments")
                               .arg(function));
    const Values items = args.size() == 1 ? iterate(args[0]) : args;
    if (items.empty()) {
        if (fallback)
            return *fallback;
        raise("ValueError", QStringLiteral("%1() iterable argument is empty").arg(function));
    }
    Values keys = items;
    if (key && !key->isNone()) {
        if (key->kind() != Value::Kind::Object)
            raise("TypeError", QStringLiteral("'%1' object is not callable").arg(key->typeName()));
        for (std::size_t i = 0; i < items.size(); ++i)
            keys[i] = key->object().call({items[i]}, {}, scope);
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < items.size(); ++i)
        if (compare(better, keys[i], keys[best]))
            best = i;
    return items[best];
}

Value min(const Values &args, const Keywords &keywords, Scope &scope)
{
    return extreme("min", Op::Lt, args, keywords, scope);
}

Value max(const Values &args, const Keywords &keywords, Scope &scope)
{
    return extreme("max", Op::Gt, args, keywords, scope);
}

Value sorted(const Values &args, const Keywords &keywords, Scope &scope)
{
    onlyKeywords(QStringLiteral("sort"), keywords, {"key", "reverse"});
    requireArgs(QStringLiteral("sorted"), args, 1, 1);
    Values items = iterate(args[0]);
    const Value *reverse = keyword(keywords, "reverse");
    sortValues(items, keyword(keywords, "key"), reverse && reverse->truthy(), scope);
    return Value::list(std::move(items));
}

Value reversed(const Values &args, const Keywords &keywords, Scope &)
{
    requireNoKeywords(QStringLiteral("reversed"), keywords);
    requireArgs(QStringLiteral("reversed"), args, 1, 1);
    const Value::Kind kind = args[0].kind();
    if (kind != Value::Kind::List && kind != Value::Kind::Tuple && kind != Value::Kind::Str
        && kind != Value::Kind::Range && kind != Value::Kind::Dict)
        raise("TypeError", QStringLiteral("'%1' object is not reversible").arg(args[0].typeName()));
    Values items = iterate(args[0]);
    std::reverse(items.begin(), items.end());
    return Value::object(std::make_shared<ItemIterator>(QStringLiteral("reversed"), items));
}

Value range(const Values &args, const Keywords &keywords, Scope &)
{
    requireNoKeywords(QStringLiteral("range"), keywords);
    requireArgs(QStringLiteral("range"), args, 1, 3);
    Range range;
    if (args.size() == 1) {
        range.stop = requireIndex(args[0]);
    } else {
        range.start = requireIndex(args[0]);
        range.stop = requireIndex(args[1]);
    }
    if (args.size() == 3)
        range.step = requireIndex(args[2]);
    if (range.step == 0)
        raise("ValueError", QStringLiteral("range() arg 3 must not be zero"));
    return Value::range(range);
}

Value list(const Values &args, const Keywords &keywords, Scope &)
{
    requireNoKeywords(QStringLiteral("list"), keywords);
    requireArgs(QStringLiteral("list"), args, 0, 1);
    return Value::list(args.empty() ? Values{} : iterate(args[0]));
}

Value tuple(const Values &args, const Keywords &keywords, Scope &)
{
    requireNoKeywords(QStringLiteral("tuple"), keywords);
    requireArgs(QStringLiteral("tuple"), args, 0, 1);
    return Value::tuple(args.empty() ? Values{} : iterate(args[0]));
}

Value dict(const Values &args, const Keywords &keywords, Scope &)
{
    requireArgs(QStringLiteral("dict"), args, 0, 1);
    Value out = Value::dict();
    if (!args.empty() && args[0].kind() == Value::Kind::Dict) {
        out.dictData().items = args[0].dictData().items;
    } else if (!args.empty()) {
        const Values items = iterate(args[0]);
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (items[i].kind() != Value::Kind::List && items[i].kind() != Value::Kind::Tuple)
                raise("TypeError", QStringLiteral("cannot convert dictionary update sequence "
                                                  "element #%1 to a sequence")
                                       .arg(i));
            const Values pair = iterate(items[i]);
            if (pair.size() != 2)
                raise("ValueError", QStringLiteral("dictionary update sequence element #%1 has "
                                                   "length %2; 2 is required")
                                        .arg(i)
                                        .arg(pair.size()));
            out.dictData().set(pair[0], pair[1]);
        }
    }
    for (const auto &[name, value] : keywords)
        out.dictData().set(Value::string(name), value);
    return out;
}

Value enumerate(const Values &args, const Keywords &keywords, Scope &)
{
    onlyKeywords(QStringLiteral("enumerate"), keywords, {"start"});
    requireArgs(QStringLiteral("enumerate"), args, 1, 2);
    const Value *start = keyword(keywords, "start");
    qint64 index = args.size() == 2 ? requireIndex(args[1]) : (start ? requireIndex(*start) : 0);
    Values out;
    for (const Value &item : iterate(args[0]))
        out.push_back(Value::tuple({Value::integer(index++), item}));
    return Value::object(std::make_shared<ItemIterator>(QStringLiteral("enumerate"), out));
}

Value zip(const Values &args, const Keywords &keywords, Scope &)
{
    requireNoKeywords(QStringLiteral("zip"), keywords);
    std::vector<Values> columns;
    std::size_t rows = args.empty() ? 0 : SIZE_MAX;
    for (const Value &arg : args) {
        columns.push_back(iterate(arg));
        rows = std::min(rows, columns.back().size());
    }
    Values out;
    for (std::size_t row = 0; row < rows; ++row) {
        Values tupleItems;
        for (const Values &column : columns)
            tupleItems.push_back(column[row]);
        out.push_back(Value::tuple(std::move(tupleItems)));
    }
    return Value::object(std::make_shared<ItemIterator>(QStringLiteral("zip"), out));
}

Value anyOrAll(bool all, const Values &args)
{
    requireArgs(QString::fromLatin1(all ? "all" : "any"), args, 1, 1);
    for (const Value &item : iterate(args[0]))
        if (item.truthy() != all)
            return Value::boolean(!all);
    return Value::boolean(all);
}

Value text(const char *function, const Values &args, const Keywords &keywords)
{
    requireNoKeywords(QString::fromLatin1(function), keywords);
    const bool isStr = QLatin1String(function) == QLatin1String("str");
    requireArgs(QString::fromLatin1(function), args, isStr ? 0 : 1, 1);
    if (args.empty())
        return Value::string(QString());
    if (isStr)
        return Value::string(args[0].str());
    if (QLatin1String(function) == QLatin1String("repr"))
        return Value::string(args[0].repr());
    return Value::string(asciiRepr(args[0]));
}

Value format(const Values &args, const Keywords &keywords, Scope &)
{
    requireNoKeywords(QStringLiteral("format"), keywords);
    requireArgs(QStringLiteral("format"), args, 1, 2);
    if (args.size() == 2 && !args[1].isStr())
        raise("TypeError",
              QStringLiteral("format() argument 2 must be str, not %1").arg(args[1].typeName()));
    return Value::string(formatValue(args[0], args.size() == 2 ? args[1].asStr() : QString()));
}

const BuiltinTable &containerBuiltins()
{
    static const BuiltinTable table{
        {"len", len},
        {"min", min},
        {"max", max},
        {"sorted", sorted},
        {"reversed", reversed},
        {"range", range},
        {"list", list},
        {"tuple", tuple},
        {"dict", dict},
        {"enumerate", enumerate},
        {"zip", zip},
        {"format", format},
        {"any", [](const Values &a, const Keywords &, Scope &) { return anyOrAll(false, a); }},
        {"all", [](const Values &a, const Keywords &, Scope &) { return anyOrAll(true, a); }},
        {"str", [](const Values &a, const Keywords &k, Scope &) { return text("str", a, k); }},
        {"repr", [](const Values &a, const Keywords &k, Scope &) { return text("repr", a, k); }},
        {"ascii", [](const Values &a, const Keywords &k, Scope &) { return text("ascii", a, k); }},
    };
    return table;
}

} // namespace

std::optional<Value> builtin(const QString &name)
{
    for (const BuiltinTable *table : {&containerBuiltins(), &numericBuiltins()})
        for (const auto &[builtinName, body] : *table)
            if (name == QLatin1String(builtinName))
                return Value::object(std::make_shared<BuiltinFunction>(name, body));
    Value module = moduleNamed(name);
    if (!module.isNone())
        return module;
    return std::nullopt;
}

QStringList builtinNames()
{
    QStringList names{QStringLiteral("time"), QStringLiteral("random"), QStringLiteral("asyncio"),
                      QStringLiteral("datetime")};
    for (const BuiltinTable *table : {&containerBuiltins(), &numericBuiltins()})
        for (const auto &entry : *table)
            names << QString::fromLatin1(entry.first);
    return names;
}

} // namespace loopscope::expr
