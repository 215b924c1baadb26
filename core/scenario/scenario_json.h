// Scenario files (scenario-format.md, version 1): reading with every problem reported and a
// JSON path for each, writing with a stable key order, and saving atomically.
#pragma once

#include "scenario/scenario.h"
#include "scenario/scenario_problem.h"

#include <QByteArray>

#include <optional>
#include <variant>
#include <vector>

namespace loopscope {

inline constexpr int kScenarioFormatVersion = 1;

// Either a complete valid scenario and no problems, or no scenario and every problem found,
// in the order of their place in the file. Never half a scenario.
struct ScenarioLoad
{
    std::optional<Scenario> scenario;
    std::vector<ScenarioProblem> problems;

    bool ok() const { return scenario.has_value(); }
};

// `fileName` only labels the problems. Reading includes validateScenario(); steps without an
// `id` get "s<N>", N the smallest positive number no id in the file uses, in document order.
ScenarioLoad readScenario(const QByteArray &json, const QString &fileName);
ScenarioLoad readScenarioFile(const QString &path);

// Work in progress, e.g. an autosaved copy made mid-edit with a dangling reference: read as
// readScenario() reads, but a file whose only problems are validateScenario()'s still gives its
// scenario, beside those problems. A file the reader itself refuses (not JSON, another format,
// a field of the wrong type) gives no scenario. Problems are in file order, with lines.
struct ScenarioDraft
{
    std::optional<Scenario> scenario;
    std::vector<ScenarioProblem> problems;
};
ScenarioDraft readScenarioDraft(const QByteArray &json, const QString &fileName);
ScenarioDraft readScenarioDraftFile(const QString &path);

// One step (an object with "op") or one coroutine (an object with "steps") on its own, as the
// editor's clipboard carries it. Its fields are read as in a file, with JSON paths from the
// fragment's root; the names it refers to are not checked (that needs the scenario it goes
// into) and steps without an `id` keep an empty one. Refused: no value, and every problem.
struct ScenarioFragment
{
    std::variant<std::monostate, Step, Coroutine> value;
    std::vector<ScenarioProblem> problems;

    bool ok() const { return !std::holds_alternative<std::monostate>(value); }
};
ScenarioFragment readScenarioFragment(const QByteArray &json, const QString &label);

// Indented JSON: format, version, title, notes, clock, python, resources, coroutines, layout,
// then the keys this version does not know. Short objects and arrays stay on one line.
QByteArray writeScenario(const Scenario &scenario);
// One step or one coroutine exactly as writeScenario() writes it inside a file.
QByteArray writeStepJson(const Step &step);
QByteArray writeCoroutineJson(const Coroutine &coroutine);

// Writes a temporary file beside `path` and renames it over `path` (QSaveFile): on failure the
// old file is untouched and *error (when given) says why, naming the path.
bool saveScenarioFile(const Scenario &scenario, const QString &path, QString *error = nullptr);

} // namespace loopscope
