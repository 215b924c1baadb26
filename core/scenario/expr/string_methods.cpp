// The methods of str that scenario texts use, with CPython's results and messages.
#include "scenario/expr/builtins.h"

#include "scenario/expr/error.h"
#include "scenario/expr/format.h"
#include "scenario/expr/operators.h"

#include <QList>

namespace loopscope::expr {

namespace {

QString requireStr(const Value &value, const QString &context)
{
    if (!value.isStr())
        raise("TypeError", QStringLiteral("%1 must be str, not %2").arg(context, value.typeName()));
    return value.asStr();
}

Value split(const QString &text, const Values &args)
{
    requireArgs(QStringLiteral("split"), args, 0, 2);
    const qint64 maxsplit = args.size() == 2 ? requireIndex(args[1]) : -1;
    Values parts;
    qint64 splits = 0;
    if (args.empty() || args[0].isNone()) {
        qsizetype i = 0;
        while (i < text.size()) {
            while (i < text.size() && text[i].isSpace())
                ++i;
            if (i == text.size())
                break;
            if (maxsplit >= 0 && splits == maxsplit) {
                QString rest = text.mid(i);
                while (!rest.isEmpty() && rest.back().isSpace())
                    rest.chop(1);
                parts.push_back(Value::string(rest));
                break;
            }
            const qsizetype start = i;
            while (i < text.size() && !text[i].isSpace())
                ++i;
            parts.push_back(Value::string(text.mid(start, i - start)));
            ++splits;
        }
        return Value::list(std::move(parts));
    }
    const QString separator
        = requireStr(args[0], QStringLiteral("must be str or None, not")).isEmpty()
              ? (raise("ValueError", QStringLiteral("empty separator")), QString())
              : args[0].asStr();
    qsizetype start = 0;
    for (;;) {
        const qsizetype at
            = (maxsplit >= 0 && splits == maxsplit) ? -1 : text.indexOf(separator, start);
        if (at < 0)
            break;
        parts.push_back(Value::string(text.mid(start, at - start)));
        start = at + separator.size();
        ++splits;
    }
    parts.push_back(Value::string(text.mid(start)));
    return Value::list(std::move(parts));
}

Value strip(const QString &text, const QString &name, const Values &args)
{
    requireArgs(name, args, 0, 1);
    const bool whitespace = args.empty() || args[0].isNone();
    const QString chars
        = whitespace ? QString() : requireStr(args[0], name + QLatin1String(" arg"));
    const QList<uint> codes = text.toUcs4(), set = chars.toUcs4(); // code points, as Python
    auto stripped = [&](uint c) { return whitespace ? QChar::isSpace(c) : set.contains(c); };
    qsizetype begin = 0, end = codes.size();
    if (name != QLatin1String("rstrip"))
        while (begin < end && stripped(codes[begin]))
            ++begin;
    if (name != QLatin1String("lstrip"))
        while (end > begin && stripped(codes[end - 1]))
            --end;
    return Value::string(QString::fromUcs4(
        reinterpret_cast<const char32_t *>(codes.constData()) + begin, end - begin));
}

Value join(const QString &text, const Values &args)
{
    requireArgs(QStringLiteral("str.join"), args, 1, 1);
    QStringList parts;
    const Values items = iterate(args[0]);
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!items[i].isStr())
            raise("TypeError", QStringLiteral("sequence item %1: expected str instance, %2 found")
                                   .arg(i)
                                   .arg(items[i].typeName()));
        parts << items[i].asStr();
    }
    return Value::string(parts.join(text));
}

Value affix(const QString &text, const QString &name, const Values &args)
{
    requireArgs(name, args, 1, 1);
    const bool start = name == QLatin1String("startswith");
    Values candidates = args[0].kind() == Value::Kind::Tuple ? args[0].tupleItems() : args;
    for (const Value &candidate : candidates) {
        if (!candidate.isStr())
            raise("TypeError", QStringLiteral("%1 first arg must be str or a tuple of str, not %2")
                                   .arg(name, candidate.typeName()));
        if (start ? text.startsWith(candidate.asStr()) : text.endsWith(candidate.asStr()))
            return Value::boolean(true);
    }
    return Value::boolean(false);
}

qint64 occurrences(const QString &text, const QString &part)
{
    if (part.isEmpty())
        return codePointCount(text) + 1;
    qint64 count = 0;
    for (qsizetype at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.size()))
        ++count;
    return count;
}

Value replace(const QString &text, const Values &args)
{
    requireArgs(QStringLiteral("replace"), args, 2, 3);
    const QString old = requireStr(args[0], QStringLiteral("replace() argument 1"));
    const QString replacement = requireStr(args[1], QStringLiteral("replace() argument 2"));
    qint64 count = args.size() == 3 ? requireIndex(args[2]) : -1;
    if (count < 0)
        return Value::string(QString(text).replace(old, replacement));
    QString out;
    qsizetype start = 0;
    while (count-- > 0) {
        const qsizetype at
            = old.isEmpty() ? (start <= text.size() ? start : -1) : text.indexOf(old, start);
        if (at < 0)
            break;
        out += text.mid(start, at - start) + replacement;
        if (old.isEmpty()) {
            if (at < text.size())
                out += text[at];
            start = at + 1;
        } else {
            start = at + old.size();
        }
    }
    return Value::string(out + text.mid(start));
}

