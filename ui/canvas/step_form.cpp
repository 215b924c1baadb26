// The fields of one block: those of its op's row in the op table (op_table.h), in that order.
#include "canvas/properties_panel.h"

#include "canvas/block_style.h"
#include "canvas/step_field_text.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"
#include "scenario/op_table.h"
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
    for (const FieldSpec &field : opSpec(step.kind).fields)
        addOpField(step, field);
}

void PropertiesPanel::addOpField(const Step &step, const FieldSpec &field)
{
    const QString key = QLatin1String(field.key);
    const QString label = tr(field.label);
    switch (field.type) {
    case FieldType::Duration: {
        Quantity Step::*const member = std::get<Quantity Step::*>(field.member);
        return quantityEditor(key, label, quantityText(step.*member),
                              [member](Step &s, const Quantity &q) { s.*member = q; });
    }
    case FieldType::Limit: { // empty: None (no limit)
        std::optional<Quantity> Step::*const member
            = std::get<std::optional<Quantity> Step::*>(field.member);
        textEditor(key, label, step.*member ? quantityText(*(step.*member)) : QString(),
                   [member](Step &s, const QString &t) {
                       s.*member = t.trimmed().isEmpty() ? std::nullopt : parseQuantity(t);
                   });
        return;
    }
    case FieldType::ReturnWhen:
        return addReturnWhenField(step);
    case FieldType::Text:
        if (field.member == StepMember(&Step::end))
            return addEndField(step, field);
        [[fallthrough]];
    case FieldType::ErrorClass:
    case FieldType::Variable:
    case FieldType::Task:
    case FieldType::Function:
    case FieldType::Expression: {
        QString Step::*const member = std::get<QString Step::*>(field.member);
        textEditor(key, label, step.*member,
                   [member](Step &s, const QString &t) { s.*member = t; });
        return;
    }
    case FieldType::Target: { // "a" or "a, b": spaces around it mean nothing
        QString Step::*const member = std::get<QString Step::*>(field.member);
        textEditor(key, label, step.*member,
                   [member](Step &s, const QString &t) { s.*member = t.trimmed(); });
        return;
    }
    case FieldType::Value: {
        PyValue Step::*const member = std::get<PyValue Step::*>(field.member);
        textEditor(key, label, jsonValueText(step.*member),
                   [member](Step &s, const QString &t) { s.*member = parseJsonValue(t); });
        return;
    }
    case FieldType::Count:
        return addCountField(step);
    case FieldType::Work:
        return addWorkField(step);
    case FieldType::Coroutine:
        return addCallFields(step);
    case FieldType::Flag:
        return addFlagField(step, field);
    case FieldType::GatherItems:
        return addGatherFields(step);
    case FieldType::Resource:
        return addResourceField(step, field);
    case FieldType::ExceptMap:
        return addExceptField(step);
    case FieldType::Finally:
        return addFinallyField(step);
    case FieldType::Args:  // in the coroutine's argument table
    case FieldType::Body:  // on the canvas
    case FieldType::Elifs: // the clauses' bodies are on the canvas
    case FieldType::Else:
        return;
    }
}

// print's `end`, escapes shown and typed as in Python (`\n`, `\t`); empty is end="".
void PropertiesPanel::addEndField(const Step &step, const FieldSpec &field)
{
    QLineEdit *edit = textEditor(QLatin1String(field.key), tr(field.label), escapedEnd(step.end),
                                 [](Step &s, const QString &t) { s.end = unescapedEnd(t); });
    edit->setPlaceholderText(tr("nothing (end=\"\")"));
    edit->setToolTip(tr("Written after the text, as in print(..., end=...): \\n is a new line "
                        "(the default), \\t a tab, empty nothing."));
}

void PropertiesPanel::addWorkField(const Step &step)
{
    auto *work = new QComboBox;
    work->addItems({QStringLiteral("io"), QStringLiteral("cpu")});
    work->setCurrentIndex(step.work == WorkKind::Cpu ? 1 : 0);
    addField(QStringLiteral("work"), tr("Work"), work);
    connect(work, &QComboBox::activated, this, [this](int index) {
        commitStep(tr("Edit work"),
                   [&](Step &s) { s.work = index ? WorkKind::Cpu : WorkKind::Io; });
    });
}

// wait's return_when: ALL_COMPLETED (the default, not written), FIRST_COMPLETED or
// FIRST_EXCEPTION.
void PropertiesPanel::addReturnWhenField(const Step &step)
{
    const QStringList kinds{QStringLiteral("ALL_COMPLETED"), QStringLiteral("FIRST_COMPLETED"),
                            QStringLiteral("FIRST_EXCEPTION")};
    auto *when = new QComboBox;
    when->addItems(kinds);
    when->setCurrentIndex(std::max(0, int(kinds.indexOf(step.returnWhen))));
    addField(QStringLiteral("return_when"), tr("return_when"), when);
    connect(when, &QComboBox::activated, this, [this, kinds](int index) {
        commitStep(tr("Edit return_when"),
                   [&](Step &s) { s.returnWhen = index == 0 ? QString() : kinds[index]; });
    });
}

void PropertiesPanel::addCountField(const Step &step)
{
    textEditor(QStringLiteral("count"), tr("Count (empty: forever)"),
               step.count ? quantityText(*step.count) : QString(), [](Step &s, const QString &t) {
                   s.count = t.trimmed().isEmpty() ? std::nullopt : parseQuantity(t);
               });
}

void PropertiesPanel::addFlagField(const Step &step, const FieldSpec &field)
{
    bool Step::*const member = std::get<bool Step::*>(field.member);
    auto *box = new QCheckBox(QLatin1String(field.label));
    if (field.hint)
        box->setToolTip(tr(field.hint));
    box->setChecked(step.*member);
    addField(QLatin1String(field.key), QString(), box);
    const QString what = tr("Edit %1").arg(QLatin1String(field.key));
    connect(box, &QCheckBox::toggled, this,
            [this, what, member](bool on) { commitStep(what, [&](Step &s) { s.*member = on; }); });
}

void PropertiesPanel::addResourceField(const Step &step, const FieldSpec &field)
{
    auto *picker = new QComboBox;
    for (const Resource &resource : m_document->scenario().resources)
        if (std::find(field.kinds.begin(), field.kinds.end(), resource.kind) != field.kinds.end())
            picker->addItem(resource.id);
    if (picker->findText(step.resource) < 0)
        picker->addItem(step.resource); // keep an unknown name visible: the validator flags it
    picker->setCurrentText(step.resource);
    addField(QLatin1String(field.key), QLatin1String(field.label), picker);
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
}

void PropertiesPanel::addExceptField(const Step &step)
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
                    if (old.error == clause.error) {
                        clause.steps = old.steps; // a handler keeps its body and its `as`
                        clause.as = old.as;
                    }
                clauses.push_back(clause);
            }
            s.excepts = clauses;
        });
    });
}

void PropertiesPanel::addFinallyField(const Step &step)
{
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
