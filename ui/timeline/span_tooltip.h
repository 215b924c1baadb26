// What the timeline says about one span when hovered: state, times, step, what it waits on and,
// for ready and blocked spans, who holds what it waits for (when the trace's events tell).
#pragma once

#include "trace/trace.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace loopscope {

// Names of the lanes holding `resource` at instant t: acquired at or before t, not released
// since (a semaphore has several holders). `except` is left out (the asking lane).
QStringList resourceHolders(const Trace &trace, const QString &resource, double t, int except = -1);

// Names of the task lanes occupying the loop thread (running or blocking) at instant t.
QStringList loopHolders(const Trace &trace, double t, int except = -1);

// "woken by worker-1 via sem" for a waiting or blocked span ended by a wake event; "" if none.
QString wokenBy(const Trace &trace, int lane, const Span &span);

// What the user wrote for each step id ("sleep 1 s · read account a"); the trace has ids only.
using StepTexts = QHash<QString, QString>;

// Plain text, one fact per line, e.g.
//   worker-2 · blocked on sem
//   1 s – 2 s (1 s)
//   with sem                  (the step, from `steps`; no line when it has no text there)
//   held by worker-1, worker-3
//   woken by worker-1 via sem
QString spanToolTip(const Trace &trace, int lane, int spanIndex, double t,
                    const StepTexts &steps = {});

} // namespace loopscope
