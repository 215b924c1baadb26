// Python 3.12 expression syntax (the subset the scenario language uses) to a syntax tree.
// Errors are thrown as Error{"SyntaxError", message, column} with a 1-based column.
#pragma once

#include "scenario/expr/node.h"

namespace loopscope::expr {

// An expression as the scenario model holds it: the text as written, and its tree.
struct Expr
{
    QString text;
    NodePtr root;

    static Expr parse(const QString &text);        // an expression
    static Expr parseFString(const QString &body); // print text: an f-string body, no quotes

    friend bool operator==(const Expr &a, const Expr &b) { return a.text == b.text; }
};

NodePtr parseExpression(const QString &text);
// The text between the quotes of an f-string, without escape processing (the file's JSON
// already decoded it): literal text, `{expr!r:spec}` fields, `{{` and `}}`.
NodePtr parseFStringBody(const QString &body);

} // namespace loopscope::expr
