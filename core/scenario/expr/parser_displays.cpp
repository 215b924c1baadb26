// Displays, calls, subscripts and comprehensions: the bracketed parts of the grammar.
#include "scenario/expr/parser_state.h"

namespace loopscope::expr {

NodePtr Parser::parenthesised(int pos)
{
    const Token opener = m_current;
    advance();
    if (m_current.is(")")) {
        advance();
        return node(NodeKind::Tuple, pos);
    }
    NodePtr first = starredOrExpression();
    if (m_current.isKeyword("for")) {
        NodePtr generator = comprehension(NodeKind::GeneratorExp, first, pos);
        close(")", opener);
        return generator;
    }
    if (!m_current.is(",")) {
        close(")", opener);
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
    close(")", opener);
    return tuple;
}

NodePtr Parser::listDisplay(int pos)
{
    const Token opener = m_current;
    advance();
    Mutable list = node(NodeKind::List, pos);
    if (m_current.is("]")) {
        advance();
        return list;
    }
    NodePtr first = starredOrExpression();
    if (m_current.isKeyword("for")) {
        NodePtr listComp = comprehension(NodeKind::ListComp, first, pos);
        close("]", opener);
        return listComp;
    }
    list->children.push_back(first);
    while (m_current.is(",")) {
        advance();
        if (!startsExpression())
            break;
        list->children.push_back(starredOrExpression());
    }
    close("]", opener);
    return list;
}

NodePtr Parser::dictDisplay(int pos)
{
    const Token opener = m_current;
    advance();
    Mutable dict = node(NodeKind::Dict, pos);
    while (!m_current.is("}")) {
        if (m_current.is("**"))
            fail(QStringLiteral("dict unpacking (**) is not supported"));
        dict->children.push_back(expression());
        if (m_current.is(",") || m_current.is("}") || m_current.isKeyword("for"))
            Lexer::syntaxError(QStringLiteral("sets are not supported"), pos);
        expect(":");
        dict->children.push_back(expression());
        if (m_current.isKeyword("for"))
            fail(QStringLiteral("dict comprehensions are not supported"));
        if (!m_current.is(","))
            break;
        advance();
    }
    close("}", opener);
    return dict;
}

NodePtr Parser::call(NodePtr callee, int pos)
{
    const Token opener = m_current;
    advance();
    Mutable call = node(NodeKind::Call, pos);
    call->children.push_back(callee);
    bool keywords = false;
    while (!m_current.is(")") && m_current.type != Token::Type::End) {
        const Token start = m_current;
        if (m_current.is("**"))
            fail(QStringLiteral("keyword unpacking (**) is not supported"));
        NodePtr argument = starredOrExpression();
        if (m_current.isKeyword("for"))
            argument = comprehension(NodeKind::GeneratorExp, argument, start.pos);
        if (argument->kind == NodeKind::Name && m_current.is("=")) {
            advance();
            Mutable keyword = node(NodeKind::Keyword, start.pos);
            keyword->name = argument->name;
            keyword->children.push_back(expression());
            argument = keyword;
            keywords = true;
        } else if (keywords && argument->kind != NodeKind::Starred) {
            Lexer::syntaxError(QStringLiteral("positional argument follows keyword argument"),
                               start.pos);
        }
        call->children.push_back(argument);
        if (!m_current.is(","))
            break;
        advance();
    }
    close(")", opener);
    return call;
}

NodePtr Parser::subscript(NodePtr value, int pos)
{
    const Token opener = m_current;
    advance();
    const int indexPos = m_current.pos;
    NodePtr index = sliceOrExpression();
    if (m_current.is(",")) {
        Mutable tuple = node(NodeKind::Tuple, indexPos);
        tuple->children.push_back(index);
        while (m_current.is(",")) {
            advance();
            if (m_current.is("]"))
                break;
            tuple->children.push_back(sliceOrExpression());
        }
        index = tuple;
    }
    close("]", opener);
    Mutable subscript = node(NodeKind::Subscript, pos);
    subscript->children = {value, index};
    return subscript;
}

NodePtr Parser::sliceOrExpression()
{
    const int pos = m_current.pos;
    NodePtr lower = m_current.is(":") ? nullptr : expression();
    if (!m_current.is(":"))
        return lower;
    advance();
    auto bound = [this]() -> NodePtr {
        return m_current.is(":") || m_current.is("]") || m_current.is(",") ? nullptr : expression();
    };
    NodePtr upper = bound();
    NodePtr step;
    if (m_current.is(":")) {
        advance();
        step = bound();
    }
    Mutable slice = node(NodeKind::Slice, pos);
    slice->children = {lower, upper, step};
    return slice;
}

NodePtr Parser::comprehension(NodeKind kind, NodePtr element, int pos)
{
    if (element->kind == NodeKind::Starred)
        Lexer::syntaxError(QStringLiteral("iterable unpacking cannot be used in comprehension"),
                           element->column - 1);
    Mutable comprehension = node(kind, pos);
    comprehension->children.push_back(element);
    while (m_current.isKeyword("for")) {
        Mutable clause = node(NodeKind::ForClause, m_current.pos);
        advance();
        clause->children.push_back(target());
        if (!m_current.isKeyword("in"))
            failHere();
        advance();
        clause->children.push_back(disjunction());
        while (m_current.isKeyword("if")) {
            advance();
            clause->children.push_back(disjunction());
        }
        comprehension->children.push_back(clause);
    }
    return comprehension;
}

// A for-clause's target: a name, or names in a tuple or list, nested (`for i, (k, v) in ...`).
NodePtr Parser::target()
{
    const int pos = m_current.pos;
    auto single = [this]() -> NodePtr {
        if (m_current.type == Token::Type::Name) {
            Mutable name = node(NodeKind::Name, m_current.pos);
            name->name = m_current.text;
            advance();
            return name;
        }
        if (!m_current.is("(") && !m_current.is("["))
            failHere();
        const Token opener = m_current;
        advance();
        NodePtr inner = target();
        close(opener.is("(") ? ")" : "]", opener);
        return inner;
    };
    NodePtr first = single();
    if (!m_current.is(","))
        return first;
    Mutable tuple = node(NodeKind::Tuple, pos);
    tuple->children.push_back(first);
    while (m_current.is(",")) {
        advance();
        if (m_current.isKeyword("in") || m_current.is(")") || m_current.is("]"))
            break;
        tuple->children.push_back(single());
    }
    return tuple;
}

} // namespace loopscope::expr
