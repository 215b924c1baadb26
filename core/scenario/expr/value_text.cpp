// repr() and str() of values, as CPython writes them.
#include "scenario/expr/value.h"

#include "scenario/py_format.h"

#include <QStringList>

#include <algorithm>

namespace loopscope::expr {

namespace {

// The containers being written: a list holding itself prints `[[...]]`, as CPython's
// Py_ReprEnter does, instead of recursing forever.
thread_local std::vector<const void *> reprStack;

class ReprGuard
{
public:
    explicit ReprGuard(const void *container)
        : m_entered(std::find(reprStack.begin(), reprStack.end(), container) == reprStack.end())
    {
        if (m_entered)
            reprStack.push_back(container);
    }
    ~ReprGuard()
    {
        if (m_entered)
            reprStack.pop_back();
    }
    ReprGuard(const ReprGuard &) = delete;
    ReprGuard &operator=(const ReprGuard &) = delete;
    bool recursive() const { return !m_entered; }

private:
    bool m_entered;
};

QString joinedReprs(const Values &items)
{
    QStringList parts;
    for (const Value &item : items)
        parts << item.repr();
    return parts.join(QLatin1String(", "));
}

QString listRepr(const ListData &list)
{
    const ReprGuard guard(&list);
    if (guard.recursive())
        return QStringLiteral("[...]");
    return QLatin1Char('[') + joinedReprs(list.items) + QLatin1Char(']');
}

QString tupleRepr(const Values &items)
{
    if (items.size() == 1)
        return QLatin1Char('(') + items.front().repr() + QLatin1String(",)");
    return QLatin1Char('(') + joinedReprs(items) + QLatin1Char(')');
}

QString dictRepr(const DictData &dict)
{
    const ReprGuard guard(&dict);
    if (guard.recursive())
        return QStringLiteral("{...}");
    QStringList parts;
    for (const auto &[key, value] : dict.items)
        parts << key.repr() + QLatin1String(": ") + value.repr();
    return QLatin1Char('{') + parts.join(QLatin1String(", ")) + QLatin1Char('}');
}

QString rangeRepr(const Range &range)
{
    if (range.step == 1)
        return QStringLiteral("range(%1, %2)").arg(range.start).arg(range.stop);
    return QStringLiteral("range(%1, %2, %3)").arg(range.start).arg(range.stop).arg(range.step);
}

} // namespace

QString Value::repr() const
{
    switch (kind()) {
    case Kind::None:
        return QStringLiteral("None");
    case Kind::Bool:
        return asBool() ? QStringLiteral("True") : QStringLiteral("False");
    case Kind::Int:
        return py::intRepr(asInt());
    case Kind::Float:
        return py::floatRepr(asFloat());
    case Kind::Str:
        return py::strRepr(asStr());
    case Kind::List:
        return listRepr(listData());
    case Kind::Tuple:
        return tupleRepr(tupleItems());
    case Kind::Dict:
        return dictRepr(dictData());
    case Kind::Range:
        return rangeRepr(asRange());
    case Kind::Object:
        return object().repr();
    }
    return {};
}

QString Value::str() const
{
    if (kind() == Kind::Object)
        return object().str();
    return isStr() ? asStr() : repr();
}

} // namespace loopscope::expr
