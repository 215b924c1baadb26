// f-strings: literal text, `{{`/`}}`, and replacement fields `{expr=!r:spec}` whose spec may
// hold fields of its own (`{x:>{width}}`). A field's expression is parsed by the same parser,
// so Python 3.12's quotes inside fields (`f'{d['k']}'`) read as they do in CPython.
#include "scenario/expr/parser.h"
#include "scenario/expr/parser_state.h"

namespace loopscope::expr {

namespace {

void appendLiteral(Node &fstring, const QString &text)
{
    if (text.isEmpty())
        return;
    if (!fstring.children.empty() && fstring.children.back()->kind == NodeKind::Constant) {
        auto merged = std::make_shared<Node>(*fstring.children.back());
        merged->constant = Value::string(merged->constant.asStr() + text);
        fstring.children.back() = merged;
        return;
    }
    auto literal = std::make_shared<Node>();
    literal->constant = Value::string(text);
    fstring.children.push_back(literal);
}

} // namespace

NodePtr Parser::parseFStringBodyText()
{
    Mutable fstring = node(NodeKind::FString, 0);
    m_lexer.seek(0);
    fstringParts(*fstring, QChar(), false, true);
    return fstring;
}

// Adjacent literals: 'a' "b" f'{c}' is one string.
NodePtr Parser::strings()
{
    Mutable joined = node(NodeKind::FString, m_current.pos);
    bool formatted = false;
    while (m_current.type == Token::Type::String || m_current.type == Token::Type::FStringStart) {
        if (m_current.type == Token::Type::String) {
            appendLiteral(*joined, m_current.value.asStr());
            if (joined->children.empty()) { // '' still makes a str
                auto empty = std::make_shared<Node>();
                empty->constant = Value::string(QString());
                joined->children.push_back(empty);
            }
        } else {
            formatted = true;
            fstringParts(*joined, m_current.quote, m_current.triple, m_current.raw);
        }
        advance();
    }
    if (formatted)
        return joined;
    Mutable constant = node(NodeKind::Constant, joined->column - 1);
    constant->constant = joined->children.front()->constant;
    return constant;
}

// The text of an f-string from the lexer's position to its closing quote (or, for a print
// text's body, to the end); leaves the lexer after the closing quote.
void Parser::fstringParts(Node &fstring, QChar quote, bool triple, bool raw)
{
    const QString &text = m_lexer.text();
    const int start = m_lexer.position();
    int pos = start;
    QString literal;
    auto at = [&](int i) { return i < text.size() ? text[i] : QChar(); };
    for (;;) {
        if (pos >= text.size() || (!triple && !quote.isNull() && text[pos] == QLatin1Char('\n'))) {
            if (quote.isNull())
                break;
            Lexer::syntaxError(QStringLiteral("unterminated f-string literal (detected at line 1)"),
                               start - 1);
        }
        const QChar c = text[pos];
        if (!quote.isNull() && c == quote
            && (!triple || (at(pos + 1) == quote && at(pos + 2) == quote))) {
            pos += triple ? 3 : 1;
            break;
        }
        if ((c == QLatin1Char('{') || c == QLatin1Char('}')) && at(pos + 1) == c) {
            literal += c;
            pos += 2;
        } else if (c == QLatin1Char('}')) {
            Lexer::syntaxError(QStringLiteral("f-string: single '}' is not allowed"), pos);
        } else if (c == QLatin1Char('{')) {
            appendLiteral(fstring, literal);
            literal.clear();
            replacementField(fstring, pos, raw);
            pos = m_lexer.position();
        } else if (c == QLatin1Char('\\') && !raw) {
            m_lexer.seek(pos + 1);
            m_lexer.readEscape(literal);
            pos = m_lexer.position();
        } else {
            literal += c;
            ++pos;
        }
    }
    appendLiteral(fstring, literal);
    m_lexer.seek(pos);
}

// `{` at bracePos to its `}`; leaves the lexer after the `}`.
void Parser::replacementField(Node &fstring, int bracePos, bool raw)
{
    m_lexer.seek(bracePos + 1);
    advance();
    if (m_current.is("}") || m_current.is("!") || m_current.is(":") || m_current.is("=")
        || m_current.type == Token::Type::End)
        fail(QStringLiteral("f-string: valid expression required before '%1'")
                 .arg(m_current.type == Token::Type::End ? QStringLiteral("}") : m_current.text));
    Mutable formatted = node(NodeKind::Formatted, m_current.pos);
    formatted->children.push_back(expressions());
    bool debug = false;
    if (m_current.is("=")) {
        advance();
        const int textStart = bracePos + 1;
        appendLiteral(fstring, m_lexer.text().mid(textStart, m_current.pos - textStart));
        debug = true;
    }
    if (m_current.is("!")) {
        const int bangEnd = m_current.end;
        advance();
        const QString conversion = m_current.text;
        if (m_current.type != Token::Type::Name || m_current.pos != bangEnd
            || (conversion != QLatin1String("r") && conversion != QLatin1String("s")
                && conversion != QLatin1String("a")))
            fail(QStringLiteral("f-string: invalid conversion character '%1': expected 's', "
                                "'r', or 'a'")
                     .arg(conversion));
        formatted->conversion = char(conversion[0].unicode());
        advance();
    }
    NodePtr spec;
    if (m_current.is(":")) {
        m_lexer.seek(m_current.end);
        spec = formatSpec(raw);
        advance();
    }
    if (!m_current.is("}"))
        fail(QStringLiteral("f-string: expecting '}'"));
    if (debug && formatted->conversion == 0 && !spec)
        formatted->conversion = 'r';
    formatted->children.push_back(spec);
    fstring.children.push_back(formatted);
}

// A field's format spec up to its closing `}` (left for the caller), with nested fields.
NodePtr Parser::formatSpec(bool raw)
{
    Mutable spec = node(NodeKind::FString, m_lexer.position());
    const QString &text = m_lexer.text();
    int pos = m_lexer.position();
    QString literal;
    while (pos < text.size() && text[pos] != QLatin1Char('}')) {
        if (text[pos] == QLatin1Char('{')) {
            appendLiteral(*spec, literal);
            literal.clear();
            replacementField(*spec, pos, raw);
            pos = m_lexer.position();
        } else if (text[pos] == QLatin1Char('\\') && !raw) {
            m_lexer.seek(pos + 1);
            m_lexer.readEscape(literal);
            pos = m_lexer.position();
        } else {
            literal += text[pos++];
        }
    }
    appendLiteral(*spec, literal);
    m_lexer.seek(pos);
    return spec;
}

} // namespace loopscope::expr
