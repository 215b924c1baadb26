#include "scenario/json_text.h"

#include <QLocale>

#include <cmath>

namespace loopscope::json {

QString childPath(const QString &parent, const QString &key)
{
    if (!isIdentifier(key))
        return parent + QLatin1Char('[') + quoted(key) + QLatin1Char(']');
    return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
}

QString indexPath(const QString &parent, qsizetype index)
{
    return parent + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return formatNumber(value.toDouble());
    case QJsonValue::String:
        return quoted(value.toString());
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString formatNumber(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    // Whole numbers up to 2^53 print exactly as integers, as they were most likely written.
    if (value == std::floor(value) && std::fabs(value) < 9007199254740992.0)
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString quoted(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '\b':
            out += QLatin1String("\\b");
            break;
        case '\f':
            out += QLatin1String("\\f");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

bool isIdentifier(const QString &text)
{
    if (text.isEmpty() || text.front().isDigit())
        return false;
    for (const QChar c : text)
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_')) || c.unicode() > 0x7f)
            return false;
    return true;
}

std::optional<QString> parameterReference(const QString &text)
{
    if (!text.startsWith(QLatin1Char('$')))
        return std::nullopt;
    const QString name = text.mid(1);
    // Python's keyword constants are no names: "$None" is the expression None, as "$1" is 1.
    if (!isIdentifier(name) || name == u"None" || name == u"True" || name == u"False")
        return std::nullopt;
    return name;
}

} // namespace loopscope::json
