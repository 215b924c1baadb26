// The fields of one block, by op (scenario-format.md's table says which an op uses).
#include "canvas/properties_panel.h"

#include "canvas/block_style.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"
#include "scenario/py_value_text.h"
#include "scenario/scenario_validate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>

namespace loopscope {

namespace {

QString quantityText(const Quantity &q)
{
    return q.isParam() ? QLatin1Char('$') + q.param : QString::number(q.value);
}

std::optional<Quantity> parseQuantity(const QString &text)
{
    const QString t = text.trimmed();
    if (t.startsWith(QLatin1Char('$')) && t.size() > 1)
        return Quantity::ref(t.mid(1));
    bool ok = false;
    const double value = t.toDouble(&ok);
    if (ok)
        return Quantity::literal(value);
    // Anything else is an expression ("i * 0.5"): check says what is wrong with it.
    return t.isEmpty() ? std::nullopt : std::optional(Quantity::ref(t));
}

// A value typed as JSON ("1", "1.0", "\"text\"", "[1, 2]"), a float kept a float; plain words
// are taken as strings.
PyValue parseJsonValue(const QString &text)
{
    return readPyValueText(text).value_or(PyValue(text));
}

QString jsonValueText(const PyValue &value)
{
    return pyValueText(value);
}

std::vector<ResourceKind> allowedKinds(StepKind kind)
{
    using R = ResourceKind;
    const QString key = resourceKeyFor(kind);
    if (key == QLatin1String("resource"))
        return {R::Lock, R::Semaphore};
    if (key == QLatin1String("event"))
        return {R::Event};
    if (key == QLatin1String("queue"))
        return {R::Queue};
    if (key == QLatin1String("future"))
        return {R::Future};
    if (key == QLatin1String("pool"))
        return {R::ThreadPool, R::ProcessPool};
    return {};
}

bool usesSeconds(StepKind kind)
{
    return kind == StepKind::Sleep || kind == StepKind::Cpu || kind == StepKind::Block
           || kind == StepKind::ToThread || kind == StepKind::RunInExecutor;
}

} // namespace

QLineEdit *PropertiesPanel::textEditor(const QString &key, const QString &label,
                                       const QString &value,
                                       std::function<void(Step &, const QString &)> apply)
{
    auto *edit = new QLineEdit(value);
    addField(key, label, edit);
    connect(edit, &QLineEdit::editingFinished, this, [this, edit, label, apply] {
        commitStep(tr("Edit %1").arg(label), [&](Step &step) { apply(step, edit->text()); });
    });
    return edit;
}

void PropertiesPanel::quantityEditor(const QString &key, const QString &label, const QString &value,
                                     std::function<void(Step &, const Quantity &)> apply)
{
    auto *edit = new QLineEdit(value);
    edit->setPlaceholderText(tr("seconds, or $parameter"));
    addField(key, label, edit);
    connect(edit, &QLineEdit::editingFinished, this, [this, edit, key, label, apply] {
        const auto quantity = parseQuantity(edit->text());
        if (!quantity) {
            // Not something the model can hold: say so here and keep the model as it is.
            m_problemLabels.value(key)->setText(
                tr("\"%1\" is neither a number nor a $parameter").arg(edit->text()));
            m_problemLabels.value(key)->show();
            return;
        }
        commitStep(tr("Edit %1").arg(label), [&](Step &step) { apply(step, *quantity); });
    });
}

void PropertiesPanel::addStepFields(const Step &step)
{
    auto *op
        = new QLabel(QStringLiteral("<b>%1</b> &nbsp; <tt>%2</tt>")
                         .arg(opName(step.kind), asyncioEquivalent(step.kind).toHtmlEscaped()));
    op->setWordWrap(true);
    addField(QStringLiteral("*"), tr("Block"), op);
    textEditor(QStringLiteral("label"), tr("Label"), step.label,
               [](Step &s, const QString &t) { s.label = t; });
    if (usesSeconds(step.kind))
        quantityEditor(QStringLiteral("seconds"), tr("Seconds"), quantityText(step.seconds),
                       [](Step &s, const Quantity &q) { s.seconds = q; });
    addWorkFields(step);
    addTaskFields(step);
    addResourceField(step);
    addValueFields(step);
}

void PropertiesPanel::addWorkFields(const Step &step)
{
    if (step.kind == StepKind::ToThread || step.kind == StepKind::RunInExecutor) {
        auto *work = new QComboBox;
        work->addItems({QStringLiteral("io"), QStringLiteral("cpu")});
        work->setCurrentIndex(step.work == WorkKind::Cpu ? 1 : 0);
        addField(QStringLiteral("work"), tr("Work"), work);
        connect(work, &QComboBox::activated, this, [this](int index) {
            commitStep(tr("Edit work"),
                       [&](Step &s) { s.work = index ? WorkKind::Cpu : WorkKind::Io; });
        });
    }
    if (step.kind == StepKind::Print)
        textEditor(QStringLiteral("text"), tr("Text"), step.text,
                   [](Step &s, const QString &t) { s.text = t; });
}

void PropertiesPanel::addTaskFields(const Step &step)
{
    if (step.kind == StepKind::Call || step.kind == StepKind::CreateTask
        || step.kind == StepKind::WaitFor)
        addCallFields(step);
    if (step.kind == StepKind::Call)
        addAwaitField(step);
    if (step.kind == StepKind::WaitFor)
        quantityEditor(QStringLiteral("timeout"), tr("Timeout"), quantityText(step.timeout),
                       [](Step &s, const Quantity &q) { s.timeout = q; });
    if (step.kind == StepKind::CreateTask)
        textEditor(QStringLiteral("name"), tr("Task name"), step.name,
                   [](Step &s, const QString &t) { s.name = t; });
    if (step.kind == StepKind::CreateTask || step.kind == StepKind::Get
        || step.kind == StepKind::Drain)
        textEditor(QStringLiteral("as"), tr("Variable"), step.as,
                   [](Step &s, const QString &t) { s.as = t; });
    const bool awaitsResult = step.kind == StepKind::Call || step.kind == StepKind::Await
                              || step.kind == StepKind::Gather || step.kind == StepKind::WaitFor
                              || step.kind == StepKind::FutureAwait
                              || step.kind == StepKind::ToThread
                              || step.kind == StepKind::RunInExecutor;
    if (awaitsResult)
        textEditor(QStringLiteral("as"), tr("Result as"), step.as,
                   [](Step &s, const QString &t) { s.as = t.trimmed(); });
    if (step.kind == StepKind::Await || step.kind == StepKind::Cancel
        || step.kind == StepKind::WaitFor)
        textEditor(QStringLiteral("task"), tr("Task variable"), step.task,
                   [](Step &s, const QString &t) { s.task = t; });
    if (step.kind == StepKind::Gather)
        addGatherFields(step);
}

void PropertiesPanel::addValueFields(const Step &step)
{
    if (step.kind == StepKind::Put)
        textEditor(QStringLiteral("item"), tr("Item (JSON)"), jsonValueText(step.item),
                   [](Step &s, const QString &t) { s.item = parseJsonValue(t); });
    if (step.kind == StepKind::FutureSet)
        textEditor(QStringLiteral("value"), tr("Value (JSON)"), jsonValueText(step.value),
                   [](Step &s, const QString &t) { s.value = parseJsonValue(t); });
    if (step.kind == StepKind::Repeat) {
        textEditor(QStringLiteral("count"), tr("Count (empty: forever)"),
                   step.count ? quantityText(*step.count) : QString(),
                   [](Step &s, const QString &t) {
                       s.count = t.trimmed().isEmpty() ? std::nullopt : parseQuantity(t);
                   });
        textEditor(QStringLiteral("var"), tr("Loop variable"), step.var,
                   [](Step &s, const QString &t) { s.var = t; });
    }
    if (step.kind == StepKind::Raise) {
        textEditor(QStringLiteral("error"), tr("Exception"), step.error,
                   [](Step &s, const QString &t) { s.error = t; });
        textEditor(QStringLiteral("message"), tr("Message"), step.message,
                   [](Step &s, const QString &t) { s.message = t; });
    }
    if (step.kind == StepKind::Try)
        addTryFields(step);
    addFlowFields(step);
}

// if, while: the condition; for: its target and iterable; set: name = value; return: value.
void PropertiesPanel::addFlowFields(const Step &step)
{
    if (step.kind == StepKind::If || step.kind == StepKind::While)
        textEditor(QStringLiteral("cond"), tr("Condition"), step.cond,
                   [](Step &s, const QString &t) { s.cond = t; });
    if (step.kind == StepKind::For) {
        textEditor(QStringLiteral("var"), tr("Loop variable"), step.var,
                   [](Step &s, const QString &t) { s.var = t.trimmed(); });
        textEditor(QStringLiteral("in"), tr("in"), step.iterable,
                   [](Step &s, const QString &t) { s.iterable = t; });
    }
    if (step.kind == StepKind::Set)
        textEditor(QStringLiteral("name"), tr("Name"), step.name,
                   [](Step &s, const QString &t) { s.name = t.trimmed(); });
    if (step.kind == StepKind::Set || step.kind == StepKind::Return)
        textEditor(QStringLiteral("value"), tr("Value (JSON or $expression)"),
                   jsonValueText(step.value),
                   [](Step &s, const QString &t) { s.value = parseJsonValue(t); });
}

void PropertiesPanel::addResourceField(const Step &step)
{
    const std::vector<ResourceKind> kinds = allowedKinds(step.kind);
    if (kinds.empty())
        return;
    auto *picker = new QComboBox;
    for (const Resource &resource : m_document->scenario().resources)
        if (std::find(kinds.begin(), kinds.end(), resource.kind) != kinds.end())
            picker->addItem(resource.id);
    if (picker->findText(step.resource) < 0)
        picker->addItem(step.resource); // keep an unknown name visible: the validator flags it
    picker->setCurrentText(step.resource);
    addField(resourceKeyFor(step.kind), resourceKeyFor(step.kind), picker);
    connect(picker, &QComboBox::textActivated, this, [this](const QString &id) {
        commitStep(tr("Edit resource"), [&](Step &s) { s.resource = id; });
    });
}

void PropertiesPanel::addCallFields(const Step &step)
{
    auto *coro = new QComboBox;
    coro->addItems(coroutineNames(m_document->scenario()));
    if (coro->findText(step.coro) < 0)
        coro->addItem(step.coro);
    coro->setCurrentText(step.coro);
    addField(QStringLiteral("coro"), tr("Coroutine"), coro);
    connect(coro, &QComboBox::textActivated, this, [this](const QString &name) {
        const Coroutine *target = m_document->scenario().coroutine(name);
        commitStep(tr("Edit coroutine"), [&](Step &s) {
            s.coro = name;
            PyArgs args; // the new target's parameters, keeping values that still fit
            if (target)
                for (const QString &param : target->params)
                    args.insert(param, s.args.contains(param) ? s.args.value(param) : PyValue(0));
            s.args = args;
        });
        rebuild(); // the argument table follows the new target's parameters
    });
    const Coroutine *target = m_document->scenario().coroutine(step.coro);
    if (!target || target->params.empty())
        return;
    auto *args = new QTableWidget(int(target->params.size()), 2);
    args->setHorizontalHeaderLabels({tr("Parameter"), tr("Value (JSON)")});
    args->horizontalHeader()->setStretchLastSection(true);
    args->verticalHeader()->hide();
    for (int row = 0; row < int(target->params.size()); ++row) {
        const QString param = target->params[std::size_t(row)];
        auto *name = new QTableWidgetItem(param);
        name->setFlags(Qt::ItemIsEnabled);
        args->setItem(row, 0, name);
        args->setItem(row, 1,
                      new QTableWidgetItem(step.args.contains(param)
                                               ? jsonValueText(step.args.value(param))
                                               : QString()));
    }
    args->setMaximumHeight(40 + 26 * int(target->params.size()));
    addField(QStringLiteral("args"), tr("Arguments"), args);
    connect(args, &QTableWidget::itemChanged, this, [this, args](QTableWidgetItem *item) {
        const QTableWidgetItem *name = args->item(item->row(), 0);
        if (!name)
            return; // not a row of ours
        const QString param = name->text();
        const QString text = item->text();
        commitStep(tr("Edit argument"), [&](Step &s) {
            if (text.trimmed().isEmpty())
                s.args.remove(param);
            else
                s.args.insert(param, parseJsonValue(text));
        });
    });
}

void PropertiesPanel::addAwaitField(const Step &step)
{
    auto *awaited = new QCheckBox(tr("await"));
    awaited->setToolTip(tr("Unchecked: coro() without await. The coroutine never runs and "
                           "Python warns that it was never awaited."));
    awaited->setChecked(step.awaited);
    addField(QStringLiteral("await"), QString(), awaited);
    connect(awaited, &QCheckBox::toggled, this,
            [this](bool on) { commitStep(tr("Edit await"), [&](Step &s) { s.awaited = on; }); });
}

void PropertiesPanel::addGatherFields(const Step &step)
{
    auto *items = new QTableWidget(int(step.items.size()), 3);
    items->setHorizontalHeaderLabels({tr("Coroutine or $task"), tr("Args (JSON)"), tr("Name")});
    // The coroutine and the name as wide as their words; the arguments take what is left.
    items->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    items->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    items->verticalHeader()->hide();
    for (int row = 0; row < int(step.items.size()); ++row) {
        const GatherItem &item = step.items[std::size_t(row)];
        items->setItem(
            row, 0, new QTableWidgetItem(item.isTask() ? QLatin1Char('$') + item.task : item.coro));
        items->setItem(row, 1, new QTableWidgetItem(pyArgsText(item.args)));
        items->setItem(row, 2, new QTableWidgetItem(item.name));
    }
    items->setMaximumHeight(40 + 26 * std::min(8, int(step.items.size())));
    addField(QStringLiteral("items"), tr("Items"), items);
    connect(items, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *cell) {
        const int row = cell->row();
        const int column = cell->column();
        const QString text = cell->text().trimmed();
        commitStep(tr("Edit gather item"), [&](Step &s) {
            GatherItem &item = s.items[std::size_t(row)];
            if (column == 0) {
                item.task = text.startsWith(QLatin1Char('$')) ? text.mid(1) : QString();
                item.coro = text.startsWith(QLatin1Char('$')) ? QString() : text;
            } else if (column == 1) {
                item.args = readPyArgsText(text).value_or(PyArgs{});
            } else {
                item.name = text;
            }
        });
    });
    auto *count = new QComboBox;
    for (int n = 0; n <= 16; ++n)
        count->addItem(QString::number(n));
    count->setCurrentIndex(int(std::min<std::size_t>(16, step.items.size())));
    addField(QStringLiteral("item_count"), tr("Number of items"), count);
    connect(count, &QComboBox::activated, this, [this](int n) {
        commitStep(tr("Edit gather items"), [&](Step &s) {
            const GatherItem last = s.items.empty() ? GatherItem{} : s.items.back();
            s.items.resize(std::size_t(n), last);
        });
        rebuild(); // the items table has the new number of rows
    });
    auto *returnExceptions = new QCheckBox(tr("return_exceptions"));
    returnExceptions->setChecked(step.returnExceptions);
    addField(QStringLiteral("return_exceptions"), QString(), returnExceptions);
    connect(returnExceptions, &QCheckBox::toggled, this, [this](bool on) {
        commitStep(tr("Edit return_exceptions"), [&](Step &s) { s.returnExceptions = on; });
    });
}

