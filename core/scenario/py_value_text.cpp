#include "scenario/py_value_text.h"

#include "scenario/json_source_map.h"
#include "scenario/object_reader.h"
#include "scenario/ordered_json.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace loopscope {

namespace {

// The text as the member "v" of an object, so that the source map gives its float literals
// under the path "v" (QJsonDocument also refuses a bare scalar in older Qt versions).
std::optional<PyValue> readWrapped(const QString &text)
{
    const QByteArray json = QByteArrayLiteral("{\"v\": ") + text.toUtf8() + '}';
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const JsonSourceMap source(json);
    ReadContext context;
    context.source = &source;
    return readPyValue(context, document.object().value(QLatin1String("v")), QStringLiteral("v"));
}

} // namespace

std::optional<PyValue> readPyValueText(const QString &text)
{
    if (text.trimmed().isEmpty())
        return std::nullopt;
    return readWrapped(text);
}

std::optional<PyArgs> readPyArgsText(const QString &text)
{
    const std::optional<PyValue> value = readPyValueText(text);
    if (!value || value->kind() != PyValue::Kind::Dict)
        return std::nullopt;
    PyArgs args;
    for (const auto &[name, member] : value->members())
        args.insert(name, member);
    return args;
}

QString pyValueText(const PyValue &value)
{
    return OrderedJson(value).toCompactJson();
}

QString pyArgsText(const PyArgs &args)
{
    return OrderedJson(args).toCompactJson();
}

} // namespace loopscope
