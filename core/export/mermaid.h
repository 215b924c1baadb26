// Mermaid `gantt` text of a trace, for Markdown notes (GitHub, GitLab, Obsidian render it).
#pragma once

#include "trace/compare_summary.h"
#include "trace/trace.h"

#include <QString>

#include <vector>

namespace loopscope {

// A Mermaid gantt chart: times as integer milliseconds (`dateFormat x`), one `section` per lane
// (compact display, so a lane's spans share one row), one bar per span named after its state
// (and what it waits on). States map to Mermaid's tags so that they stay apart in any theme:
//   running -> active, waiting -> (none), ready -> done, blocking -> crit, blocked -> crit, active
// and a themeCSS in the front matter paints them in the Okabe-Ito colours of the design.
// Level of detail: a run of two or more adjacent spans, each shorter than 1/400 of the run (under
// two pixels in a chart of usual width; the GIL's 5 ms hand-offs between two computing threads),
// becomes one bar named after its states, most time first ("running / ready (800 spans)") and
// tagged as the state that took most of it. When the text would still pass Mermaid's limit
// (50,000 characters, which a diagram cannot raise) the threshold doubles, up to 1/25; a text
// still longer (a run of thousands of lanes) says so in a `%%` comment after `gantt`, naming its
// size and the formats to export such a run to instead.
// A name too long for its bar (as mmdc draws: 800 px wide, 11 px text) is shortened to the state
// ("waiting" for "waiting on timer"), since Mermaid writes it over the next bars otherwise.
// Spans shorter than a millisecond after rounding (the instant `running` between two awaits)
// are skipped: Mermaid draws a zero-length bar as nothing, and stretching it to 1 ms would
// overlap the next span and push it onto a second row. A lane left with no bar is listed in a
// `%%` comment, because Mermaid drops a section without tasks.
// The left margin grows with the longest section name. An empty title uses the trace's
// scenario title.
QString mermaidGantt(const Trace &trace, const QString &title = QString());

// A comparison's Mermaid text: one gantt per run in one text, each with its own front matter and
// titled "<lesson> — <name>", separated by a blank line (to paste each into its own ```mermaid
// block; Mermaid draws one chart per diagram, so their time axes are not shared).
QString compareMermaid(const std::vector<NamedTrace> &runs, const QString &lesson);

// What Mermaid's gantt grammar can carry in a task, section or title: no ':', '#', ';' (they
// end or escape the text), no line breaks, no "%%", no HTML ('<' '>' become '(' ')', '&'
// becomes "and"); runs of spaces collapsed.
QString mermaidText(const QString &text);

} // namespace loopscope
