#include "canvas/scenario_editor.h"

#include "canvas/block_palette.h"
#include "canvas/problem_text.h"
#include "canvas/properties_panel.h"
#include "canvas/python_pane.h"
#include "canvas/resources_panel.h"
#include "canvas/scenario_canvas.h"
#include "document/python_edits.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"
#include "scenario/scenario_validate.h"
#include "scenario/scenario_walk.h"

#include <QAction>
#include <QLabel>
#include <QMouseEvent>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace loopscope {

namespace {

constexpr int kSideWidth = 440;
constexpr int kCanvasMinWidth = 320;

// The step a problem is about: the one whose path is the longest prefix of the problem's path.
QString stepOfProblem(const QString &problemPath, const QHash<QString, QString> &stepPaths)
{
    QString best;
    qsizetype bestLength = -1;
    for (auto it = stepPaths.cbegin(); it != stepPaths.cend(); ++it) {
        const QString &path = it.value();
        const bool under = problemPath == path
                           || (problemPath.startsWith(path)
                               && (problemPath[path.size()] == QLatin1Char('.')
                                   || problemPath[path.size()] == QLatin1Char('[')));
        if (under && path.size() > bestLength) {
            best = it.key();
            bestLength = path.size();
        }
    }
    return best;
}

} // namespace

