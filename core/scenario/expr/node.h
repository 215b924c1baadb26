// The syntax tree of an expression, parsed once (parser.h) and evaluated many times (eval.h).
#pragma once

#include "scenario/expr/value.h"

#include <memory>
#include <vector>

namespace loopscope::expr {

enum class NodeKind {
    Constant,     // constant
    Name,         // name (a leading `$` is dropped: legacy parameter reference)
    FString,      // children: Constant str parts and Formatted parts
    Formatted,    // children: value, format spec (an FString) or null; conversion
    List,         // children: elements (Starred allowed)
    Tuple,        // children: elements (Starred allowed)
    Dict,         // children: key, value, key, value...
    Attribute,    // children: value; name
    Call,         // children: callee, then arguments (Keyword and Starred allowed)
    Keyword,      // children: value; name
    Starred,      // children: value
    Subscript,    // children: value, index (a Slice or an expression)
    Slice,        // children: lower, upper, step (each may be null)
    Unary,        // children: operand; op
    Binary,       // children: left, right; op
    And,          // children: operands
    Or,           // children: operands
    Compare,      // children: left, comparators; ops (one per comparator)
    IfElse,       // children: body, test, orelse
    ListComp,     // children: element, then ForClause nodes
    GeneratorExp, // children: element, then ForClause nodes
    ForClause,    // children: target (Name or Tuple of targets), iterable, conditions
};

enum class Op {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
    Neg,
    Pos,
    Not,
    Invert,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    In,
    NotIn,
    Is,
    IsNot,
};

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Node
{
    NodeKind kind = NodeKind::Constant;
    int column = 0; // 1-based, in the text that was parsed
    Value constant;
    QString name;
    Op op = Op::Add;
    std::vector<Op> ops;
    char conversion = 0; // 'r', 's', 'a' or 0
    std::vector<NodePtr> children;
};

// The symbol Python writes for an operator ("+", "//", "not in").
QString opSymbol(Op op);

} // namespace loopscope::expr
