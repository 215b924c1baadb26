// The names an expression finds when the scope has none: Python's builtin functions (len,
// sum, round, sorted, range...) and the modules `time`, `random` and `asyncio`.
#pragma once

#include "scenario/expr/scope.h"

#include <QStringList>

#include <utility>

namespace loopscope::expr {

std::optional<Value> builtin(const QString &name);
QStringList builtinNames(); // for check's did-you-mean

// value.name(args...): the methods of str, list, tuple and dict, and of runtime objects.
Value callMethod(const Value &self, const QString &name, const Values &args,
                 const Keywords &keywords, Scope &scope);
// value.name without a call (a bound method of a builtin type, or an object's attribute).
Value attributeOf(const Value &self, const QString &name, Scope &scope);

// A callable the engine defines: a builtin function or a module's function.
class BuiltinFunction : public Object
{
public:
    using Body = Value (*)(const Values &args, const Keywords &keywords, Scope &scope);
    BuiltinFunction(QString name, Body body)
        : m_name(std::move(name))
        , m_body(body)
    {}
    QString typeName() const override { return QStringLiteral("builtin_function_or_method"); }
    QString repr() const override { return QStringLiteral("<built-in function %1>").arg(m_name); }
    Value call(const Values &args, const Keywords &keywords, Scope &scope) override
    {
        return m_body(args, keywords, scope);
    }
    const QString &name() const { return m_name; }

private:
    QString m_name;
    Body m_body;
};

// A one-pass iterator (enumerate, zip, reversed, a generator expression): its items are
// computed when it is made, and iterating consumes them.
class ItemIterator : public Object
{
public:
    ItemIterator(QString typeName, Values items)
        : m_typeName(std::move(typeName))
        , m_items(std::move(items))
    {}
    QString typeName() const override { return m_typeName; }
    QString repr() const override { return QStringLiteral("<%1 object>").arg(m_typeName); }
    std::optional<Values> iterate() override { return std::exchange(m_items, {}); }

private:
    QString m_typeName;
    Values m_items;
};

// The event loop as expressions see it: `asyncio.get_running_loop().time()` is scenario time.
Value runningLoop();
bool isEventLoop(const Value &value);

// Sorts as CPython's list.sort does for short lists (a run, then binary insertion), so that
// the comparisons made, and the TypeError of a mixed list, are CPython's.
void sortValues(Values &items, const Value *key, bool reverse, Scope &scope);

// The builtins written in builtin_*.cpp, for the table in builtins.cpp.
using BuiltinTable = std::vector<std::pair<const char *, BuiltinFunction::Body>>;
const BuiltinTable &numericBuiltins();
Value moduleNamed(const QString &name); // time, random, asyncio, datetime; None if not one
Value datetimeModule();                 // builtin_datetime.cpp

// str.name(args...) (methods.cpp dispatches here).
Value stringMethod(const QString &text, const QString &name, const Values &args);

// Argument checks shared by builtins and methods, with CPython's messages.
void requireArgs(const QString &function, const Values &args, std::size_t min, std::size_t max);
void requireNoKeywords(const QString &function, const Keywords &keywords);
qint64 requireIndex(const Value &value); // "'float' object cannot be interpreted as an integer"

} // namespace loopscope::expr
