#include "loopview/loop_view.h"

#include "loopview/loop_stepper.h"

#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace loopscope {

namespace {

QListWidget *addList(QVBoxLayout *layout, const QString &title, const QString &name)
{
    auto *label = new QLabel(title);
    label->setStyleSheet(QStringLiteral("font-weight: bold"));
    layout->addWidget(label);
    auto *list = new QListWidget;
    list->setObjectName(name);
    list->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(list, 1);
    return list;
}

QStringList rowsOf(const QListWidget *list)
{
    QStringList rows;
    for (int i = 0; i < list->count(); ++i)
        rows << list->item(i)->text();
    return rows;
}

} // namespace

LoopView::LoopView(LoopStepper *stepper, QWidget *parent)
    : QWidget(parent)
    , m_stepper(stepper)
{
    auto *layout = new QVBoxLayout(this);
    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("loopHeadline"));
    layout->addWidget(m_headline);
    m_running = new QLabel(this);
    m_running->setObjectName(QStringLiteral("loopRunning"));
    m_running->setWordWrap(true);
    layout->addWidget(m_running);
    m_ready = addList(layout, tr("Ready queue (FIFO, next first)"), QStringLiteral("loopReady"));
    m_timers = addList(layout, tr("Timers (by deadline)"), QStringLiteral("loopTimers"));
    m_waits = addList(layout, tr("Selector waits for"), QStringLiteral("loopWaits"));
    connect(m_stepper, &LoopStepper::moved, this, &LoopView::refresh);
    refresh();
}

QString LoopView::describe(int lane, StringId step, StringId what) const
{
    const Trace &trace = *m_stepper->trace();
    QString text = lane >= 0 && std::size_t(lane) < trace.lanes.size()
                       ? trace.lanes[std::size_t(lane)].name
                       : QStringLiteral("(no task)");
    text += QStringLiteral(" · ") + trace.str(what);
    if (step != 0)
        text += QStringLiteral(" · ") + trace.str(step);
    return text;
}

void LoopView::refresh()
{
    m_ready->clear();
    m_timers->clear();
    m_waits->clear();
    if (!m_stepper->hasLoop()) {
        m_headline->setText(tr("No loop iterations in this trace"));
        m_running->clear();
        return;
    }
    const LoopTrace &loop = m_stepper->trace()->loop;
    const LoopPosition at = m_stepper->position();
    const LoopSnapshot s = m_stepper->snapshot();
    const std::size_t count = callbackCount(loop, s.iteration);
    m_headline->setText(tr("Iteration %1 of %2 · t = %3 s · callback %4 of %5")
                            .arg(s.iteration + 1)
                            .arg(loop.iterations.size())
                            .arg(s.t, 0, 'f', 3)
                            .arg(count == 0 ? 0 : at.callback + 1)
                            .arg(count));
    m_running->setText(
        s.running
            ? tr("Running now: %1").arg(describe(s.running->lane, s.running->step, s.running->what))
            : tr("Running now: nothing (the loop selects)"));
    for (const LoopCallback &cb : s.ready)
        m_ready->addItem(describe(cb.lane, cb.step, cb.what));
    for (const LoopTimer &timer : s.timers)
        m_timers->addItem(QStringLiteral("%1 s  ").arg(timer.when, 0, 'f', 3)
                          + describe(timer.lane, timer.step, timer.what));
    for (const LoopWait &wait : s.waits)
        m_waits->addItem(describe(wait.lane, wait.step, wait.on));
}

QString LoopView::headline() const
{
    return m_headline->text();
}

QString LoopView::runningText() const
{
    return m_running->text();
}

QStringList LoopView::readyRows() const
{
    return rowsOf(m_ready);
}

QStringList LoopView::timerRows() const
{
    return rowsOf(m_timers);
}

QStringList LoopView::waitRows() const
{
    return rowsOf(m_waits);
}

} // namespace loopscope
