// Importing a Python asyncio program as a scenario with the importer that ships with Loopscope
// (python/loopscope_import, docs/python-import.md): CPython's own `ast` reads the program, and
// what a scenario cannot express is refused with its line and column in the .py.
#pragma once

#include "scenario/scenario_json.h"

#include <QByteArray>
#include <QString>

namespace loopscope {

struct PythonImportOptions
{
    QString python;      // empty: LOOPSCOPE_PYTHON, else python3 (as the recorder's)
    bool measure = true; // time pure-Python CPU loops (up to seconds); false gives placeholders
    int timeoutMs = 60000;
};

// The scenario of a program, or every problem: the importer's refusals (file, line, column,
// message), a scenario the importer wrote that does not read (an importer bug, said so), or
// why the importer could not run. Never half a scenario.
ScenarioLoad importPythonFile(const QString &path, const PythonImportOptions &options = {});
// The same for text that is not a file (the Python pane, a paste); `label` names it in problems.
ScenarioLoad importPythonSource(const QByteArray &source, const QString &label,
                                const PythonImportOptions &options = {});

// True for a path the importer reads (`.py`, `.pyw`).
bool isPythonProgramPath(const QString &path);

// What every command that takes a scenario file reads: a Python program is imported, anything
// else read as a scenario file (readScenarioFile).
ScenarioLoad readScenarioOrProgram(const QString &path, const PythonImportOptions &options = {});

} // namespace loopscope
