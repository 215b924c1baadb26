// What `loopscope check` can know of an expression without running it: the names it reads
// (to refuse an unknown one, with a did-you-mean) and the kind of value a literal gives.
#pragma once

#include "scenario/expr/node.h"

namespace loopscope::expr {

struct NameUse
{
    QString name;
    int column = 0; // 1-based, in the expression text
};

// The names read from the scope or the builtins, in order of appearance; names bound by a
// comprehension's `for` are not free inside it.
std::vector<NameUse> freeNames(const Node &root);

// The kind of value the expression gives when its text alone says it (literals, displays,
// f-strings, comparisons, `not`, arithmetic on such); nullopt when it depends on names.
std::optional<Value::Kind> literalKind(const Node &node);

} // namespace loopscope::expr
