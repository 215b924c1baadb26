// The canvas's mouse and keyboard: selecting, dragging blocks and cards, palette drops, Delete,
// copy and paste, zoom. Each finished gesture is one document edit (a card drag merges its moves).
#include "canvas/block_clipboard.h"
#include "canvas/block_style.h"
#include "canvas/card_item.h"
#include "canvas/scenario_canvas.h"
#include "document/scenario_document.h"

#include <QApplication>
#include <QClipboard>
#include <QGraphicsLineItem>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

namespace loopscope {

CardItem *ScenarioCanvas::cardAt(QPointF scenePos) const
{
    for (const auto &[name, item] : m_cards)
        if (item->sceneBoundingRect().adjusted(-12, -12, 12, 12).contains(scenePos))
            return item;
    return nullptr;
}

std::optional<DropSlot> ScenarioCanvas::slotAt(QPointF scenePos) const
{
    const CardItem *item = cardAt(scenePos);
    if (!item)
        return std::nullopt;
    const DropSlot *slot = item->geometry().slotNear(item->mapFromScene(scenePos));
    if (!slot)
        return std::nullopt;
    DropSlot inScene = *slot;
    inScene.line = QLineF(item->mapToScene(slot->line.p1()), item->mapToScene(slot->line.p2()));
    return inScene;
}

void ScenarioCanvas::showDropIndicator(const std::optional<DropSlot> &slot)
{
    m_dropIndicator->setVisible(slot.has_value());
    if (slot)
        m_dropIndicator->setLine(slot->line);
}

bool ScenarioCanvas::dropIndicatorVisible() const
{
    return m_dropIndicator->isVisible();
}

void ScenarioCanvas::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    m_pressPos = event->position().toPoint();
    const QPointF scenePos = mapToScene(m_pressPos);
    CardItem *item = cardAt(scenePos);
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && !item)) {
        m_drag = Drag::Pan;
        if (!item)
            select({}, {});
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    select(item->coroutine(), item->geometry().stepAt(item->mapFromScene(scenePos)));
    m_cardStart = item->pos();
    m_drag = Drag::Pending;
    ++m_dragSerial;
}

void ScenarioCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_drag == Drag::Pan) {
        const QPoint delta = pos - m_pressPos;
        m_pressPos = pos;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        return;
    }
    if (m_drag == Drag::Pending
        && (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance())
        m_drag = m_selectedStep.isEmpty() ? Drag::Card : Drag::Block;
    if (m_drag == Drag::Block)
        showDropIndicator(slotAt(mapToScene(pos)));
    else if (m_drag == Drag::Card)
        moveCard(pos);
}

void ScenarioCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_drag == Drag::Block)
        finishBlockDrag(pos);
    else if (m_drag == Drag::Card)
        moveCard(pos);
    m_drag = Drag::None;
    showDropIndicator(std::nullopt);
}

void ScenarioCanvas::moveCard(QPoint viewportPos)
{
    const QPointF delta = mapToScene(viewportPos) - mapToScene(m_pressPos);
    Scenario edited = m_document->scenario();
    setCardPosition(edited, m_selectedCard, m_cardStart + delta);
    // One drag, one undo step: every move of this drag merges into the first.
    m_document->edit(edited, tr("Move %1").arg(m_selectedCard),
                     QStringLiteral("move-card:%1:%2").arg(m_selectedCard).arg(m_dragSerial));
}

void ScenarioCanvas::finishBlockDrag(QPoint viewportPos)
{
    const auto slot = slotAt(mapToScene(viewportPos));
    if (!slot)
        return;
    Scenario edited = m_document->scenario();
    const QString step = m_selectedStep;
    if (moveStep(edited, step, slot->place)) {
        m_selectedCard = slot->place.body.coroutine;
        m_document->edit(edited, tr("Move block"));
        selectStep(step);
    }
}

void ScenarioCanvas::paletteDragMove(const PaletteEntry &entry, QPoint viewportPos)
{
    if (entry.type == PaletteEntry::Type::Step)
        showDropIndicator(slotAt(mapToScene(viewportPos)));
}

void ScenarioCanvas::paletteDragLeave()
{
    showDropIndicator(std::nullopt);
}

bool ScenarioCanvas::paletteDrop(const PaletteEntry &entry, QPoint viewportPos)
{
    showDropIndicator(std::nullopt);
    setFocus(Qt::OtherFocusReason); // Delete, copy and paste now act on what was dropped
    Scenario edited = m_document->scenario();
    const QPointF scenePos = mapToScene(viewportPos);
    switch (entry.type) {
    case PaletteEntry::Type::Step: {
        const auto slot = slotAt(scenePos);
        if (!slot)
            return false;
        Step step = defaultStep(edited, entry.step);
        const QString id = step.id;
        insertStep(edited, slot->place, std::move(step));
        m_document->edit(edited, tr("Add %1").arg(opName(entry.step)));
        selectStep(id);
        return true;
    }
    case PaletteEntry::Type::Coroutine: {
        Coroutine coroutine;
        coroutine.name = freshName(coroutineNames(edited), QStringLiteral("worker"));
        edited.coroutines.push_back(coroutine);
        setCardPosition(edited, coroutine.name, scenePos);
        m_document->edit(edited, tr("Add coroutine %1").arg(coroutine.name));
        select(coroutine.name, {});
        return true;
    }
    case PaletteEntry::Type::Resource: {
        Resource resource;
        resource.kind = entry.resource;
        resource.id = freshName(resourceIds(edited), resourceKindName(entry.resource));
        edited.resources.push_back(resource);
        m_document->edit(edited, tr("Add %1").arg(resource.id));
        return true;
    }
    }
    return false;
}

