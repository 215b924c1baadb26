#include "canvas/block_style.h"
#include "canvas/step_field_text.h"

#include "timeline/timeline_theme.h"

#include <QPainter>
#include <QPixmap>

namespace loopscope {

QString paletteGroupName(PaletteGroup group)
{
    switch (group) {
    case PaletteGroup::Waiting:
        return QStringLiteral("Waiting");
    case PaletteGroup::Work:
        return QStringLiteral("Work");
    case PaletteGroup::Sync:
        return QStringLiteral("Sync");
    case PaletteGroup::Tasks:
        return QStringLiteral("Tasks");
    case PaletteGroup::Pools:
        return QStringLiteral("Pools");
    case PaletteGroup::Control:
        return QStringLiteral("Control");
    }
    return {};
}

PaletteGroup paletteGroup(StepKind kind)
{
    return opSpec(kind).group;
}

PaletteGroup paletteGroup(ResourceKind kind)
{
    return resourceSpec(kind).group;
}

std::optional<LaneState> causedState(StepKind kind)
{
    switch (opSpec(kind).lane) {
    case OpLane::Instant:
        return std::nullopt;
    case OpLane::Running:
        return LaneState::Running;
    case OpLane::Blocking:
        return LaneState::Blocking;
    case OpLane::Waiting:
        return LaneState::Waiting;
    case OpLane::Blocked:
        return LaneState::Blocked;
    }
    return std::nullopt;
}

QColor blockColor(StepKind kind)
{
    const auto state = causedState(kind);
    return state ? stateColor(*state) : QColor(0xC8, 0xC8, 0xCC);
}

QString asyncioEquivalent(StepKind kind)
{
    return QString::fromUtf8(opSpec(kind).python);
}

QString asyncioEquivalent(ResourceKind kind)
{
    return QString::fromUtf8(resourceSpec(kind).python);
}

namespace {

// As the Python pane writes the argument: a float with its fraction (`1.0`), True, None.
// A value field as the Python it stands for: "$x + 1" is x + 1.
QString valueText(const PyValue &value);

QString argumentText(const PyValue &value)
{
    if (value.isString()) {
        const QString text = value.toString();
        return text.startsWith(QLatin1Char('$')) ? text
                                                 : QLatin1Char('"') + text + QLatin1Char('"');
    }
    switch (value.kind()) {
    case PyValue::Kind::Absent:
    case PyValue::Kind::List:
    case PyValue::Kind::Dict:
        return QStringLiteral("\u2026");
    default:
        return value.repr();
    }
}

QString valueText(const PyValue &value)
{
    const QString text = value.toString();
    if (value.isString() && text.startsWith(u'$') && !text.startsWith(QLatin1String("$$")))
        return text.mid(1);
    return argumentText(value);
}

// "fetch(n=1, delay=$d)": the arguments in the order of the callee's parameters, then any
// the callee does not take (the validator names those) in key order.
QString callText(const Step &step, const Scenario *scenario)
{
    if (step.coro.isEmpty())
        return step.task;
    QStringList keys;
    if (const Coroutine *callee = scenario ? scenario->coroutine(step.coro) : nullptr)
        for (const QString &param : callee->params)
            if (step.args.contains(param))
                keys << param;
    for (auto it = step.args.begin(); it != step.args.end(); ++it)
        if (!keys.contains(it.key()))
            keys << it.key();
    QStringList args;
    for (const QString &key : keys)
        args << key + QLatin1Char('=') + argumentText(step.args.value(key));
    return step.coro + QLatin1Char('(') + args.join(QStringLiteral(", ")) + QLatin1Char(')');
}

// "work(1, 2)": a plain function's call, its arguments in the order of its parameters.
QString functionText(const Step &step, const Scenario *scenario)
{
    QStringList args;
    if (const Coroutine *function = scenario ? scenario->function(step.function) : nullptr)
        for (const QString &param : function->params)
            args << valueText(step.args.value(param));
    return step.function + QLatin1Char('(') + args.join(QStringLiteral(", ")) + QLatin1Char(')');
}

} // namespace

QString blockText(const Step &step, const Scenario *scenario)
{
    const QString op = opName(step.kind);
    using K = StepKind;
    // An await's result bound with `as`: "r = call f()", "L = gather ×3".
    const bool awaits = step.kind == K::Call || step.kind == K::Await || step.kind == K::Gather
                        || step.kind == K::WaitFor || step.kind == K::FutureAwait
                        || step.kind == K::ToThread || step.kind == K::RunInExecutor
                        || step.kind == K::Run || step.kind == K::Wait || step.kind == K::Shield
                        || step.kind == K::BarrierWait || step.kind == K::GetNowait;
    if (awaits && !step.as.isEmpty()) {
        Step bare = step;
        bare.as.clear();
        return QStringLiteral("%1 = %2").arg(step.as, blockText(bare, scenario));
    }
    switch (step.kind) {
    case K::Sleep:
    case K::Cpu:
    case K::Block:
        return QStringLiteral("%1 %2 s").arg(op, quantityText(step.seconds));
    case K::ToThread:
        return step.function.isEmpty()
                   ? QStringLiteral("%1 %2 s").arg(op, quantityText(step.seconds))
                   : QStringLiteral("%1 %2").arg(op, functionText(step, scenario));
    case K::RunInExecutor: {
        const QString pool = step.resource.isEmpty() ? QStringLiteral("None") : step.resource;
        return step.function.isEmpty()
                   ? QStringLiteral("%1 %2 %3 s").arg(op, pool, quantityText(step.seconds))
                   : QStringLiteral("%1 %2 %3").arg(op, pool, functionText(step, scenario));
    }
    // slice D's primitives: what the block waits on or schedules, at a glance.
    case K::CallSoon:
        return QStringLiteral("call_soon %1").arg(functionText(step, scenario));
    case K::CallLater:
        return QStringLiteral("call_later %1 s %2")
            .arg(quantityText(step.delay), functionText(step, scenario));
    case K::PutNowait:
        return QStringLiteral("put_nowait %1 \u2190 %2").arg(step.resource, valueText(step.item));
    case K::Wait:
    case K::AsCompleted: {
        QString text = QStringLiteral("%1 \u00d7%2").arg(op).arg(step.items.size());
        if (!step.returnWhen.isEmpty())
            text += QLatin1Char(' ') + step.returnWhen;
        if (step.limit)
            text += QStringLiteral(", %1 s").arg(quantityText(*step.limit));
        return step.kind == K::AsCompleted && !step.as.isEmpty()
                   ? QStringLiteral("for %1 in %2").arg(step.as, text)
                   : text;
    }
    case K::Shield:
        return QStringLiteral("shield %1").arg(callText(step, scenario));
    case K::ConditionWaitFor:
        return QStringLiteral("%1 %2: %3").arg(op, step.resource, step.predicate);
    case K::Notify:
        return QStringLiteral("notify %1 \u00d7%2").arg(step.resource, quantityText(step.n));
    case K::Timeout:
        return step.limit ? QStringLiteral("timeout %1 s").arg(quantityText(*step.limit))
                          : QStringLiteral("timeout None");
    case K::Print:
        return QStringLiteral("print \"%1\"").arg(step.text);
    case K::Call:
        return step.awaited
                   ? QStringLiteral("call %1").arg(callText(step, scenario))
                   : QStringLiteral("call %1 \u2014 not awaited").arg(callText(step, scenario));
    case K::CreateTask:
        return step.as.isEmpty()
                   ? QStringLiteral("create_task %1").arg(callText(step, scenario))
                   : QStringLiteral("%1 = create_task %2").arg(step.as, callText(step, scenario));
    case K::WaitFor:
        return QStringLiteral("wait_for %1, %2 s")
            .arg(callText(step, scenario), quantityText(step.timeout));
    case K::Await:
    case K::Cancel:
        return QStringLiteral("%1 %2").arg(op, step.task);
    case K::Gather:
        return QStringLiteral("gather \u00d7%1").arg(step.items.size());
    case K::Repeat:
        return step.count
                   ? QStringLiteral("repeat %1 \u00d7%2").arg(step.var, quantityText(*step.count))
                   : QStringLiteral("repeat forever");
    case K::Get:
    case K::Drain:
        return QStringLiteral("%1 %2 \u2192 %3").arg(op, step.resource, step.as);
    case K::Raise: // a bare raise re-raises what is being handled
        return step.error.isEmpty() ? op : QStringLiteral("raise %1").arg(step.error);
    case K::Return:
        return step.value.isAbsent() || step.value.isNone()
                   ? op
                   : QStringLiteral("return %1").arg(valueText(step.value));
    case K::If:
    case K::While:
        return QStringLiteral("%1 %2").arg(op, step.cond);
    case K::For:
        return QStringLiteral("for %1 in %2").arg(step.var, step.iterable);
    case K::Set:
        return QStringLiteral("%1 = %2").arg(step.name, valueText(step.value));
    case K::Run:
        return QStringLiteral("asyncio.run(%1)").arg(callText(step, scenario));
    default:
        return step.resource.isEmpty() ? op : QStringLiteral("%1 %2").arg(op, step.resource);
    }
}

QString stepSummary(const Step &step, const Scenario *scenario)
{
    const QString text = blockText(step, scenario);
    return step.label.isEmpty() ? text : text + QStringLiteral(" \u00b7 ") + step.label;
}

namespace {

QIcon glyphIcon(const QColor &fill, const QString &glyph)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(fill);
    painter.setPen(fill.darker(140));
    painter.drawRoundedRect(QRectF(2, 2, 28, 28), 6, 6);
    QFont font = painter.font();
    font.setPixelSize(13);
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(fill.lightness() > 150 ? Qt::black : Qt::white);
    painter.drawText(QRectF(2, 2, 28, 28), Qt::AlignCenter, glyph);
    return QIcon(pixmap);
}

// "create_task" -> "CT", "sleep" -> "Sl"
QString initials(const QString &name)
{
    const QStringList words = name.split(QLatin1Char('_'));
    if (words.size() > 1)
        return QString(words[0].front().toUpper()) + words[1].front().toUpper();
    return name.left(1).toUpper() + name.mid(1, 1);
}

} // namespace

QIcon stepIcon(StepKind kind)
{
    return glyphIcon(blockColor(kind), initials(opName(kind)));
}

QIcon resourceIcon(ResourceKind kind)
{
    return glyphIcon(QColor(0xCC, 0x79, 0xA7), initials(resourceKindName(kind)));
}

} // namespace loopscope
