// The numeric operators: int (64-bit, never wrapping), float, and their mixes.
#include "scenario/expr/error.h"
#include "scenario/expr/int_math.h"
#include "scenario/expr/operators.h"

#include <cerrno>
#include <cmath>

namespace loopscope::expr {

namespace {

bool isOddInteger(double value)
{
    return std::fmod(value, 2.0) == 1.0 || std::fmod(value, 2.0) == -1.0;
}

qint64 floorDiv(qint64 a, qint64 b)
{
    if (b == 0)
        raise("ZeroDivisionError", QStringLiteral("integer division or modulo by zero"));
    if (b == -1)
        return checkedSub(0, a);
    const qint64 quotient = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? quotient - 1 : quotient;
}

qint64 intMod(qint64 a, qint64 b)
{
    if (b == 0)
        raise("ZeroDivisionError", QStringLiteral("integer modulo by zero"));
    if (b == -1)
        return 0;
    const qint64 remainder = a % b;
    return (remainder != 0 && ((remainder < 0) != (b < 0))) ? remainder + b : remainder;
}

Value intPow(qint64 base, qint64 exponent)
{
    if (exponent < 0) {
        if (base == 0)
            raise("ZeroDivisionError", QStringLiteral("0.0 cannot be raised to a negative power"));
        return Value::real(floatPow(double(base), double(exponent)));
    }
    qint64 result = 1;
    while (exponent > 0) {
        if (exponent & 1)
            result = checkedMul(result, base);
        exponent >>= 1;
        if (exponent > 0)
            base = checkedMul(base, base);
    }
    return Value::integer(result);
}

qint64 shift(Op op, qint64 a, qint64 b)
{
    if (b < 0)
        raise("ValueError", QStringLiteral("negative shift count"));
    if (op == Op::RShift)
        return b >= 64 ? (a < 0 ? -1 : 0) : (a >> b);
    if (a == 0)
        return 0;
    if (b >= 63)
        raiseIntOverflow();
    const qint64 shifted = qint64(quint64(a) << b);
    if ((shifted >> b) != a)
        raiseIntOverflow();
    return shifted;
}

Value intOperation(Op op, const Value &left, const Value &right)
{
    const qint64 a = left.asInt(), b = right.asInt();
    const bool bools = left.kind() == Value::Kind::Bool && right.kind() == Value::Kind::Bool;
    switch (op) {
    case Op::Add:
        return Value::integer(checkedAdd(a, b));
    case Op::Sub:
        return Value::integer(checkedSub(a, b));
    case Op::Mul:
        return Value::integer(checkedMul(a, b));
    case Op::Div:
        return Value::real(trueDivide(a, b));
    case Op::FloorDiv:
        return Value::integer(floorDiv(a, b));
    case Op::Mod:
        return Value::integer(intMod(a, b));
    case Op::Pow:
        return intPow(a, b);
    case Op::LShift:
    case Op::RShift:
        return Value::integer(shift(op, a, b));
    case Op::BitAnd:
        return bools ? Value::boolean(a & b) : Value::integer(a & b);
    case Op::BitOr:
        return bools ? Value::boolean(a | b) : Value::integer(a | b);
    case Op::BitXor:
        return bools ? Value::boolean(a ^ b) : Value::integer(a ^ b);
    default:
        return {};
    }
}

} // namespace

double trueDivide(qint64 a, qint64 b)
{
    if (b == 0)
        raise("ZeroDivisionError", QStringLiteral("division by zero"));
    constexpr qint64 exact = qint64(1) << 53;
    if (a >= -exact && a <= exact && b >= -exact && b <= exact)
        return double(a) / double(b); // both exact: IEEE division rounds correctly
    // Scale |a| / |b| to a quotient of 55 to 56 bits, then round it once (half to even, the
    // remainder as a sticky bit), as CPython's long_true_divide does.
    const bool negative = (a < 0) != (b < 0);
    Int128 n = a < 0 ? -Int128(a) : Int128(a);
    Int128 d = b < 0 ? -Int128(b) : Int128(b);
    int scale = 0;
    while (n < (d << 55))
        n <<= 1, --scale;
    while (n >= (d << 56))
        d <<= 1, ++scale;
    Int128 quotient = n / d;
    const bool sticky = n % d != 0;
    const int extra = 3; // quotient has 56 bits: keep 53
    const Int128 dropped = quotient & ((Int128(1) << extra) - 1);
    quotient >>= extra;
    const Int128 half = Int128(1) << (extra - 1);
    if (dropped > half || (dropped == half && (sticky || (quotient & 1))))
        ++quotient;
    const double magnitude = std::ldexp(double(quotient), scale + extra);
    return negative ? -magnitude : magnitude;
}

double floatFloorDiv(double a, double b)
{
    if (b == 0)
        raise("ZeroDivisionError", QStringLiteral("float floor division by zero"));
    // CPython's _float_div_mod.
    double mod = std::fmod(a, b);
    double div = (a - mod) / b;
    if (mod != 0 && ((b < 0) != (mod < 0)))
        div -= 1.0;
    if (div == 0)
        return std::copysign(0.0, a / b);
    double floorDiv = std::floor(div);
    if (div - floorDiv > 0.5)
        floorDiv += 1.0;
    return floorDiv;
}

double floatMod(double a, double b)
{
    if (b == 0)
        raise("ZeroDivisionError", QStringLiteral("float modulo"));
    double mod = std::fmod(a, b);
    if (mod != 0) {
        if ((b < 0) != (mod < 0))
            mod += b;
    } else {
        mod = std::copysign(0.0, b);
    }
    return mod;
}

double floatPow(double a, double b)
{
    if (b == 0)
        return 1.0;
    if (std::isnan(a))
        return a;
    if (std::isnan(b))
        return a == 1.0 ? 1.0 : b;
    if (std::isinf(b)) {
        const double magnitude = std::fabs(a);
        if (magnitude == 1.0)
            return 1.0;
        return (b > 0.0) == (magnitude > 1.0) ? std::fabs(b) : 0.0;
    }
    if (std::isinf(a))
        return b > 0 ? (isOddInteger(b) ? a : std::fabs(a))
                     : (isOddInteger(b) ? std::copysign(0.0, a) : 0.0);
    if (a == 0) {
        if (b < 0)
            raise("ZeroDivisionError", QStringLiteral("0.0 cannot be raised to a negative power"));
        return isOddInteger(b) ? a : 0.0;
    }
    bool negate = false;
    if (a < 0) {
        if (b != std::floor(b))
            raise("ValueError", QStringLiteral("complex results are not supported"));
        a = -a;
        negate = isOddInteger(b);
    }
    if (a == 1.0)
        return negate ? -1.0 : 1.0;
    const double result = std::pow(a, b);
    if (std::isinf(result))
        raise("OverflowError", QStringLiteral("(34, 'Numerical result out of range')"));
    return negate ? -result : result;
}

// Both operands numbers (bool, int, float).
Value numericOperation(Op op, const Value &left, const Value &right)
{
    if (left.kind() != Value::Kind::Float && right.kind() != Value::Kind::Float)
        return intOperation(op, left, right);
    const double a = left.asFloat(), b = right.asFloat();
    switch (op) {
    case Op::Add:
        return Value::real(a + b);
    case Op::Sub:
        return Value::real(a - b);
    case Op::Mul:
        return Value::real(a * b);
    case Op::Div:
        if (b == 0)
            raise("ZeroDivisionError", QStringLiteral("float division by zero"));
        return Value::real(a / b);
    case Op::FloorDiv:
        return Value::real(floatFloorDiv(a, b));
    case Op::Mod:
        return Value::real(floatMod(a, b));
    case Op::Pow:
        return Value::real(floatPow(a, b));
    default:
        return {}; // shifts and bit operations: not for floats (the caller raises)
    }
}

} // namespace loopscope::expr
