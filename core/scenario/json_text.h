// Small text helpers shared by the scenario reader, writer and validator: JSON paths in the
// form users see ("coroutines[2].steps[0].seconds"), values as they appear in messages, and
// the "$name" reference syntax of numeric fields.
#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

namespace loopscope::json {

// "a.b" or a["*"] for keys that are not plain identifiers; "a[3]" for array elements.
QString childPath(const QString &parent, const QString &key);
QString indexPath(const QString &parent, qsizetype index);

// A value as a message shows it: "2s" (quoted), -1, true, null, an object, an array.
QString describe(const QJsonValue &value);
// Shortest text that reads back to the same double; whole numbers without a fraction.
QString formatNumber(double value);
// A JSON string literal, quotes and escapes included.
QString quoted(const QString &text);

bool isIdentifier(const QString &text);
// "$name" with an identifier after the dollar: the name; anything else: nullopt.
std::optional<QString> parameterReference(const QString &text);

} // namespace loopscope::json
