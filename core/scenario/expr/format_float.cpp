// A float's digits for a format type, as CPython's PyOS_double_to_string writes them: the
// digits are correctly rounded (std::to_chars), then laid out by format_float_short's rules.
#include "scenario/expr/format.h"

#include "scenario/py_format.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string>

namespace loopscope::expr {

namespace {

// The significant digits of magnitude rounded to `count` of them, and the decimal point's
// position: magnitude ≈ 0.d1d2... × 10^point.
struct Digits
{
    std::string digits;
    int point = 0;
};

Digits significantDigits(double magnitude, int count)
{
    std::array<char, 400> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), magnitude,
                                      std::chars_format::scientific, count - 1);
    const std::string text(buffer.data(), result.ptr);
    const std::size_t e = text.find('e');
    Digits out;
    for (const char c : text.substr(0, e))
        if (c != '.')
            out.digits += c;
    out.point = std::stoi(text.substr(e + 1)) + 1;
    return out;
}

QString exponentText(int exponent)
{
    return (exponent < 0 ? QLatin1String("e-") : QLatin1String("e+"))
           + QStringLiteral("%1").arg(std::abs(exponent), 2, 10, QLatin1Char('0'));
}

QString fixed(double magnitude, int precision, bool alternate)
{
    std::string buffer(std::size_t(precision) + 400, '\0');
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), magnitude,
                                      std::chars_format::fixed, precision);
    QString text = QString::fromLatin1(buffer.data(), result.ptr - buffer.data());
    if (alternate && precision == 0)
        text += QLatin1Char('.');
    return text;
}

QString scientific(double magnitude, int precision, bool alternate)
{
    const Digits d = significantDigits(magnitude, precision + 1);
    QString text(QLatin1Char(d.digits[0]));
    if (precision > 0 || alternate)
        text += QLatin1Char('.');
    text += QString::fromLatin1(d.digits.substr(1));
    const int exponent = magnitude == 0 ? 0 : d.point - 1;
    return text + exponentText(exponent);
}

// 'g' (and the no-type form with a precision, addDot0): significant digits, trailing zeros
// dropped unless alternate, exponent form when the point is far from the digits.
QString general(double magnitude, int precision, bool alternate, bool addDot0)
{
    if (precision == 0)
        precision = 1;
    Digits d = significantDigits(magnitude, precision);
    if (magnitude == 0)
        d.point = 1;
    if (!alternate)
        while (d.digits.size() > 1 && d.digits.back() == '0')
            d.digits.pop_back();
    else
        d.digits.resize(std::size_t(precision), '0');
    const bool exponent = d.point <= -4 || d.point > (addDot0 ? precision - 1 : precision);
    const QString digits = QString::fromLatin1(d.digits);
    if (exponent) {
        QString text = digits.left(1);
        if (digits.size() > 1 || alternate)
            text += QLatin1Char('.') + digits.mid(1);
        return text + exponentText(d.point - 1);
    }
    QString text;
    if (d.point <= 0)
        text = QLatin1String("0.") + QString(-d.point, QLatin1Char('0')) + digits;
    else if (d.point < digits.size())
        text = digits.left(d.point) + QLatin1Char('.') + digits.mid(d.point);
    else
        text = digits + QString(d.point - digits.size(), QLatin1Char('0'));
    if (!text.contains(QLatin1Char('.')) && (alternate || addDot0))
        text += addDot0 && !alternate ? QLatin1String(".0") : QLatin1String(".");
    return text;
}

} // namespace

QString floatDigits(double magnitude, char type, int precision, bool alternate)
{
    const bool upper = type == 'E' || type == 'F' || type == 'G';
    if (std::isnan(magnitude) || std::isinf(magnitude)) {
        const QString text = std::isnan(magnitude) ? QStringLiteral("nan") : QStringLiteral("inf");
        return upper ? text.toUpper() : text;
    }
    QString text;
    switch (type) {
    case 'f':
    case 'F':
    case '%':
        text = fixed(magnitude, precision < 0 ? 6 : precision, alternate);
        break;
    case 'e':
    case 'E':
        text = scientific(magnitude, precision < 0 ? 6 : precision, alternate);
        break;
    case 'g':
    case 'G':
    case 'n':
        text = general(magnitude, precision < 0 ? 6 : precision, alternate, false);
        break;
    default: // no type: repr, or 'g' keeping a ".0" when a precision is given
        if (precision < 0) {
            text = py::floatRepr(magnitude);
            if (alternate && !text.contains(QLatin1Char('.')))
                text.insert(text.indexOf(QLatin1Char('e')), QLatin1Char('.'));
        } else {
            text = general(magnitude, precision, alternate, true);
        }
        break;
    }
    return upper ? text.toUpper() : text;
}

} // namespace loopscope::expr