ScenarioEditor::ScenarioEditor(ScenarioDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_canvas(new ScenarioCanvas(document))
    , m_palette(new BlockPalette(m_canvas))
    , m_properties(new PropertiesPanel(document))
    , m_resources(new ResourcesPanel(document))
    , m_python(new PythonPane)
    , m_pythonEdits(new PythonEdits(document, this))
{
    setObjectName(QStringLiteral("scenarioEditor"));
    setupActions();
    setupLayout();
    connect(m_document, &ScenarioDocument::changed, this, &ScenarioEditor::documentChanged);
    connect(m_canvas, &ScenarioCanvas::selectionChanged, this, &ScenarioEditor::selectionChanged);
    connect(m_canvas, &ScenarioCanvas::statusMessage, this, &ScenarioEditor::statusMessage);
    connect(m_canvas, &ScenarioCanvas::programPasted, this, &ScenarioEditor::programPasted);
    connect(m_python, &PythonPane::stepClicked, this, &ScenarioEditor::selectStep);
    connect(m_properties, &PropertiesPanel::coroutineRenamed, this,
            [this](const QString &name) { m_canvas->select(name, {}); });
    // A document opened, restored or new: nothing of the old one stays selected.
    connect(m_document, &ScenarioDocument::replaced, this, [this] { m_canvas->select({}, {}); });
    setupPythonEditing();
    documentChanged();
}

void ScenarioEditor::setupActions()
{
    m_run = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run"), this);
    m_run->setObjectName(QStringLiteral("editorRun"));
    connect(m_run, &QAction::triggered, this, &ScenarioEditor::runRequested);
    m_undo = m_document->undoStack()->createUndoAction(this, tr("Undo"));
    m_undo->setShortcuts(QKeySequence::Undo);
    m_undo->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_redo = m_document->undoStack()->createRedoAction(this, tr("Redo"));
    m_redo->setShortcuts(QKeySequence::Redo);
    m_redo->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    m_arrange = new QAction(tr("Arrange cards"), this);
    connect(m_arrange, &QAction::triggered, m_canvas, &ScenarioCanvas::autoLayout);
}

void ScenarioEditor::setupLayout()
{
    auto *tools = new QToolBar;
    tools->setIconSize(QSize(16, 16));
    tools->addAction(m_run);
    tools->addSeparator();
    tools->addAction(m_undo);
    tools->addAction(m_redo);
    tools->addSeparator();
    tools->addAction(tr("Zoom in"), m_canvas, &ScenarioCanvas::zoomIn);
    tools->addAction(tr("Zoom out"), m_canvas, &ScenarioCanvas::zoomOut);
    tools->addAction(tr("100%"), m_canvas, &ScenarioCanvas::resetZoom);
    tools->addAction(m_arrange);
    m_banner = new QLabel;
    m_banner->setObjectName(QStringLiteral("problemBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("color: #C00000; padding: 2px;"));
    m_banner->setCursor(Qt::PointingHandCursor);
    m_banner->setToolTip(tr("Click to select the block"));
    m_banner->installEventFilter(this);
    auto *middle = new QWidget;
    auto *column = new QVBoxLayout(middle);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(tools);
    column->addWidget(m_canvas, 1);
    column->addWidget(m_banner);
    m_tabs = new QTabWidget;
    m_tabs->addTab(m_properties, tr("Properties"));
    m_tabs->addTab(m_resources, tr("Resources"));
    auto *side = new QSplitter(Qt::Vertical);
    side->addWidget(m_tabs);
    m_pythonNote = new QLabel;
    m_pythonNote->setObjectName(QStringLiteral("pythonNote"));
    m_pythonNote->setWordWrap(true);
    m_pythonNote->setVisible(false);
    auto *pythonBox = new QWidget;
    auto *pythonColumn = new QVBoxLayout(pythonBox);
    pythonColumn->setContentsMargins(0, 0, 0, 0);
    pythonColumn->setSpacing(2);
    pythonColumn->addWidget(m_python, 1);
    pythonColumn->addWidget(m_pythonNote);
    side->addWidget(pythonBox);
    side->setSizes({220, 320});
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_palette);
    split->addWidget(middle);
    split->addWidget(side);
    split->setStretchFactor(1, 1);
    // In a narrow window (the Event Loop view open beside it) the side gives way before the
    // canvas is down to a sliver no card fits in.
    middle->setMinimumWidth(kCanvasMinWidth);
    // The side is wide enough for the forms' labels, tables and check boxes at their own size
    // (330 px clipped "Coroutine or $task" and the GIL box); the canvas takes the rest.
    // The palette as wide as its longest name ("semaphore (resource)"), not elided.
    split->setSizes({m_palette->wholeNamesWidth(), 520, kSideWidth});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
}

// The first problem in the words of the canvas and the Python ("worker › with sem › sleep:
// seconds must be …"); the JSON path is for files, and the file's `check` still prints it.
QString ScenarioEditor::runBlockedReason() const
{
    if (m_problems.empty())
        return {};
    const QString first = problemInPythonTerms(m_document->scenario(), m_problems.front());
    if (m_problems.size() == 1)
        return tr("Cannot run: %1").arg(first);
    return tr("Cannot run: %1 (and %n more problem(s))", nullptr, int(m_problems.size() - 1))
        .arg(first);
}

void ScenarioEditor::selectFirstProblem()
{
    if (const auto &refused = m_pythonEdits->problems(); !refused.empty())
        return m_python->showLine(refused.front().line, refused.front().column);
    if (m_problems.empty())
        return;
    const ProblemPlace place = problemPlace(m_document->scenario(), m_problems.front().path);
    if (!place.stepId.isEmpty())
        return m_canvas->selectStep(place.stepId);
    if (!place.blocks.isEmpty() && m_document->scenario().coroutine(place.blocks.front()))
        m_canvas->select(place.blocks.front(), {});
}

bool ScenarioEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_banner && event->type() == QEvent::MouseButtonRelease
        && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
        selectFirstProblem();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ScenarioEditor::documentChanged()
{
    const Scenario &scenario = m_document->scenario();
    m_problems = validateScenario(scenario);
    QHash<QString, QString> stepPaths;
    forEachStep(scenario,
                [&](const Step &step, const QString &path) { stepPaths.insert(step.id, path); });
    QSet<QString> steps;
    QSet<QString> cards;
    for (const ScenarioProblem &problem : m_problems) {
        const QString step = stepOfProblem(problem.path, stepPaths);
        if (!step.isEmpty())
            steps.insert(step);
        for (std::size_t i = 0; i < scenario.coroutines.size(); ++i)
            if (step.isEmpty() && problem.path.startsWith(QStringLiteral("coroutines[%1]").arg(i)))
                cards.insert(scenario.coroutines[i].name);
    }
    m_canvas->setInvalid(steps, cards);
    m_properties->showProblems(m_problems);
    showPython();
    m_python->highlightStep(m_canvas->selectedStep());
    m_python->markProblemSteps(steps);
    const QString reason = runBlockedReason();
    m_run->setEnabled(reason.isEmpty());
    m_run->setToolTip(reason.isEmpty() ? tr("Run the scenario") : reason);
    m_run->setStatusTip(reason);
    updateBanner();
    Q_EMIT validityChanged(reason.isEmpty());
}

// The Python pane's refusal first (the text being typed is what the user looks at), else why
// the scenario cannot run.
void ScenarioEditor::updateBanner()
{
    QString text = runBlockedReason();
    if (const auto &refused = m_pythonEdits->problems(); !refused.empty()) {
        const ScenarioProblem &first = refused.front();
        text
            = first.line > 0
                  ? tr("Python line %1:%2: %3").arg(first.line).arg(first.column).arg(first.message)
                  : tr("Python: %1").arg(first.message);
        if (refused.size() > 1)
            text += tr(" (and %n more)", nullptr, int(refused.size() - 1));
    }
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
}

void ScenarioEditor::selectionChanged(const QString &coroutine, const QString &stepId)
{
    m_properties->showSelection(coroutine, stepId);
    m_tabs->setCurrentWidget(m_properties);
    m_python->highlightStep(stepId);
}

void ScenarioEditor::selectStep(const QString &stepId)
{
    m_canvas->selectStep(stepId);
}

} // namespace loopscope
