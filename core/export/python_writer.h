// Writes the Python program of a scenario line by line. Private to the Python export:
// python_program.cpp writes the module (imports, resources, definitions), python_steps.cpp the
// statements of each step.
#pragma once

#include "scenario/scenario.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace loopscope::python {

class ProgramWriter
{
public:
    explicit ProgramWriter(const Scenario &scenario);
    QString program();

private:
    // python_program.cpp: the module
    void writeHeader();
    void writeImports();
    void writeBurn();
    void writeResources();
    void writeCoroutine(const Coroutine &coroutine);
    QString parameters(const Coroutine &callee); // binds them, writes their defaults
    void writeMainSetup();
    void nameGlobals();
    void noteModuleVariables();
    void noteNeeds(const Step &step);
    bool needsLoop(const Coroutine &coroutine, bool isMain) const;
    QString resourceConstructor(const Resource &resource) const;
    int defaultPoolWorkers() const;

    // python_steps.cpp: the statements
    void writeSteps(const Steps &steps);
    void writeStep(const Step &step);
    void writeTaskOp(const Step &step);
    void writeResourceOp(const Step &step);
    void writeQueueOp(const Step &step);
    void writeBody(const Step &step);
    void writeTry(const Step &step);
    void writeGather(const Step &step);
    void writeWaitFor(const Step &step);
    // python_prims.cpp: issue 15's missing primitives
    void writePrimitive(const Step &step);
    void writeFunction(const Coroutine &function);
    QString functionArgs(const QString &function, const PyArgs &args) const;
    QString offloadedCall(const Step &step) const;
    QString awaitable(const Step &step) const;
    QString itemText(const GatherItem &item, bool asTask) const;
    QString itemList(const std::vector<GatherItem> &items) const;
    QString seconds(const Quantity &q) const;
    QString taskText(const QString &task) const; // a task field: a variable or an expression
    QString coroCall(const QString &coro, const PyArgs &args) const;
    QString taskName(const QString &name) const;
    QString resourceName(const QString &id) const;
    QString localName(const QString &scenarioName) const;
    QString bind(const QString &scenarioName);
    QString boundName(const QString &scenarioName) const;
    QString variable(const QString &scenarioName) const; // "" when not bound

    // python_flow.cpp: values, expressions and control flow
    void writeFlow(const Step &step);
    void writeProgram();
    void body(const Steps &steps);
    QString pyName(const QString &name) const;
    QString renamed(const QString &text, bool fstring) const;
    QString expression(const QString &text) const;
    QString printText(const QString &body) const;
    QString value(const PyValue &v) const;
    QString target(const QString &text);
    QString assigned(const Step &step, const QString &rhs);

    // output
    void line(const QString &code, const QString &label = {});
    void blank() { m_lines << QString(); }

    const Scenario &m_scenario;
    QStringList m_lines;
    int m_indent = 0;
    QHash<QString, QString> m_globals; // coroutine and resource names -> Python names
    QSet<QString> m_globalNames;       // the values of m_globals
    QHash<QString, QString> m_locals;  // bound in the current coroutine
    QStringList m_taskGroups;          // enclosing `async with TaskGroup() as tgN`
    bool m_usesToThread = false;       // asyncio.to_thread: the default pool is set explicitly
    bool m_usesBurn = false;           // some CPU work: define burn()
    bool m_ownLoop = false;            // the program runs the loop itself (run_forever)
    bool m_usesTime = false;           // time.sleep somewhere
    bool m_cpuCountMatters = false;    // a pool is sized from python.cpu_count
    QSet<QString> m_mentions;          // modules expressions use: random, time, loop
    QSet<QString> m_moduleVariables;   // bound by the program or declared global
};

} // namespace loopscope::python
