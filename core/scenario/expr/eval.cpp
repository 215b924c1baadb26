#include "scenario/expr/eval.h"

#include "scenario/expr/builtins.h"
#include "scenario/expr/error.h"
#include "scenario/expr/format.h"
#include "scenario/expr/operators.h"

#include <QStringList>

namespace loopscope::expr {

void NestedScope::bind(const QString &name, const Value &value)
{
    for (auto &[bound, current] : m_names)
        if (bound == name) {
            current = value;
            return;
        }
    m_names.emplace_back(name, value);
}

std::optional<Value> NestedScope::lookup(const QString &name)
{
    for (const auto &[bound, value] : m_names)
        if (bound == name)
            return value;
    return m_outer.lookup(name);
}

namespace {

// An element of a display or an argument: `*xs` adds the items of xs.
void appendItem(const Node &item, Scope &scope, Values &out)
{
    if (item.kind != NodeKind::Starred)
        return out.push_back(evaluate(item, scope));
    const Values expanded = iterate(evaluate(*item.children[0], scope));
    out.insert(out.end(), expanded.begin(), expanded.end());
}

Values evaluateItems(const std::vector<NodePtr> &nodes, Scope &scope)
{
    Values out;
    for (const NodePtr &item : nodes)
        appendItem(*item, scope, out);
    return out;
}

Value lookupName(const Node &node, Scope &scope)
{
    if (std::optional<Value> value = scope.lookup(node.name))
        return *value;
    if (std::optional<Value> value = builtin(node.name))
        return *value;
    raise("NameError", QStringLiteral("name '%1' is not defined").arg(node.name));
}

QString evaluateFString(const Node &fstring, Scope &scope)
{
    QString out;
    for (const NodePtr &part : fstring.children) {
        if (part->kind == NodeKind::Constant) {
            out += part->constant.asStr();
            continue;
        }
        Value value = evaluate(*part->children[0], scope);
        if (part->conversion == 'r')
            value = Value::string(value.repr());
        else if (part->conversion == 's')
            value = Value::string(value.str());
        else if (part->conversion == 'a')
            value = Value::string(asciiRepr(value));
        const NodePtr &spec = part->children[1];
        out += formatValue(value, spec ? evaluateFString(*spec, scope) : QString());
    }
    return out;
}

std::optional<Value> shortCircuit(const Node &call, Scope &scope);

Value evaluateCall(const Node &call, Scope &scope)
{
    if (std::optional<Value> decided = shortCircuit(call, scope))
        return *decided;
    Values args;
    Keywords keywords;
    const Node &callee = *call.children[0];
    std::optional<Value> self;
    if (callee.kind == NodeKind::Attribute)
        self = evaluate(*callee.children[0], scope);
    const Value function = self ? Value() : evaluate(callee, scope);
    for (std::size_t i = 1; i < call.children.size(); ++i) {
        const Node &argument = *call.children[i];
        if (argument.kind == NodeKind::Keyword)
            keywords.emplace_back(argument.name, evaluate(*argument.children[0], scope));
        else
            appendItem(argument, scope, args);
    }
    if (self)
        return callMethod(*self, callee.name, args, keywords, scope);
    if (function.kind() != Value::Kind::Object)
        raise("TypeError", QStringLiteral("'%1' object is not callable").arg(function.typeName()));
    return function.object().call(args, keywords, scope);
}

std::optional<qint64> sliceBound(const NodePtr &node, Scope &scope)
{
    if (!node)
        return std::nullopt;
    const Value bound = evaluate(*node, scope);
    if (bound.isNone())
        return std::nullopt;
    if (!bound.isInt())
        raise("TypeError", QStringLiteral("slice indices must be integers or None or have an "
                                          "__index__ method"));
    return bound.asInt();
}

Value evaluateSubscript(const Node &subscript, Scope &scope)
{
    const Value container = evaluate(*subscript.children[0], scope);
    const Node &index = *subscript.children[1];
    if (index.kind != NodeKind::Slice)
        return itemAt(container, evaluate(index, scope));
    if (container.kind() == Value::Kind::Dict) { // a slice is a key a dict does not hold
        QStringList bounds;
        for (const NodePtr &bound : index.children)
            bounds << (bound ? evaluate(*bound, scope).repr() : QStringLiteral("None"));
        raise("KeyError", QStringLiteral("slice(%1)").arg(bounds.join(QLatin1String(", "))));
    }
    const SliceBounds bounds{sliceBound(index.children[0], scope),
                             sliceBound(index.children[1], scope),
                             sliceBound(index.children[2], scope)};
    return sliceOf(container, bounds);
}

// Runs the comprehension's clauses from `clause` on, giving each element to `take` as it is
// made; `take` returning false stops the run (false is returned then).
template<typename Take>
bool runClauses(const Node &comprehension, std::size_t clause, NestedScope &scope, Take &take)
{
    if (clause == comprehension.children.size())
        return take(evaluate(*comprehension.children[0], scope));
    const Node &forClause = *comprehension.children[clause];
    for (const Value &item : iterate(evaluate(*forClause.children[1], scope))) {
        unpack(*forClause.children[0], item,
               [&](const QString &name, const Value &value) { scope.bind(name, value); });
        bool selected = true;
        for (std::size_t i = 2; i < forClause.children.size() && selected; ++i)
            selected = evaluate(*forClause.children[i], scope).truthy();
        if (selected && !runClauses(comprehension, clause + 1, scope, take))
            return false;
    }
    return true;
}

// any() and all() of a generator expression stop at the first element that decides, as
// CPython's do: the elements after it are never made (no error they would raise, no random
// draw they would take). nullopt when the call is not one of those.
std::optional<Value> shortCircuit(const Node &call, Scope &scope)
{
    const Node &callee = *call.children[0];
    if (callee.kind != NodeKind::Name || call.children.size() != 2
        || call.children[1]->kind != NodeKind::GeneratorExp
        || (callee.name != QLatin1String("any") && callee.name != QLatin1String("all"))
        || scope.lookup(callee.name))
        return std::nullopt;
    const bool all = callee.name == QLatin1String("all");
    NestedScope inner(scope);
    auto take = [all](const Value &element) { return element.truthy() == all; };
    return Value::boolean(runClauses(*call.children[1], 1, inner, take) == all);
}

Value evaluateComprehension(const Node &comprehension, Scope &scope)
{
    NestedScope inner(scope);
    Values items;
    auto take = [&items](Value element) {
        items.push_back(std::move(element));
        return true;
    };
    runClauses(comprehension, 1, inner, take);
    if (comprehension.kind == NodeKind::ListComp)
        return Value::list(std::move(items));
    return Value::object(
        std::make_shared<ItemIterator>(QStringLiteral("generator"), std::move(items)));
}

Value evaluateCompare(const Node &node, Scope &scope)
{
    Value left = evaluate(*node.children[0], scope);
    for (std::size_t i = 0; i < node.ops.size(); ++i) {
        Value right = evaluate(*node.children[i + 1], scope);
        if (!compare(node.ops[i], left, right))
            return Value::boolean(false);
        left = std::move(right);
    }
    return Value::boolean(true);
}

Value evaluateDict(const Node &node, Scope &scope)
{
    Value dict = Value::dict();
    for (std::size_t i = 0; i + 1 < node.children.size(); i += 2) {
        const Value key = evaluate(*node.children[i], scope);
        dict.dictData().set(key, evaluate(*node.children[i + 1], scope));
    }
    return dict;
}

} // namespace

void unpack(const Node &target, const Value &value, const Binder &bind)
{
    if (target.kind == NodeKind::Name)
        return bind(target.name, value);
    if (!(value.kind() == Value::Kind::List || value.kind() == Value::Kind::Tuple
          || value.kind() == Value::Kind::Str || value.kind() == Value::Kind::Dict
          || value.kind() == Value::Kind::Range || value.kind() == Value::Kind::Object))
        raise("TypeError",
              QStringLiteral("cannot unpack non-iterable %1 object").arg(value.typeName()));
    const Values items = iterate(value);
    const std::size_t expected = target.children.size();
    if (items.size() > expected)
        raise("ValueError",
              QStringLiteral("too many values to unpack (expected %1)").arg(expected));
    if (items.size() < expected)
        raise("ValueError", QStringLiteral("not enough values to unpack (expected %1, got %2)")
                                .arg(expected)
                                .arg(items.size()));
    for (std::size_t i = 0; i < expected; ++i)
        unpack(*target.children[i], items[i], bind);
}

Value evaluate(const Node &node, Scope &scope)
{
    switch (node.kind) {
    case NodeKind::Constant:
        return node.constant;
    case NodeKind::Name:
        return lookupName(node, scope);
    case NodeKind::FString:
        return Value::string(evaluateFString(node, scope));
    case NodeKind::List:
        return Value::list(evaluateItems(node.children, scope));
    case NodeKind::Tuple:
        return Value::tuple(evaluateItems(node.children, scope));
    case NodeKind::Dict:
        return evaluateDict(node, scope);
    case NodeKind::Attribute:
        return attributeOf(evaluate(*node.children[0], scope), node.name, scope);
    case NodeKind::Call:
        return evaluateCall(node, scope);
    case NodeKind::Subscript:
        return evaluateSubscript(node, scope);
    case NodeKind::Unary:
        return unaryOperation(node.op, evaluate(*node.children[0], scope));
    case NodeKind::Binary: {
        const Value left = evaluate(*node.children[0], scope);
        return binaryOperation(node.op, left, evaluate(*node.children[1], scope));
    }
    case NodeKind::And:
    case NodeKind::Or: {
        Value value;
        for (const NodePtr &operand : node.children) {
            value = evaluate(*operand, scope);
            if (value.truthy() == (node.kind == NodeKind::Or))
                return value;
        }
        return value;
    }
    case NodeKind::Compare:
        return evaluateCompare(node, scope);
    case NodeKind::IfElse:
        return evaluate(*node.children[evaluate(*node.children[1], scope).truthy() ? 0 : 2], scope);
    case NodeKind::ListComp:
    case NodeKind::GeneratorExp:
        return evaluateComprehension(node, scope);
    case NodeKind::Formatted:
    case NodeKind::Keyword:
    case NodeKind::Starred:
    case NodeKind::Slice:
    case NodeKind::ForClause:
        break; // parts of the nodes above, never evaluated alone
    }
    raise("SyntaxError", QStringLiteral("invalid syntax"));
}

} // namespace loopscope::expr
