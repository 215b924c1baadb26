// The loop's insides at the cursor: which callback runs now, the ready queue behind it in FIFO
// order, the timer heap by deadline, and what the selector waits for (pool futures, process
// pipes), each named by task and step. It shows what its LoopStepper says, nothing else.
#pragma once

#include "trace/loop_state.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace loopscope {

class LoopStepper;

class LoopView : public QWidget
{
    Q_OBJECT
public:
    explicit LoopView(LoopStepper *stepper, QWidget *parent = nullptr);

    // What is on screen, one line per row, for tests and the accessible text.
    QString headline() const;
    QString runningText() const;
    QStringList readyRows() const;
    QStringList timerRows() const;
    QStringList waitRows() const;

private:
    void refresh();
    QString describe(int lane, StringId step, StringId what) const;

    LoopStepper *m_stepper;
    QLabel *m_headline = nullptr;
    QLabel *m_running = nullptr;
    QListWidget *m_ready = nullptr;
    QListWidget *m_timers = nullptr;
    QListWidget *m_waits = nullptr;
};

} // namespace loopscope
