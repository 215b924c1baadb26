// A value typed in a field of the editor, as JSON text, and back: the editor's argument and
// item fields. QJsonDocument alone reads `1.0` as the integer 1, and Python prints `1` for it;
// these read a float from the text as written, as the scenario reader does, and write a float
// with its fraction (`1.0`), so that editing a field never turns a float into an int.
#pragma once

#include "scenario/py_value.h"

#include <QString>

#include <optional>

namespace loopscope {

// One JSON value ("1.0", "\"text\"", "[1, 2.5]", "null"); nullopt if the text is not one.
std::optional<PyValue> readPyValueText(const QString &text);
// A JSON object of keyword arguments ("{\"n\": 1.0}"); nullopt if the text is not one.
std::optional<PyArgs> readPyArgsText(const QString &text);

// Compact JSON on one line, floats with their fraction: `1.0`, `{"n": 1.0, "s": "a"}`.
QString pyValueText(const PyValue &value);
QString pyArgsText(const PyArgs &args);

} // namespace loopscope
