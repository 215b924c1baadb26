#include "scenario/expr/format.h"

#include "scenario/expr/error.h"

#include <QList>

#include <algorithm>
#include <cmath>

namespace loopscope::expr {

namespace {

QString aligned(const QString &text, const FormatSpec &format, char defaultAlign)
{
    const qsizetype padding = format.width - text.size();
    if (padding <= 0)
        return text;
    const char align = format.align ? format.align : defaultAlign;
    const qsizetype left = align == '>' ? padding : (align == '^' ? padding / 2 : 0);
    return QString(left, format.fill) + text + QString(padding - left, format.fill);
}

// Digits with separators every `group` from the right, zero-extended (separators included)
// to at least minWidth characters: CPython's _PyUnicode_InsertThousandsGrouping.
QString grouped(const QString &digits, QChar separator, int group, qsizetype minWidth)
{
    QString out;
    qsizetype remaining = digits.size();
    bool useSeparator = false;
    for (;;) { // a repeating group size: the loop ends by its break, as CPython's does
        const qsizetype length
            = std::min<qsizetype>(group, std::max({remaining, minWidth, qsizetype(1)}));
        const qsizetype zeros = std::max<qsizetype>(0, length - remaining);
        const qsizetype chars = std::max<qsizetype>(0, std::min(remaining, length));
        QString part = QString(zeros, QLatin1Char('0')) + digits.mid(remaining - chars, chars);
        out.prepend(useSeparator ? part + separator : part);
        useSeparator = true;
        remaining -= chars;
        minWidth -= length;
        if (remaining <= 0 && minWidth <= 0)
            return out;
        minWidth -= 1;
    }
}

// sign + prefix + (grouped) digits + rest, padded: CPython's fill_number.
QString layoutNumber(bool negative, const QString &prefix, const QString &digits,
                     const QString &rest, const FormatSpec &format, int group)
{
    QString sign;
    if (negative)
        sign = QStringLiteral("-");
    else if (format.sign == '+' || format.sign == ' ')
        sign = QChar::fromLatin1(format.sign);
    const qsizetype fixedWidth = sign.size() + prefix.size() + rest.size();
    const bool zeroPadded = format.fill == QLatin1Char('0') && format.align == '=';
    const qsizetype minWidth = zeroPadded ? format.width - fixedWidth : 0;
    QString body = digits;
    if (format.grouping)
        body = grouped(digits, QLatin1Char(format.grouping), group, minWidth);
    const QString text = sign + prefix + body + rest;
    if (format.align != '=' || text.size() >= format.width)
        return aligned(text, format, '>');
    return sign + prefix + QString(format.width - text.size(), format.fill) + body + rest;
}

QString formatString(const QString &text, const QString &spec)
{
    const FormatSpec format = FormatSpec::parse(spec, '<', QStringLiteral("str"));
    if (format.type && format.type != 's')
        raise("ValueError", QStringLiteral("Unknown format code '%1' for object of type 'str'")
                                .arg(QLatin1Char(format.type)));
    if (format.sign)
        raise("ValueError", QStringLiteral("Sign not allowed in string format specifier"));
    if (format.noNegativeZero)
        raise("ValueError", QStringLiteral("Negative zero coercion (z) not allowed in string "
                                           "format specifier"));
    if (format.alternate)
        raise("ValueError",
              QStringLiteral("Alternate form (#) not allowed in string format specifier"));
    if (format.align == '=')
        raise("ValueError", QStringLiteral("'=' alignment not allowed in string format specifier"));
    return aligned(format.precision >= 0 ? text.left(format.precision) : text, format, '<');
}

QString formatFloat(double value, FormatSpec format)
{
    const bool percent = format.type == '%';
    if (percent)
        value *= 100;
    const bool negative = std::signbit(value) && !std::isnan(value);
    QString text = floatDigits(std::fabs(value), format.type, format.precision, format.alternate);
    if (percent)
        text += QLatin1Char('%');
    bool allZero = std::isfinite(value);
    qsizetype split = text.size(); // the integer digits end at '.', 'e' or '%'
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] >= QLatin1Char('1') && text[i] <= QLatin1Char('9'))
            allZero = false;
        if (!text[i].isDigit() && split == text.size() && std::isfinite(value))
            split = i;
    }
    return layoutNumber(negative && !(format.noNegativeZero && allZero), QString(),
                        text.left(split), text.mid(split), format, 3);
}

