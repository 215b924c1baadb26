// Validating variants: the overrides themselves (names, what they name), then each applied
// scenario with validateScenario(), its problems moved to the variant's own JSON paths.
#include "scenario/expectations.h"
#include "scenario/json_text.h"
#include "scenario/scenario_validate.h"
#include "scenario/validation.h"
#include "scenario/variants.h"

#include <QHash>

namespace loopscope {

namespace {

// The fields of a resource override that apply to each kind, as written in files.
QStringList overrideFieldsFor(ResourceKind kind)
{
    switch (kind) {
    case ResourceKind::Semaphore:
        return {QStringLiteral("value"), QStringLiteral("bounded")};
    case ResourceKind::Queue:
        return {QStringLiteral("maxsize"), QStringLiteral("items")};
    case ResourceKind::ThreadPool:
        return {QStringLiteral("workers")};
    case ResourceKind::ProcessPool:
        return {QStringLiteral("workers"), QStringLiteral("startup")};
    default:
        return {};
    }
}

QStringList fieldsSet(const ResourceOverride &o)
{
    QStringList set;
    const auto add = [&set](bool has, const char *key) {
        if (has)
            set << QLatin1String(key);
    };
    add(o.value.has_value(), "value");
    add(o.bounded.has_value(), "bounded");
    add(o.maxsize.has_value(), "maxsize");
    add(o.items.has_value(), "items");
    add(o.workers.has_value(), "workers");
    add(o.startup.has_value(), "startup");
    return set;
}

void checkResourceOverrides(Validation &v, const Variant &variant, const QString &path)
{
    QStringList ids;
    for (const Resource &r : v.scenario.resources)
        ids << r.id;
    for (std::size_t j = 0; j < variant.resources.size(); ++j) {
        const ResourceOverride &o = variant.resources[j];
        const QString at = json::indexPath(path + QLatin1String(".resources"), qsizetype(j));
        const Resource *resource = v.scenario.resource(o.id);
        if (!resource) {
            v.expected(at + QLatin1String(".id"),
                       QStringLiteral("the id of a resource ") + choices(ids), json::quoted(o.id));
            continue;
        }
        const QStringList allowed = overrideFieldsFor(resource->kind);
        for (const QString &field : fieldsSet(o))
            if (!allowed.contains(field))
                v.expected(json::childPath(at, field),
                           QStringLiteral("a field of %1 %2")
                               .arg(expect::withArticle(resource->kind), choices(allowed)),
                           json::quoted(field));
    }
}

// Where `problemPath` of the applied scenario was written in variant `index`; empty when the
// variant did not write it (the base did).
QString variantPathOf(const Scenario &applied, const Variant &variant, const QString &variantPath,
                      const QString &problemPath)
{
    const QString python = QStringLiteral("python.");
    if (problemPath.startsWith(python)) {
        const QString key = problemPath.mid(python.size());
        const PythonOverride &o = variant.python;
        const bool set = (key == QLatin1String("gil") && o.gil)
                         || (key == QLatin1String("switch_interval") && o.switchInterval)
                         || (key == QLatin1String("cpu_count") && o.cpuCount);
        return set ? variantPath + QLatin1Char('.') + problemPath : QString();
    }
    for (std::size_t k = 0; k < applied.resources.size(); ++k) {
        const QString base
            = json::indexPath(QStringLiteral("resources"), qsizetype(k)) + QLatin1Char('.');
        if (!problemPath.startsWith(base))
            continue;
        for (std::size_t j = 0; j < variant.resources.size(); ++j)
            if (variant.resources[j].id == applied.resources[k].id
                && fieldsSet(variant.resources[j]).contains(problemPath.mid(base.size())))
                return json::indexPath(variantPath + QLatin1String(".resources"), qsizetype(j))
                       + QLatin1Char('.') + problemPath.mid(base.size());
    }
    for (std::size_t k = 0; k < applied.coroutines.size(); ++k) {
        const QString base = json::indexPath(QStringLiteral("coroutines"), qsizetype(k));
        const QString rest = problemPath.mid(base.size());
        if (!problemPath.startsWith(base) || !(rest.isEmpty() || rest[0] == u'.'))
            continue;
        for (std::size_t j = 0; j < variant.coroutines.size(); ++j)
            if (variant.coroutines[j].name == applied.coroutines[k].name)
                return json::indexPath(variantPath + QLatin1String(".coroutines"), qsizetype(j))
                       + rest;
    }
    return {};
}

void checkNames(Validation &v)
{
    QHash<QString, QString> firstPath;
    for (std::size_t i = 0; i < v.scenario.variants.size(); ++i) {
        const QString &name = v.scenario.variants[i].name;
        const QString path = json::indexPath(QStringLiteral("variants"), qsizetype(i));
        if (name.trimmed().isEmpty())
            v.expected(path + QLatin1String(".name"), QStringLiteral("a variant name"),
                       json::quoted(name));
        else if (firstPath.contains(name))
            v.expected(path + QLatin1String(".name"), QStringLiteral("a name no other variant has"),
                       QStringLiteral("%1 (also %2)").arg(json::quoted(name), firstPath[name]));
        else
            firstPath.insert(name, path);
    }
}

bool isBaseProblem(const ScenarioProblem &p, const std::vector<ScenarioProblem> &baseProblems)
{
    for (const ScenarioProblem &b : baseProblems)
        if (b.path == p.path && b.message == p.message)
            return true;
    return false;
}

} // namespace

std::vector<ScenarioProblem> validateVariants(const Scenario &scenario,
                                              const std::vector<ScenarioProblem> &baseProblems)
{
    Validation v{scenario, {}};
    checkNames(v);
    for (std::size_t i = 0; i < scenario.variants.size(); ++i) {
        const Variant &variant = scenario.variants[i];
        const QString path = json::indexPath(QStringLiteral("variants"), qsizetype(i));
        checkResourceOverrides(v, variant, path);
        const Scenario applied = applyVariant(scenario, variant);
        for (const ScenarioProblem &p : validateScenario(applied)) {
            const QString at = variantPathOf(applied, variant, path, p.path);
            if (!at.isEmpty())
                v.report(at, p.message);
            else if (!isBaseProblem(p, baseProblems))
                v.report(path, QStringLiteral("with this variant, %1: %2").arg(p.path, p.message));
        }
    }
    return std::move(v.problems);
}

} // namespace loopscope
