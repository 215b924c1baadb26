// Applying variants, and validating them by validating each applied scenario: a problem the
// variant causes is reported at the place in the variant that wrote it.
#include "scenario/variants.h"

#include "scenario/json_text.h"
#include "scenario/scenario_validate.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace loopscope {

namespace {

const QString kVariants = QStringLiteral("variants");

template<typename T>
void setIf(T &field, const std::optional<T> &value)
{
    if (value)
        field = *value;
}

void applyResource(Resource &resource, const ResourceOverride &o)
{
    setIf(resource.value, o.value);
    setIf(resource.bounded, o.bounded);
    setIf(resource.maxsize, o.maxsize);
    setIf(resource.items, o.items);
    if (o.workers)
        resource.workers = *o.workers;
    setIf(resource.startup, o.startup);
}

void applyCoroutine(Scenario &scenario, const Coroutine &o)
{
    auto it = std::find_if(scenario.coroutines.begin(), scenario.coroutines.end(),
                           [&o](const Coroutine &c) { return c.name == o.name; });
    if (it == scenario.coroutines.end()) {
        scenario.coroutines.push_back(o);
        return;
    }
    it->steps = o.steps;
    if (!o.params.empty())
        it->params = o.params;
}

} // namespace

Scenario applyVariant(const Scenario &base, const Variant &variant)
{
    Scenario result = base;
    result.variants.clear();
    if (!variant.name.isEmpty())
        result.title = base.title.isEmpty() ? variant.name
                                            : base.title + QString::fromUtf8(" — ") + variant.name;
    if (!variant.notes.isEmpty())
        result.notes = variant.notes;
    setIf(result.python.gil, variant.python.gil);
    setIf(result.python.switchInterval, variant.python.switchInterval);
    setIf(result.python.cpuCount, variant.python.cpuCount);
    for (const ResourceOverride &o : variant.resources)
        for (Resource &resource : result.resources)
            if (resource.id == o.id)
                applyResource(resource, o);
    for (const Coroutine &o : variant.coroutines)
        applyCoroutine(result, o);
    return result;
}

const Variant *findVariant(const Scenario &scenario, const QString &name)
{
    for (const Variant &variant : scenario.variants)
        if (variant.name == name)
            return &variant;
    return nullptr;
}

std::vector<NamedScenario> scenariosToCompare(const Scenario &scenario, const QStringList &names,
                                              QStringList *unknown)
{
    std::vector<NamedScenario> result;
    const QString base = QStringLiteral("base");
    if (names.isEmpty()) {
        for (const Variant &variant : scenario.variants)
            result.push_back({variant.name, applyVariant(scenario, variant)});
        if (result.empty())
            result.push_back({scenario.title.isEmpty() ? base : scenario.title, scenario});
        return result;
    }
    for (const QString &name : names) {
        if (const Variant *variant = findVariant(scenario, name))
            result.push_back({name, applyVariant(scenario, *variant)});
        else if (name == base)
            result.push_back({base, scenario});
        else if (unknown)
            *unknown << name;
    }
    return result;
}

void forEachVariantStep(Scenario &scenario, const StepVisitor &visit)
{
    for (std::size_t i = 0; i < scenario.variants.size(); ++i) {
        // The walker knows scenarios: lend it the variant's coroutines and prefix its paths.
        Scenario lent;
        lent.coroutines = std::move(scenario.variants[i].coroutines);
        const QString prefix = json::indexPath(kVariants, qsizetype(i)) + QLatin1Char('.');
        forEachStep(lent, [&](Step &step, const QString &path) { visit(step, prefix + path); });
        scenario.variants[i].coroutines = std::move(lent.coroutines);
    }
}

} // namespace loopscope
