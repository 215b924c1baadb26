// Methods of the builtin types (str, list, tuple, dict) and the dispatch to runtime objects.
#include "scenario/expr/builtins.h"

#include "scenario/expr/error.h"
#include "scenario/expr/operators.h"

#include <algorithm>

namespace loopscope::expr {

namespace {

// dict.keys(), .values(), .items(): a view printed as dict_keys([...]).
class DictView : public Object
{
public:
    DictView(QString typeName, Values items)
        : m_typeName(std::move(typeName))
        , m_items(std::move(items))
    {}
    QString typeName() const override { return m_typeName; }
    QString repr() const override
    {
        return m_typeName + QLatin1Char('(') + Value::list(m_items).repr() + QLatin1Char(')');
    }
    std::optional<Values> iterate() override { return m_items; }
    std::optional<qint64> length() const override { return qint64(m_items.size()); }

private:
    QString m_typeName;
    Values m_items;
};

// `"a".upper` without a call: called later with its receiver.
class BoundMethod : public Object
{
public:
    BoundMethod(Value self, QString name)
        : m_self(std::move(self))
        , m_name(std::move(name))
    {}
    QString typeName() const override { return QStringLiteral("builtin_function_or_method"); }
    QString repr() const override
    {
        return QStringLiteral("<built-in method %1 of %2 object>").arg(m_name, m_self.typeName());
    }
    Value call(const Values &args, const Keywords &keywords, Scope &scope) override
    {
        return expr::callMethod(m_self, m_name, args, keywords, scope);
    }

private:
    Value m_self;
    QString m_name;
};

const QStringList &methodNames(Value::Kind kind)
{
    static const QStringList str{"upper", "lower",      "strip",    "lstrip",  "rstrip", "split",
                                 "join",  "startswith", "endswith", "replace", "find",   "count",
                                 "title", "capitalize", "isdigit",  "isalpha", "zfill",  "center",
                                 "ljust", "rjust",      "format"};
    static const QStringList list{"append", "extend",  "pop",  "insert", "remove", "index",
                                  "count",  "reverse", "sort", "copy",   "clear"};
    static const QStringList tuple{"index", "count"};
    static const QStringList dict{"get",        "keys",   "values", "items", "pop",
                                  "setdefault", "update", "copy",   "clear"};
    static const QStringList none;
    switch (kind) {
    case Value::Kind::Str:
        return str;
    case Value::Kind::List:
        return list;
    case Value::Kind::Tuple:
        return tuple;
    case Value::Kind::Dict:
        return dict;
    default:
        return none;
    }
}

qint64 indexOf(const Value &self, const Values &items, const Values &args)
{
    requireArgs(QStringLiteral("index"), args, 1, 1);
    for (std::size_t i = 0; i < items.size(); ++i)
        if (identical(items[i], args[0]) || equals(items[i], args[0]))
            return qint64(i);
    if (self.kind() == Value::Kind::Tuple)
        raise("ValueError", QStringLiteral("tuple.index(x): x not in tuple"));
    raise("ValueError", QStringLiteral("%1 is not in list").arg(args[0].repr()));
}

Value countOf(const Values &items, const Values &args)
{
    requireArgs(QStringLiteral("count"), args, 1, 1);
    return Value::integer(std::count_if(items.begin(), items.end(), [&](const Value &item) {
        return identical(item, args[0]) || equals(item, args[0]);
    }));
}

Value listMethod(const Value &self, const QString &name, const Values &args,
                 const Keywords &keywords, Scope &scope)
{
    Values &items = self.listData().items;
    if (name == QLatin1String("append")) {
        requireArgs(QStringLiteral("list.append"), args, 1, 1);
        items.push_back(args[0]);
    } else if (name == QLatin1String("extend")) {
        requireArgs(QStringLiteral("list.extend"), args, 1, 1);
        const Values more = iterate(args[0]);
        items.insert(items.end(), more.begin(), more.end());
    } else if (name == QLatin1String("pop")) {
        requireArgs(QStringLiteral("pop"), args, 0, 1);
        if (items.empty())
            raise("IndexError", QStringLiteral("pop from empty list"));
        qint64 at = args.empty() ? qint64(items.size()) - 1 : requireIndex(args[0]);
        at = at < 0 ? at + qint64(items.size()) : at;
        if (at < 0 || at >= qint64(items.size()))
            raise("IndexError", QStringLiteral("pop index out of range"));
        Value out = items[std::size_t(at)];
        items.erase(items.begin() + at);
        return out;
    } else if (name == QLatin1String("insert")) {
        requireArgs(QStringLiteral("insert"), args, 2, 2);
        const qint64 size = qint64(items.size());
        qint64 at = requireIndex(args[0]);
        at = std::clamp<qint64>(at < 0 ? at + size : at, 0, size);
        items.insert(items.begin() + at, args[1]);
    } else if (name == QLatin1String("remove")) {
        const qint64 at = indexOf(self, items, args);
        items.erase(items.begin() + at);
    } else if (name == QLatin1String("index")) {
        return Value::integer(indexOf(self, items, args));
    } else if (name == QLatin1String("count")) {
        return countOf(items, args);
    } else if (name == QLatin1String("reverse")) {
        std::reverse(items.begin(), items.end());
    } else if (name == QLatin1String("sort")) {
        const Value *key = nullptr;
        bool reverse = false;
        for (const auto &[given, value] : keywords) {
            if (given == QLatin1String("key"))
                key = &value;
            else if (given == QLatin1String("reverse"))
                reverse = value.truthy();
        }
        sortValues(items, key, reverse, scope);
    } else if (name == QLatin1String("copy")) {
        return Value::list(items);
    } else if (name == QLatin1String("clear")) {
        items.clear();
    }
    return {};
}

Value dictMethod(const Value &self, const QString &name, const Values &args)
{
    DictData &dict = self.dictData();
    auto view = [&](const char *type, auto pick) {
        Values out;
        for (const auto &item : dict.items)
            out.push_back(pick(item));
        return Value::object(std::make_shared<DictView>(QString::fromLatin1(type), out));
    };
    if (name == QLatin1String("keys"))
        return view("dict_keys", [](const auto &item) { return item.first; });
    if (name == QLatin1String("values"))
        return view("dict_values", [](const auto &item) { return item.second; });
    if (name == QLatin1String("items"))
        return view("dict_items", [](const auto &item) {
            return Value::tuple({item.first, item.second});
        });
    if (name == QLatin1String("copy"))
        return Value::dict(dict.items);
    if (name == QLatin1String("clear")) {
        dict.items.clear();
        return {};
    }
    if (name == QLatin1String("update")) {
        requireArgs(QStringLiteral("update"), args, 1, 1);
        for (const auto &[key, value] : args[0].dictData().items)
            dict.set(key, value);
        return {};
    }
    requireArgs(name, args, 1, 2);
    const std::optional<std::size_t> at = dict.find(args[0]);
    if (name == QLatin1String("get"))
        return at ? dict.items[*at].second : (args.size() == 2 ? args[1] : Value());
    if (name == QLatin1String("setdefault")) {
        if (!at)
            dict.items.emplace_back(args[0], args.size() == 2 ? args[1] : Value());
        return at ? dict.items[*at].second : dict.items.back().second;
    }
    if (!at && args.size() == 1) // pop
        raise("KeyError", args[0].repr());
    if (!at)
        return args[1];
    Value out = dict.items[*at].second;
    dict.items.erase(dict.items.begin() + std::ptrdiff_t(*at));
    return out;
}

} // namespace

Value callMethod(const Value &self, const QString &name, const Values &args,
                 const Keywords &keywords, Scope &scope)
{
    if (self.kind() == Value::Kind::Object) {
        if (keywords.empty())
            return self.object().callMethod(name, args, scope);
        Value method = self.object().attribute(name, scope);
        return method.object().call(args, keywords, scope);
    }
    if (!methodNames(self.kind()).contains(name))
        raise("AttributeError",
              QStringLiteral("'%1' object has no attribute '%2'").arg(self.typeName(), name));
    if (self.kind() == Value::Kind::List)
        return listMethod(self, name, args, keywords, scope);
    requireNoKeywords(self.typeName() + QLatin1Char('.') + name, keywords);
    switch (self.kind()) {
    case Value::Kind::Str:
        return stringMethod(self.asStr(), name, args);
    case Value::Kind::Tuple:
        if (name == QLatin1String("index"))
            return Value::integer(indexOf(self, self.tupleItems(), args));
        return countOf(self.tupleItems(), args);
    default:
        return dictMethod(self, name, args);
    }
}

Value attributeOf(const Value &self, const QString &name, Scope &scope)
{
    if (self.kind() == Value::Kind::Object)
        return self.object().attribute(name, scope);
    if (!methodNames(self.kind()).contains(name))
        raise("AttributeError",
              QStringLiteral("'%1' object has no attribute '%2'").arg(self.typeName(), name));
    return Value::object(std::make_shared<BoundMethod>(self, name));
}

} // namespace loopscope::expr
