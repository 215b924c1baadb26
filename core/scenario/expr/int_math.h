// 64-bit int arithmetic that refuses to wrap: Python's ints never overflow, so a result that
// does not fit raises OverflowError instead of printing a wrong number.
#pragma once

#include "scenario/expr/error.h"

#include <QtGlobal>

#include <limits>

namespace loopscope::expr {

__extension__ typedef __int128 Int128; // exact products and quotients of two qint64

inline qint64 checkedAdd(qint64 a, qint64 b)
{
    qint64 out = 0;
    if (__builtin_add_overflow(a, b, &out))
        raiseIntOverflow();
    return out;
}

inline qint64 checkedSub(qint64 a, qint64 b)
{
    qint64 out = 0;
    if (__builtin_sub_overflow(a, b, &out))
        raiseIntOverflow();
    return out;
}

inline qint64 checkedMul(qint64 a, qint64 b)
{
    qint64 out = 0;
    if (__builtin_mul_overflow(a, b, &out))
        raiseIntOverflow();
    return out;
}

inline qint64 narrow(Int128 value)
{
    if (value > Int128(std::numeric_limits<qint64>::max())
        || value < Int128(std::numeric_limits<qint64>::min()))
        raiseIntOverflow();
    return qint64(value);
}

} // namespace loopscope::expr
