#include "scenario/py_format.h"

#include <QList>

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

namespace loopscope::py {

namespace {

// The shortest round-trip digits of a finite, non-zero |value| and its decimal point position:
// value = 0.d1d2d3... × 10^point (CPython's _Py_dg_dtoa mode 0 gives the same digits).
struct ShortestDigits
{
    std::string digits;
    int point = 0;
};

ShortestDigits shortestDigits(double magnitude)
{
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), magnitude,
                                      std::chars_format::scientific);
    const std::string_view text(buffer.data(), std::size_t(result.ptr - buffer.data()));
    const std::size_t e = text.find('e');
    ShortestDigits out;
    for (const char c : text.substr(0, e))
        if (c != '.')
            out.digits += c;
    int exponent = 0;
    const std::string_view exponentText = text.substr(e + 1);
    const char *first = exponentText.data() + (exponentText.front() == '+' ? 1 : 0);
    std::from_chars(first, exponentText.data() + exponentText.size(), exponent);
    out.point = exponent + 1;
    return out;
}

QString exponentForm(const ShortestDigits &d)
{
    QString out(QLatin1Char(d.digits[0]));
    if (d.digits.size() > 1)
        out += QLatin1Char('.') + QString::fromLatin1(d.digits.substr(1));
    const int exponent = d.point - 1;
    out += exponent < 0 ? QLatin1String("e-") : QLatin1String("e+");
    out += QStringLiteral("%1").arg(std::abs(exponent), 2, 10, QLatin1Char('0'));
    return out;
}

QString positionalForm(const ShortestDigits &d)
{
    const QString digits = QString::fromLatin1(d.digits);
    const int count = int(digits.size());
    if (d.point <= 0)
        return QLatin1String("0.") + QString(-d.point, QLatin1Char('0')) + digits;
    if (d.point < count)
        return digits.left(d.point) + QLatin1Char('.') + digits.mid(d.point);
    return digits + QString(d.point - count, QLatin1Char('0')) + QLatin1String(".0");
}

// str.isprintable() for one code point: what CPython's repr leaves unescaped. Unicode's
// "Other" and "Separator" categories are unprintable, except the ASCII space.
bool isPrintable(char32_t c)
{
    if (c == U' ')
        return true;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    default:
        return true;
    }
}

QString escapedCodePoint(char32_t c)
{
    if (c < 0x100)
        return QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    if (c < 0x10000)
        return QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
    return QStringLiteral("\\U%1").arg(uint(c), 8, 16, QLatin1Char('0'));
}

} // namespace

QString floatRepr(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    const QLatin1String sign(std::signbit(value) ? "-" : "");
    if (value == 0)
        return sign + QLatin1String("0.0");
    const ShortestDigits d = shortestDigits(std::fabs(value));
    // CPython's format_float_short: positional while -4 < point <= 16.
    const bool exponent = d.point <= -4 || d.point > 16;
    return sign + (exponent ? exponentForm(d) : positionalForm(d));
}

QString intRepr(qint64 value)
{
    return QString::number(value);
}

QString strRepr(const QString &text)
{
    const bool doubleQuotes = text.contains(QLatin1Char('\'')) && !text.contains(QLatin1Char('"'));
    const QChar quote = QLatin1Char(doubleQuotes ? '"' : '\'');
    QString out(quote);
    for (const char32_t c : text.toUcs4()) { // QList<uint>: code points
        if (c == quote.unicode() || c == U'\\')
            out += QLatin1Char('\\') + QChar(c);
        else if (c == U'\t')
            out += QLatin1String("\\t");
        else if (c == U'\n')
            out += QLatin1String("\\n");
        else if (c == U'\r')
            out += QLatin1String("\\r");
        else if (c < 0x20 || c == 0x7f || (c >= 0x80 && !isPrintable(c)))
            out += escapedCodePoint(c);
        else
            out += QChar::fromUcs4(c);
    }
    return out + quote;
}

} // namespace loopscope::py
