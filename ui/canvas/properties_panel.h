// The properties of what is selected on the canvas: a block's fields (durations, resource
// pickers limited to the right kind, coroutine pickers, argument tables from the target's
// parameters), a card's name and parameters, or, with nothing selected, the scenario's title,
// clock and Python settings. Each commit is one document edit; the validator's problems are
// shown under the field they are about.
#pragma once

#include "scenario/scenario.h"
#include "scenario/scenario_problem.h"

#include <QHash>
#include <QScrollArea>

#include <functional>
#include <vector>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace loopscope {

class ScenarioDocument;
struct FieldSpec;

class PropertiesPanel : public QScrollArea
{
    Q_OBJECT
public:
    explicit PropertiesPanel(ScenarioDocument *document, QWidget *parent = nullptr);

    void showSelection(const QString &coroutine, const QString &stepId);
    void showProblems(const std::vector<ScenarioProblem> &problems);
    // The editor of a field ("seconds", "resource", "coro", "name"...), for tests and focus.
    QWidget *fieldEditor(const QString &key) const { return m_editors.value(key); }
    // The problem text shown under a field, empty when it has none.
    QString fieldProblem(const QString &key) const;

Q_SIGNALS:
    void coroutineRenamed(const QString &name); // the card keeps its selection under its new name

private:
    void rebuild();
    void clearForm();
    QString selectionPath() const;
    void addField(const QString &key, const QString &label, QWidget *editor);
    void addStepFields(const Step &step);
    // One field of the op's row in the op table, with the editor for its type.
    void addOpField(const Step &step, const FieldSpec &field);
    void addWorkField(const Step &step);
    void addEndField(const Step &step, const FieldSpec &field);
    void addCountField(const Step &step);
    void addReturnWhenField(const Step &step);
    void addFlagField(const Step &step, const FieldSpec &field);
    void addCallFields(const Step &step);
    void addGatherFields(const Step &step);
    void addResourceField(const Step &step, const FieldSpec &field);
    void addExceptField(const Step &step);
    void addFinallyField(const Step &step);
    void addCardFields(const Coroutine &coroutine);
    void addScenarioFields();
    QLineEdit *textEditor(const QString &key, const QString &label, const QString &value,
                          std::function<void(Step &, const QString &)> apply);
    void quantityEditor(const QString &key, const QString &label, const QString &value,
                        std::function<void(Step &, const Quantity &)> apply);
    void commitStep(const QString &what, const std::function<void(Step &)> &change);
    void commit(const Scenario &edited, const QString &what);

    ScenarioDocument *m_document;
    QWidget *m_form = nullptr;
    QFormLayout *m_layout = nullptr;
    QString m_coroutine;
    QString m_stepId;
    QHash<QString, QWidget *> m_editors;
    QHash<QString, QLabel *> m_problemLabels;
    std::vector<ScenarioProblem> m_problems;
    bool m_committing = false;
};

// "seconds" for "coroutines[0].steps[1].seconds" under "coroutines[0].steps[1]"; the first key
// after the prefix, empty when the problem is about the prefix itself or elsewhere.
QString problemField(const QString &problemPath, const QString &ownerPath);

} // namespace loopscope
