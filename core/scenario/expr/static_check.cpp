#include "scenario/expr/static_check.h"

#include <QStringList>

namespace loopscope::expr {

namespace {

void collectTargets(const Node &target, QStringList &bound)
{
    if (target.kind == NodeKind::Name)
        bound << target.name;
    for (const NodePtr &child : target.children)
        collectTargets(*child, bound);
}

void collect(const Node &node, QStringList &bound, std::vector<NameUse> &out);

// A comprehension: the first iterable reads the enclosing names; everything after the first
// `for` sees the loop variables too.
void collectComprehension(const Node &node, QStringList bound, std::vector<NameUse> &out)
{
    for (std::size_t i = 1; i < node.children.size(); ++i) {
        const Node &clause = *node.children[i];
        collect(*clause.children[1], bound, out);
        collectTargets(*clause.children[0], bound);
        for (std::size_t j = 2; j < clause.children.size(); ++j)
            collect(*clause.children[j], bound, out);
    }
    collect(*node.children[0], bound, out);
}

void collect(const Node &node, QStringList &bound, std::vector<NameUse> &out)
{
    if (node.kind == NodeKind::Name) {
        if (!bound.contains(node.name))
            out.push_back({node.name, node.column});
        return;
    }
    if (node.kind == NodeKind::ListComp || node.kind == NodeKind::GeneratorExp)
        return collectComprehension(node, bound, out);
    for (const NodePtr &child : node.children)
        if (child)
            collect(*child, bound, out);
}

std::optional<Value::Kind> arithmeticKind(const Node &node)
{
    const std::optional<Value::Kind> left = literalKind(*node.children[0]);
    const std::optional<Value::Kind> right = literalKind(*node.children[1]);
    if (!left || !right)
        return std::nullopt;
    auto numeric = [](Value::Kind kind) {
        return kind == Value::Kind::Int || kind == Value::Kind::Bool || kind == Value::Kind::Float;
    };
    if (numeric(*left) && numeric(*right)) {
        if (*left == Value::Kind::Float || *right == Value::Kind::Float || node.op == Op::Div)
            return Value::Kind::Float;
        return node.op == Op::Pow ? std::nullopt : std::optional(Value::Kind::Int);
    }
    if (*left == *right && node.op == Op::Add
        && (*left == Value::Kind::Str || *left == Value::Kind::List || *left == Value::Kind::Tuple))
        return left;
    return std::nullopt;
}

} // namespace

std::vector<NameUse> freeNames(const Node &root)
{
    std::vector<NameUse> out;
    QStringList bound;
    collect(root, bound, out);
    return out;
}

std::optional<Value::Kind> literalKind(const Node &node)
{
    switch (node.kind) {
    case NodeKind::Constant:
        return node.constant.kind();
    case NodeKind::FString:
        return Value::Kind::Str;
    case NodeKind::List:
    case NodeKind::ListComp:
        return Value::Kind::List;
    case NodeKind::Tuple:
        return Value::Kind::Tuple;
    case NodeKind::Dict:
        return Value::Kind::Dict;
    case NodeKind::Compare:
        return Value::Kind::Bool;
    case NodeKind::Unary: {
        if (node.op == Op::Not)
            return Value::Kind::Bool;
        const std::optional<Value::Kind> operand = literalKind(*node.children[0]);
        if (operand == Value::Kind::Bool)
            return Value::Kind::Int;
        if (operand == Value::Kind::Int || (operand == Value::Kind::Float && node.op != Op::Invert))
            return operand;
        return std::nullopt;
    }
    case NodeKind::Binary:
        return arithmeticKind(node);
    default:
        return std::nullopt;
    }
}

} // namespace loopscope::expr
