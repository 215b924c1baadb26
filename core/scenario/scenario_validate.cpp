// Whole-scenario checks: settings, resources, coroutine names, `main`, step ids and inline
// call cycles. The steps of each coroutine are checked in step_validate.cpp.
#include "scenario/scenario_validate.h"

#include "scenario/builtin_exceptions.h"
#include "scenario/expectations.h"
#include "scenario/json_text.h"
#include "scenario/question_io.h"
#include "scenario/scenario_walk.h"
#include "scenario/validation.h"
#include "scenario/variants.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace loopscope {

namespace {

const QString kCoroutines = QStringLiteral("coroutines");
const QString kResources = QStringLiteral("resources");

void checkSettings(Validation &v)
{
    const Scenario &s = v.scenario;
    if (!(s.clock.scale >= 0) || std::isinf(s.clock.scale))
        v.expected(QStringLiteral("clock.scale"), QString::fromUtf8("a number ≥ 0"),
                   json::formatNumber(s.clock.scale));
    if (!(s.python.switchInterval > 0))
        v.expected(QStringLiteral("python.switch_interval"), QStringLiteral("a number > 0"),
                   json::formatNumber(s.python.switchInterval));
    else
        validateDuration(v, s.python.switchInterval, QStringLiteral("python.switch_interval"), {});
    if (s.python.cpuCount < 1)
        v.expected(QStringLiteral("python.cpu_count"), expect::wholeAtLeast(1),
                   QString::number(s.python.cpuCount));
}

void checkResource(Validation &v, const Resource &r, const QString &path)
{
    const auto at = [&path](const char *key) { return json::childPath(path, QLatin1String(key)); };
    if (r.kind == ResourceKind::Semaphore && r.value < 1)
        v.expected(at("value"), expect::wholeAtLeast(1), QString::number(r.value));
    if (r.kind == ResourceKind::Queue && r.maxsize < 0)
        v.expected(at("maxsize"), expect::wholeAtLeast(0), QString::number(r.maxsize));
    if (r.kind == ResourceKind::Queue && r.maxsize > 0 && int(r.items.size()) > r.maxsize)
        v.expected(at("items"),
                   QStringLiteral("at most %1 initial items (maxsize %1)").arg(r.maxsize),
                   QString::number(r.items.size()));
    const bool pool = r.kind == ResourceKind::ThreadPool || r.kind == ResourceKind::ProcessPool;
    if (pool && r.workers && *r.workers < 1)
        v.expected(at("workers"), expect::wholeAtLeast(1), QString::number(*r.workers));
    if (r.kind == ResourceKind::ProcessPool)
        validateDuration(v, r.startup, at("startup"), QString::fromUtf8("a number ≥ 0"));
    if (r.kind == ResourceKind::Barrier && r.parties < 1)
        v.expected(at("parties"), expect::wholeAtLeast(1), QString::number(r.parties));
    if (r.kind == ResourceKind::Condition && !r.lock.isEmpty()) {
        const Resource *lock = v.scenario.resource(r.lock);
        if (!lock || lock->kind != ResourceKind::Lock)
            v.expected(at("lock"), QStringLiteral("the id of a lock"),
                       QStringLiteral("%1 (%2)").arg(
                           json::quoted(r.lock), lock ? expect::withArticle(lock->kind)
                                                      : QStringLiteral("no resource has that id")));
    }
}

// Names and ids used as Python identifiers, each unique among its kind.
void checkNames(Validation &v, const QString &list, const QString &key,
                const std::vector<QString> &names, const QString &what)
{
    QHash<QString, QString> firstPath;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const QString path = json::childPath(json::indexPath(list, qsizetype(i)), key);
        if (!json::isIdentifier(names[i]))
            v.expected(path, QStringLiteral("a Python identifier"), json::quoted(names[i]));
        else if (firstPath.contains(names[i]))
            v.expected(
                path, what,
                QStringLiteral("%1 (also %2)").arg(json::quoted(names[i]), firstPath[names[i]]));
        else
            firstPath.insert(names[i], json::indexPath(list, qsizetype(i)));
    }
}

// `defaults`: each names a parameter; a "$expr" default is checked as an expression.
void checkDefaults(Validation &v, const Coroutine &c, const QString &path)
{
    const QStringList params(c.params.begin(), c.params.end());
    const QString defaultsPath = json::childPath(path, QStringLiteral("defaults"));
    for (auto it = c.defaults.begin(); it != c.defaults.end(); ++it)
        if (!params.contains(it.key()))
            v.expected(json::childPath(defaultsPath, it.key()),
                       QStringLiteral("a parameter of %1 (%2)")
                           .arg(json::quoted(c.name), params.join(QStringLiteral(", "))),
                       json::quoted(it.key()));
}

