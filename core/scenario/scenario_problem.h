// A reason a scenario file is refused: where (file, line, column, JSON path) and why.
#pragma once

#include <QString>

namespace loopscope {

struct ScenarioProblem
{
    QString file;
    int line = 0;   // 1-based; 0 = unknown
    int column = 0; // 1-based, in characters; 0 = unknown
    QString path;   // e.g. "coroutines[2].steps[0].seconds"; empty for the whole file
    QString message;

    // "file:line:column: path: message", leaving out what is unknown.
    QString toString() const;
    friend bool operator==(const ScenarioProblem &, const ScenarioProblem &) = default;
};

} // namespace loopscope
