// Evaluating a parsed expression in a scope. Errors are thrown as expr::Error, with Python's
// exception type and CPython 3.12's message.
#pragma once

#include "scenario/expr/parser.h"
#include "scenario/expr/scope.h"

#include <functional>

namespace loopscope::expr {

Value evaluate(const Node &node, Scope &scope);
inline Value evaluate(const Expr &expr, Scope &scope)
{
    return evaluate(*expr.root, scope);
}

// Binds an assignment target (a name, or a tuple of targets: `k, v`) to a value, unpacking
// as Python does ("not enough values to unpack (expected 2, got 1)").
using Binder = std::function<void(const QString &name, const Value &value)>;
void unpack(const Node &target, const Value &value, const Binder &bind);

} // namespace loopscope::expr
