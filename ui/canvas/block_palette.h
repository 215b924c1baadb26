// The palette: every op, every resource kind and a new coroutine card, grouped (Waiting, Work,
// Sync, Tasks, Pools, Control), each with a painted icon and its asyncio equivalent as tool tip.
// Dragging an entry onto the canvas is done with the palette's own mouse handling (the pointer
// stays grabbed by the palette during a drag, so it forwards positions to the canvas).
#pragma once

#include "canvas/block_style.h"
#include "canvas/palette_entry.h"

#include <QTreeWidget>

#include <optional>

namespace loopscope {

class ScenarioCanvas;

class BlockPalette : public QTreeWidget
{
    Q_OBJECT
public:
    explicit BlockPalette(ScenarioCanvas *canvas, QWidget *parent = nullptr);

    QTreeWidgetItem *itemFor(StepKind kind) const;
    QTreeWidgetItem *itemFor(ResourceKind kind) const;
    QTreeWidgetItem *coroutineItem() const;
    // The point of an entry in this widget's viewport.
    QPoint pointOf(const QTreeWidgetItem *item) const;
    // The width that shows every entry's name whole ("semaphore (resource)"), scroll bar included.
    int wholeNamesWidth() const;

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void populate();
    QTreeWidgetItem *group(PaletteGroup group);
    QTreeWidgetItem *addEntry(QTreeWidgetItem *parent, const PaletteEntry &entry,
                              const QString &text, const QIcon &icon, const QString &tip);
    QPoint canvasPoint(QPointF viewportPos) const;
    bool overCanvas(QPointF viewportPos) const;

    ScenarioCanvas *m_canvas;
    std::optional<PaletteEntry> m_pressed;
    QPoint m_pressPos;
    bool m_dragging = false;
};

} // namespace loopscope
