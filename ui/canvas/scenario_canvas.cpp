#include "canvas/scenario_canvas.h"

#include "canvas/canvas_colors.h"
#include "canvas/card_item.h"
#include "canvas/start_arrow.h"
#include "document/scenario_document.h"
#include "scenario/op_table.h"

#include <QEvent>
#include <QGraphicsLineItem>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QQueue>
#include <QScrollBar>

#include "scenario/scenario_walk.h"

#include <algorithm>
#include <cmath>

namespace loopscope {

namespace {

constexpr qreal kColumnGap = 80;
constexpr qreal kRowGap = 30;

// The coroutines a step starts: the arrows' targets.
QStringList startedBy(const Step &step)
{
    QStringList targets;
    if (fieldOfType(step.kind, FieldType::Coroutine) && !step.coro.isEmpty())
        targets << step.coro;
    for (const GatherItem &item : step.items)
        if (!item.coro.isEmpty() && !targets.contains(item.coro))
            targets << item.coro;
    return targets;
}

} // namespace

ScenarioCanvas::ScenarioCanvas(ScenarioDocument *document, QWidget *parent)
    : QGraphicsView(parent)
    , m_document(document)
    , m_scene(new QGraphicsScene(this))
{
    setObjectName(QStringLiteral("scenarioCanvas"));
    setScene(m_scene);
    setRenderHint(QPainter::Antialiasing);
    setBackgroundBrush(CanvasColors::forPalette(palette()).background);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setFocusPolicy(Qt::StrongFocus);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    connect(m_document, &ScenarioDocument::changed, this, &ScenarioCanvas::rebuild);
    rebuild();
}

void ScenarioCanvas::changeEvent(QEvent *event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    setBackgroundBrush(CanvasColors::forPalette(palette()).background);
    rebuild(); // the arrows take their pen when they are made; the cards paint from palette()
}

void ScenarioCanvas::rebuild()
{
    m_scene->clear();
    m_cards.clear();
    const Scenario &scenario = m_document->scenario();
    // Cards with a place in `layout` first, so that the others go right of all of them (a card
    // renamed in a hand-edited file or a recovered copy must not hide another).
    std::vector<const Coroutine *> unplaced;
    for (const Coroutine &coroutine : scenario.coroutines) {
        const auto position = cardPosition(scenario, coroutine.name);
        if (position)
            addCard(coroutine, *position);
        else
            unplaced.push_back(&coroutine);
    }
    for (std::size_t i = 0; i < unplaced.size(); ++i)
        addCard(*unplaced[i], placeFor(unplaced[i]->name, int(i)));
    addArrows();
    m_dropIndicator = m_scene->addLine(QLineF(), QPen(QColor(0x00, 0x72, 0xB2), 3));
    m_dropIndicator->setZValue(10);
    m_dropIndicator->hide();
    if (!scenario.coroutine(m_selectedCard))
        m_selectedCard.clear();
    if (!findStep(scenario, m_selectedStep))
        m_selectedStep.clear();
    applySelection();
    setInvalid(m_invalidSteps, m_invalidCards);
    m_scene->setSceneRect(m_scene->itemsBoundingRect().adjusted(-40, -40, 400, 300));
}

// Cards without a saved position go to the right of the rightmost card, one column each.
void ScenarioCanvas::addCard(const Coroutine &coroutine, QPointF position)
{
    auto *item = new CardItem(coroutine, m_document->scenario());
    item->setPos(position);
    m_scene->addItem(item);
    m_cards[coroutine.name] = item;
}

QPointF ScenarioCanvas::placeFor(const QString &, int unplacedIndex) const
{
    qreal right = 40 - kColumnGap;
    for (const auto &[name, item] : m_cards)
        right = std::max(right, item->pos().x() + item->geometry().bounds.width());
    Q_UNUSED(unplacedIndex)
    return {right + kColumnGap, 40};
}

void ScenarioCanvas::addArrows()
{
    const QPen pen(CanvasColors::forPalette(palette()).arrow, 1.5);
    std::vector<QRectF> titles;
    for (const auto &[name, card] : m_cards)
        titles.push_back(card->mapRectToScene(card->geometry().title));
    for (const auto &[name, card] : m_cards) {
        const QRectF source = card->mapRectToScene(card->geometry().bounds);
        for (const BlockBox &box : card->geometry().blocks) {
            const Step *step = findStep(m_document->scenario(), box.stepId);
            if (!step)
                continue;
            for (const QString &target : startedBy(*step)) {
                const auto it = m_cards.find(target);
                if (it == m_cards.end())
                    continue;
                const QRectF block = card->mapRectToScene(box.header);
                const QRectF targetCard = it->second->mapRectToScene(it->second->geometry().bounds);
                // A call never awaited makes the coroutine object and drops it: its body
                // never runs, so the arrow is only a dashed hint.
                QPen arrowPen = pen;
                if (step->kind == StepKind::Call && !step->awaited)
                    arrowPen.setStyle(Qt::DashLine);
                auto *arrow
                    = m_scene->addPath(startArrow(block, source, targetCard, titles), arrowPen);
                arrow->setZValue(2);
                arrow->setData(0, step->id);
            }
        }
    }
}

void ScenarioCanvas::select(const QString &coroutine, const QString &stepId)
{
    if (coroutine == m_selectedCard && stepId == m_selectedStep)
        return;
    m_selectedCard = coroutine;
    m_selectedStep = stepId;
    applySelection();
    Q_EMIT selectionChanged(m_selectedCard, m_selectedStep);
}

void ScenarioCanvas::selectStep(const QString &stepId)
{
    const QString coroutine = coroutineOf(m_document->scenario(), stepId);
    if (coroutine.isEmpty())
        return;
    select(coroutine, stepId);
    if (const CardItem *item = card(coroutine))
        if (const BlockBox *box = item->geometry().block(stepId))
            revealBlock(*item, item->mapRectToScene(box->header));
}

// A block out of view comes in with its card's left edge a margin in from the view's: scrolling
// just far enough to show the block (QGraphicsView::ensureVisible) cut the card beside it, main's,
// through the middle. Vertically, just far enough.
void ScenarioCanvas::revealBlock(const CardItem &item, const QRectF &header)
{
    constexpr int kMargin = 40;
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    if (visible.contains(header))
        return;
    if (header.left() < visible.left() || header.right() > visible.right()) {
        const QRect card = mapFromScene(item.sceneBoundingRect()).boundingRect();
        const int margin = std::clamp((viewport()->width() - card.width()) / 2, 0, kMargin);
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() + card.left() - margin);
    }
    const double x = mapToScene(viewport()->rect().center()).x();
    ensureVisible(QRectF(x, header.top(), 0, header.height()), 0, kMargin);
}

