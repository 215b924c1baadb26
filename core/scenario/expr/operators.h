// Python's operators on values: arithmetic, comparisons, membership, subscripts, iteration.
// Results and errors as CPython 3.12 gives them ("unsupported operand type(s) for +: 'int'
// and 'str'", floor division toward -inf, exact int/float comparison...).
#pragma once

#include "scenario/expr/node.h"

namespace loopscope::expr {

Value binaryOperation(Op op, const Value &a, const Value &b);
Value unaryOperation(Op op, const Value &operand);
bool compare(Op op, const Value &a, const Value &b); // < <= > >= == != in, not in, is, is not
bool contains(const Value &container, const Value &item);
Values iterate(const Value &iterable); // the items of `for x in iterable`

Value itemAt(const Value &container, const Value &index); // container[index]
struct SliceBounds
{
    std::optional<qint64> lower, upper, step;
};
Value sliceOf(const Value &sequence, const SliceBounds &bounds); // sequence[lower:upper:step]

// The float operations whose corner cases CPython defines itself (floatobject.c).
double floatFloorDiv(double a, double b); // raises ZeroDivisionError
double floatMod(double a, double b);
double floatPow(double a, double b);   // raises ZeroDivisionError, OverflowError
double trueDivide(qint64 a, qint64 b); // correctly rounded, as CPython's long_true_divide
// Arithmetic on two numbers (bool, int, float); a default Value for a bit operation on floats.
Value numericOperation(Op op, const Value &a, const Value &b);

} // namespace loopscope::expr