QString formatInt(const Value &value, const FormatSpec &format)
{
    if (format.precision >= 0)
        raise("ValueError", QStringLiteral("Precision not allowed in integer format specifier"));
    if (format.noNegativeZero)
        raise("ValueError", QStringLiteral("Negative zero coercion (z) not allowed in integer "
                                           "format specifier"));
    const qint64 number = value.asInt();
    if (format.type == 'c') {
        if (format.sign)
            raise("ValueError",
                  QStringLiteral("Sign not allowed with integer format specifier 'c'"));
        if (format.alternate)
            raise("ValueError", QStringLiteral("Alternate form (#) not allowed with integer "
                                               "format specifier 'c'"));
        if (number < 0 || number >= 0x110000)
            raise("OverflowError", QStringLiteral("%c arg not in range(0x110000)"));
        const auto code = char32_t(number);
        return layoutNumber(false, QString(), QString::fromUcs4(&code, 1), QString(), format, 3);
    }
    const int base = format.type == 'b'                           ? 2
                     : format.type == 'o'                         ? 8
                     : (format.type == 'x' || format.type == 'X') ? 16
                                                                  : 10;
    const quint64 magnitude = number < 0 ? quint64(0) - quint64(number) : quint64(number);
    QString digits = QString::number(magnitude, base);
    QString prefix;
    if (format.alternate && base != 10)
        prefix = QStringLiteral("0") + QLatin1Char(format.type);
    if (format.type == 'X')
        digits = digits.toUpper();
    return layoutNumber(number < 0, prefix, digits, QString(), format, base == 10 ? 3 : 4);
}

} // namespace

QString formatValue(const Value &value, const QString &spec)
{
    if (spec.isEmpty())
        return value.str();
    const QString typeName = value.typeName();
    switch (value.kind()) {
    case Value::Kind::Str:
        return formatString(value.asStr(), spec);
    case Value::Kind::Bool:
    case Value::Kind::Int: {
        FormatSpec format = FormatSpec::parse(spec, '>', typeName);
        if (QByteArrayLiteral("eEfFgG%").contains(format.type) && format.type)
            return formatFloat(double(value.asInt()), format);
        if (format.type && !QByteArrayLiteral("bcdoxXn").contains(format.type))
            raise("ValueError", QStringLiteral("Unknown format code '%1' for object of type '%2'")
                                    .arg(QString(QLatin1Char(format.type)), typeName));
        return formatInt(value, format);
    }
    case Value::Kind::Float: {
        const FormatSpec format = FormatSpec::parse(spec, '>', typeName);
        if (format.type && !QByteArrayLiteral("eEfFgGn%").contains(format.type))
            raise("ValueError", QStringLiteral("Unknown format code '%1' for object of type '%2'")
                                    .arg(QString(QLatin1Char(format.type)), typeName));
        return formatFloat(value.asFloat(), format);
    }
    default:
        raise("TypeError",
              QStringLiteral("unsupported format string passed to %1.__format__").arg(typeName));
    }
}

QString asciiRepr(const Value &value)
{
    QString out;
    for (const char32_t c : value.repr().toUcs4()) {
        if (c < 0x80)
            out += QChar(c);
        else if (c < 0x100)
            out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        else if (c < 0x10000)
            out += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
        else
            out += QStringLiteral("\\U%1").arg(uint(c), 8, 16, QLatin1Char('0'));
    }
    return out;
}

} // namespace loopscope::expr