Value padded(const QString &text, const QString &name, const Values &args)
{
    requireArgs(name, args, 1, name == QLatin1String("zfill") ? 1 : 2);
    const qint64 width = requireIndex(args[0]);
    const qint64 margin = width - codePointCount(text);
    if (margin <= 0)
        return Value::string(text);
    if (name == QLatin1String("zfill")) {
        const bool sign = text.startsWith(QLatin1Char('+')) || text.startsWith(QLatin1Char('-'));
        return Value::string(text.left(sign ? 1 : 0) + QString(margin, QLatin1Char('0'))
                             + text.mid(sign ? 1 : 0));
    }
    const QString fill = args.size() == 2
                             ? requireStr(args[1], name + QLatin1String("() argument 2"))
                             : QStringLiteral(" ");
    if (codePointCount(fill) != 1)
        raise("TypeError", QStringLiteral("The fill character must be exactly one character long"));
    qint64 left = 0;
    if (name == QLatin1String("rjust"))
        left = margin;
    else if (name == QLatin1String("center"))
        left = margin / 2 + (margin & width & 1);
    return Value::string(fill.repeated(left) + text + fill.repeated(margin - left));
}

QString titled(const QString &text, bool everyWord)
{
    QString out;
    bool previousCased = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const bool first = everyWord ? !previousCased : i == 0;
        out += first ? c.toUpper() : c.toLower();
        previousCased = c.isLetter();
    }
    return out;
}

// One replacement field of str.format, "{[index][!conversion][:spec]}" without its braces:
// the argument converted (!r, !s, !a) and formatted, as CPython's string.Formatter does.
QString replacement(const QString &field, const Values &args, int *automatic)
{
    const qsizetype colon = field.indexOf(QLatin1Char(':'));
    QString name = colon < 0 ? field : field.left(colon);
    const QString spec = colon < 0 ? QString() : field.mid(colon + 1);
    QChar conversion;
    const qsizetype bang = name.indexOf(QLatin1Char('!'));
    if (bang >= 0) {
        conversion = bang + 1 < name.size() ? name[bang + 1] : QChar();
        name = name.left(bang);
    }
    int index = 0;
    if (name.isEmpty()) {
        if (*automatic < 0)
            raise("ValueError", QStringLiteral("cannot switch from manual field specification "
                                               "to automatic field numbering"));
        index = (*automatic)++;
    } else {
        bool number = false;
        index = name.toInt(&number);
        if (!number)
            raise("KeyError", QStringLiteral("'%1'").arg(name));
        if (*automatic > 0)
            raise("ValueError", QStringLiteral("cannot switch from automatic field numbering "
                                               "to manual field specification"));
        *automatic = -1;
    }
    if (std::size_t(index) >= args.size())
        raise("IndexError",
              QStringLiteral("Replacement index %1 out of range for positional args tuple")
                  .arg(index));
    Value value = args[std::size_t(index)];
    if (conversion == QLatin1Char('r'))
        value = Value::string(value.repr());
    else if (conversion == QLatin1Char('s'))
        value = Value::string(value.str());
    else if (conversion == QLatin1Char('a'))
        value = Value::string(asciiRepr(value));
    else if (bang >= 0)
        raise("ValueError", QStringLiteral("Unknown conversion specifier %1").arg(conversion));
    return formatValue(value, spec);
}

// str.format(*args): positional fields only ({}, {0}, {!r}, {:>5}); {{ and }} are braces.
Value formatted(const QString &text, const Values &args)
{
    QString out;
    int automatic = 0; // the next automatic index; -1 once a field was numbered
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if ((c == QLatin1Char('{') || c == QLatin1Char('}')) && i + 1 < text.size()
            && text[i + 1] == c) {
            out += c;
            ++i;
        } else if (c == QLatin1Char('}')) {
            raise("ValueError", QStringLiteral("Single '}' encountered in format string"));
        } else if (c == QLatin1Char('{')) {
            const qsizetype end = text.indexOf(QLatin1Char('}'), i);
            if (end < 0)
                raise("ValueError", QStringLiteral("Single '{' encountered in format string"));
            out += replacement(text.mid(i + 1, end - i - 1), args, &automatic);
            i = end;
        } else {
            out += c;
        }
    }
    return Value::string(out);
}

} // namespace

Value stringMethod(const QString &text, const QString &name, const Values &args)
{
    if (name == QLatin1String("upper") || name == QLatin1String("lower")
        || name == QLatin1String("title") || name == QLatin1String("capitalize")) {
        requireArgs(QStringLiteral("str.") + name, args, 0, 0);
        if (name == QLatin1String("upper"))
            return Value::string(text.toUpper());
        if (name == QLatin1String("lower"))
            return Value::string(text.toLower());
        return Value::string(titled(text, name == QLatin1String("title")));
    }
    if (name == QLatin1String("isdigit") || name == QLatin1String("isalpha")) {
        requireArgs(QStringLiteral("str.") + name, args, 0, 0);
        const bool digits = name == QLatin1String("isdigit");
        return Value::boolean(!text.isEmpty()
                              && std::all_of(text.begin(), text.end(), [&](QChar c) {
                                     return digits ? c.isDigit() : c.isLetter();
                                 }));
    }
    if (name == QLatin1String("split"))
        return split(text, args);
    if (name.endsWith(QLatin1String("strip")))
        return strip(text, name, args);
    if (name == QLatin1String("join"))
        return join(text, args);
    if (name == QLatin1String("format"))
        return formatted(text, args);
    if (name == QLatin1String("startswith") || name == QLatin1String("endswith"))
        return affix(text, name, args);
    if (name == QLatin1String("replace"))
        return replace(text, args);
    if (name == QLatin1String("find") || name == QLatin1String("count")) {
        requireArgs(name, args, 1, 1);
        const QString part = requireStr(args[0], QStringLiteral("must be str, not"));
        if (name == QLatin1String("count"))
            return Value::integer(occurrences(text, part));
        const qsizetype at = text.indexOf(part); // in UTF-16 units; Python counts code points
        return Value::integer(at < 0 ? -1 : codePointCount(text.left(at)));
    }
    return padded(text, name, args);
}

} // namespace loopscope::expr
