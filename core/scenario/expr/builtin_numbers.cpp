// The numeric builtins: int, float, bool, abs, round, sum, divmod, chr, ord, hex, oct, bin.
#include "scenario/expr/builtins.h"

#include "scenario/expr/error.h"
#include "scenario/expr/float_parse.h"
#include "scenario/expr/format.h"
#include "scenario/expr/int_math.h"
#include "scenario/expr/operators.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string>

namespace loopscope::expr {

namespace {

qint64 floatToInt(double value)
{
    if (std::isinf(value))
        raise("OverflowError", QStringLiteral("cannot convert float infinity to integer"));
    if (std::isnan(value))
        raise("ValueError", QStringLiteral("cannot convert float NaN to integer"));
    const double whole = std::trunc(value);
    if (whole >= 9223372036854775808.0 || whole < -9223372036854775808.0)
        raiseIntOverflow();
    return qint64(whole);
}

// Python's int(text, base): whitespace around, a sign, underscores between digits, and a
// 0x/0o/0b prefix when the base allows it.
qint64 parseInt(const QString &text, int base)
{
    const QString invalid = QStringLiteral("invalid literal for int() with base %1: %2")
                                .arg(base)
                                .arg(Value::string(text).repr());
    QString s = text.trimmed();
    bool negative = false;
    if (s.startsWith(QLatin1Char('+')) || s.startsWith(QLatin1Char('-'))) {
        negative = s.startsWith(QLatin1Char('-'));
        s = s.mid(1);
    }
    const QString lower = s.toLower();
    for (const auto &[prefix, prefixBase] : {std::pair{"0x", 16}, {"0o", 8}, {"0b", 2}})
        if (lower.startsWith(QLatin1String(prefix)) && (base == 0 || base == prefixBase)) {
            base = prefixBase;
            s = s.mid(2);
            if (s.startsWith(QLatin1Char('_')))
                s = s.mid(1);
        }
    if (base == 0) {
        if (s.size() > 1 && s.startsWith(QLatin1Char('0'))
            && QString(s).remove(QLatin1Char('0')).remove(QLatin1Char('_')).size() > 0)
            raise("ValueError", invalid);
        base = 10;
    }
    std::string digits;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c == QLatin1Char('_') && i > 0 && i + 1 < s.size() && s[i + 1] != QLatin1Char('_'))
            continue;
        if (c.unicode() > 127)
            raise("ValueError", invalid);
        digits += char(c.unicode());
    }
    qint64 magnitude = 0;
    const auto result
        = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
    if (digits.empty() || result.ptr != digits.data() + digits.size() || digits[0] == '-')
        raise("ValueError", invalid);
    if (result.ec != std::errc())
        raiseIntOverflow();
    return negative ? -magnitude : magnitude;
}

Value toInt(const Values &args, const Keywords &keywords, Scope &)
{
    requireNoKeywords(QStringLiteral("int"), keywords);
    requireArgs(QStringLiteral("int"), args, 0, 2);
    if (args.empty())
        return Value::integer(0);
    const Value &v = args[0];
    if (args.size() == 2) {
        if (!v.isStr())
            raise("TypeError", QStringLiteral("int() can't convert non-string with explicit base"));
        const qint64 base = requireIndex(args[1]);
        if ((base < 2 || base > 36) && base != 0)
            raise("ValueError", QStringLiteral("int() base must be >= 2 and <= 36, or 0"));
        return Value::integer(parseInt(v.asStr(), int(base)));
    }
    if (v.isInt())
        return Value::integer(v.asInt());
    if (v.kind() == Value::Kind::Float)
        return Value::integer(floatToInt(v.asFloat()));
    if (v.isStr())
        return Value::integer(parseInt(v.asStr(), 10));
    raise("TypeError", QStringLiteral("int() argument must be a string, a bytes-like object or a "
                                      "real number, not '%1'")
                           .arg(v.typeName()));
}

double parseFloat(const QString &text)
{
    QString s = text.trimmed().toLower();
    const bool negative = s.startsWith(QLatin1Char('-'));
    if (s.startsWith(QLatin1Char('+')) || negative)
        s = s.mid(1);
    double value = 0;
    if (s == QLatin1String("inf") || s == QLatin1String("infinity")) {
        value = INFINITY;
    } else if (s == QLatin1String("nan")) {
        value = NAN;
    } else {
        const QString compact = s.contains(QLatin1String("__")) || s.startsWith(QLatin1Char('_'))
                                        || s.endsWith(QLatin1Char('_'))
                                    ? s
                                    : QString(s).remove(QLatin1Char('_'));
        const std::string digits = compact.toStdString();
        const ParsedFloat parsed = parseDecimal(digits);
        value = parsed.value;
        if (digits.empty() || parsed.end != digits.data() + digits.size()
            || digits.find_first_of("0123456789") == std::string::npos)
            raise("ValueError", QStringLiteral("could not convert string to float: %1")
                                    .arg(Value::string(text).repr()));
    }
    return negative ? -value : value;
}

