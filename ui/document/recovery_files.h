// Autosaved copies of unsaved documents in recoveryDirectory(): "<key>.loop.json" beside a
// sidecar "<key>.recovery.json" = {"original": <path or "">, "time": <ISO 8601 UTC>}, plus
// "imported": <the .py> for a document imported from Python and never saved, and "python": the
// user's own Python text the pane showed (what they opened, pasted or typed, comments included).
#pragma once

#include "scenario/scenario.h"
#include "scenario/scenario_json.h"

#include <QDateTime>
#include <QString>

#include <vector>

namespace loopscope {

struct RecoveryFile
{
    QString key;
    QString scenarioFile;
    QString sidecarFile;
    QString originalPath; // empty for a document never saved
    QString importedFrom; // the Python program an unsaved document was imported from
    QDateTime savedAt;
    QString pythonText; // the user's Python as the pane showed it; empty for the generated one

    static RecoveryFile forKey(const QString &key);
};

// Writes the scenario (atomically, as saveScenarioFile does) and then its sidecar.
bool writeRecovery(const RecoveryFile &file, const Scenario &scenario, QString *error = nullptr);
void discardRecovery(const RecoveryFile &file);
// The copy as the reader sees it: a scenario (perhaps with validation problems, work in
// progress) or, when the reader cannot read it at all, none and why.
ScenarioDraft readRecovery(const RecoveryFile &file);
// The copy's bytes as they are, written atomically to `path`; the copy itself stays.
bool saveRecoveryCopyAs(const RecoveryFile &file, const QString &path, QString *error = nullptr);
// Recovery files worth offering: newer than the last save of their original (or it is gone,
// or there is none), oldest first.
std::vector<RecoveryFile> pendingRecoveries();

} // namespace loopscope
