#include "scenario/expr/parser.h"

#include "scenario/expr/error.h"
#include "scenario/expr/parser_state.h"

#include <QStringList>

#include <array>

namespace loopscope::expr {

namespace {

Op binaryOp(const QString &symbol)
{
    static const std::vector<std::pair<const char *, Op>> ops{
        {"+", Op::Add},       {"-", Op::Sub},    {"*", Op::Mul},     {"/", Op::Div},
        {"//", Op::FloorDiv}, {"%", Op::Mod},    {"<<", Op::LShift}, {">>", Op::RShift},
        {"|", Op::BitOr},     {"^", Op::BitXor}, {"&", Op::BitAnd},  {"<", Op::Lt},
        {"<=", Op::Le},       {">", Op::Gt},     {">=", Op::Ge},     {"==", Op::Eq},
        {"!=", Op::Ne}};
    for (const auto &[text, op] : ops)
        if (symbol == QLatin1String(text))
            return op;
    return Op::Add;
}

} // namespace

Expr Expr::parse(const QString &text)
{
    return Expr{text, parseExpression(text)};
}

Expr Expr::parseFString(const QString &body)
{
    return Expr{body, parseFStringBody(body)};
}

NodePtr parseExpression(const QString &text)
{
    return Parser(text).parseWhole();
}

NodePtr parseFStringBody(const QString &body)
{
    return Parser(body).parseFStringBodyText();
}

void Parser::fail(const QString &message) const
{
    Lexer::syntaxError(message, m_current.pos);
}

void Parser::failHere() const
{
    if (m_current.is(")") || m_current.is("]") || m_current.is("}"))
        fail(QStringLiteral("unmatched '%1'").arg(m_current.text));
    if (m_current.isKeyword("lambda") || m_current.isKeyword("await")
        || m_current.isKeyword("yield"))
        fail(QStringLiteral("'%1' is not supported in expressions").arg(m_current.text));
    fail(QStringLiteral("invalid syntax"));
}

void Parser::expect(const char *punct)
{
    if (!m_current.is(punct))
        failHere();
    advance();
}

void Parser::close(const char *closer, const Token &opener)
{
    if (m_current.is(closer))
        return advance();
    if (m_current.type == Token::Type::End)
        Lexer::syntaxError(QStringLiteral("'%1' was never closed").arg(opener.text), opener.pos);
    if (m_current.is(")") || m_current.is("]") || m_current.is("}"))
        fail(QStringLiteral("closing parenthesis '%1' does not match opening parenthesis '%2'")
                 .arg(m_current.text, opener.text));
    fail(QStringLiteral("invalid syntax. Perhaps you forgot a comma?"));
}

bool Parser::startsExpression() const
{
    switch (m_current.type) {
    case Token::Type::Name:
    case Token::Type::Number:
    case Token::Type::String:
    case Token::Type::FStringStart:
        return true;
    case Token::Type::Keyword:
        return m_current.isKeyword("not") || m_current.isKeyword("None")
               || m_current.isKeyword("True") || m_current.isKeyword("False");
    case Token::Type::Punct:
        return QStringLiteral("([{-+~*").contains(m_current.text);
    case Token::Type::End:
        return false;
    }
    return false;
}

Parser::Mutable Parser::node(NodeKind kind, int pos) const
{
    auto made = std::make_shared<Node>();
    made->kind = kind;
    made->column = pos + 1;
    return made;
}

NodePtr Parser::parseWhole()
{
    advance();
    const NodePtr root = expressions();
    if (m_current.type != Token::Type::End)
        failHere();
    return root;
}

NodePtr Parser::expressions()
{
    const int pos = m_current.pos;
    NodePtr first = starredOrExpression();
    if (!m_current.is(",")) {
        if (first->kind == NodeKind::Starred)
            Lexer::syntaxError(QStringLiteral("can't use starred expression here"), pos);
        return first;
    }
    Mutable tuple = node(NodeKind::Tuple, pos);
    tuple->children.push_back(first);
    while (m_current.is(",")) {
        advance();
        if (!startsExpression())
            break;
        tuple->children.push_back(starredOrExpression());
    }
    return tuple;
}

NodePtr Parser::starredOrExpression()
{
    if (!m_current.is("*"))
        return expression();
    Mutable starred = node(NodeKind::Starred, m_current.pos);
    advance();
    starred->children.push_back(bitOr());
    return starred;
}

NodePtr Parser::expression()
{
    const int pos = m_current.pos;
    NodePtr body = disjunction();
    if (!m_current.isKeyword("if"))
        return body;
    advance();
    NodePtr test = disjunction();
    if (!m_current.isKeyword("else"))
        fail(QStringLiteral("expected 'else' after 'if' expression"));
    advance();
    Mutable ifElse = node(NodeKind::IfElse, pos);
    ifElse->children = {body, test, expression()};
    return ifElse;
}

NodePtr Parser::disjunction()
{
    const int pos = m_current.pos;
    NodePtr first = conjunction();
    if (!m_current.isKeyword("or"))
        return first;
    Mutable any = node(NodeKind::Or, pos);
    any->children.push_back(first);
    while (m_current.isKeyword("or")) {
        advance();
        any->children.push_back(conjunction());
    }
    return any;
}

NodePtr Parser::conjunction()
{
    const int pos = m_current.pos;
    NodePtr first = inversion();
    if (!m_current.isKeyword("and"))
        return first;
    Mutable all = node(NodeKind::And, pos);
    all->children.push_back(first);
    while (m_current.isKeyword("and")) {
        advance();
        all->children.push_back(inversion());
    }
    return all;
}

NodePtr Parser::inversion()
{
    if (!m_current.isKeyword("not"))
        return comparison();
    Mutable negation = node(NodeKind::Unary, m_current.pos);
    negation->op = Op::Not;
    advance();
    negation->children.push_back(inversion());
    return negation;
}

bool Parser::atComparisonOperator() const
{
    static const QStringList symbols{QStringLiteral("<"),  QStringLiteral("<="),
                                     QStringLiteral(">"),  QStringLiteral(">="),
                                     QStringLiteral("=="), QStringLiteral("!=")};
    return (m_current.type == Token::Type::Punct && symbols.contains(m_current.text))
           || m_current.isKeyword("in") || m_current.isKeyword("not") || m_current.isKeyword("is");
}

NodePtr Parser::comparison()
{
    const int pos = m_current.pos;
    NodePtr left = bitOr();
    if (!atComparisonOperator())
        return left;
    Mutable compare = node(NodeKind::Compare, pos);
    compare->children.push_back(left);
    while (atComparisonOperator()) {
        Op op = binaryOp(m_current.text);
        const bool identity = m_current.isKeyword("is");
        if (m_current.isKeyword("in"))
            op = Op::In;
        if (m_current.isKeyword("not")) {
            advance();
            if (!m_current.isKeyword("in"))
                failHere();
            op = Op::NotIn;
        }
        advance();
        if (identity) {
            op = Op::Is;
            if (m_current.isKeyword("not")) {
                op = Op::IsNot;
                advance();
            }
        }
        compare->ops.push_back(op);
        compare->children.push_back(bitOr());
    }
    return compare;
}

// The binary operators below comparison, loosest first: each level a left-associative chain.
NodePtr Parser::binaryLevel(std::size_t level)
{
    static const std::array<QStringList, 6> levels{
        QStringList{QStringLiteral("|")},
        QStringList{QStringLiteral("^")},
        QStringList{QStringLiteral("&")},
        QStringList{QStringLiteral("<<"), QStringLiteral(">>")},
        QStringList{QStringLiteral("+"), QStringLiteral("-")},
        QStringList{QStringLiteral("*"), QStringLiteral("/"), QStringLiteral("//"),
                    QStringLiteral("%")}};
    if (level == levels.size())
        return factor();
    const int pos = m_current.pos;
    NodePtr left = binaryLevel(level + 1);
    while (m_current.type == Token::Type::Punct && levels[level].contains(m_current.text)) {
        Mutable binary = node(NodeKind::Binary, pos);
        binary->op = binaryOp(m_current.text);
        advance();
        binary->children = {left, binaryLevel(level + 1)};
        left = binary;
    }
    return left;
}

NodePtr Parser::factor()
{
    if (!m_current.is("-") && !m_current.is("+") && !m_current.is("~"))
        return power();
    Mutable unary = node(NodeKind::Unary, m_current.pos);
    unary->op = m_current.is("-") ? Op::Neg : (m_current.is("+") ? Op::Pos : Op::Invert);
    advance();
    unary->children.push_back(factor());
    return unary;
}

NodePtr Parser::power()
{
    const int pos = m_current.pos;
    NodePtr base = primary();
    if (!m_current.is("**"))
        return base;
    advance();
    Mutable binary = node(NodeKind::Binary, pos);
    binary->op = Op::Pow;
    binary->children = {base, factor()}; // right-associative, and 2 ** -1 is allowed
    return binary;
}

NodePtr Parser::primary()
{
    const int pos = m_current.pos;
    NodePtr value = atom();
    for (;;) {
        if (m_current.is(".")) {
            advance();
            if (m_current.type != Token::Type::Name)
                failHere();
            Mutable attribute = node(NodeKind::Attribute, pos);
            attribute->name = m_current.text;
            attribute->children.push_back(value);
            advance();
            value = attribute;
        } else if (m_current.is("(")) {
            value = call(value, pos);
        } else if (m_current.is("[")) {
            value = subscript(value, pos);
        } else {
            return value;
        }
    }
}

NodePtr Parser::atom()
{
    const Token token = m_current;
    switch (token.type) {
    case Token::Type::Name: {
        Mutable name = node(NodeKind::Name, token.pos);
        name->name = token.text;
        advance();
        return name;
    }
    case Token::Type::Number: {
        Mutable constant = node(NodeKind::Constant, token.pos);
        constant->constant = token.value;
        advance();
        return constant;
    }
    case Token::Type::String:
    case Token::Type::FStringStart:
        return strings();
    case Token::Type::Keyword:
        if (token.isKeyword("None") || token.isKeyword("True") || token.isKeyword("False")) {
            Mutable constant = node(NodeKind::Constant, token.pos);
            if (!token.isKeyword("None"))
                constant->constant = Value::boolean(token.isKeyword("True"));
            advance();
            return constant;
        }
        break;
    case Token::Type::Punct:
        if (token.is("("))
            return parenthesised(token.pos);
        if (token.is("["))
            return listDisplay(token.pos);
        if (token.is("{"))
            return dictDisplay(token.pos);
        break;
    case Token::Type::End:
        break;
    }
    failHere();
}

} // namespace loopscope::expr
