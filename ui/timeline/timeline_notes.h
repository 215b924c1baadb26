// The scenario's notes under an exported timeline. Notes are Markdown (scenario-format.md), so
// they are laid out as Markdown: emphasis, lists and code blocks as the reader meant them.
#pragma once

#include <QRect>
#include <QString>

class QPainter;

namespace loopscope {

struct TimelineTheme;

int notesHeight(const QString &markdown, int width);
void paintNotes(QPainter &painter, const QRect &rect, const QString &markdown,
                const TimelineTheme &theme);

} // namespace loopscope
