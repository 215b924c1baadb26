// The Python pane as a second way to edit the scenario (docs/user-guide.md, "Editing the
// Python"): typing re-imports after a pause (PythonEdits), the canvas follows, refusals are
// marked at their lines and in the banner, and Ctrl+Z in the pane is the document's undo. What
// the pane shows for a scenario: the text the user typed for it when there is one (their
// comments and blank lines), else the program generated from it, with a note when a canvas edit
// replaced the user's text.
#include "canvas/scenario_editor.h"

#include "canvas/python_pane.h"
#include "document/python_edits.h"
#include "document/python_merge.h"
#include "document/scenario_document.h"
#include "export/python_program.h"

#include <QLabel>
#include <QPointer>
#include <QUndoStack>

namespace loopscope {

void ScenarioEditor::setupPythonEditing()
{
    connect(m_python, &PythonPane::edited, this, [this](const QString &text) {
        m_pythonEdits->typed(text);
        m_pythonNote->setText(tr("Editing: the canvas follows when you pause"));
        m_pythonNote->setVisible(true);
    });
    // The autosave keeps the user's own text as the pane shows it, even a comment typed that
    // changes nothing on the canvas.
    m_document->setShownPython([pane = QPointer<PythonPane>(m_python)] {
        return pane && pane->showsUserText() ? pane->toPlainText() : QString();
    });
    connect(m_python, &PythonPane::edited, m_document, &ScenarioDocument::notePythonChanged);
    connect(m_python, &PythonPane::left, m_pythonEdits, &PythonEdits::startNewSession);
    connect(m_python, &PythonPane::undoRequested, this, &ScenarioEditor::undoInPython);
    connect(m_python, &PythonPane::redoRequested, this, &ScenarioEditor::redoInPython);
    connect(m_pythonEdits, &PythonEdits::importStarted, this, [this] {
        m_pythonNote->setText(tr("Importing\u2026"));
        m_pythonNote->setVisible(true);
    });
    connect(m_pythonEdits, &PythonEdits::importFinished, this,
            &ScenarioEditor::pythonImportFinished);
    connect(m_pythonEdits, &PythonEdits::carriedOver, this, &ScenarioEditor::carriedOver);
    // Another document: nothing typed for the old one is imported into it. An imported
    // program's own text is what the pane shows for its scenario.
    connect(m_document, &ScenarioDocument::replaced, this, [this] {
        m_pythonEdits->cancel();
        m_pythonEdits->startNewSession();
        if (!m_document->pythonSource().isEmpty()) {
            m_pythonEdits->adopt(m_document->scenario(), m_document->pythonSource());
            showPython();
        }
    });
}

// After every document change (documentChanged). An import's own change keeps the user's text
// as it is; any other change ends the typing session (its undo step is closed).
void ScenarioEditor::showPython()
{
    const Scenario &scenario = m_document->scenario();
    if (m_pythonEdits->isApplying())
        return;
    m_pythonEdits->startNewSession();
    const bool hadRefusal = !m_pythonEdits->problems().empty();
    if (m_pythonEdits->isPending() || hadRefusal)
        m_pythonEdits->cancel(); // typed for the scenario before this change
    if (const auto typed = m_pythonEdits->textFor(scenario)) {
        m_python->showUserText(*typed);
        m_pythonNote->setVisible(false);
    } else {
        // A canvas edit over the user's text: shown as generated at once, and the user's text
        // with the edit carried into it replaces that once it proves to import to the same.
        const QString userText = m_python->toPlainText();
        const bool wasMine = m_python->showsUserText() && m_document->isEditing(); // not undo
        const auto before = wasMine ? m_pythonEdits->scenarioOf(userText) : std::nullopt;
        const auto carried
            = before ? carryUserText(pythonProgram(*before), userText, pythonProgram(scenario))
                     : std::nullopt;
        m_python->showScenario(scenario);
        m_pythonNote->setVisible(false);
        if (carried) {
            m_pythonNote->setText(tr("Carrying your comments over the canvas edit\u2026"));
            m_pythonNote->setVisible(true);
            m_pythonEdits->verify(*carried, scenario);
        } else if (wasMine) {
            carriedOver(false);
        }
    }
    m_python->markImportProblems({});
}

// The user's text with the canvas edit in it imports to the scenario: it replaces the generated
// text, unless the user typed since or the document moved on. Otherwise the note says why the
// text is the generated one.
void ScenarioEditor::carriedOver(bool ok)
{
    const auto mine = m_pythonEdits->textFor(m_document->scenario());
    if (ok && mine && !m_python->showsUserText()) {
        m_python->showUserText(*mine);
        m_pythonNote->setVisible(false);
        return;
    }
    if (m_python->showsUserText())
        return;
    m_pythonNote->setText(tr("The canvas changed the program: this Python was written from it "
                             "anew (Undo gives back your text)"));
    m_pythonNote->setVisible(true);
}

void ScenarioEditor::pythonImportFinished(bool ok)
{
    m_python->markImportProblems(m_pythonEdits->problems());
    if (ok) {
        m_pythonNote->setVisible(false);
        Q_EMIT pythonImported();
    } else {
        m_pythonNote->setText(tr("Not imported: the canvas shows the last program that did"));
        m_pythonNote->setVisible(true);
    }
    updateBanner();
}

// Typing not imported yet (pending or refused) is undone first (the text goes back to the
// document's); then the document's undo, which gives back the scenario before and the Python the
// user had for it.
void ScenarioEditor::undoInPython()
{
    const Scenario &scenario = m_document->scenario();
    const QString shown = m_pythonEdits->textFor(scenario).value_or(pythonProgram(scenario));
    if (m_pythonEdits->isPending() || m_python->toPlainText() != shown) {
        m_pythonEdits->cancel();
        showPython();
        m_pythonNote->setVisible(false);
        return updateBanner();
    }
    m_pythonEdits->startNewSession();
    m_document->undoStack()->undo();
}

void ScenarioEditor::redoInPython()
{
    m_pythonEdits->cancel();
    m_pythonEdits->startNewSession();
    m_document->undoStack()->redo();
    showPython();
    updateBanner();
}

} // namespace loopscope