void PropertiesPanel::addTryFields(const Step &step)
{
    QStringList errors;
    for (const ExceptClause &clause : step.excepts)
        errors << clause.error;
    auto *excepts = new QLineEdit(errors.join(QStringLiteral(", ")));
    excepts->setToolTip(
        tr("Handled exceptions, in order: %1").arg(catchableErrors().join(QStringLiteral(", "))));
    addField(QStringLiteral("except"), tr("except"), excepts);
    connect(excepts, &QLineEdit::editingFinished, this, [this, excepts] {
        commitStep(tr("Edit except"), [&](Step &s) {
            std::vector<ExceptClause> clauses;
            for (const QString &name :
                 excepts->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                ExceptClause clause{name.trimmed(), {}};
                for (const ExceptClause &old : s.excepts)
                    if (old.error == clause.error)
                        clause.steps = old.steps; // a handler keeps its body
                clauses.push_back(clause);
            }
            s.excepts = clauses;
        });
    });
    auto *hasFinally = new QCheckBox(tr("finally"));
    hasFinally->setChecked(step.finallySteps.has_value());
    addField(QStringLiteral("finally"), QString(), hasFinally);
    connect(hasFinally, &QCheckBox::toggled, this, [this](bool on) {
        commitStep(tr("Edit finally"), [&](Step &s) {
            if (on && !s.finallySteps)
                s.finallySteps = Steps{};
            else if (!on)
                s.finallySteps.reset();
        });
    });
}

} // namespace loopscope
