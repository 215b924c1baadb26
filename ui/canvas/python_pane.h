// The Python beside the canvas: pythonProgram(scenario), read-only and highlighted, kept up to
// date as the model changes. Steps map to lines (and back) by exporting once more with a marker
// in every step's label: labels are trailing comments, so the lines do not move.
#pragma once

#include "scenario/scenario.h"

#include <QHash>
#include <QPlainTextEdit>
#include <QSet>

class QSyntaxHighlighter;

namespace loopscope {

// Line (0-based) of the statement each step becomes in pythonProgram(scenario).
QHash<QString, int> pythonStepLines(const Scenario &scenario);

class PythonPane : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit PythonPane(QWidget *parent = nullptr);

    void showScenario(const Scenario &scenario);
    void highlightStep(const QString &stepId);
    // The lines of these steps are marked as wrong (kProblemLineColor), over any highlight.
    void markProblemSteps(const QSet<QString> &stepIds);
    int lineOf(const QString &stepId) const { return m_lines.value(stepId, -1); }
    int highlightedLine() const { return m_highlighted; }
    QList<int> problemLines() const { return m_problemLines; }
    static QColor problemLineColor() { return {0xF6, 0xCF, 0xCF}; }

Q_SIGNALS:
    void stepClicked(const QString &stepId);

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override; // a new palette: the highlighter's colours follow

private:
    void updateLineMarks();

    QHash<QString, int> m_lines;
    int m_highlighted = -1;
    QList<int> m_problemLines;
    QSyntaxHighlighter *m_highlighter = nullptr;
};

} // namespace loopscope
