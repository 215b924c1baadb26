// The Python beside the canvas: pythonProgram(scenario), highlighted, kept up to date as the
// model changes, and editable: what the user types is reported (edited) for re-import, and the
// lines an import refused are marked with the message as their tool tip. Steps map to lines
// (and back) by exporting once more with a marker in every step's label: labels are trailing
// comments, so the lines do not move. The user's own text has no such map.
#pragma once

#include "scenario/scenario.h"
#include "scenario/scenario_problem.h"

#include <QHash>
#include <QMap>
#include <QPlainTextEdit>
#include <QSet>

#include <vector>

class QSyntaxHighlighter;

namespace loopscope {

// Line (0-based) of the statement each step becomes in pythonProgram(scenario).
QHash<QString, int> pythonStepLines(const Scenario &scenario);

class PythonPane : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit PythonPane(QWidget *parent = nullptr);

    // The generated program (not the user's text any more).
    void showScenario(const Scenario &scenario);
    // Text the user typed, shown again (an undo, a redo); no step maps to a line.
    void showUserText(const QString &text);
    bool showsUserText() const { return m_userText; }
    // The importer's refusals: their lines marked, each message the line's tool tip.
    void markImportProblems(const std::vector<ScenarioProblem> &problems);
    QList<int> importProblemLines() const { return m_importProblems.keys(); }
    QString importProblemAt(int line) const { return m_importProblems.value(line); }
    void showLine(int line, int column); // the cursor there, scrolled into view
    void highlightStep(const QString &stepId);
    // The lines of these steps are marked as wrong (kProblemLineColor), over any highlight.
    void markProblemSteps(const QSet<QString> &stepIds);
    int lineOf(const QString &stepId) const { return m_lines.value(stepId, -1); }
    int highlightedLine() const { return m_highlighted; }
    QList<int> problemLines() const { return m_problemLines; }
    static QColor problemLineColor() { return {0xF6, 0xCF, 0xCF}; }

Q_SIGNALS:
    void stepClicked(const QString &stepId);
    void edited(const QString &text); // typed, pasted or cut by the user
    // Undo and Redo pressed in the pane: the document's, which cover the Python and the canvas.
    void undoRequested();
    void redoRequested();
    void left(); // the pane lost the focus: the next typing is a new undo step

protected:
    bool event(QEvent *event) override; // the tool tip of a refused line; Undo/Redo keys
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override; // a new palette: the highlighter's colours follow
    // An empty clipboard pastes nothing (Qt 6.4 reads the first format of an empty list).
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    void updateLineMarks();
    void setTextKeepingScroll(const QString &text);

    QHash<QString, int> m_lines;
    int m_highlighted = -1;
    QList<int> m_problemLines;
    QMap<int, QString> m_importProblems; // 0-based line: the importer's message
    bool m_userText = false;
    bool m_settingText = false;
    QSyntaxHighlighter *m_highlighter = nullptr;
};

} // namespace loopscope
