#include "timeline/timeline_notes.h"

#include "timeline/timeline_fonts.h"
#include "timeline/timeline_theme.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QTextDocument>

#include <cmath>

namespace loopscope {

namespace {

constexpr int kMargin = 12;

void prepare(QTextDocument &document, const QString &markdown, int width)
{
    document.setDefaultFont(timelineFont(TimelineFontRole::Notes));
    document.setDocumentMargin(0);
    document.setMarkdown(markdown);
    document.setTextWidth(std::max(100, width - 2 * kMargin));
}

} // namespace

int notesHeight(const QString &markdown, int width)
{
    if (markdown.trimmed().isEmpty())
        return 0;
    QTextDocument document;
    prepare(document, markdown, width);
    return int(std::ceil(document.size().height())) + 2 * kMargin;
}

void paintNotes(QPainter &painter, const QRect &rect, const QString &markdown,
                const TimelineTheme &theme)
{
    QTextDocument document;
    prepare(document, markdown, rect.width());
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, theme.text);
    painter.save();
    painter.translate(rect.left() + kMargin, rect.top() + kMargin);
    context.clip = QRectF(0, 0, rect.width() - 2 * kMargin, rect.height() - 2 * kMargin);
    painter.setClipRect(context.clip);
    document.documentLayout()->draw(&painter, context);
    painter.restore();
}

} // namespace loopscope
