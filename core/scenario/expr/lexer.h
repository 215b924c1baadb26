// Tokens of an expression, read on demand so that the parser can step into an f-string's
// text and back (Python 3.12 lets a field hold any expression, quotes included).
#pragma once

#include "scenario/expr/value.h"

namespace loopscope::expr {

struct Token
{
    enum class Type { End, Name, Keyword, Number, String, FStringStart, Punct };
    Type type = Type::End;
    int pos = 0;  // index of the first character
    int end = 0;  // index after the token
    QString text; // name, keyword or punctuation; a legacy `$name` keeps only `name`
    Value value;  // Number and String
    QChar quote;  // FStringStart: the quote character
    bool triple = false;
    bool raw = false;

    bool is(const char *punct) const { return type == Type::Punct && text == QLatin1String(punct); }
    bool isKeyword(const char *word) const
    {
        return type == Type::Keyword && text == QLatin1String(word);
    }
};

class Lexer
{
public:
    explicit Lexer(const QString &text)
        : m_text(text)
    {}
    Token next();
    int position() const { return m_pos; }
    void seek(int pos) { m_pos = pos; }
    const QString &text() const { return m_text; }
    // An escape sequence at m_pos (after the backslash) appended to out.
    void readEscape(QString &out);

    [[noreturn]] static void syntaxError(const QString &message, int pos);

private:
    QChar at(int pos) const { return pos < m_text.size() ? m_text[pos] : QChar(); }
    Token number(int start);
    Token string(int start, int prefixEnd, bool raw, bool fstring);
    Token punct(int start);

    const QString &m_text;
    int m_pos = 0;
};

} // namespace loopscope::expr
