// The text a step's field shows in the properties form (step_form.cpp), and what that text,
// as typed, sets: quantities ("2", "$delay"), values as JSON, print's `end` with its escapes.
// No widgets: plain conversions.
#pragma once

#include "scenario/py_value.h"
#include "scenario/scenario.h"

#include <QString>

#include <optional>

namespace loopscope {

QString quantityText(const Quantity &q);
// "$name" is a reference, a number a literal; anything else is no quantity.
std::optional<Quantity> parseQuantity(const QString &text);

// A value typed as JSON ("1", "1.0", "\"text\"", "[1, 2]"), a float kept a float; plain words
// are taken as strings.
PyValue parseJsonValue(const QString &text);
QString jsonValueText(const PyValue &value);

// print's `end` as Python writes it in a string: a new line is `\n`, a tab `\t`, a backslash
// `\\`; empty is empty (print(..., end="")). A control character has no other way into a
// line edit, which would show it as a blank or drop it.
QString escapedEnd(const QString &end);
// What escapedEnd wrote, back; a backslash before anything else stays as typed.
QString unescapedEnd(const QString &text);

} // namespace loopscope
