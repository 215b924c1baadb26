// One statement (or block) per step, as scenario-format.md's table gives its asyncio meaning.
#include "export/python_text.h"
#include "export/python_writer.h"
#include "scenario/json_text.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace loopscope::python {

namespace {

// The class an `except` or `raise` names; "*" is `except Exception` (not CancelledError).
QString exceptionClass(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    if (name == QLatin1String("CancelledError") || name == QLatin1String("QueueFull")
        || name == QLatin1String("QueueEmpty") || name == QLatin1String("BrokenBarrierError")
        || name == QLatin1String("InvalidStateError"))
        return QStringLiteral("asyncio.") + name;
    if (name == QLatin1String("*") || !plain.match(name).hasMatch())
        return QStringLiteral("Exception");
    return name;
}

// `<cls>(<message>)` as scenario-format.md defines `raise` for the classes that do not take
// one message: a group holds one exception with the message; a Unicode error is that of a
// fixed input, with the message as its reason (Python's own reason when there is none).
QString raisedException(const QString &cls, const QString &message)
{
    const QString text = message.isEmpty() ? QStringLiteral("\"\"") : message;
    const auto reason = [&](const char *python) {
        return message.isEmpty() ? QStringLiteral("\"%1\"").arg(QLatin1String(python)) : message;
    };
    if (cls == QLatin1String("ExceptionGroup"))
        return QStringLiteral("ExceptionGroup(%1, [Exception(%1)])").arg(text);
    if (cls == QLatin1String("BaseExceptionGroup"))
        return QStringLiteral("BaseExceptionGroup(%1, [BaseException(%1)])").arg(text);
    if (cls == QLatin1String("UnicodeDecodeError"))
        return QStringLiteral("UnicodeDecodeError(\"utf-8\", b\"\\xff\", 0, 1, %1)")
            .arg(reason("invalid start byte"));
    if (cls == QLatin1String("UnicodeEncodeError"))
        return QStringLiteral("UnicodeEncodeError(\"ascii\", \"\\xe9\", 0, 1, %1)")
            .arg(reason("ordinal not in range(128)"));
    if (cls == QLatin1String("UnicodeTranslateError"))
        return QStringLiteral("UnicodeTranslateError(\"\\xe9\", 0, 1, %1)")
            .arg(reason("character maps to <undefined>"));
    return QStringLiteral("%1(%2)").arg(cls, message);
}

} // namespace

// A parameter's or variable's Python name: a local must not hide a coroutine or a resource.
QString ProgramWriter::localName(const QString &scenarioName) const
{
    // A program that runs the loop itself names it `loop` (loop = asyncio.new_event_loop()):
    // the name means that loop in every scope, as `loop.` in an expression always does.
    if (m_ownLoop && scenarioName == QLatin1String("loop"))
        return scenarioName;
    QString py = identifier(scenarioName);
    while (m_globalNames.contains(py))
        py += QLatin1Char('_');
    return py;
}

QString ProgramWriter::bind(const QString &scenarioName)
{
    QString py = localName(scenarioName);
    m_locals.insert(scenarioName, py);
    return py;
}

QString ProgramWriter::variable(const QString &scenarioName) const
{
    return m_locals.value(scenarioName);
}

// A variable that validation guarantees is bound; the fallback only keeps the text sane.
QString ProgramWriter::boundName(const QString &scenarioName) const
{
    const QString py = variable(scenarioName);
    return py.isEmpty() ? localName(scenarioName) : py;
}

QString ProgramWriter::resourceName(const QString &id) const
{
    return m_globals.value(id, identifier(id));
}

QString ProgramWriter::taskText(const QString &task) const
{
    return json::isIdentifier(task) ? boundName(task) : expression(task);
}

QString ProgramWriter::seconds(const Quantity &q) const
{
    if (q.isParam() && !json::isIdentifier(q.param))
        return QLatin1Char('(') + expression(q.param) + QStringLiteral(") * SCALE");
    if (q.isParam()) {
        const QString v = variable(q.param);
        return (v.isEmpty() ? localName(q.param) : v) + QStringLiteral(" * SCALE");
    }
    if (std::isinf(q.value))
        return QStringLiteral("None"); // wait_for's timeout=None
    return number(q.value) + QStringLiteral(" * SCALE");
}

