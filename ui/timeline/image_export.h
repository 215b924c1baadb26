// Timeline pictures for notes: SVG (text stays text), PNG (at a scale factor, @2x by default)
// and PDF (A4 landscape). Drawn by the same TimelinePainter as the screen.
#pragma once

#include "timeline/lane_rows.h"
#include "timeline/timeline_layout.h"
#include "timeline/timeline_theme.h"
#include "trace/trace.h"

#include <QString>

#include <optional>

class QPainter;

namespace loopscope {

struct ImageExportOptions
{
    int width = 1200;   // logical pixels (SVG user units; PNG before scaling)
    double scale = 2.0; // PNG: device pixels per logical pixel
    TimelineThemeKind theme = TimelineThemeKind::Light;
    QString title; // empty: the trace's scenario title
    QString notes; // printed under the legend; empty: none
    bool wakeArrows = true;
    std::optional<TimeRange> range; // nullopt: the whole run, [0, duration]
    // Which lane groups are folded: the view's choices, so that the picture shows what the screen
    // does. nullopt (the command line): groups fold as on a new screen, past kScreenfulRows.
    std::optional<FoldChoices> folds;
    static constexpr int kScreenfulRows = 40;
};

// The rows of the picture: every lane tree expanded, the groups folded as `options` says.
LaneRows timelineImageRows(const Trace &trace, const ImageExportOptions &options);

// Writes `path`; the format comes from its suffix (.svg, .png, .pdf). On failure returns false
// and says why in `error` (which names the file).
bool exportTimelineImage(const Trace &trace, const ImageExportOptions &options, const QString &path,
                         QString *error);

// The logical size of the picture of the whole trace (all lanes expanded) for `options`.
QSize timelineImageSize(const Trace &trace, const ImageExportOptions &options);

// The logical size of one PDF page's picture (A4 landscape inside 10 mm margins, at 96 dpi): the
// PDF ignores `width` and draws this wide.
QSize timelinePdfPageSize();

// Paints the picture into `painter` over `size` logical pixels (the PNG and SVG exports use it;
// tests and the clipboard may too).
void paintTimelineImage(QPainter &painter, const Trace &trace, const ImageExportOptions &options,
                        QSize size, bool vectorHatching);

// "virtual clock · 3 s · completed", the line under the title.
QString timelineSubtitle(const Trace &trace);

} // namespace loopscope
