// The recursive-descent parser behind parser.h, shared by parser.cpp (expressions) and
// fstring_parser.cpp (f-string text). Internal to the expression engine.
#pragma once

#include "scenario/expr/lexer.h"
#include "scenario/expr/node.h"

namespace loopscope::expr {

class Parser
{
public:
    explicit Parser(const QString &text)
        : m_lexer(text)
    {}

    NodePtr parseWhole();           // an expression up to the end of the text
    NodePtr parseFStringBodyText(); // the whole text as an f-string body

private:
    friend struct FStringReader;
    using Mutable = std::shared_ptr<Node>;

    void advance() { m_current = m_lexer.next(); }
    [[noreturn]] void fail(const QString &message) const;
    [[noreturn]] void failHere() const;
    void expect(const char *punct);
    void close(const char *closer, const Token &opener);
    bool startsExpression() const;
    Mutable node(NodeKind kind, int pos) const;

    NodePtr expressions(); // a, b, c: a tuple when there is a comma
    NodePtr expression();  // a if c else b
    NodePtr disjunction();
    NodePtr conjunction();
    NodePtr inversion();
    NodePtr comparison();
    NodePtr bitOr() { return binaryLevel(0); }
    NodePtr binaryLevel(std::size_t level); // | ^ & shifts + * and their kin
    NodePtr factor();
    NodePtr power();
    NodePtr primary();
    NodePtr atom();
    NodePtr starredOrExpression();
    NodePtr parenthesised(int pos);
    NodePtr listDisplay(int pos);
    NodePtr dictDisplay(int pos);
    NodePtr strings();
    NodePtr call(NodePtr callee, int pos);
    NodePtr subscript(NodePtr value, int pos);
    NodePtr sliceOrExpression();
    NodePtr comprehension(NodeKind kind, NodePtr element, int pos);
    NodePtr target();
    bool atComparisonOperator() const;

    // f-strings (fstring_parser.cpp)
    void fstringParts(Node &fstring, QChar quote, bool triple, bool raw);
    void replacementField(Node &fstring, int bracePos, bool raw);
    NodePtr formatSpec(bool raw);

    Lexer m_lexer;
    Token m_current;
};

} // namespace loopscope::expr
