// Checking the steps of one coroutine. Variables follow Python's function scope in document
// order: a create_task `as` or a get `as` is visible to every step written after it; a repeat
// `var` and a drain `as` only inside their body.
// Internal to the scenario part: step_validate.cpp runs it on coroutines, functions and the
// program; step_checker.cpp walks the steps and their bodies; step_fields.cpp checks each field.
#pragma once

#include "scenario/json_text.h"
#include "scenario/op_table.h"
#include "scenario/scenario.h"
#include "scenario/validation.h"

#include <QStringList>

#include <initializer_list>

namespace loopscope {

class StepChecker
{
public:
    StepChecker(Validation &validation, const Coroutine &coroutine, bool module = false,
                bool function = false);

    void steps(const Steps &steps, const QString &path)
    {
        for (std::size_t i = 0; i < steps.size(); ++i)
            step(steps[i], json::indexPath(path, qsizetype(i)));
    }

private:
    QString of() const { return QStringLiteral(" of ") + json::quoted(m_coroutine.name); }

    static QStringList joined(std::initializer_list<const QStringList *> lists);

    void step(const Step &s, const QString &path);
    void fields(const Step &s, const QString &path);
    void field(const Step &s, const FieldSpec &field, const QString &at, const QString &stepPath);
    void gather(const Step &s, const QString &path);
    void star(const QString &text, const QString &path);
    void bodies(const Step &s, const QString &path);
    void duration(const Quantity &q, const QString &path);
    void count(const Quantity &q, const QString &path);
    void valueRefs(const PyValue &value, const QString &path);
    void coroCall(const QString &coro, const PyArgs &args, const QString &path);
    void functionCall(const QString &function, const PyArgs &args, const QString &path);
    void callArgs(const Coroutine &callee, const PyArgs &args, const QString &path);
    void returnWhen(const QString &when, const QString &path);
    void taskRef(const QString &task, const QString &path);
    void resourceRef(const Step &s, const QString &path);
    void identifier(const QString &name, const QString &path);
    void expression(const QString &text, const QString &path, bool fstring = false);
    void target(const QString &text, const QString &path);
    void controlFlow(const Step &s, const QString &path);
    QStringList known() const;

    Validation &v;
    const Coroutine &m_coroutine;
    QStringList m_params;
    QStringList m_tasks;  // create_task `as` written so far
    QStringList m_values; // get `as` written so far
    QStringList m_loops;  // repeat `var` and drain `as` of the bodies we are in
    QStringList m_items;  // drain `as` of the bodies we are in: a queue item, maybe a task
    // What expressions may read: every name the coroutine binds anywhere (Python's function
    // scope: read before it is bound, it fails when it runs), the module's globals, the
    // resources.
    QStringList m_bound;
    QStringList m_visible;   // and every other name the coroutine binds, and the resources
    bool m_module;           // the program's steps, not a coroutine's
    int m_loopDepth = 0;     // for, while, repeat, drain: where break and continue may be
    bool m_function = false; // the steps of a plain function: no await
};

} // namespace loopscope