Value toFloat(const Values &args, const Keywords &keywords, Scope &)
{
    requireNoKeywords(QStringLiteral("float"), keywords);
    requireArgs(QStringLiteral("float"), args, 0, 1);
    if (args.empty())
        return Value::real(0.0);
    if (args[0].isNumber())
        return Value::real(args[0].asFloat());
    if (args[0].isStr())
        return Value::real(parseFloat(args[0].asStr()));
    raise("TypeError",
          QStringLiteral("float() argument must be a string or a real number, not '%1'")
              .arg(args[0].typeName()));
}

Value toBool(const Values &args, const Keywords &keywords, Scope &)
{
    requireNoKeywords(QStringLiteral("bool"), keywords);
    requireArgs(QStringLiteral("bool"), args, 0, 1);
    return Value::boolean(!args.empty() && args[0].truthy());
}

Value absolute(const Values &args, const Keywords &keywords, Scope &)
{
    requireNoKeywords(QStringLiteral("abs"), keywords);
    requireArgs(QStringLiteral("abs"), args, 1, 1);
    const Value &v = args[0];
    if (v.kind() == Value::Kind::Float)
        return Value::real(std::fabs(v.asFloat()));
    if (v.isInt())
        return Value::integer(v.asInt() < 0 ? checkedSub(0, v.asInt()) : v.asInt());
    raise("TypeError", QStringLiteral("bad operand type for abs(): '%1'").arg(v.typeName()));
}

// round(x, n) for a float: the decimal string correctly rounded to n places (CPython's
// double_round through _Py_dg_dtoa mode 3), read back.
double roundFloat(double x, qint64 ndigits)
{
    if (ndigits > 323 || !std::isfinite(x) || x == 0)
        return x;
    if (ndigits < -308)
        return std::copysign(0.0, x);
    std::string text;
    if (ndigits >= 0) {
        text.resize(std::size_t(ndigits) + 400);
        const auto r = std::to_chars(text.data(), text.data() + text.size(), x,
                                     std::chars_format::fixed, int(ndigits));
        text.resize(std::size_t(r.ptr - text.data()));
    } else {
        // Keep the significant digits left of 10^-ndigits: scientific with that many digits.
        std::array<char, 64> buffer{};
        auto r = std::to_chars(buffer.data(), buffer.data() + buffer.size(), std::fabs(x),
                               std::chars_format::scientific);
        const std::string sci(buffer.data(), r.ptr);
        const int exponent = std::stoi(sci.substr(sci.find('e') + 1));
        const qint64 keep = exponent + 1 + ndigits; // significant digits kept
        const double unit = std::pow(10.0, double(-ndigits));
        if (keep <= 0) {
            const double half = unit / 2;
            return std::fabs(x) > half ? std::copysign(unit, x) : std::copysign(0.0, x);
        }
        r = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x,
                          std::chars_format::scientific, int(keep - 1));
        text.assign(buffer.data(), r.ptr);
    }
    double out = 0;
    std::from_chars(text.data(), text.data() + text.size(), out);
    if (std::isinf(out))
        raise("OverflowError", QStringLiteral("rounded value too large to represent"));
    return out;
}

Value roundValue(const Values &args, const Keywords &keywords, Scope &)
{
    requireArgs(QStringLiteral("round"), args, 1, 2);
    const Value &x = args[0];
    const Value *ndigits = args.size() == 2 ? &args[1] : nullptr;
    for (const auto &[name, value] : keywords)
        if (name == QLatin1String("ndigits"))
            ndigits = &value;
    if (!x.isNumber())
        raise("TypeError",
              QStringLiteral("type %1 doesn't define __round__ method").arg(x.typeName()));
    if (!ndigits || ndigits->isNone()) {
        if (x.isInt())
            return Value::integer(x.asInt());
        const double value = x.asFloat();
        double rounded = std::round(value);
        if (std::fabs(value - rounded) == 0.5)
            rounded = 2.0 * std::round(value / 2.0);
        return Value::integer(floatToInt(rounded));
    }
    const qint64 places = requireIndex(*ndigits);
    if (x.kind() == Value::Kind::Float)
        return Value::real(roundFloat(x.asFloat(), places));
    if (places >= 0 || x.asInt() == 0)
        return Value::integer(x.asInt());
    if (places < -18)
        return Value::integer(0);
    qint64 unit = 1;
    for (qint64 i = 0; i < -places; ++i)
        unit *= 10;
    const qint64 value = x.asInt();
    qint64 quotient = value / unit, remainder = value % unit;
    if (remainder < 0)
        remainder += unit, --quotient;
    if (remainder * 2 > unit || (remainder * 2 == unit && (quotient & 1)))
        ++quotient;
    return Value::integer(checkedMul(quotient, unit));
}

