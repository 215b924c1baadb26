// Python source fragments: identifiers, literals and f-strings. Private to the Python export.
#pragma once

#include "scenario/py_value.h"

#include <QSet>
#include <QString>

#include <functional>

namespace loopscope::python {

// A name usable in the program: invalid characters become '_', a leading digit gets a '_'
// before it, and keywords and the names the program itself uses (asyncio, time, burn, SCALE,
// tg, ...) get a '_' after them.
QString identifier(const QString &name);

// A duration's literal: integral values without a fraction ("2"), others as Python's repr.
QString number(double value);

// Resolves a scenario variable (parameter, loop variable, `as`) to its Python name, or returns
// an empty string when nothing of that name is bound.
using VariableLookup = std::function<QString(const QString &)>;

// A string literal; when `{name}` names a bound variable, an f-string substituting it (an
// unknown `{x}` stays as written, as the runtime leaves it).
QString text(const QString &s, const VariableLookup &lookup);

// A scenario value as a Python literal (a float stays a float: `1.0`); a string that is exactly
// "$name" is that variable, other strings go through text().
QString literal(const PyValue &value, const VariableLookup &lookup);

// A comment-safe single line.
QString commentText(const QString &s);

} // namespace loopscope::python
