#include "canvas/properties_panel.h"

#include "document/scenario_document.h"
#include "document/scenario_edits.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace loopscope {

QString problemField(const QString &problemPath, const QString &ownerPath)
{
    if (!problemPath.startsWith(ownerPath + QLatin1Char('.')))
        return {};
    const QString rest = problemPath.mid(ownerPath.size() + 1);
    qsizetype end = rest.size();
    for (QChar stop : {QLatin1Char('.'), QLatin1Char('[')})
        if (const qsizetype at = rest.indexOf(stop); at >= 0)
            end = std::min(end, at);
    const QString key = rest.left(end);
    // A problem inside a nested body belongs to the nested step, not to this one.
    return key == QLatin1String("steps") ? QString() : key;
}

PropertiesPanel::PropertiesPanel(ScenarioDocument *document, QWidget *parent)
    : QScrollArea(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("propertiesPanel"));
    setWidgetResizable(true);
    // The form fits the panel's width (long rows wrap): a side-scrolled form hides the start of
    // every field and the end of every label.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_document, &ScenarioDocument::changed, this, [this] {
        // A commit from this panel keeps the form (and the focus in it).
        if (!m_committing)
            rebuild();
    });
    rebuild();
}

void PropertiesPanel::showSelection(const QString &coroutine, const QString &stepId)
{
    m_coroutine = coroutine;
    m_stepId = stepId;
    rebuild();
}

void PropertiesPanel::clearForm()
{
    m_editors.clear();
    m_problemLabels.clear();
    m_form = new QWidget;
    m_layout = new QFormLayout(m_form);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_layout->setRowWrapPolicy(QFormLayout::WrapLongRows);
}

void PropertiesPanel::rebuild()
{
    clearForm();
    const Scenario &scenario = m_document->scenario();
    if (const Step *step = findStep(scenario, m_stepId))
        addStepFields(*step);
    else if (const Coroutine *coroutine = scenario.coroutine(m_coroutine))
        addCardFields(*coroutine);
    else
        addScenarioFields();
    // Set when complete: setWidget() shows the form, and fields added later would stay hidden.
    if (QWidget *old = takeWidget()) {
        old->hide();
        old->deleteLater(); // it may be the sender of the edit that led here
    }
    setWidget(m_form);
    showProblems(m_problems);
}

QString PropertiesPanel::selectionPath() const
{
    const Scenario &scenario = m_document->scenario();
    if (findStep(scenario, m_stepId))
        return stepPath(scenario, m_stepId);
    for (std::size_t i = 0; i < scenario.coroutines.size(); ++i)
        if (scenario.coroutines[i].name == m_coroutine)
            return QStringLiteral("coroutines[%1]").arg(i);
    return {};
}

void PropertiesPanel::showProblems(const std::vector<ScenarioProblem> &problems)
{
    m_problems = problems;
    const QString owner = selectionPath();
    QHash<QString, QStringList> byField;
    for (const ScenarioProblem &problem : problems) {
        QString key = problemField(problem.path, owner);
        if (problem.path == owner || (!key.isEmpty() && !m_problemLabels.contains(key)))
            key = QStringLiteral("*"); // about the whole block, or a field without an editor
        if (!key.isEmpty())
            byField[key] << problem.message;
    }
    for (auto it = m_problemLabels.begin(); it != m_problemLabels.end(); ++it) {
        const QString text = byField.value(it.key()).join(QLatin1Char('\n'));
        it.value()->setText(text);
        it.value()->setVisible(!text.isEmpty());
        if (QWidget *editor = m_editors.value(it.key()))
            editor->setStyleSheet(text.isEmpty() ? QString()
                                                 : QStringLiteral("border: 2px solid #C00000;"));
    }
}

QString PropertiesPanel::fieldProblem(const QString &key) const
{
    const QLabel *label = m_problemLabels.value(key);
    return label ? label->text() : QString();
}

