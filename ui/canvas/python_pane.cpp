#include "canvas/python_pane.h"

#include "export/python_program.h"
#include "scenario/scenario_walk.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSyntaxHighlighter>
#include <QTextBlock>
#include <QToolTip>

#include <algorithm>

namespace loopscope {

namespace {

QString marker(const QString &stepId)
{
    return QStringLiteral("@@loopscope-step:%1@@").arg(stepId);
}

class PythonHighlighter : public QSyntaxHighlighter
{
public:
    explicit PythonHighlighter(QTextDocument *document)
        : QSyntaxHighlighter(document)
    {
        setDark(false);
    }

    // Colours readable on the pane's base colour: darker on light, lighter on dark.
    void setDark(bool dark)
    {
        QTextCharFormat keyword;
        keyword.setForeground(dark ? QColor(0x8A, 0xB4, 0xF8) : QColor(0x00, 0x4E, 0x9A));
        keyword.setFontWeight(QFont::Bold);
        QTextCharFormat string;
        string.setForeground(dark ? QColor(0x9C, 0xCC, 0x65) : QColor(0x4E, 0x9A, 0x06));
        QTextCharFormat number;
        number.setForeground(dark ? QColor(0xF2, 0x8B, 0x82) : QColor(0xA4, 0x00, 0x00));
        QTextCharFormat comment;
        comment.setForeground(dark ? QColor(0xA0, 0xA0, 0xA0) : QColor(0x70, 0x70, 0x70));
        comment.setFontItalic(true);
        m_rules = {
            {QRegularExpression(QStringLiteral(
                 "\\b(async|await|def|with|for|in|while|not|try|except|finally|raise|return|"
                 "import|from|as|if|else|True|False|None|pass|global|lambda)\\b")),
             keyword},
            {QRegularExpression(QStringLiteral("\\b\\d+(\\.\\d+)?\\b")), number},
            {QRegularExpression(QStringLiteral("f?\"([^\"\\\\]|\\\\.)*\"|'([^'\\\\]|\\\\.)*'")),
             string},
            {QRegularExpression(QStringLiteral("#[^\n]*$")), comment},
        };
        rehighlight();
    }

protected:
    void highlightBlock(const QString &text) override
    {
        for (const auto &[pattern, format] : m_rules)
            for (auto it = pattern.globalMatch(text); it.hasNext();) {
                const auto match = it.next();
                setFormat(int(match.capturedStart()), int(match.capturedLength()), format);
            }
    }

private:
    std::vector<std::pair<QRegularExpression, QTextCharFormat>> m_rules;
};

} // namespace

QHash<QString, int> pythonStepLines(const Scenario &scenario)
{
    Scenario marked = scenario;
    forEachStep(marked, [](Step &step, const QString &) { step.label = marker(step.id); });
    const QStringList lines = pythonProgram(marked).split(QLatin1Char('\n'));
    QHash<QString, int> found;
    forEachStep(scenario, [&](const Step &step, const QString &) {
        const QString wanted = marker(step.id);
        for (int i = 0; i < lines.size(); ++i)
            if (lines[i].contains(wanted)) {
                found.insert(step.id, i);
                break;
            }
    });
    return found;
}

PythonPane::PythonPane(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("pythonPane"));
    // The document's undo stack covers the text (undoRequested), not the text edit's own.
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter = new PythonHighlighter(document());
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (m_settingText)
            return;
        if (!m_userText) { // the generated lines no longer say which step is where
            m_lines.clear();
            m_highlighted = -1;
            m_problemLines.clear();
            updateLineMarks();
        }
        m_userText = true;
        Q_EMIT edited(toPlainText());
    });
}

void PythonPane::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        static_cast<PythonHighlighter *>(m_highlighter)
            ->setDark(palette().color(QPalette::Base).lightness() < 128);
}

void PythonPane::setTextKeepingScroll(const QString &text)
{
    if (text == toPlainText())
        return;
    const int scroll = verticalScrollBar()->value();
    const int position = textCursor().position();
    m_settingText = true;
    setPlainText(text);
    m_settingText = false;
    // Where the user was typing, as near as the new text allows.
    QTextCursor cursor(document());
    cursor.setPosition(std::min(position, int(text.size())));
    setTextCursor(cursor);
    verticalScrollBar()->setValue(scroll);
}

void PythonPane::showScenario(const Scenario &scenario)
{
    setTextKeepingScroll(pythonProgram(scenario));
    m_userText = false;
    m_lines = pythonStepLines(scenario);
}

void PythonPane::showUserText(const QString &text)
{
    setTextKeepingScroll(text);
    m_userText = true;
    m_lines.clear();
    m_highlighted = -1;
    m_problemLines.clear();
    updateLineMarks();
}

