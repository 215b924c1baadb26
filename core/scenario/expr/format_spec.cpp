// Parsing a format spec, with CPython's refusals (unicode_format.h,
// parse_internal_render_format_spec).
#include "scenario/expr/error.h"
#include "scenario/expr/format.h"

namespace loopscope::expr {

namespace {

bool isAlign(QChar c)
{
    return c == QLatin1Char('<') || c == QLatin1Char('>') || c == QLatin1Char('^')
           || c == QLatin1Char('=');
}

int readNumber(const QString &spec, qsizetype &pos)
{
    int value = -1;
    while (pos < spec.size() && spec[pos].isDigit() && spec[pos].unicode() < 128) {
        value = (value < 0 ? 0 : value) * 10 + spec[pos].digitValue();
        if (value > 100000000)
            raise("ValueError", QStringLiteral("Too many decimal digits in format string"));
        ++pos;
    }
    return value;
}

void checkGrouping(const FormatSpec &format)
{
    if (!format.grouping)
        return;
    const char type = format.type;
    if (QByteArrayLiteral("defgEG%F").contains(type) || type == 0)
        return;
    if (format.grouping == '_' && QByteArrayLiteral("boxX").contains(type))
        return;
    raise("ValueError",
          QStringLiteral("Cannot specify '%1' with '%2'.")
              .arg(QString(QLatin1Char(format.grouping)), QString(QLatin1Char(type))));
}

} // namespace

FormatSpec FormatSpec::parse(const QString &spec, char defaultAlign, const QString &typeName)
{
    FormatSpec format;
    qsizetype pos = 0;
    bool fillGiven = false;
    if (spec.size() >= 2 && isAlign(spec[1])) {
        format.fill = spec[0];
        format.align = char(spec[1].unicode());
        fillGiven = true;
        pos = 2;
    } else if (!spec.isEmpty() && isAlign(spec[0])) {
        format.align = char(spec[0].unicode());
        pos = 1;
    }
    if (pos < spec.size() && QStringLiteral("+- ").contains(spec[pos]))
        format.sign = char(spec[pos++].unicode());
    if (pos < spec.size() && spec[pos] == QLatin1Char('z'))
        format.noNegativeZero = true, ++pos;
    if (pos < spec.size() && spec[pos] == QLatin1Char('#'))
        format.alternate = true, ++pos;
    if (pos < spec.size() && spec[pos] == QLatin1Char('0') && !fillGiven) {
        format.fill = QLatin1Char('0');
        if (!format.align && defaultAlign == '>')
            format.align = '=';
        ++pos;
    }
    format.width = readNumber(spec, pos);
    if (pos < spec.size() && (spec[pos] == QLatin1Char(',') || spec[pos] == QLatin1Char('_'))) {
        format.grouping = char(spec[pos++].unicode());
        if (pos < spec.size() && (spec[pos] == QLatin1Char(',') || spec[pos] == QLatin1Char('_')))
            raise("ValueError", QStringLiteral("Cannot specify both ',' and '_'."));
    }
    if (pos < spec.size() && spec[pos] == QLatin1Char('.')) {
        ++pos;
        format.precision = readNumber(spec, pos);
        if (format.precision < 0)
            raise("ValueError", QStringLiteral("Format specifier missing precision"));
    }
    if (spec.size() - pos > 1 || (pos < spec.size() && spec[pos].unicode() > 127))
        raise("ValueError", QStringLiteral("Invalid format specifier '%1' for object of type '%2'")
                                .arg(spec, typeName));
    if (pos < spec.size())
        format.type = char(spec[pos].unicode());
    checkGrouping(format);
    if (format.grouping == ',' && format.type == 'n')
        raise("ValueError", QStringLiteral("Cannot specify ',' with 'n'."));
    return format;
}

} // namespace loopscope::expr
