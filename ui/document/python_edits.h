// The Python pane as a second way to edit the document: the text the user types is re-imported
// (python/loopscope_import, --no-measure) a short pause after the last key, off the UI thread,
// and an import that reads becomes one document edit; consecutive ones merge into one undo step
// until a new typing session starts (the pane left, an undo, an edit elsewhere). What the user
// typed is remembered per scenario, so that undo, redo and edits that come back to a scenario
// give back the user's own text (comments, blank lines) rather than a regenerated one.
#pragma once

#include "scenario/scenario.h"
#include "scenario/scenario_problem.h"

#include <QObject>

#include <optional>
#include <vector>

class QTimer;

namespace loopscope {

class PythonImportJob;
class ScenarioDocument;
struct ScenarioLoad;

// The scenario as a program: without step ids and card positions (what an import cannot know).
Scenario programOf(Scenario scenario);

class PythonEdits : public QObject
{
    Q_OBJECT
public:
    explicit PythonEdits(ScenarioDocument *document, QObject *parent = nullptr);
    ~PythonEdits() override;

    // The user changed the text: it is imported once they pause for delay() ms.
    void typed(const QString &text);
    void setDelay(int milliseconds);
    int delay() const;
    // A typed text waiting for its pause or its import.
    bool isPending() const;
    // Drops the typed text not imported yet (an undo in the pane, a new document) and the
    // refusals of the last import.
    void cancel();
    // The next import is a new undo step.
    void startNewSession() { ++m_session; }
    // The text the user typed that imports to this scenario (up to ids and layout), if any.
    std::optional<QString> textFor(const Scenario &scenario) const;
    // The user's own text for a scenario imported from it (a program opened or pasted): shown
    // for that scenario, and carried over canvas edits as typed text is.
    void adopt(const Scenario &scenario, QString text);
    // The scenario the user's text imported to (the newest one with that text).
    std::optional<Scenario> scenarioOf(const QString &text) const;
    // Imports `text` in the background and, when it gives `expected`'s program, remembers it as
    // the user's text for `expected` (carriedOver(true)); the document does not change. For a
    // canvas edit carried into the user's text (python_merge.h). Typing cancels it.
    void verify(const QString &text, const Scenario &expected);
    // True while the document changes because of an import: the pane keeps its text.
    bool isApplying() const { return m_applying; }
    // The last import's refusals (file = the document's name, line and column in the text);
    // empty once the text imports.
    const std::vector<ScenarioProblem> &problems() const { return m_problems; }

Q_SIGNALS:
    void importStarted();
    // The text imported (the document has it, unless it was the same program) or was refused.
    void importFinished(bool ok);
    void carriedOver(bool ok); // verify()'s answer

private:
    void importNow();
    void imported(const ScenarioLoad &load);
    void remember(const Scenario &scenario, const QString &text);
    void verified(const Scenario &imported);
    Scenario titled(Scenario imported) const;

    ScenarioDocument *m_document;
    QTimer *m_pause;
    PythonImportJob *m_job;
    QString m_text;      // the text typed last
    QString m_importing; // the text the running import reads
    QString m_label;     // its name in problems
    int m_session = 0;
    enum class Job { None, Typed, Verify } m_running = Job::None;
    Scenario m_expected; // what verify()'s text must import to
    bool m_applying = false;
    std::vector<ScenarioProblem> m_problems;
    std::vector<std::pair<Scenario, QString>> m_typed; // programOf(scenario), text: newest last
};

} // namespace loopscope
