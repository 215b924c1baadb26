// The stacked picture of several runs (SVG, PNG, PDF): a header with the compare summary, then
// one titled timeline per run, all on the same time axis [0, longest run], and one legend.
#pragma once

#include "timeline/timeline_theme.h"
#include "trace/compare_summary.h"

#include <QSize>
#include <QString>
#include <QStringList>

#include <vector>

class QPainter;

namespace loopscope {

struct CompareImageOptions
{
    int width = 1200;   // logical pixels
    double scale = 2.0; // PNG: device pixels per logical pixel
    TimelineThemeKind theme = TimelineThemeKind::Light;
    QString title;       // the header: "Compare: <lesson>"
    QString lesson;      // Mermaid: each chart is titled "<lesson> — <run>"
    QStringList summary; // CompareSummary::lines()
};

// The longest run's duration (1 s when every run is empty): the shared end of the time axis.
double sharedDuration(const std::vector<NamedTrace> &runs);

QSize compareImageSize(const std::vector<NamedTrace> &runs, const CompareImageOptions &options);
void paintCompareImage(QPainter &painter, const std::vector<NamedTrace> &runs,
                       const CompareImageOptions &options, QSize size, bool vectorHatching);
// Writes `path` in the format its suffix names (export/export_formats.h): a picture is the stacked
// timelines, a text format the table's text for a comparison. False with *error naming the file
// on failure, or when the suffix names no format a comparison can be exported to.
bool exportCompare(const std::vector<NamedTrace> &runs, const CompareImageOptions &options,
                   const QString &path, QString *error);

} // namespace loopscope
