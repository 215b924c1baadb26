// Reading a scenario file: the header first (a file of another format or a newer version is
// refused before anything else is read), then everything else with all problems collected,
// then validateScenario() on the result.
#include "scenario/json_source_map.h"
#include "scenario/json_text.h"
#include "scenario/object_reader.h"
#include "scenario/op_table.h"
#include "scenario/question_io.h"
#include "scenario/scenario_json.h"
#include "scenario/scenario_validate.h"
#include "scenario/scenario_walk.h"
#include "scenario/variants.h"

#include <QFile>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <climits>
#include <cmath>

namespace loopscope {

namespace {

using P = Presence;
const QString kFormat = QStringLiteral("loopscope-scenario");

bool readHeader(ReadContext &context, ObjectReader &root)
{
    const std::size_t before = context.problems.size();
    const QJsonValue format = root.raw(QStringLiteral("format"));
    if (format.isUndefined())
        context.missing(QStringLiteral("format"), json::quoted(kFormat));
    else if (format != kFormat)
        context.wrongType(QStringLiteral("format"), json::quoted(kFormat), format);

    const QJsonValue version = root.raw(QStringLiteral("version"));
    const double v = version.toDouble(-1);
    const QString expected = QString::number(kScenarioFormatVersion);
    if (version.isUndefined())
        context.missing(QStringLiteral("version"), expected);
    else if (version.isDouble() && v == std::floor(v) && v > kScenarioFormatVersion)
        context.report(QStringLiteral("version"),
                       QStringLiteral("version %1 is newer than this Loopscope understands (%2)")
                           .arg(json::formatNumber(v), expected));
    else if (!version.isDouble() || v != kScenarioFormatVersion)
        context.wrongType(QStringLiteral("version"), expected, version);
    return context.problems.size() == before;
}

void readResourceFields(ReadContext &context, ObjectReader &r, Resource &resource)
{
    switch (resource.kind) {
    case ResourceKind::Semaphore:
        resource.value = r.wholeNumber(QStringLiteral("value"), 1, expect::wholeAtLeast(1));
        resource.bounded = r.boolean(QStringLiteral("bounded"), false);
        break;
    case ResourceKind::Queue: {
        resource.maxsize = r.wholeNumber(QStringLiteral("maxsize"), 0, expect::wholeAtLeast(0));
        const auto items
            = r.array(QStringLiteral("items"), P::Optional, QStringLiteral("an array"));
        const QString path = r.pathOf(QStringLiteral("items"));
        for (qsizetype i = 0; items && i < items->size(); ++i)
            resource.items.push_back(readPyValue(context, items->at(i), json::indexPath(path, i)));
        break;
    }
    case ResourceKind::ProcessPool:
        resource.startup
            = r.number(QStringLiteral("startup"), 0.0, QString::fromUtf8("a number ≥ 0"));
        [[fallthrough]];
    case ResourceKind::ThreadPool:
        if (r.has(QStringLiteral("workers")))
            resource.workers = r.wholeNumber(QStringLiteral("workers"), 1, expect::wholeAtLeast(1));
        break;
    case ResourceKind::Condition:
        resource.lock
            = r.string(QStringLiteral("lock"), P::Optional, QStringLiteral("the id of a lock"));
        break;
    case ResourceKind::Barrier:
        resource.parties = r.wholeNumber(QStringLiteral("parties"), 1, expect::wholeAtLeast(1));
        break;
    default:
        break;
    }
}

QString allResourceKinds()
{
    QStringList names;
    for (const ResourceSpec &spec : resourceSpecs())
        names << QLatin1String(spec.name);
    return names.join(QLatin1String(", "));
}

Resource readResource(ReadContext &context, const QJsonValue &value, const QString &path)
{
    Resource resource;
    if (!value.isObject()) {
        context.wrongType(path, QStringLiteral("a resource object"), value);
        return resource;
    }
    ObjectReader r(context, value.toObject(), path);
    resource.id = r.string(QStringLiteral("id"), P::Required, QStringLiteral("a resource id"));
    const QString expectedKind = QStringLiteral("one of ") + allResourceKinds();
    const QString kind = r.string(QStringLiteral("kind"), P::Required, expectedKind);
    if (const auto k = resourceKindFromName(kind)) {
        resource.kind = *k;
        readResourceFields(context, r, resource);
        r.refuseUnknownKeys();
    } else {
        context.unreadableResources.insert(resource.id);
        if (r.raw(QStringLiteral("kind")).isString())
            context.wrongType(r.pathOf(QStringLiteral("kind")), expectedKind, kind);
    }
    resource.extra = r.unusedKeys();
    return resource;
}

Coroutine readCoroutine(ReadContext &context, const QJsonValue &value, const QString &path)
{
    Coroutine coroutine;
    if (!value.isObject()) {
        context.wrongType(path, QStringLiteral("a coroutine object"), value);
        return coroutine;
    }
    ObjectReader r(context, value.toObject(), path);
    coroutine.name
        = r.string(QStringLiteral("name"), P::Required, QStringLiteral("a Python identifier"));
    const auto params = r.array(QStringLiteral("params"), P::Optional,
                                QStringLiteral("an array of parameter names"));
    for (qsizetype i = 0; params && i < params->size(); ++i) {
        if (!params->at(i).isString())
            context.wrongType(json::indexPath(r.pathOf(QStringLiteral("params")), i),
                              QStringLiteral("a Python identifier"), params->at(i));
        coroutine.params.push_back(params->at(i).toString());
    }
    const auto globals = r.array(QStringLiteral("globals"), P::Optional,
                                 QStringLiteral("an array of global names"));
    for (qsizetype i = 0; globals && i < globals->size(); ++i) {
        if (!globals->at(i).isString() || !json::isIdentifier(globals->at(i).toString()))
            context.wrongType(json::indexPath(r.pathOf(QStringLiteral("globals")), i),
                              QStringLiteral("a Python identifier"), globals->at(i));
        coroutine.globals.push_back(globals->at(i).toString());
    }
    coroutine.defaults = readPyArgs(
        context, r.object(QStringLiteral("defaults"), P::Optional, QStringLiteral("an object")),
        r.pathOf(QStringLiteral("defaults")));
    const auto steps = r.array(QStringLiteral("steps"), P::Required, expect::steps());
    if (steps)
        coroutine.steps = readSteps(context, *steps, r.pathOf(QStringLiteral("steps")));
    coroutine.extra = r.unusedKeys();
    return coroutine;
}

void readClock(ReadContext &context, ObjectReader &root, ClockSettings &clock)
{
    const QString key = QStringLiteral("clock");
    ObjectReader r(context, root.object(key, P::Optional, QStringLiteral("an object")), key);
    const QString expectedMode = QStringLiteral("\"virtual\" or \"live\"");
    const QString mode = r.string(QStringLiteral("mode"), P::Optional, expectedMode);
    if (mode == QLatin1String("live"))
        clock.mode = ClockMode::Live;
    else if (r.raw(QStringLiteral("mode")).isString() && mode != QLatin1String("virtual"))
        context.wrongType(r.pathOf(QStringLiteral("mode")), expectedMode, mode);
    clock.scale = r.number(QStringLiteral("scale"), clock.scale, QString::fromUtf8("a number ≥ 0"));
    r.refuseUnusedKeys(QStringLiteral("mode, scale"));
}

void readPython(ReadContext &context, ObjectReader &root, PythonSettings &python)
{
    const QString key = QStringLiteral("python");
    ObjectReader r(context, root.object(key, P::Optional, QStringLiteral("an object")), key);
    python.gil = r.boolean(QStringLiteral("gil"), python.gil);
    python.switchInterval = r.number(QStringLiteral("switch_interval"), python.switchInterval,
                                     QStringLiteral("a number > 0"));
    python.cpuCount
        = r.wholeNumber(QStringLiteral("cpu_count"), python.cpuCount, expect::wholeAtLeast(1));
    r.refuseUnusedKeys(QStringLiteral("gil, switch_interval, cpu_count"));
}

Scenario readContent(ReadContext &context, ObjectReader &root)
{
    Scenario scenario;
    scenario.title = root.string(QStringLiteral("title"), P::Optional);
    scenario.notes = root.string(QStringLiteral("notes"), P::Optional);
    readClock(context, root, scenario.clock);
    readPython(context, root, scenario.python);
    const auto resources = root.array(QStringLiteral("resources"), P::Optional,
                                      QStringLiteral("an array of resources"));
    for (qsizetype i = 0; resources && i < resources->size(); ++i)
        scenario.resources.push_back(readResource(context, resources->at(i),
                                                  json::indexPath(QStringLiteral("resources"), i)));
    const auto functions = root.array(QStringLiteral("functions"), P::Optional,
                                      QStringLiteral("an array of functions"));
    for (qsizetype i = 0; functions && i < functions->size(); ++i)
        scenario.functions.push_back(readCoroutine(
            context, functions->at(i), json::indexPath(QStringLiteral("functions"), i)));
    const auto coroutines = root.array(QStringLiteral("coroutines"), P::Required,
                                       QStringLiteral("an array of coroutines"));
    for (qsizetype i = 0; coroutines && i < coroutines->size(); ++i)
        scenario.coroutines.push_back(readCoroutine(
            context, coroutines->at(i), json::indexPath(QStringLiteral("coroutines"), i)));
    if (const auto program = root.array(QStringLiteral("program"), P::Optional, expect::steps()))
        scenario.program = readSteps(context, *program, QStringLiteral("program"));
    if (root.has(QStringLiteral("seed")))
        scenario.seed = root.wholeNumber(QStringLiteral("seed"), 0, QStringLiteral("an integer"));
    const QString variants = QStringLiteral("variants");
    if (const auto array
        = root.array(variants, P::Optional, QStringLiteral("an array of variants")))
        scenario.variants = readVariants(context, *array, variants);
    const QString questions = QStringLiteral("questions");
    if (const auto array
        = root.array(questions, P::Optional, QStringLiteral("an array of questions")))
        scenario.questions = readQuestions(context, *array, questions);
    scenario.layout
        = root.object(QStringLiteral("layout"), P::Optional, QStringLiteral("an object"));
    scenario.extra = root.unusedKeys();
    return scenario;
}

// "s<N>" for each step without an id, N the smallest positive number no id uses, in the order
// the steps are written (a `finally` may be written before its `steps`).
void assignStepIds(Scenario &scenario, const JsonSourceMap &source)
{
    QSet<QString> used;
    std::vector<std::pair<qsizetype, Step *>> unnamed;
    const StepVisitor collect = [&](Step &step, const QString &path) {
        if (step.id.isEmpty())
            unnamed.emplace_back(source.offsetOf(path).value_or(0), &step);
        else
            used.insert(step.id);
    };
    forEachStep(scenario, collect);
    forEachVariantStep(scenario, collect);
    std::stable_sort(unnamed.begin(), unnamed.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    int next = 1;
    for (auto &entry : unnamed) {
        while (used.contains(QStringLiteral("s%1").arg(next)))
            ++next;
        entry.second->id = QStringLiteral("s%1").arg(next++);
    }
}

// Where the reader refused something: the validator's findings at or inside these places are
// consequences of that refusal (a missing `coro` is also "no coroutine named ''", a resource
// of an unknown kind is of no kind a step could use).
QStringList refusedPaths(const ReadContext &context, const Scenario &scenario)
{
    QStringList paths;
    for (const ScenarioProblem &problem : context.problems)
        paths << problem.path;
    forEachStep(scenario, [&](const Step &step, const QString &path) {
        const QString key = resourceKeyFor(step.kind);
        if (!key.isEmpty() && context.unreadableResources.contains(step.resource))
            paths << json::childPath(path, key);
    });
    return paths;
}

bool isCascade(const ScenarioProblem &problem, const QStringList &refused)
{
    return std::any_of(refused.begin(), refused.end(), [&](const QString &place) {
        const QString &p = problem.path;
        return p == place
               || (p.startsWith(place) && (p[place.size()] == u'.' || p[place.size()] == u'['));
    });
}

// The problems with the line and column of their path in the text, in file order.
std::vector<ScenarioProblem> placed(std::vector<ScenarioProblem> problems,
                                    const JsonSourceMap &source, const QString &fileName)
{
    for (ScenarioProblem &problem : problems) {
        problem.file = fileName;
        if (const auto offset = source.offsetOf(problem.path); offset && problem.line == 0) {
            const TextPosition position = source.positionOf(*offset);
            problem.line = position.line;
            problem.column = position.column;
        }
    }
    std::stable_sort(problems.begin(), problems.end(), [](const auto &a, const auto &b) {
        const auto key = [](const ScenarioProblem &p) {
            return std::pair(p.line == 0 ? INT_MAX : p.line, p.column);
        };
        return key(a) < key(b);
    });
    return problems;
}

// The text as JSON, or the one problem saying why it is not.
std::optional<QJsonDocument> parseJson(const QByteArray &json, const JsonSourceMap &source,
                                       const QString &fileName, ScenarioProblem *problem)
{
    QJsonParseError error;
    QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error == QJsonParseError::NoError)
        return document;
    *problem = {fileName, 0, 0, {}, QStringLiteral("not JSON: the file is empty")};
    if (!json.trimmed().isEmpty()) {
        const TextPosition at = source.positionOf(error.offset);
        problem->line = at.line;
        problem->column = at.column;
        problem->message = QStringLiteral("not JSON: ") + error.errorString();
    }
    return std::nullopt;
}

// Everything readScenario() does but the verdict: the scenario unless the reader itself refused
// something, and all problems, the reader's and then the validator's beyond their cascade.
ScenarioDraft readModel(const QByteArray &json, const QString &fileName)
{
    const JsonSourceMap source(json);
    ScenarioProblem notJson;
    const auto document = parseJson(json, source, fileName, &notJson);
    if (!document)
        return {std::nullopt, {notJson}};
    ReadContext context;
    context.source = &source;
    if (!document->isObject()) {
        context.report({}, QStringLiteral("expected a JSON object at the top level, got %1")
                               .arg(json::describe(QJsonValue(document->array()))));
        return {std::nullopt, placed(context.problems, source, fileName)};
    }
    ObjectReader root(context, document->object(), {});
    if (!readHeader(context, root))
        return {std::nullopt, placed(context.problems, source, fileName)};
    Scenario scenario = readContent(context, root);
    std::vector<ScenarioProblem> problems = context.problems;
    const QStringList refusedPlaces = refusedPaths(context, scenario);
    for (ScenarioProblem &problem : validateScenario(scenario, fileName))
        if (!isCascade(problem, refusedPlaces))
            problems.push_back(std::move(problem));
    assignStepIds(scenario, source);
    std::optional<Scenario> read;
    if (context.problems.empty())
        read = std::move(scenario);
    return {std::move(read), placed(std::move(problems), source, fileName)};
}

QByteArray readAll(const QString &path, ScenarioProblem *problem)
{
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        return file.readAll();
    problem->file = path;
    problem->message = QStringLiteral("cannot read the file: ") + file.errorString();
    return {};
}

} // namespace

ScenarioLoad readScenario(const QByteArray &json, const QString &fileName)
{
    ScenarioDraft draft = readModel(json, fileName);
    if (!draft.problems.empty())
        return {std::nullopt, std::move(draft.problems)};
    return {std::move(draft.scenario), {}};
}

ScenarioDraft readScenarioDraft(const QByteArray &json, const QString &fileName)
{
    return readModel(json, fileName);
}

ScenarioDraft readScenarioDraftFile(const QString &path)
{
    ScenarioProblem unreadable;
    const QByteArray json = readAll(path, &unreadable);
    if (!unreadable.message.isEmpty())
        return {std::nullopt, {unreadable}};
    return readScenarioDraft(json, path);
}

ScenarioFragment readScenarioFragment(const QByteArray &json, const QString &label)
{
    const JsonSourceMap source(json);
    ScenarioProblem notJson;
    const auto document = parseJson(json, source, label, &notJson);
    if (!document)
        return {{}, {notJson}};
    ReadContext context;
    context.source = &source;
    const QJsonObject object = document->object();
    ScenarioFragment fragment;
    if (object.contains(QLatin1String("op")))
        fragment.value = readStep(context, object, {});
    else if (object.contains(QLatin1String("steps")))
        fragment.value = readCoroutine(context, object, {});
    else
        context.report({}, QStringLiteral("expected a step (an object with \"op\") or a coroutine "
                                          "(an object with \"name\" and \"steps\"), got %1")
                               .arg(document->isArray() ? QStringLiteral("an array")
                                                        : json::describe(object)));
    if (!context.problems.empty())
        return {{}, placed(context.problems, source, label)};
    return fragment;
}

ScenarioLoad readScenarioFile(const QString &path)
{
    ScenarioProblem unreadable;
    const QByteArray json = readAll(path, &unreadable);
    if (!unreadable.message.isEmpty())
        return {std::nullopt, {unreadable}};
    return readScenario(json, path);
}

} // namespace loopscope
