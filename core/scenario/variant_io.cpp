// Reading the `variants` array. Every field of an override is optional except the name that
// says what it overrides; a field that is absent keeps the base scenario's value.
#include "scenario/json_text.h"
#include "scenario/object_reader.h"
#include "scenario/variants.h"

namespace loopscope {

namespace {

using P = Presence;

template<typename T, typename Read>
std::optional<T> ifPresent(ObjectReader &r, const char *key, Read read)
{
    if (!r.has(QLatin1String(key)))
        return std::nullopt;
    return read(QLatin1String(key));
}

PythonOverride readPythonOverride(ReadContext &context, ObjectReader &variant)
{
    const QString key = QStringLiteral("python");
    ObjectReader r(context, variant.object(key, P::Optional, QStringLiteral("an object")),
                   variant.pathOf(key));
    PythonOverride o;
    o.gil = ifPresent<bool>(r, "gil", [&](const QString &k) { return r.boolean(k, true); });
    o.switchInterval = ifPresent<double>(r, "switch_interval", [&](const QString &k) {
        return r.number(k, 0.005, QStringLiteral("a number > 0"));
    });
    o.cpuCount = ifPresent<int>(r, "cpu_count", [&](const QString &k) {
        return r.wholeNumber(k, 1, expect::wholeAtLeast(1));
    });
    r.refuseUnusedKeys(QStringLiteral("gil, switch_interval, cpu_count"));
    return o;
}

ResourceOverride readResourceOverride(ReadContext &context, const QJsonValue &value,
                                      const QString &path)
{
    ResourceOverride o;
    if (!value.isObject()) {
        context.wrongType(path, QStringLiteral("a resource override object"), value);
        return o;
    }
    ObjectReader r(context, value.toObject(), path);
    o.id = r.string(QStringLiteral("id"), P::Required, QStringLiteral("a resource id"));
    const auto whole = [&r](int least) {
        return [&r, least](const QString &k) {
            return r.wholeNumber(k, least, expect::wholeAtLeast(least));
        };
    };
    o.value = ifPresent<int>(r, "value", whole(1));
    o.bounded
        = ifPresent<bool>(r, "bounded", [&](const QString &k) { return r.boolean(k, false); });
    o.maxsize = ifPresent<int>(r, "maxsize", whole(0));
    o.items = ifPresent<std::vector<PyValue>>(r, "items", [&](const QString &k) {
        const auto items = r.array(k, P::Optional, QStringLiteral("an array"));
        std::vector<PyValue> values;
        for (qsizetype i = 0; items && i < items->size(); ++i)
            values.push_back(readPyValue(context, items->at(i), json::indexPath(r.pathOf(k), i)));
        return values;
    });
    o.workers = ifPresent<int>(r, "workers", whole(1));
    o.startup = ifPresent<double>(r, "startup", [&](const QString &k) {
        return r.number(k, 0.0, QString::fromUtf8("a number ≥ 0"));
    });
    r.refuseUnusedKeys(QStringLiteral("id, value, bounded, maxsize, items, workers, startup"));
    return o;
}

Coroutine readCoroutineOverride(ReadContext &context, const QJsonValue &value, const QString &path)
{
    Coroutine c;
    if (!value.isObject()) {
        context.wrongType(path, QStringLiteral("a coroutine object"), value);
        return c;
    }
    ObjectReader r(context, value.toObject(), path);
    c.name = r.string(QStringLiteral("name"), P::Required, QStringLiteral("a Python identifier"));
    const auto params = r.array(QStringLiteral("params"), P::Optional,
                                QStringLiteral("an array of parameter names"));
    for (qsizetype i = 0; params && i < params->size(); ++i) {
        if (!params->at(i).isString())
            context.wrongType(json::indexPath(r.pathOf(QStringLiteral("params")), i),
                              QStringLiteral("a Python identifier"), params->at(i));
        c.params.push_back(params->at(i).toString());
    }
    if (const auto steps = r.array(QStringLiteral("steps"), P::Required, expect::steps()))
        c.steps = readSteps(context, *steps, r.pathOf(QStringLiteral("steps")));
    r.refuseUnusedKeys(QStringLiteral("name, params, steps"));
    return c;
}

Variant readVariant(ReadContext &context, const QJsonValue &value, const QString &path)
{
    Variant variant;
    if (!value.isObject()) {
        context.wrongType(path, QStringLiteral("a variant object"), value);
        return variant;
    }
    ObjectReader r(context, value.toObject(), path);
    variant.name = r.string(QStringLiteral("name"), P::Required, QStringLiteral("a variant name"));
    variant.notes = r.string(QStringLiteral("notes"), P::Optional);
    variant.python = readPythonOverride(context, r);
    const QString resources = QStringLiteral("resources");
    const auto rs
        = r.array(resources, P::Optional, QStringLiteral("an array of resource overrides"));
    for (qsizetype i = 0; rs && i < rs->size(); ++i)
        variant.resources.push_back(
            readResourceOverride(context, rs->at(i), json::indexPath(r.pathOf(resources), i)));
    const QString coroutines = QStringLiteral("coroutines");
    const auto cs = r.array(coroutines, P::Optional, QStringLiteral("an array of coroutines"));
    for (qsizetype i = 0; cs && i < cs->size(); ++i)
        variant.coroutines.push_back(
            readCoroutineOverride(context, cs->at(i), json::indexPath(r.pathOf(coroutines), i)));
    r.refuseUnusedKeys(QStringLiteral("name, notes, python, resources, coroutines"));
    return variant;
}

} // namespace

std::vector<Variant> readVariants(ReadContext &context, const QJsonArray &array,
                                  const QString &path)
{
    std::vector<Variant> variants;
    for (qsizetype i = 0; i < array.size(); ++i)
        variants.push_back(readVariant(context, array.at(i), json::indexPath(path, i)));
    return variants;
}

} // namespace loopscope