void ScenarioCanvas::deleteSelection()
{
    Scenario edited = m_document->scenario();
    if (!m_selectedStep.isEmpty()) {
        removeStep(edited, m_selectedStep);
        m_document->edit(edited, tr("Delete block"));
        select(m_selectedCard, {});
    } else if (!m_selectedCard.isEmpty() && m_selectedCard != QLatin1String("main")) {
        std::erase_if(edited.coroutines,
                      [this](const Coroutine &c) { return c.name == m_selectedCard; });
        removeCardPosition(edited, m_selectedCard);
        m_document->edit(edited, tr("Delete %1").arg(m_selectedCard));
        select({}, {});
    }
}

// Through the system clipboard, so that another Loopscope (or a text editor) gets it too.
void ScenarioCanvas::copySelection()
{
    const Scenario &scenario = m_document->scenario();
    CopiedBlock copied;
    if (const Step *step = findStep(scenario, m_selectedStep))
        copied = *step;
    else if (const Coroutine *coroutine = scenario.coroutine(m_selectedCard))
        copied = *coroutine;
    else
        return Q_EMIT statusMessage(tr("Select a block or a card to copy"));
    QGuiApplication::clipboard()->setMimeData(blockMimeData(copied));
    const Step *step = std::get_if<Step>(&copied);
    Q_EMIT statusMessage(step ? tr("Copied block %1").arg(stepSummary(*step, &scenario))
                              : tr("Copied %1").arg(m_selectedCard));
}

// A pasted block or card is one edit (one undo step); what cannot be read pastes nothing.
void ScenarioCanvas::paste()
{
    const QMimeData *data = QGuiApplication::clipboard()->mimeData();
    if (isProgramText(data))
        return Q_EMIT programPasted(data->text());
    PastedBlock pasted = readBlockMimeData(data);
    if (auto *step = std::get_if<Step>(&pasted.block))
        pasteStep(std::move(*step));
    else if (auto *coroutine = std::get_if<Coroutine>(&pasted.block))
        pasteCoroutine(*coroutine);
    else
        Q_EMIT statusMessage(pasted.error);
}

// After the selected block, else at the end of the selected card, with ids the scenario lacks.
void ScenarioCanvas::pasteStep(Step step)
{
    Scenario edited = m_document->scenario();
    const auto place = placeOf(edited, m_selectedStep);
    const Steps *top = stepsOf(edited, {m_selectedCard, {}, 0});
    if (!place && !top)
        return Q_EMIT statusMessage(tr("Nothing pasted: select a card or a block to paste after"));
    const StepPlace at = place ? StepPlace{place->body, place->index + 1}
                               : StepPlace{{m_selectedCard, {}, 0}, int(top->size())};
    renumberSteps(edited, step);
    const QString id = step.id;
    const QString summary = stepSummary(step, &edited);
    insertStep(edited, at, std::move(step));
    m_document->edit(edited, tr("Paste block"));
    selectStep(id);
    Q_EMIT statusMessage(tr("Pasted block %1").arg(summary));
}

// A card from another document keeps its name when it is free (so that calls to it pasted
// along still resolve); a second copy gets "<name>_copy". It goes beside its original, or
// right of all cards when this document has no original.
void ScenarioCanvas::pasteCoroutine(const Coroutine &coroutine)
{
    Scenario edited = m_document->scenario();
    Coroutine copy = coroutine;
    const QStringList taken = coroutineNames(edited);
    if (taken.contains(copy.name) || copy.name.isEmpty())
        copy.name = freshName(taken, copy.name + QStringLiteral("_copy"));
    copy.steps.clear();
    edited.coroutines.push_back(copy);
    // One step at a time, so that each takes ids the ones before it left free.
    for (Step step : coroutine.steps) {
        renumberSteps(edited, step);
        edited.coroutines.back().steps.push_back(step);
    }
    const auto from = cardPosition(edited, coroutine.name);
    setCardPosition(edited, copy.name, from ? *from + QPointF(40, 40) : placeFor(copy.name, 0));
    m_document->edit(edited, tr("Paste %1").arg(copy.name));
    select(copy.name, {});
    Q_EMIT statusMessage(tr("Pasted %1").arg(copy.name));
}

void ScenarioCanvas::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace)
        deleteSelection();
    else if (event->matches(QKeySequence::Copy))
        copySelection();
    else if (event->matches(QKeySequence::Paste))
        paste();
    else if (event->matches(QKeySequence::Cut)) {
        copySelection();
        deleteSelection();
    } else if (event->matches(QKeySequence::ZoomIn))
        zoomIn();
    else if (event->matches(QKeySequence::ZoomOut))
        zoomOut();
    else
        return QGraphicsView::keyPressEvent(event);
    event->accept();
}

void ScenarioCanvas::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier))
        return QGraphicsView::wheelEvent(event);
    // The transformation anchor (under the mouse) keeps the pointed-at spot in place.
    event->angleDelta().y() > 0 ? zoomIn() : zoomOut();
    event->accept();
}

} // namespace loopscope