// sum() as CPython 3.12 adds: ints exactly, then floats with Neumaier's compensation
// (bltinmodule.c builtin_sum_impl), then anything else with `+`.
Value sum(const Values &args, const Keywords &keywords, Scope &)
{
    requireArgs(QStringLiteral("sum"), args, 1, 2);
    Value result = args.size() == 2 ? args[1] : Value::integer(0);
    for (const auto &[name, value] : keywords)
        if (name == QLatin1String("start"))
            result = value;
    if (result.isStr())
        raise("TypeError", QStringLiteral("sum() can't sum strings [use ''.join(seq) instead]"));
    const Values items = iterate(args[0]);
    std::size_t i = 0;
    if (result.kind() == Value::Kind::Int) {
        qint64 total = result.asInt();
        for (; i < items.size() && items[i].isInt(); ++i)
            total = checkedAdd(total, items[i].asInt());
        result = Value::integer(total);
        if (i < items.size())
            result = binaryOperation(Op::Add, result, items[i++]);
    }
    if (result.kind() == Value::Kind::Float) {
        double total = result.asFloat(), compensation = 0.0;
        for (; i < items.size() && items[i].isNumber(); ++i) {
            const double x = items[i].asFloat();
            if (items[i].kind() != Value::Kind::Float) {
                total += x;
                continue;
            }
            const double t = total + x;
            compensation += std::fabs(total) >= std::fabs(x) ? (total - t) + x : (x - t) + total;
            total = t;
        }
        if (i == items.size() && compensation != 0 && std::isfinite(compensation))
            total += compensation;
        result = Value::real(total);
    }
    for (; i < items.size(); ++i)
        result = binaryOperation(Op::Add, result, items[i]);
    return result;
}

Value divisionAndModulo(const Values &args, const Keywords &keywords, Scope &)
{
    requireNoKeywords(QStringLiteral("divmod"), keywords);
    requireArgs(QStringLiteral("divmod"), args, 2, 2);
    const Value &a = args[0], &b = args[1];
    if (a.isNumber() && b.isNumber()
        && (a.kind() == Value::Kind::Float || b.kind() == Value::Kind::Float) && b.asFloat() == 0)
        raise("ZeroDivisionError", QStringLiteral("float divmod()"));
    if (!a.isNumber() || !b.isNumber())
        raise("TypeError", QStringLiteral("unsupported operand type(s) for divmod(): '%1' and '%2'")
                               .arg(a.typeName(), b.typeName()));
    if (a.isInt() && b.isInt() && b.asInt() == 0)
        raise("ZeroDivisionError", QStringLiteral("integer division or modulo by zero"));
    return Value::tuple({binaryOperation(Op::FloorDiv, a, b), binaryOperation(Op::Mod, a, b)});
}

Value character(const Values &args, const Keywords &keywords, Scope &)
{
    requireNoKeywords(QStringLiteral("chr"), keywords);
    requireArgs(QStringLiteral("chr"), args, 1, 1);
    const qint64 code = requireIndex(args[0]);
    if (code < 0 || code >= 0x110000)
        raise("ValueError", QStringLiteral("chr() arg not in range(0x110000)"));
    const auto c = char32_t(code);
    return Value::string(QString::fromUcs4(&c, 1));
}

Value ordinal(const Values &args, const Keywords &keywords, Scope &)
{
    requireNoKeywords(QStringLiteral("ord"), keywords);
    requireArgs(QStringLiteral("ord"), args, 1, 1);
    if (!args[0].isStr())
        raise("TypeError", QStringLiteral("ord() expected string of length 1, but %1 found")
                               .arg(args[0].typeName()));
    const QList<uint> codes = args[0].asStr().toUcs4();
    if (codes.size() != 1)
        raise("TypeError",
              QStringLiteral("ord() expected a character, but string of length %1 found")
                  .arg(codes.size()));
    return Value::integer(codes.front());
}

Value inBase(const char *function, const char *spec, const Values &args)
{
    requireArgs(QString::fromLatin1(function), args, 1, 1);
    return Value::string(formatValue(Value::integer(requireIndex(args[0])), QLatin1String(spec)));
}

} // namespace

const BuiltinTable &numericBuiltins()
{
    static const BuiltinTable table{
        {"int", toInt},
        {"float", toFloat},
        {"bool", toBool},
        {"abs", absolute},
        {"round", roundValue},
        {"sum", sum},
        {"divmod", divisionAndModulo},
        {"chr", character},
        {"ord", ordinal},
        {"hex", [](const Values &a, const Keywords &, Scope &) { return inBase("hex", "#x", a); }},
        {"oct", [](const Values &a, const Keywords &, Scope &) { return inBase("oct", "#o", a); }},
        {"bin", [](const Values &a, const Keywords &, Scope &) { return inBase("bin", "#b", a); }},
    };
    return table;
}

} // namespace loopscope::expr
