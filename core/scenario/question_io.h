// The `questions` array of a scenario file (scenario-format.md, "Questions"): reading it field
// by field with a JSON path for each problem, writing it back, and the checks that need the
// whole scenario (a lock_holder's resource, an answer among the choices).
#pragma once

#include "scenario/object_reader.h"
#include "scenario/ordered_json.h"
#include "scenario/questions.h"
#include "scenario/scenario.h"
#include "scenario/scenario_problem.h"

#include <QJsonArray>

#include <vector>

namespace loopscope {

std::vector<Question> readQuestions(ReadContext &context, const QJsonArray &array,
                                    const QString &path);
OrderedJson questionJson(const Question &question);
std::vector<ScenarioProblem> validateQuestions(const Scenario &scenario);

} // namespace loopscope