void ScenarioCanvas::applySelection()
{
    for (const auto &[name, item] : m_cards) {
        item->setCardSelected(name == m_selectedCard && m_selectedStep.isEmpty());
        item->setSelectedStep(name == m_selectedCard ? m_selectedStep : QString());
    }
}

void ScenarioCanvas::setInvalid(const QSet<QString> &steps, const QSet<QString> &cards)
{
    m_invalidSteps = steps;
    m_invalidCards = cards;
    for (const auto &[name, item] : m_cards)
        item->setInvalid(steps, cards.contains(name));
}

CardItem *ScenarioCanvas::card(const QString &coroutine) const
{
    const auto it = m_cards.find(coroutine);
    return it == m_cards.end() ? nullptr : it->second;
}

QPoint ScenarioCanvas::blockPoint(const QString &stepId) const
{
    const CardItem *item = card(coroutineOf(m_document->scenario(), stepId));
    const BlockBox *box = item ? item->geometry().block(stepId) : nullptr;
    if (!box)
        return {};
    return mapFromScene(item->mapToScene(box->header.center()));
}

QPoint ScenarioCanvas::titlePoint(const QString &coroutine) const
{
    const CardItem *item = card(coroutine);
    return item ? mapFromScene(item->mapToScene(item->geometry().title.center())) : QPoint();
}

void ScenarioCanvas::autoLayout()
{
    // Columns by call depth from main (breadth first); unreachable coroutines in a last column.
    const Scenario &scenario = m_document->scenario();
    QHash<QString, int> depth;
    QQueue<QString> queue;
    if (scenario.coroutine(QStringLiteral("main"))) {
        depth.insert(QStringLiteral("main"), 0);
        queue.enqueue(QStringLiteral("main"));
    }
    while (!queue.isEmpty()) {
        const QString name = queue.dequeue();
        const Coroutine *coroutine = scenario.coroutine(name);
        Scenario only;
        only.coroutines.push_back(*coroutine);
        forEachStep(only, [&](const Step &step, const QString &) {
            for (const QString &target : startedBy(step))
                if (!depth.contains(target) && scenario.coroutine(target)) {
                    depth.insert(target, depth.value(name) + 1);
                    queue.enqueue(target);
                }
        });
    }
    int lastColumn = 0;
    for (int d : std::as_const(depth))
        lastColumn = std::max(lastColumn, d + 1);
    Scenario edited = scenario;
    std::map<int, qreal> columnBottom;
    for (const Coroutine &coroutine : scenario.coroutines) {
        const int column = depth.value(coroutine.name, lastColumn);
        const qreal y = columnBottom.count(column) ? columnBottom[column] : 40;
        setCardPosition(edited, coroutine.name, {40 + column * (kCardWidth + kColumnGap), y});
        columnBottom[column] = y + layoutCard(coroutine).bounds.height() + kRowGap;
    }
    m_document->edit(edited, tr("Arrange cards"));
}

void ScenarioCanvas::zoomIn()
{
    scale(1.25, 1.25);
}

void ScenarioCanvas::zoomOut()
{
    scale(0.8, 0.8);
}

void ScenarioCanvas::resetZoom()
{
    setTransform(QTransform());
}

} // namespace loopscope
