// Mermaid `gantt` text of a trace, for Markdown notes (GitHub, GitLab, Obsidian render it).
#pragma once

#include "trace/trace.h"

#include <QString>

namespace loopscope {

// A Mermaid gantt chart: times as integer milliseconds (`dateFormat x`), one `section` per lane
// (compact display, so a lane's spans share one row), one bar per span named after its state
// (and what it waits on). States map to Mermaid's tags so that they stay apart in any theme:
//   running -> active, waiting -> (none), ready -> done, blocking -> crit, blocked -> crit, active
// and a themeCSS in the front matter paints them in the Okabe-Ito colours of the design.
// Spans shorter than a millisecond after rounding (the instant `running` between two awaits)
// are skipped: Mermaid draws a zero-length bar as nothing, and stretching it to 1 ms would
// overlap the next span and push it onto a second row. A lane left with no bar is listed in a
// `%%` comment, because Mermaid drops a section without tasks.
// The left margin grows with the longest section name. An empty title uses the trace's
// scenario title.
QString mermaidGantt(const Trace &trace, const QString &title = QString());

// What Mermaid's gantt grammar can carry in a task, section or title: no ':', '#', ';' (they
// end or escape the text), no line breaks, no "%%", no HTML ('<' '>' become '(' ')', '&'
// becomes "and"); runs of spaces collapsed.
QString mermaidText(const QString &text);

} // namespace loopscope
