#include "teach/print_order_list.h"

#include <QKeyEvent>
#include <QMouseEvent>

namespace loopscope {

PrintOrderList::PrintOrderList(const std::vector<QString> &lines, QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(QStringLiteral("printOrder"));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setDragDropMode(QAbstractItemView::NoDragDrop);
    setWordWrap(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed); // as tall as its lines
    setToolTip(tr("Drag a line to where it belongs (or Alt+Up / Alt+Down)"));
    for (const QString &line : lines)
        addItem(line);
    setCurrentRow(0);
}

std::vector<QString> PrintOrderList::order() const
{
    std::vector<QString> lines;
    lines.reserve(std::size_t(count()));
    for (int i = 0; i < count(); ++i)
        lines.push_back(item(i)->text());
    return lines;
}

void PrintOrderList::setOrder(const std::vector<QString> &lines)
{
    int place = 0;
    for (const QString &line : lines) {
        for (int row = place; row < count(); ++row) {
            if (item(row)->text() == line) {
                moveLine(row, place++);
                break;
            }
        }
    }
}

void PrintOrderList::moveLine(int from, int to)
{
    if (from < 0 || from >= count() || to < 0 || to >= count() || from == to)
        return;
    QListWidgetItem *moved = takeItem(from);
    insertItem(to, moved);
    setCurrentRow(to);
    Q_EMIT orderChanged();
}

QSize PrintOrderList::sizeHint() const
{
    const int rows = std::max(count(), 2);
    return {QListWidget::sizeHint().width(), rows * sizeHintForRow(0) + 2 * frameWidth() + 4};
}

void PrintOrderList::mousePressEvent(QMouseEvent *event)
{
    QListWidget::mousePressEvent(event);
    m_dragged = event->button() == Qt::LeftButton ? row(itemAt(event->position().toPoint())) : -1;
    if (m_dragged >= 0)
        viewport()->setCursor(Qt::ClosedHandCursor);
}

void PrintOrderList::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragged < 0)
        QListWidget::mouseMoveEvent(event); // no rubber-band selection while a line is carried
}

void PrintOrderList::mouseReleaseEvent(QMouseEvent *event)
{
    const int from = m_dragged;
    m_dragged = -1;
    viewport()->unsetCursor();
    QListWidget::mouseReleaseEvent(event);
    if (from < 0 || event->button() != Qt::LeftButton)
        return;
    const QPoint at = event->position().toPoint();
    int to = row(itemAt(at));
    if (to < 0) // below the last line: last; above the first: first
        to = at.y() < 0 ? 0 : count() - 1;
    moveLine(from, to);
}

void PrintOrderList::keyPressEvent(QKeyEvent *event)
{
    const int row = currentRow();
    if (event->modifiers() == Qt::AltModifier && event->key() == Qt::Key_Up)
        return moveLine(row, row - 1);
    if (event->modifiers() == Qt::AltModifier && event->key() == Qt::Key_Down)
        return moveLine(row, row + 1);
    QListWidget::keyPressEvent(event);
}

} // namespace loopscope
