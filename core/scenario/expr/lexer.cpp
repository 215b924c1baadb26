#include "scenario/expr/lexer.h"

#include "scenario/expr/float_parse.h"

#include "scenario/expr/error.h"

#include <array>
#include <charconv>
#include <string>

namespace loopscope::expr {

namespace {

bool isIdentifierStart(QChar c)
{
    return c == QLatin1Char('_') || c.isLetter();
}

bool isIdentifierChar(QChar c)
{
    return c == QLatin1Char('_') || c.isLetterOrNumber();
}

bool isKeyword(const QString &word)
{
    static const std::array<const char *, 14> keywords{"and",   "or",     "not",   "in",   "is",
                                                       "if",    "else",   "for",   "None", "True",
                                                       "False", "lambda", "await", "yield"};
    for (const char *keyword : keywords)
        if (word == QLatin1String(keyword))
            return true;
    return false;
}

int digitValue(QChar c)
{
    if (c.isDigit())
        return c.digitValue();
    const char lower = char(c.toLower().unicode());
    return lower >= 'a' && lower <= 'z' ? lower - 'a' + 10 : 99;
}

} // namespace

void Lexer::syntaxError(const QString &message, int pos)
{
    throw Error{QStringLiteral("SyntaxError"), message, pos + 1};
}

Token Lexer::next()
{
    while (m_pos < m_text.size()
           && (m_text[m_pos].isSpace()
               || (m_text[m_pos] == QLatin1Char('\\') && at(m_pos + 1) == QLatin1Char('\n'))))
        ++m_pos;
    const int start = m_pos;
    if (m_pos >= m_text.size())
        return Token{Token::Type::End, start, start};
    const QChar c = m_text[m_pos];
    if (c.isDigit() || (c == QLatin1Char('.') && at(m_pos + 1).isDigit()))
        return number(start);
    if (c == QLatin1Char('\'') || c == QLatin1Char('"'))
        return string(start, start, false, false);
    const bool legacy = c == QLatin1Char('$') && isIdentifierStart(at(m_pos + 1));
    if (!legacy && !isIdentifierStart(c))
        return punct(start);
    m_pos += legacy ? 1 : 0;
    const int nameStart = m_pos;
    while (m_pos < m_text.size() && isIdentifierChar(m_text[m_pos]))
        ++m_pos;
    const QString word = m_text.mid(nameStart, m_pos - nameStart);
    const QChar following = at(m_pos);
    if (!legacy && (following == QLatin1Char('\'') || following == QLatin1Char('"'))) {
        const QString prefix = word.toLower();
        if (prefix == QLatin1String("b") || prefix == QLatin1String("rb")
            || prefix == QLatin1String("br"))
            syntaxError(QStringLiteral("bytes literals are not supported"), start);
        if (prefix == QLatin1String("r") || prefix == QLatin1String("u")
            || prefix == QLatin1String("f") || prefix == QLatin1String("rf")
            || prefix == QLatin1String("fr"))
            return string(start, m_pos, prefix.contains(QLatin1Char('r')),
                          prefix.contains(QLatin1Char('f')));
    }
    const auto type = !legacy && isKeyword(word) ? Token::Type::Keyword : Token::Type::Name;
    return Token{type, start, m_pos, word};
}

Token Lexer::number(int start)
{
    std::string digits;
    bool isFloat = false;
    int radix = 10;
    if (m_text[m_pos] == QLatin1Char('0') && QStringLiteral("xXoObB").contains(at(m_pos + 1))) {
        const char letter = char(at(m_pos + 1).toLower().unicode());
        radix = letter == 'x' ? 16 : (letter == 'o' ? 8 : 2);
        m_pos += 2;
    }
    auto readDigits = [&](int base) {
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (c == QLatin1Char('_') && digitValue(at(m_pos + 1)) < base && !digits.empty())
                ++m_pos;
            else if (digitValue(c) < base)
                digits += char(m_text[m_pos++].unicode());
            else
                break;
        }
    };
    readDigits(radix);
    if (radix == 10 && at(m_pos) == QLatin1Char('.')) {
        isFloat = true;
        digits += char(m_text[m_pos++].unicode());
        readDigits(10);
    }
    if (radix == 10 && (at(m_pos) == QLatin1Char('e') || at(m_pos) == QLatin1Char('E'))) {
        const int sign = at(m_pos + 1) == QLatin1Char('+') || at(m_pos + 1) == QLatin1Char('-');
        if (at(m_pos + 1 + sign).isDigit()) {
            isFloat = true;
            digits += 'e';
            if (sign)
                digits += char(at(m_pos + 1).unicode());
            m_pos += 1 + sign;
            readDigits(10);
        }
    }
    if (at(m_pos) == QLatin1Char('j') || at(m_pos) == QLatin1Char('J'))
        syntaxError(QStringLiteral("complex numbers are not supported"), start);
    if (isIdentifierChar(at(m_pos)) || digits.empty())
        syntaxError(radix == 10 ? QStringLiteral("invalid decimal literal")
                                : QStringLiteral("invalid digit in literal"),
                    m_pos);
    Token token{Token::Type::Number, start, 0};
    if (isFloat) {
        token.value = Value::real(parseDecimal(digits).value);
    } else {
        if (radix == 10 && digits.size() > 1 && digits[0] == '0'
            && digits.find_first_not_of('0') != std::string::npos)
            syntaxError(QStringLiteral("leading zeros in decimal integer literals are not "
                                       "permitted; use an 0o prefix for octal integers"),
                        start);
        qint64 value = 0;
        const auto result
            = std::from_chars(digits.data(), digits.data() + digits.size(), value, radix);
        if (result.ec != std::errc())
            throw Error{QStringLiteral("OverflowError"),
                        QStringLiteral("ints beyond 64 bits are not supported"), start + 1};
        token.value = Value::integer(value);
    }
    token.end = m_pos;
    return token;
}

