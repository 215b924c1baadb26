// What `check` says of expression text in a scenario: a SyntaxError, or a name that nothing
// binds, with its column in the text and a did-you-mean from the names in scope.
#pragma once

#include <QStringList>

#include <optional>

namespace loopscope {

// "column 5: name 'dealy' is not defined; did you mean 'delay'?", or nullopt when the text
// parses and every name it reads is known (or a builtin). fstring: print's text.
std::optional<QString> expressionProblem(const QString &text, bool fstring,
                                         const QStringList &known);
// An assignment target: a name, or names separated by commas (in parentheses or not).
std::optional<QString> targetProblem(const QString &text);
// The names a target binds, in order.
QStringList targetNames(const QString &text);
// Whether the expression is a literal that is not a number (a duration of "'abc'").
bool isNonNumericLiteral(const QString &text);
// A `*expr` item of gather, wait or as_completed must give an iterable of tasks or coroutine
// objects: what its text says it gives instead ("an int", "a list whose item 1 is a str",
// "a generator whose items are each an int"), or nullopt when it may be right (names: the
// run tells).
std::optional<QString> starProblem(const QString &text);

} // namespace loopscope
