// The editor beside the timeline: palette, canvas, properties, resources and the Python pane,
// all on one ScenarioDocument. It validates the model after every change: problems are marked
// on the canvas and under the fields, and the Run action is disabled with the reason shown.
#pragma once

#include "scenario/scenario_problem.h"

#include <QWidget>

#include <vector>

class QAction;
class QLabel;
class QTabWidget;

namespace loopscope {

class BlockPalette;
class PropertiesPanel;
class PythonEdits;
class PythonPane;
class ResourcesPanel;
class ScenarioCanvas;
class ScenarioDocument;

class ScenarioEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ScenarioEditor(ScenarioDocument *document, QWidget *parent = nullptr);

    ScenarioDocument *document() const { return m_document; }
    ScenarioCanvas *canvas() const { return m_canvas; }
    BlockPalette *palette() const { return m_palette; }
    PropertiesPanel *properties() const { return m_properties; }
    ResourcesPanel *resources() const { return m_resources; }
    PythonPane *python() const { return m_python; }
    PythonEdits *pythonEdits() const { return m_pythonEdits; }
    QLabel *pythonNote() const { return m_pythonNote; } // importing, refused, rewritten
    QLabel *problemBanner() const { return m_banner; }

    // Enabled exactly when the scenario validates; its tool tip says why not.
    QAction *runAction() const { return m_run; }
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    QAction *arrangeAction() const { return m_arrange; }
    const std::vector<ScenarioProblem> &problems() const { return m_problems; }
    QString runBlockedReason() const;

public Q_SLOTS:
    // The timeline's spanClicked(lane, span, stepId): select that block and its card.
    void selectStep(const QString &stepId);
    // The banner's click: the block (or card) the first problem is about.
    void selectFirstProblem();

Q_SIGNALS:
    void runRequested();
    void validityChanged(bool valid);
    void statusMessage(const QString &text); // the canvas's copy and paste
    // Python text pasted on the canvas (not Loopscope's block JSON): the window imports it.
    void programPasted(const QString &text);
    // The text typed in the Python pane imported and the document has it: worth a new run.
    void pythonImported();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setupActions();
    void setupLayout();
    void documentChanged();
    void selectionChanged(const QString &coroutine, const QString &stepId);
    void updateBanner();
    // python_editing.cpp: the Python pane as a second way to edit the document.
    void setupPythonEditing();
    void showPython();
    void pythonImportFinished(bool ok);
    void carriedOver(bool ok);
    void undoInPython();
    void redoInPython();

    ScenarioDocument *m_document;
    ScenarioCanvas *m_canvas;
    BlockPalette *m_palette;
    PropertiesPanel *m_properties;
    ResourcesPanel *m_resources;
    PythonPane *m_python;
    PythonEdits *m_pythonEdits;
    QLabel *m_pythonNote = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_banner = nullptr;
    QAction *m_run = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_arrange = nullptr;
    std::vector<ScenarioProblem> m_problems;
};

} // namespace loopscope