void Lexer::readEscape(QString &out)
{
    const QChar c = at(m_pos++);
    static const QString simple = QStringLiteral("\n\\'\"abfnrtv");
    static const QString meaning = QStringLiteral("\n\\'\"\a\b\f\n\r\t\v");
    if (const qsizetype index = simple.indexOf(c); index > 0) {
        out += meaning[index];
        return;
    }
    if (c == QLatin1Char('\n'))
        return; // a continued line
    int base = 0, count = 0;
    if (c >= QLatin1Char('0') && c <= QLatin1Char('7'))
        base = 8, count = 3, --m_pos;
    else if (c == QLatin1Char('x'))
        base = 16, count = 2;
    else if (c == QLatin1Char('u'))
        base = 16, count = 4;
    else if (c == QLatin1Char('U'))
        base = 16, count = 8;
    if (base == 0) {
        out += QLatin1Char('\\') + c; // Python keeps an unknown escape as written
        return;
    }
    char32_t code = 0;
    int read = 0;
    while (read < count && digitValue(at(m_pos)) < base) {
        code = code * char32_t(base) + char32_t(digitValue(at(m_pos++)));
        ++read;
    }
    if (base == 16 && read < count)
        syntaxError(QStringLiteral("(unicode error) truncated escape"), m_pos - read - 2);
    out += QString::fromUcs4(&code, 1);
}

Token Lexer::string(int start, int prefixEnd, bool raw, bool fstring)
{
    const QChar quote = m_text[prefixEnd];
    const bool triple = at(prefixEnd + 1) == quote && at(prefixEnd + 2) == quote;
    m_pos = prefixEnd + (triple ? 3 : 1);
    if (fstring)
        return Token{Token::Type::FStringStart, start, m_pos, {}, {}, quote, triple, raw};
    QString text;
    for (;;) {
        if (m_pos >= m_text.size() || (!triple && m_text[m_pos] == QLatin1Char('\n')))
            syntaxError(QStringLiteral("unterminated string literal (detected at line 1)"), start);
        const QChar c = m_text[m_pos];
        if (c == quote && (!triple || (at(m_pos + 1) == quote && at(m_pos + 2) == quote))) {
            m_pos += triple ? 3 : 1;
            break;
        }
        ++m_pos;
        if (c == QLatin1Char('\\') && !raw)
            readEscape(text);
        else if (c == QLatin1Char('\\') && m_pos < m_text.size())
            text += QString(c) + m_text[m_pos++];
        else
            text += c;
    }
    return Token{Token::Type::String, start, m_pos, {}, Value::string(text)};
}

Token Lexer::punct(int start)
{
    // No ":=": an f-string's `{x:=^9}` is a field with the spec "=^9".
    static const std::array<const char *, 8> pairs{"**", "//", "==", "!=", "<=", ">=", "<<", ">>"};
    for (const char *pair : pairs)
        if (m_text.mid(m_pos, 2) == QLatin1String(pair)) {
            m_pos += 2;
            return Token{Token::Type::Punct, start, m_pos, QString::fromLatin1(pair)};
        }
    const QChar c = m_text[m_pos];
    if (!QStringLiteral("+-*/%<>()[]{},:.~&|^=!@;").contains(c))
        syntaxError(
            QStringLiteral("invalid character '%1' (U+%2)")
                .arg(c)
                .arg(
                    QString::number(c.unicode(), 16).toUpper().rightJustified(4, QLatin1Char('0'))),
            start);
    ++m_pos;
    return Token{Token::Type::Punct, start, m_pos, QString(c)};
}

} // namespace loopscope::expr