void PythonPane::markImportProblems(const std::vector<ScenarioProblem> &problems)
{
    m_importProblems.clear();
    for (const ScenarioProblem &problem : problems) {
        if (problem.line <= 0)
            continue; // about no line (the importer did not run): the banner says it
        const int line = problem.line - 1;
        const QString message
            = problem.column > 0
                  ? tr("line %1:%2: %3").arg(problem.line).arg(problem.column).arg(problem.message)
                  : problem.message;
        const QString before = m_importProblems.value(line);
        m_importProblems.insert(line, before.isEmpty() ? message : before + u'\n' + message);
    }
    updateLineMarks();
}

void PythonPane::showLine(int line, int column)
{
    QTextCursor cursor(document()->findBlockByNumber(std::max(line, 1) - 1));
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::max(column, 1) - 1);
    setTextCursor(cursor);
    centerCursor();
    setFocus(Qt::OtherFocusReason);
}

void PythonPane::highlightStep(const QString &stepId)
{
    m_highlighted = m_lines.value(stepId, -1);
    if (m_highlighted >= 0) {
        setTextCursor(QTextCursor(document()->findBlockByNumber(m_highlighted)));
        centerCursor();
    }
    updateLineMarks();
}

void PythonPane::markProblemSteps(const QSet<QString> &stepIds)
{
    m_problemLines.clear();
    for (const QString &id : stepIds)
        if (const int line = m_lines.value(id, -1); line >= 0)
            m_problemLines << line;
    std::sort(m_problemLines.begin(), m_problemLines.end());
    updateLineMarks();
}

// The selected step's line tinted blue; a line that does not validate in solid red with a wavy
// underline, painted last so that it shows even on the selected line.
void PythonPane::updateLineMarks()
{
    QList<QTextEdit::ExtraSelection> selections;
    auto lineSelection = [this](int line) {
        QTextEdit::ExtraSelection selection;
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.cursor = QTextCursor(document()->findBlockByNumber(line));
        return selection;
    };
    if (m_highlighted >= 0) {
        QTextEdit::ExtraSelection selected = lineSelection(m_highlighted);
        selected.format.setBackground(QColor(0x00, 0x72, 0xB2, 0x40));
        selections << selected;
    }
    QList<int> wrongLines = m_problemLines;
    wrongLines << m_importProblems.keys();
    for (int line : wrongLines) {
        QTextEdit::ExtraSelection wrong = lineSelection(line);
        wrong.format.setBackground(problemLineColor());
        wrong.format.setForeground(Qt::black); // the pale red stays readable on a dark theme
        selections << wrong;
        QTextEdit::ExtraSelection underline;
        underline.cursor = QTextCursor(document()->findBlockByNumber(line));
        underline.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        underline.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        underline.format.setUnderlineColor(QColor(0xC0, 0x00, 0x00));
        selections << underline;
    }
    setExtraSelections(selections);
}

bool PythonPane::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) {
            event->accept(); // ours, not the window's: keyPressEvent says it to the editor
            return true;
        }
    }
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QPoint at = viewport()->mapFromGlobal(help->globalPos());
        const QString message = importProblemAt(cursorForPosition(at).blockNumber());
        if (message.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), message, this);
        return true;
    }
    return QPlainTextEdit::event(event);
}

void PythonPane::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Undo))
        return Q_EMIT undoRequested();
    if (event->matches(QKeySequence::Redo))
        return Q_EMIT redoRequested();
    QPlainTextEdit::keyPressEvent(event);
}

// Qt 6.4.2's QWidgetTextControl::insertFromMimeData compares formats().first() with
// "text/markdown" without looking whether there is a format: Ctrl+V with nothing copied (an X
// clipboard without an owner, an empty QMimeData) read past an empty list and crashed the app.
bool PythonPane::canInsertFromMimeData(const QMimeData *source) const
{
    return source && !source->formats().isEmpty() && QPlainTextEdit::canInsertFromMimeData(source);
}

void PythonPane::insertFromMimeData(const QMimeData *source)
{
    if (source && !source->formats().isEmpty())
        QPlainTextEdit::insertFromMimeData(source);
}

void PythonPane::focusOutEvent(QFocusEvent *event)
{
    QPlainTextEdit::focusOutEvent(event);
    Q_EMIT left();
}

void PythonPane::mouseReleaseEvent(QMouseEvent *event)
{
    QPlainTextEdit::mouseReleaseEvent(event);
    const int line = cursorForPosition(event->position().toPoint()).blockNumber();
    // The step whose statement starts on this line; the first in document order wins.
    for (auto it = m_lines.cbegin(); it != m_lines.cend(); ++it)
        if (it.value() == line)
            return Q_EMIT stepClicked(it.key());
}

} // namespace loopscope
