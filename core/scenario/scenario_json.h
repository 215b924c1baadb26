// Scenario files (scenario-format.md, version 1): reading with every problem reported and a
// JSON path for each, writing with a stable key order, and saving atomically.
#pragma once

#include "scenario/scenario.h"
#include "scenario/scenario_problem.h"

#include <QByteArray>

#include <optional>
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

// Indented JSON: format, version, title, notes, clock, python, resources, coroutines, layout,
// then the keys this version does not know. Short objects and arrays stay on one line.
QByteArray writeScenario(const Scenario &scenario);

// Writes a temporary file beside `path` and renames it over `path` (QSaveFile): on failure the
// old file is untouched and *error (when given) says why, naming the path.
bool saveScenarioFile(const Scenario &scenario, const QString &path, QString *error = nullptr);

} // namespace loopscope
