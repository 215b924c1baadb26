#include "scenario/scenario_problem.h"

namespace loopscope {

QString ScenarioProblem::toString() const
{
    QString where = file;
    if (line > 0) {
        where += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            where += QLatin1Char(':') + QString::number(column);
    }
    QString text;
    if (!where.isEmpty())
        text = where + QLatin1String(": ");
    if (!path.isEmpty())
        text += path + QLatin1String(": ");
    return text + message;
}

} // namespace loopscope
