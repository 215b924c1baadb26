// The scenario's resources: add (by kind), rename (every step that names it follows), configure
// (semaphore value, queue size, pool workers...) and delete (asking first when steps use it).
#pragma once

#include "scenario/scenario.h"

#include <QWidget>

#include <functional>

class QFormLayout;
class QListWidget;
class QToolButton;

namespace loopscope {

class ScenarioDocument;

class ResourcesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ResourcesPanel(ScenarioDocument *document, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    QString currentResource() const;
    void selectResource(const QString &id);
    // The edits behind the buttons; each is one undo step. False when refused.
    QString addResource(ResourceKind kind);
    bool renameResource(const QString &from, const QString &to);
    bool deleteResource(const QString &id); // asks first when the resource is used
    QWidget *fieldEditor(const QString &key) const;

private:
    void refresh();
    void showDetails();
    void addKindFields(const Resource &resource);
    void editResource(const QString &what, const std::function<void(Resource &)> &change);

    ScenarioDocument *m_document;
    QListWidget *m_list;
    QToolButton *m_add;
    QToolButton *m_delete;
    QWidget *m_details;
    QWidget *m_fields = nullptr;
    QFormLayout *m_form = nullptr;
    QString m_current;
};

} // namespace loopscope
