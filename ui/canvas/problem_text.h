// A validation problem as the person who wrote the scenario reads it: the coroutine and the
// blocks it is in, as the canvas and the Python show them, instead of the file's JSON path.
//   coroutines[1].steps[0].steps[0].seconds, "expected a number ≥ 0 ..., got -1"
//   becomes "worker › with sem › sleep: seconds must be a number ≥ 0 ..., not -1".
#pragma once

#include "scenario/scenario.h"
#include "scenario/scenario_problem.h"

#include <QString>
#include <QStringList>

namespace loopscope {

struct ProblemPlace
{
    QStringList blocks; // "worker", "with sem", "sleep": the coroutine, then each block within
    QString field;      // what is left of the path below the innermost block: "seconds"
    QString stepId;     // the innermost block's id; "" when the problem is not in a step
};

// Where `path` points in `scenario`; a path it cannot follow leaves the rest in `field`.
ProblemPlace problemPlace(const Scenario &scenario, const QString &path);

// "with sem", "create_task worker", "except ValueError": a block's heading.
QString blockHeading(const Step &step);

// "worker › with sem › sleep: seconds must be …, not -1".
QString problemInPythonTerms(const Scenario &scenario, const ScenarioProblem &problem);

} // namespace loopscope