// Keyword arguments in the order of the callee's parameters (a JSON object has no order).
QString ProgramWriter::coroCall(const QString &coro, const PyArgs &args) const
{
    QStringList order;
    if (const Coroutine *callee = m_scenario.coroutine(coro))
        order = QStringList(callee->params.begin(), callee->params.end());
    for (auto it = args.begin(); it != args.end(); ++it)
        if (!order.contains(it.key()))
            order << it.key();
    QStringList keywords;
    for (const QString &param : order)
        if (args.contains(param))
            keywords << localName(param) + QLatin1Char('=') + value(args.value(param));
    return m_globals.value(coro, identifier(coro)) + QLatin1Char('(')
           + keywords.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QString ProgramWriter::taskName(const QString &name) const
{
    if (name.isEmpty())
        return {};
    return QStringLiteral(", name=") + text(name, [this](const QString &n) { return variable(n); });
}

void ProgramWriter::writeSteps(const Steps &steps)
{
    if (steps.empty())
        line(QStringLiteral("pass"));
    for (const Step &step : steps)
        writeStep(step);
}

void ProgramWriter::writeStep(const Step &step)
{
    const auto lookup = [this](const QString &n) { return variable(n); };
    const QString task = taskText(step.task);
    switch (step.kind) {
    case StepKind::Sleep:
        return line(QStringLiteral("await asyncio.sleep(%1)").arg(seconds(step.seconds)),
                    step.label);
    case StepKind::Cpu:
        return line(QStringLiteral("burn(%1)").arg(seconds(step.seconds)), step.label);
    case StepKind::Block:
        return line(QStringLiteral("time.sleep(%1)").arg(seconds(step.seconds)), step.label);
    case StepKind::Print:
        return line(QStringLiteral("print(%1%2)")
                        .arg(printText(step.text),
                             step.end == QLatin1String("\n")
                                 ? QString()
                                 : QStringLiteral(", end=") + PyValue(step.end).repr()),
                    step.label);
    case StepKind::Call: // without await: CPython warns "coroutine ... was never awaited"
        if (!step.awaited)
            return line(coroCall(step.coro, step.args), step.label);
        return line(assigned(step, QStringLiteral("await ") + coroCall(step.coro, step.args)),
                    step.label);
    case StepKind::Await:
        return line(assigned(step, QStringLiteral("await ") + task), step.label);
    case StepKind::Return:
    case StepKind::If:
    case StepKind::For:
    case StepKind::While:
    case StepKind::Break:
    case StepKind::Continue:
    case StepKind::Set:
    case StepKind::Run:
        return writeFlow(step);
    case StepKind::Cancel:
        return line(task + QStringLiteral(".cancel()"), step.label);
    case StepKind::Raise: {
        if (step.error.isEmpty())
            return line(QStringLiteral("raise"), step.label);
        const QString cls = exceptionClass(step.error);
        const QString message = step.message.isEmpty() ? QString() : text(step.message, lookup);
        return line(QStringLiteral("raise ") + raisedException(cls, message), step.label);
    }
    case StepKind::CreateTask:
        return writeTaskOp(step);
    case StepKind::Gather:
        return writeGather(step);
    case StepKind::WaitFor:
        return writeWaitFor(step);
    case StepKind::ToThread:
    case StepKind::RunInExecutor:
    case StepKind::PutNowait:
    case StepKind::GetNowait:
    case StepKind::CallSoon:
    case StepKind::CallLater:
    case StepKind::RunForever:
    case StepKind::Stop:
    case StepKind::Close:
    case StepKind::RunUntilComplete:
    case StepKind::Wait:
    case StepKind::AsCompleted:
    case StepKind::Shield:
    case StepKind::ConditionWait:
    case StepKind::ConditionWaitFor:
    case StepKind::Notify:
    case StepKind::NotifyAll:
    case StepKind::BarrierWait:
    case StepKind::Timeout:
        return writePrimitive(step);
    case StepKind::With:
    case StepKind::Acquire:
    case StepKind::Release:
    case StepKind::EventWait:
    case StepKind::EventSet:
    case StepKind::EventClear:
    case StepKind::FutureSet:
    case StepKind::FutureAwait:
        return writeResourceOp(step);
    case StepKind::Put:
    case StepKind::Get:
    case StepKind::TaskDone:
    case StepKind::Join:
        return writeQueueOp(step);
    case StepKind::TaskGroup:
    case StepKind::Repeat:
    case StepKind::Drain:
        return writeBody(step);
    case StepKind::Try:
        return writeTry(step);
    }
}

void ProgramWriter::writeTaskOp(const Step &step)
{
    const QString creator
        = m_taskGroups.isEmpty() ? QStringLiteral("asyncio") : m_taskGroups.last();
    const QString call = QStringLiteral("%1.create_task(%2%3)")
                             .arg(creator, coroCall(step.coro, step.args), taskName(step.name));
    line(step.as.isEmpty() ? call : bind(step.as) + QStringLiteral(" = ") + call, step.label);
}

void ProgramWriter::writeGather(const Step &step)
{
    QStringList items;
    for (const GatherItem &item : step.items) // gather cannot name a task: named ones are made
        items << itemText(item, false);
    if (step.returnExceptions)
        items << QStringLiteral("return_exceptions=True");
    if (items.size() <= 1)
        return line(
            assigned(step, QStringLiteral("await asyncio.gather(%1)").arg(items.join(QString()))),
            step.label);
    line(assigned(step, QStringLiteral("await asyncio.gather(")), step.label);
    for (const QString &item : items)
        line(QStringLiteral("    ") + item + QLatin1Char(','));
    line(QStringLiteral(")"));
}

// With a coroutine, 3.12's wait_for runs it in the caller's task under asyncio.timeout;
// writing exactly that keeps 3.11 (which would wrap it in a task) equivalent. A timeout <= 0
// is the exception: wait_for (3.11 and 3.12 alike) then wraps the coroutine in a task and
// cancels it before it runs, where asyncio.timeout(0) would let it run to its first await.
// A timeout from a parameter is only known when the program runs, so it gets both, behind an if.
void ProgramWriter::writeWaitFor(const Step &step)
{
    const QString to = step.as.isEmpty() ? QString() : target(step.as) + QStringLiteral(" = ");
    if (!step.timeout.isParam() && step.timeout.value <= 0) {
        const QString awaited
            = step.task.isEmpty() ? coroCall(step.coro, step.args) : taskText(step.task);
        return line(to
                        + QStringLiteral("await asyncio.wait_for(%1, %2)")
                              .arg(awaited, seconds(step.timeout)),
                    step.label);
    }
    if (!step.task.isEmpty()) {
        return line(to
                        + QStringLiteral("await asyncio.wait_for(%1, %2)")
                              .arg(taskText(step.task), seconds(step.timeout)),
                    step.label);
    }
    const QString timeout = seconds(step.timeout);
    const QString call = coroCall(step.coro, step.args);
    if (step.timeout.isParam()) {
        line(QStringLiteral("if %1 > 0:").arg(timeout), step.label);
        ++m_indent;
    }
    line(QStringLiteral("async with asyncio.timeout(%1):  # wait_for(%2(), ...) as in 3.12")
             .arg(timeout, m_globals.value(step.coro, identifier(step.coro))),
         step.timeout.isParam() ? QString() : step.label);
    line(QStringLiteral("    ") + to + QStringLiteral("await ") + call);
    if (step.timeout.isParam()) {
        --m_indent;
        line(QStringLiteral("else:  # a timeout <= 0 cancels the coroutine before it starts"));
        line(QStringLiteral("    ") + to
             + QStringLiteral("await asyncio.wait_for(%1, %2)").arg(call, timeout));
    }
}

void ProgramWriter::writeResourceOp(const Step &step)
{
    const QString r = resourceName(step.resource);
    switch (step.kind) {
    case StepKind::With:
        line(QStringLiteral("async with %1:").arg(r), step.label);
        ++m_indent;
        writeSteps(step.steps);
        --m_indent;
        return;
    case StepKind::Acquire:
        return line(QStringLiteral("await %1.acquire()").arg(r), step.label);
    case StepKind::Release:
        return line(QStringLiteral("%1.release()").arg(r), step.label);
    case StepKind::EventWait:
        return line(QStringLiteral("await %1.wait()").arg(r), step.label);
    case StepKind::EventSet:
        return line(QStringLiteral("%1.set()").arg(r), step.label);
    case StepKind::EventClear:
        return line(QStringLiteral("%1.clear()").arg(r), step.label);
    case StepKind::FutureSet:
        return line(QStringLiteral("%1.set_result(%2)").arg(r, value(step.value)), step.label);
    case StepKind::FutureAwait:
        return line(assigned(step, QStringLiteral("await %1").arg(r)), step.label);
    default:
        return;
    }
}

void ProgramWriter::writeQueueOp(const Step &step)
{
    const QString q = resourceName(step.resource);
    switch (step.kind) {
    case StepKind::Put:
        return line(QStringLiteral("await %1.put(%2)").arg(q, value(step.item)), step.label);
    case StepKind::Get: {
        const QString get = QStringLiteral("await %1.get()").arg(q);
        return line(step.as.isEmpty() ? get : target(step.as) + QStringLiteral(" = ") + get,
                    step.label);
    }
    case StepKind::TaskDone:
        return line(QStringLiteral("%1.task_done()").arg(q), step.label);
    case StepKind::Join:
        return line(QStringLiteral("await %1.join()").arg(q), step.label);
    default:
        return;
    }
}

void ProgramWriter::writeBody(const Step &step)
{
    if (step.kind == StepKind::TaskGroup) {
        const QString tg = m_taskGroups.isEmpty()
                               ? QStringLiteral("tg")
                               : QStringLiteral("tg%1").arg(m_taskGroups.size() + 1);
        line(QStringLiteral("async with asyncio.TaskGroup() as %1:").arg(tg), step.label);
        m_taskGroups << tg;
        ++m_indent;
        writeSteps(step.steps);
        --m_indent;
        m_taskGroups.removeLast();
        return;
    }
    if (step.kind == StepKind::Repeat) {
        const QString var = step.var.isEmpty() ? QStringLiteral("_") : bind(step.var);
        if (!step.count)
            line(QStringLiteral("while True:"), step.label);
        else if (step.count->isParam())
            line(QStringLiteral("for %1 in range(%2):").arg(var, boundName(step.count->param)),
                 step.label);
        else
            line(QStringLiteral("for %1 in range(%2):").arg(var).arg(qint64(step.count->value)),
                 step.label);
    } else { // drain
        line(QStringLiteral("while not %1.empty():").arg(resourceName(step.resource)), step.label);
        const QString get = QStringLiteral("    await %1.get()").arg(resourceName(step.resource));
        line(step.as.isEmpty()
                 ? get
                 : QStringLiteral("    ") + bind(step.as) + QStringLiteral(" =") + get.mid(3));
    }
    ++m_indent;
    writeSteps(step.steps);
    --m_indent;
}

void ProgramWriter::writeTry(const Step &step)
{
    line(QStringLiteral("try:"), step.label);
    ++m_indent;
    writeSteps(step.steps);
    --m_indent;
    std::vector<const ExceptClause *> clauses;
    for (const ExceptClause &clause : step.excepts)
        clauses.push_back(&clause);
    std::stable_partition(clauses.begin(), clauses.end(),
                          [](const ExceptClause *c) { return c->error != QLatin1String("*"); });
    for (const ExceptClause *clause : clauses) {
        const QString as
            = clause->as.isEmpty() ? QString() : QStringLiteral(" as ") + bind(clause->as);
        line(QStringLiteral("except %1%2:").arg(exceptionClass(clause->error), as));
        ++m_indent;
        writeSteps(clause->steps);
        --m_indent;
    }
    if (step.finallySteps || clauses.empty()) { // a bare try needs one of the two
        line(QStringLiteral("finally:"));
        ++m_indent;
        writeSteps(step.finallySteps.value_or(Steps{}));
        --m_indent;
    }
}

} // namespace loopscope::python
