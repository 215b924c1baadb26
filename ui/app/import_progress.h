// Importing a Python program from the window without freezing it: the importer times the
// program's CPU loops for real (up to seconds), so a window-modal progress box shows while it
// runs, the window keeps painting, and Cancel stops the importer.
#pragma once

#include "scenario/scenario_json.h"

#include <QByteArray>
#include <QString>

#include <optional>

class QWidget;

namespace loopscope {

// The program's scenario or its problems, as importPythonFile gives them; none when the user
// cancelled. The box appears only when the import takes longer than a moment.
std::optional<ScenarioLoad> importProgramWithProgress(QWidget *parent, const QString &path);
// The same for text that is not a file (a paste), named `label` in problems.
std::optional<ScenarioLoad> importSourceWithProgress(QWidget *parent, const QByteArray &source,
                                                     const QString &label);

} // namespace loopscope
