// The document the editor works on: a Scenario, the file it came from, its modified state and
// the QUndoStack every change goes through, plus the autosave that keeps a recovery copy.
#pragma once

#include "document/recovery_files.h"
#include "scenario/scenario.h"
#include "scenario/scenario_json.h"

#include <QObject>

#include <functional>

class QTimer;
class QUndoStack;

namespace loopscope {

class ScenarioDocument : public QObject
{
    Q_OBJECT
public:
    explicit ScenarioDocument(QObject *parent = nullptr);
    ~ScenarioDocument() override; // a document closed cleanly leaves no recovery file

    const Scenario &scenario() const { return m_scenario; }
    QString path() const { return m_path; }
    QString displayName() const; // the file name, "hello.py (imported)", or "Untitled"
    // The Python program this unsaved document was imported from (a path, or the label of a
    // pasted text); empty for a scenario file or a new document.
    QString importedFrom() const { return m_importedFrom; }
    // That program's text as the user wrote it (comments, blank lines, spelling): what the Python
    // pane shows for the imported scenario. Save keeps it (the .loop.json holds the scenario
    // only); for a restored copy, the user's Python it kept; empty for a scenario file or a new
    // document.
    QString pythonSource() const { return m_pythonSource; }
    bool isModified() const;
    QUndoStack *undoStack() const { return m_undo; }

    // One undoable change to `after`. Consecutive edits with the same non-empty `mergeKey`
    // (a card being dragged, one field being typed in) merge into one undo step.
    void edit(const Scenario &after, const QString &text, const QString &mergeKey = {});
    // True while changed() is said for a new edit (not an undo, a redo or a new document).
    bool isEditing() const { return m_editing; }

    // Replace the whole document (no undo history); on a failed open nothing changes.
    void newDocument();
    // A scenario file, or a Python program (isPythonProgramPath) imported into an unsaved
    // document without a path: Save then asks where to write the scenario, never over the .py.
    ScenarioLoad open(const QString &path);
    // A program imported elsewhere (a paste), taken the same way; `from` names it in the title,
    // `source` is its text.
    void takeImported(Scenario scenario, const QString &from, const QString &source = {});
    // saveScenarioFile: on failure *error names the file and why, and the document stays
    // modified with its old path.
    bool save(QString *error);
    bool saveAs(const QString &path, QString *error);
    // Takes over an autosaved copy: its content, its original path, modified. A copy that only
    // fails validation (saved mid-edit, e.g. with a dangling reference) is restored too, with
    // its problems in *problems, for the editor to list. One the reader cannot read is refused,
    // *error saying why (file, line, JSON path, what was expected), and stays on disk.
    bool restore(const RecoveryFile &recovery, QString *error,
                 std::vector<ScenarioProblem> *problems = nullptr);

    // Milliseconds between the last change and the recovery copy (default 3000).
    void setAutosaveDelay(int milliseconds);
    // The user's own Python the pane shows (their comments, what they typed or pasted), or empty
    // when it shows the program written from the scenario: asked at every autosave, so that a
    // crash leaves a copy of what the user saw.
    void setShownPython(std::function<QString()> shownPython);
    // That text changed without changing the scenario (a comment typed): autosaved as an edit is.
    void notePythonChanged();
    RecoveryFile recoveryFile() const { return m_recovery; }
    void discardRecoveryFile();

Q_SIGNALS:
    void changed();
    void replaced(); // newDocument(), open() or restore(): a different document, no history
    void modifiedChanged(bool modified);
    void pathChanged(const QString &path);
    void autosaved(const QString &recoveryFile);
    void autosaveFailed(const QString &error);

private:
    friend class ScenarioEditCommand;
    void setScenario(const Scenario &scenario);
    void reset(Scenario scenario, const QString &path, bool modified,
               const QString &importedFrom = {}, const QString &pythonSource = {});
    void noteModified();
    void autosave();

    Scenario m_scenario;
    QString m_path;
    QString m_importedFrom;
    QString m_pythonSource;
    QUndoStack *m_undo = nullptr;
    QTimer *m_autosave = nullptr;
    RecoveryFile m_recovery;
    std::function<QString()> m_shownPython;
    bool m_forcedModified = false; // restored from a recovery copy: unsaved, with no undo step
    bool m_lastModified = false;
    bool m_editing = false;
};

// A Python program's text (UTF-8, as Python reads source); empty when it cannot be read.
QString readProgramText(const QString &path);

// A scenario with a `main` coroutine and nothing else: what File > New gives.
Scenario emptyScenario();

} // namespace loopscope