void PropertiesPanel::addField(const QString &key, const QString &label, QWidget *editor)
{
    auto *cell = new QWidget;
    auto *column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(1);
    column->addWidget(editor);
    auto *problem = new QLabel;
    problem->setObjectName(QStringLiteral("problem:") + key);
    problem->setStyleSheet(QStringLiteral("color: #C00000;"));
    problem->setWordWrap(true);
    problem->hide();
    column->addWidget(problem);
    editor->setObjectName(QStringLiteral("field:") + key);
    m_layout->addRow(label, cell);
    m_editors.insert(key, editor);
    m_problemLabels.insert(key, problem);
}

void PropertiesPanel::commit(const Scenario &edited, const QString &what)
{
    m_committing = true;
    m_document->edit(edited, what);
    m_committing = false;
}

void PropertiesPanel::commitStep(const QString &what, const std::function<void(Step &)> &change)
{
    Scenario edited = m_document->scenario();
    Step *step = findStep(edited, m_stepId);
    if (!step)
        return;
    change(*step);
    commit(edited, what);
}

void PropertiesPanel::addCardFields(const Coroutine &coroutine)
{
    auto *name = new QLineEdit(coroutine.name);
    addField(QStringLiteral("name"), tr("Coroutine"), name);
    connect(name, &QLineEdit::editingFinished, this, [this, name] {
        const QString to = name->text().trimmed();
        Scenario edited = m_document->scenario();
        if (to.isEmpty() || to == m_coroutine || edited.coroutine(to))
            return;
        renameCoroutine(edited, m_coroutine, to);
        m_coroutine = to;
        commit(edited, tr("Rename coroutine"));
        Q_EMIT coroutineRenamed(to);
    });
    auto *params = new QLineEdit(
        QStringList(coroutine.params.begin(), coroutine.params.end()).join(QStringLiteral(", ")));
    params->setPlaceholderText(tr("comma-separated parameter names"));
    addField(QStringLiteral("params"), tr("Parameters"), params);
    connect(params, &QLineEdit::editingFinished, this, [this, params] {
        Scenario edited = m_document->scenario();
        for (Coroutine &c : edited.coroutines)
            if (c.name == m_coroutine) {
                c.params.clear();
                for (const QString &p : params->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
                    c.params.push_back(p.trimmed());
            }
        commit(edited, tr("Edit parameters"));
    });
    addField(QStringLiteral("*"), QString(),
             new QLabel(coroutine.name == QLatin1String("main")
                            ? tr("The entry point: asyncio.run(main())")
                            : QString()));
}

void PropertiesPanel::addScenarioFields()
{
    const Scenario &scenario = m_document->scenario();
    auto *title = new QLineEdit(scenario.title);
    title->setCursorPosition(0); // the start of a long title, not its tail
    addField(QStringLiteral("title"), tr("Title"), title);
    connect(title, &QLineEdit::editingFinished, this, [this, title] {
        Scenario edited = m_document->scenario();
        edited.title = title->text();
        commit(edited, tr("Edit title"));
    });
    auto *gil = new QCheckBox(tr("GIL"));
    gil->setToolTip(tr("Uncheck for free-threaded Python"));
    gil->setChecked(scenario.python.gil);
    addField(QStringLiteral("python"), tr("Python"), gil);
    auto *gilNote = new QLabel(tr("Uncheck for free-threaded Python."));
    gilNote->setWordWrap(true);
    m_layout->addRow(QString(), gilNote);
    connect(gil, &QCheckBox::toggled, this, [this](bool on) {
        Scenario edited = m_document->scenario();
        edited.python.gil = on;
        commit(edited, tr("Edit GIL"));
    });
    auto *cpus = new QSpinBox;
    cpus->setRange(1, 256);
    cpus->setValue(scenario.python.cpuCount);
    addField(QStringLiteral("cpu_count"), tr("cpu_count"), cpus);
    connect(cpus, &QSpinBox::valueChanged, this, [this](int n) {
        Scenario edited = m_document->scenario();
        edited.python.cpuCount = n;
        commit(edited, tr("Edit cpu_count"));
    });
    addField(QStringLiteral("*"), QString(),
             new QLabel(tr("Select a block or a card to edit it.")));
}

} // namespace loopscope