void checkCoroutines(Validation &v)
{
    std::vector<QString> names;
    for (std::size_t i = 0; i < v.scenario.coroutines.size(); ++i) {
        const Coroutine &c = v.scenario.coroutines[i];
        const QString path = json::indexPath(kCoroutines, qsizetype(i));
        names.push_back(c.name);
        const QStringList params(c.params.begin(), c.params.end());
        for (qsizetype p = 0; p < params.size(); ++p) {
            const QString paramPath = json::indexPath(path + QLatin1String(".params"), p);
            if (!json::isIdentifier(params[p]))
                v.expected(paramPath, QStringLiteral("a Python identifier"),
                           json::quoted(params[p]));
            else if (params.indexOf(params[p]) < p)
                v.expected(paramPath, QStringLiteral("a parameter name not used before"),
                           json::quoted(params[p]));
        }
        checkDefaults(v, c, path);
        // Without a program, asyncio.run(main()) is implied; a program's run passes arguments.
        const bool needsArgs = std::any_of(c.params.begin(), c.params.end(),
                                           [&](auto &p) { return !c.defaults.contains(p); });
        if (c.name == QLatin1String("main") && needsArgs && !v.scenario.program)
            v.expected(
                path + QLatin1String(".params"),
                QStringLiteral("no parameters for \"main\" (asyncio.run(main()) passes none)"),
                QString::number(c.params.size()));
    }
    checkNames(v, kCoroutines, QStringLiteral("name"), names,
               QStringLiteral("a name no other coroutine has"));
    const bool allNamed
        = std::all_of(names.begin(), names.end(), [](auto &n) { return !n.isEmpty(); });
    // asyncio.run(main()) is the entry unless the program's `run` names another coroutine.
    if (allNamed && !v.scenario.program && !v.scenario.coroutine(QStringLiteral("main"))) {
        QStringList written(names.begin(), names.end());
        v.expected(kCoroutines, QStringLiteral("a coroutine named \"main\""),
                   written.isEmpty() ? QStringLiteral("none") : written.join(QLatin1String(", ")));
    }
}

// Plain functions: names unique among functions and coroutines (one module namespace), and
// only the steps a `def` can hold (no await).
void checkFunctions(Validation &v)
{
    const QString list = QStringLiteral("functions");
    std::vector<QString> names;
    for (std::size_t i = 0; i < v.scenario.functions.size(); ++i) {
        const Coroutine &f = v.scenario.functions[i];
        names.push_back(f.name);
        const QString path = json::indexPath(list, qsizetype(i));
        if (v.scenario.coroutine(f.name))
            v.expected(json::childPath(path, QStringLiteral("name")),
                       QStringLiteral("a name no coroutine has"), json::quoted(f.name));
        checkDefaults(v, f, path);
        validateFunctionSteps(v, f, path);
    }
    checkNames(v, list, QStringLiteral("name"), names,
               QStringLiteral("a name no other function has"));
}

void checkStepIds(Validation &v)
{
    QHash<QString, QString> firstPath;
    forEachStep(v.scenario, [&](const Step &step, const QString &path) {
        if (step.id.isEmpty())
            return;
        if (firstPath.contains(step.id))
            v.expected(
                path + QLatin1String(".id"), QStringLiteral("an id no other step has"),
                QStringLiteral("%1 (also %2)").arg(json::quoted(step.id), firstPath[step.id]));
        else
            firstPath.insert(step.id, path);
    });
}

} // namespace

QStringList catchableErrors()
{
    return {QStringLiteral("TimeoutError"),
            QStringLiteral("CancelledError"),
            QStringLiteral("ValueError"),
            QStringLiteral("RuntimeError"),
            QStringLiteral("ExceptionGroup"),
            QStringLiteral("QueueFull"),
            QStringLiteral("QueueEmpty"),
            QStringLiteral("BrokenBarrierError"),
            QStringLiteral("*")};
}

bool isCatchableError(const QString &name)
{
    return name == QLatin1String("*") || pyexc::isKnown(name);
}

bool isRaisableError(const QString &name)
{
    // Every built-in class of CPython 3.12 and CancelledError; what the ones that do not take
    // one message mean is in scenario-format.md (`raise`).
    return pyexc::isKnown(name);
}

std::vector<ScenarioProblem> validateScenario(const Scenario &scenario, const QString &fileName)
{
    Validation v{scenario, {}};
    checkSettings(v);
    std::vector<QString> ids;
    for (std::size_t i = 0; i < scenario.resources.size(); ++i) {
        ids.push_back(scenario.resources[i].id);
        checkResource(v, scenario.resources[i], json::indexPath(kResources, qsizetype(i)));
    }
    checkNames(v, kResources, QStringLiteral("id"), ids,
               QStringLiteral("an id no other resource has"));
    checkCoroutines(v);
    checkFunctions(v);
    for (std::size_t i = 0; i < scenario.coroutines.size(); ++i)
        validateCoroutineSteps(v, scenario.coroutines[i],
                               json::indexPath(kCoroutines, qsizetype(i)));
    validateProgram(v);
    validateCallCycles(v);
    validateArgumentTypes(v);
    checkStepIds(v);
    for (ScenarioProblem &problem : validateVariants(scenario, v.problems))
        v.problems.push_back(std::move(problem));
    for (ScenarioProblem &problem : validateQuestions(scenario))
        v.problems.push_back(std::move(problem));
    for (ScenarioProblem &problem : v.problems)
        problem.file = fileName;
    return std::move(v.problems);
}

} // namespace loopscope
