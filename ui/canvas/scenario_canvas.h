// The canvas: one card per coroutine on a QGraphicsScene, arrows from the blocks that start a
// coroutine to its card, selection, and every mouse and key edit (block and card drags, palette
// drops, Delete, copy and paste, zoom and pan). Drags are handled here with plain mouse events,
// not QDrag, so that they work the same under QTest offscreen. Every edit goes to the document.
#pragma once

#include "canvas/palette_entry.h"
#include "scenario/scenario.h"

#include <QGraphicsView>
#include <QSet>

#include <map>
#include <optional>

class QGraphicsLineItem;

namespace loopscope {

class CardItem;
class ScenarioDocument;
struct DropSlot;

class ScenarioCanvas : public QGraphicsView
{
    Q_OBJECT
public:
    explicit ScenarioCanvas(ScenarioDocument *document, QWidget *parent = nullptr);

    QString selectedCard() const { return m_selectedCard; }
    QString selectedStep() const { return m_selectedStep; }
    void select(const QString &coroutine, const QString &stepId);
    void selectStep(const QString &stepId); // finds the card; scrolls it into view
    void setInvalid(const QSet<QString> &steps, const QSet<QString> &cards);

    CardItem *card(const QString &coroutine) const;
    // Viewport points, for the palette and tests: the middle of a block's text line, a card's
    // title.
    QPoint blockPoint(const QString &stepId) const;
    QPoint titlePoint(const QString &coroutine) const;
    bool dropIndicatorVisible() const;

    // A palette entry dragged over the canvas (viewport coordinates).
    void paletteDragMove(const PaletteEntry &entry, QPoint viewportPos);
    bool paletteDrop(const PaletteEntry &entry, QPoint viewportPos);
    void paletteDragLeave();

public Q_SLOTS:
    void rebuild();
    void autoLayout();
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void deleteSelection();
    // Copy and paste go through the system clipboard (block_clipboard.h).
    void copySelection();
    void paste();

Q_SIGNALS:
    void selectionChanged(const QString &coroutine, const QString &stepId);
    // What a copy or paste did, or why it did nothing: for the status bar.
    void statusMessage(const QString &text);
    // Paste with text that is a Python program rather than Loopscope JSON (isProgramText).
    void programPasted(const QString &text);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void changeEvent(QEvent *event) override; // a new palette: light or dark colours

private:
    void revealBlock(const CardItem &item, const QRectF &header);
    enum class Drag { None, Pending, Block, Card, Pan };
    void addArrows();
    void applySelection();
    void addCard(const Coroutine &coroutine, QPointF position);
    QPointF placeFor(const QString &coroutine, int unplacedIndex) const;
    CardItem *cardAt(QPointF scenePos) const;
    std::optional<DropSlot> slotAt(QPointF scenePos) const;
    void showDropIndicator(const std::optional<DropSlot> &slot);
    void finishBlockDrag(QPoint viewportPos);
    void moveCard(QPoint viewportPos);
    void pasteStep(Step step);
    void pasteCoroutine(const Coroutine &coroutine);

    ScenarioDocument *m_document;
    QGraphicsScene *m_scene;
    std::map<QString, CardItem *> m_cards;
    QGraphicsLineItem *m_dropIndicator = nullptr;
    QString m_selectedCard;
    QString m_selectedStep;
    QSet<QString> m_invalidSteps;
    QSet<QString> m_invalidCards;

    Drag m_drag = Drag::None;
    QPoint m_pressPos;
    QPointF m_cardStart;
    int m_dragSerial = 0;
};

} // namespace loopscope
