// The Python of issue 15's missing primitives: plain functions, call_soon / call_later,
// put_nowait / get_nowait, wait, as_completed, shield, Condition, Barrier, the timeout block,
// and the awaitables gather, wait and as_completed take.
#include "export/python_text.h"
#include "export/python_writer.h"

namespace loopscope::python {

// Positional arguments in the order of the function's parameters.
QString ProgramWriter::functionArgs(const QString &function, const PyArgs &args) const
{
    QStringList values; // "$n + 1" is the expression, as in a coroutine's arguments
    const Coroutine *f = m_scenario.function(function);
    std::size_t given = 0; // positional: the defaults of the last ones left out are left out
    for (std::size_t i = 0; f && i < f->params.size(); ++i)
        if (args.contains(f->params[i]) || !f->defaults.contains(f->params[i]))
            given = i + 1;
    for (std::size_t i = 0; i < given; ++i) {
        const QString &param = f->params[i];
        values << value(args.contains(param) ? args.value(param) : f->defaults.value(param));
    }
    return values.isEmpty() ? QString() : QStringLiteral(", ") + values.join(QStringLiteral(", "));
}

// The call to_thread or run_in_executor hands its pool: a function, or burn / time.sleep.
QString ProgramWriter::offloadedCall(const Step &step) const
{
    if (!step.function.isEmpty())
        return identifier(step.function) + functionArgs(step.function, step.args);
    const QString fn
        = step.work == WorkKind::Cpu ? QStringLiteral("burn") : QStringLiteral("time.sleep");
    return fn + QStringLiteral(", ") + seconds(step.seconds);
}

// The awaitable expression of an offload, shield or sleep step (without `await`).
QString ProgramWriter::awaitable(const Step &step) const
{
    switch (step.kind) {
    case StepKind::Sleep:
        return QStringLiteral("asyncio.sleep(%1)").arg(seconds(step.seconds));
    case StepKind::ToThread:
        return QStringLiteral("asyncio.to_thread(%1)").arg(offloadedCall(step));
    case StepKind::RunInExecutor:
        return QStringLiteral("loop.run_in_executor(%1, %2)")
            .arg(step.resource.isEmpty() ? QStringLiteral("None") : resourceName(step.resource),
                 offloadedCall(step));
    case StepKind::Shield:
        return QStringLiteral("asyncio.shield(%1)")
            .arg(step.task.isEmpty() ? coroCall(step.coro, step.args) : taskText(step.task));
    default:
        return {};
    }
}

// One item of gather, wait or as_completed. wait() refuses coroutines: those become tasks.
QString ProgramWriter::itemText(const GatherItem &item, bool asTask) const
{
    if (item.isOp()) {
        // sleep and to_thread are coroutines: wait() refuses them bare, as_completed would
        // order them by a set. run_in_executor and shield give futures already.
        const Step &op = item.awaitable.front();
        const bool coroutine = op.kind == StepKind::Sleep || op.kind == StepKind::ToThread;
        return asTask && coroutine ? QStringLiteral("asyncio.create_task(%1)").arg(awaitable(op))
                                   : awaitable(op);
    }
    if (item.isStar())
        return QLatin1Char('*') + item.star;
    if (item.isTask())
        return taskText(item.task);
    if (asTask || !item.name.isEmpty())
        return QStringLiteral("asyncio.create_task(%1%2)")
            .arg(coroCall(item.coro, item.args), taskName(item.name));
    return coroCall(item.coro, item.args);
}

QString ProgramWriter::itemList(const std::vector<GatherItem> &items) const
{
    QStringList texts;
    for (const GatherItem &item : items)
        texts << itemText(item, true);
    return QLatin1Char('[') + texts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

void ProgramWriter::writeFunction(const Coroutine &function)
{
    m_locals.clear();
    const QString params = parameters(function);
    blank();
    blank();
    line(QStringLiteral("def %1(%2):").arg(identifier(function.name), params));
    ++m_indent;
    writeSteps(function.steps);
    --m_indent;
}

void ProgramWriter::writePrimitive(const Step &step)
{
    const QString r = resourceName(step.resource);
    // The loop a call_soon, call_later, stop, run_forever or close is made on.
    const QString loop = step.loop.isEmpty() ? QStringLiteral("asyncio.get_running_loop()")
                                             : expression(step.loop);
    switch (step.kind) {
    case StepKind::ToThread:
    case StepKind::RunInExecutor:
    case StepKind::Shield:
        return line(assigned(step, QStringLiteral("await ") + awaitable(step)), step.label);
    case StepKind::PutNowait:
        return line(QStringLiteral("%1.put_nowait(%2)").arg(r, value(step.item)), step.label);
    case StepKind::GetNowait:
        return line(assigned(step, r + QStringLiteral(".get_nowait()")), step.label);
    case StepKind::CallSoon:
        return line(
            QStringLiteral("%1.call_soon(%2%3)")
                .arg(loop, identifier(step.function), functionArgs(step.function, step.args)),
            step.label);
    case StepKind::CallLater:
        return line(QStringLiteral("%1.call_later(%2, %3%4)")
                        .arg(loop, seconds(step.delay), identifier(step.function),
                             functionArgs(step.function, step.args)),
                    step.label);
    case StepKind::RunForever:
    case StepKind::Stop:
    case StepKind::Close:
        return line(QStringLiteral("%1.%2()").arg(loop, opName(step.kind)), step.label);
    case StepKind::RunUntilComplete:
        return line(assigned(step, QStringLiteral("%1.run_until_complete(%2)")
                                       .arg(loop, coroCall(step.coro, step.args))),
                    step.label);
    case StepKind::Wait: {
        QString call = QStringLiteral("asyncio.wait(%1").arg(itemList(step.items));
        if (step.limit)
            call += QStringLiteral(", timeout=") + seconds(*step.limit);
        if (!step.returnWhen.isEmpty())
            call += QStringLiteral(", return_when=asyncio.") + step.returnWhen;
        return line(assigned(step, QStringLiteral("await ") + call + QLatin1Char(')')), step.label);
    }
    case StepKind::AsCompleted: {
        QString call = QStringLiteral("asyncio.as_completed(%1").arg(itemList(step.items));
        if (step.limit)
            call += QStringLiteral(", timeout=") + seconds(*step.limit);
        line(QStringLiteral("for _next in %1):").arg(call), step.label);
        ++m_indent;
        line(assigned(step, QStringLiteral("await _next")));
        writeSteps(step.steps);
        --m_indent;
        return;
    }
    case StepKind::ConditionWait:
        return line(QStringLiteral("await %1.wait()").arg(r), step.label);
    case StepKind::ConditionWaitFor:
        return line(QStringLiteral("await %1.wait_for(lambda: %2)").arg(r, step.predicate),
                    step.label);
    case StepKind::Notify:
        return line(
            step.n == Quantity::literal(1)
                ? QStringLiteral("%1.notify()").arg(r)
                : QStringLiteral("%1.notify(%2)")
                      .arg(r, step.n.isParam() ? boundName(step.n.param) : number(step.n.value)),
            step.label);
    case StepKind::NotifyAll:
        return line(QStringLiteral("%1.notify_all()").arg(r), step.label);
    case StepKind::BarrierWait:
        return line(assigned(step, QStringLiteral("await %1.wait()").arg(r)), step.label);
    case StepKind::Timeout:
        line(QStringLiteral("async with asyncio.timeout(%1):")
                 .arg(step.limit ? seconds(*step.limit) : QStringLiteral("None")),
             step.label);
        ++m_indent;
        writeSteps(step.steps);
        --m_indent;
        return;
    default:
        return;
    }
}

} // namespace loopscope::python
