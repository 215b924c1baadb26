// The main window's way into the compare view: "Compare Variants" (enabled when the scenario in
// the editor has variants) and "Compare With…" (the scenario beside another file). Kept here so
// that the main window only makes one call.
#pragma once

#include "scenario/scenario.h"
#include "trace/trace.h"

#include <QList>

#include <functional>
#include <optional>

class QAction;
class QMenu;
class QWidget;

namespace loopscope {

class CompareWindow;

struct CompareSource
{
    std::function<std::optional<Scenario>()> scenario; // the scenario being edited, if any
    std::function<QString()> path;                     // its file, empty when unsaved
};

// Adds both actions to `menu` (returned in that order); windows open as children of `window`.
QList<QAction *> addCompareActions(QMenu *menu, QWidget *window, CompareSource source);

// What the actions do, for tests and other callers: a shown window, already run.
CompareWindow *openVariantComparison(QWidget *window, const Scenario &scenario,
                                     const QString &path);
CompareWindow *openFileComparison(QWidget *window, const Scenario &scenario, const QString &path,
                                  const QString &otherFile);
// The scenario run by Loopscope beside its exported program recorded under CPython (Run >
// Compare with CPython): "Loopscope" and "CPython" on one time axis, with what differs.
CompareWindow *openCpythonComparison(QWidget *window, const Scenario &scenario, const QString &path,
                                     const Trace &cpython);

} // namespace loopscope
