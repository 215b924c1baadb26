#include "canvas/resources_panel.h"

#include "canvas/block_style.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace loopscope {

ResourcesPanel::ResourcesPanel(ScenarioDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_list(new QListWidget)
    , m_add(new QToolButton)
    , m_delete(new QToolButton)
    , m_details(new QWidget)
{
    setObjectName(QStringLiteral("resourcesPanel"));
    m_list->setObjectName(QStringLiteral("resourceList"));
    m_add->setText(tr("Add"));
    m_add->setPopupMode(QToolButton::InstantPopup);
    auto *kinds = new QMenu(m_add);
    for (const ResourceSpec &spec : resourceSpecs()) {
        const ResourceKind kind = spec.kind;
        kinds
            ->addAction(resourceIcon(kind), QLatin1String(spec.name), this,
                        [this, kind] { selectResource(addResource(kind)); })
            ->setToolTip(QString::fromUtf8(spec.python));
    }
    m_add->setMenu(kinds);
    m_delete->setText(tr("Delete"));
    connect(m_delete, &QToolButton::clicked, this, [this] { deleteResource(currentResource()); });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    auto *column = new QVBoxLayout(this);
    column->addLayout(buttons);
    column->addWidget(m_list, 1);
    column->addWidget(m_details);
    auto *detailsLayout = new QVBoxLayout(m_details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    connect(m_list, &QListWidget::currentTextChanged, this, [this](const QString &text) {
        m_current = text.section(QLatin1Char(' '), 0, 0);
        showDetails();
    });
    connect(m_document, &ScenarioDocument::changed, this, &ResourcesPanel::refresh);
    refresh();
}

QString ResourcesPanel::currentResource() const
{
    return m_current;
}

void ResourcesPanel::selectResource(const QString &id)
{
    m_current = id;
    refresh();
}

void ResourcesPanel::refresh()
{
    const QString keep = m_current;
    QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const Resource &resource : m_document->scenario().resources) {
        auto *item = new QListWidgetItem(
            resourceIcon(resource.kind),
            QStringLiteral("%1 (%2)").arg(resource.id, resourceKindName(resource.kind)), m_list);
        item->setToolTip(asyncioEquivalent(resource.kind));
        if (resource.id == keep)
            m_list->setCurrentItem(item);
    }
    m_current = m_document->scenario().resource(keep) ? keep : QString();
    showDetails();
}

QString ResourcesPanel::addResource(ResourceKind kind)
{
    Scenario edited = m_document->scenario();
    Resource resource;
    resource.kind = kind;
    resource.id = freshName(resourceIds(edited), resourceKindName(kind));
    edited.resources.push_back(resource);
    m_document->edit(edited, tr("Add %1").arg(resource.id));
    return resource.id;
}

bool ResourcesPanel::renameResource(const QString &from, const QString &to)
{
    Scenario edited = m_document->scenario();
    if (to.isEmpty() || from == to || !edited.resource(from) || edited.resource(to))
        return false;
    loopscope::renameResource(edited, from, to);
    m_current = to;
    m_document->edit(edited, tr("Rename %1 to %2").arg(from, to));
    return true;
}

bool ResourcesPanel::deleteResource(const QString &id)
{
    Scenario edited = m_document->scenario();
    if (!edited.resource(id))
        return false;
    const int uses = resourceUses(edited, id);
    if (uses > 0
        && QMessageBox::question(this, tr("Delete %1?").arg(id),
                                 tr("%n block(s) use %1; they will name a resource that does not "
                                    "exist until you pick another.",
                                    nullptr, uses)
                                     .arg(id))
               != QMessageBox::Yes)
        return false;
    std::erase_if(edited.resources, [&](const Resource &r) { return r.id == id; });
    m_document->edit(edited, tr("Delete %1").arg(id));
    return true;
}

QWidget *ResourcesPanel::fieldEditor(const QString &key) const
{
    return m_fields ? m_fields->findChild<QWidget *>(QStringLiteral("resource:") + key) : nullptr;
}

void ResourcesPanel::editResource(const QString &what,
                                  const std::function<void(Resource &)> &change)
{
    Scenario edited = m_document->scenario();
    for (Resource &resource : edited.resources)
        if (resource.id == m_current)
            change(resource);
    m_document->edit(edited, what);
}

void ResourcesPanel::showDetails()
{
    // The old fields may be the sender of the edit that led here: delete them later.
    if (m_fields)
        m_fields->deleteLater();
    m_fields = new QWidget(m_details);
    m_form = new QFormLayout(m_fields);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_details->layout()->addWidget(m_fields);
    const Resource *resource = m_document->scenario().resource(m_current);
    m_delete->setEnabled(resource != nullptr);
    if (!resource)
        return;
    auto *name = new QLineEdit(resource->id);
    name->setObjectName(QStringLiteral("resource:name"));
    m_form->addRow(tr("Name"), name);
    connect(name, &QLineEdit::editingFinished, this,
            [this, name] { renameResource(m_current, name->text().trimmed()); });
    addKindFields(*resource);
    m_fields->show(); // complete: shown at once, not on the next turn of the event loop
}

void ResourcesPanel::addKindFields(const Resource &resource)
{
    const auto spin = [this](const QString &key, const QString &label, int min, int value) {
        auto *box = new QSpinBox;
        box->setObjectName(QStringLiteral("resource:") + key);
        box->setRange(min, 100000);
        box->setValue(value);
        m_form->addRow(label, box);
        return box;
    };
    if (resource.kind == ResourceKind::Semaphore) {
        connect(spin(QStringLiteral("value"), tr("Value"), 1, resource.value),
                &QSpinBox::valueChanged, this, [this](int v) {
                    editResource(tr("Edit value"), [v](Resource &r) { r.value = v; });
                });
        auto *bounded = new QCheckBox(tr("BoundedSemaphore"));
        bounded->setChecked(resource.bounded);
        m_form->addRow(QString(), bounded);
        connect(bounded, &QCheckBox::toggled, this, [this](bool on) {
            editResource(tr("Edit bounded"), [on](Resource &r) { r.bounded = on; });
        });
    } else if (resource.kind == ResourceKind::Queue) {
        connect(spin(QStringLiteral("maxsize"), tr("maxsize (0: unbounded)"), 0, resource.maxsize),
                &QSpinBox::valueChanged, this, [this](int v) {
                    editResource(tr("Edit maxsize"), [v](Resource &r) { r.maxsize = v; });
                });
    } else if (resource.kind == ResourceKind::ThreadPool
               || resource.kind == ResourceKind::ProcessPool) {
        connect(spin(QStringLiteral("workers"), tr("Workers (0: default)"), 0,
                     resource.workers.value_or(0)),
                &QSpinBox::valueChanged, this, [this](int v) {
                    editResource(tr("Edit workers"), [v](Resource &r) {
                        r.workers = v > 0 ? std::optional(v) : std::nullopt;
                    });
                });
    }
    if (resource.kind == ResourceKind::ProcessPool) {
        auto *startup = new QDoubleSpinBox;
        startup->setObjectName(QStringLiteral("resource:startup"));
        startup->setRange(0, 1000);
        startup->setDecimals(3);
        startup->setValue(resource.startup);
        m_form->addRow(tr("Startup (s)"), startup);
        connect(startup, &QDoubleSpinBox::valueChanged, this, [this](double v) {
            editResource(tr("Edit startup"), [v](Resource &r) { r.startup = v; });
        });
    }
}

} // namespace loopscope
