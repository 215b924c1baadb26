#include "canvas/card_item.h"

#include "canvas/block_style.h"

#include <QGuiApplication>
#include <QPainter>
#include <QWidget>

#include <functional>

namespace loopscope {

namespace {

const QColor kInvalid(0xC0, 0x00, 0x00);
const QColor kSelection(0x00, 0x72, 0xB2);

} // namespace

CardItem::CardItem(const Coroutine &coroutine, const Scenario &scenario)
    : m_geometry(layoutCard(coroutine))
    , m_params(coroutine.params.empty()
                   ? QString()
                   : QStringLiteral("(%1)").arg(
                       QStringList(coroutine.params.begin(), coroutine.params.end())
                           .join(QStringLiteral(", "))))
    , m_entry(coroutine.name == QLatin1String("main"))
{
    std::function<void(const Steps &)> collect = [&](const Steps &steps) {
        for (const Step &step : steps) {
            m_looks.insert(step.id, {step.kind, blockText(step, &scenario), step.label});
            collect(step.steps);
            for (const ExceptClause &clause : step.excepts)
                collect(clause.steps);
            if (step.finallySteps)
                collect(*step.finallySteps);
        }
    };
    collect(coroutine.steps);
    setZValue(1);
}

void CardItem::setSelectedStep(const QString &stepId)
{
    m_selectedStep = stepId;
    update();
}

void CardItem::setCardSelected(bool selected)
{
    m_cardSelected = selected;
    update();
}

void CardItem::setInvalid(const QSet<QString> &steps, bool cardInvalid)
{
    m_invalidSteps = steps;
    m_cardInvalid = cardInvalid;
    update();
}

QRectF CardItem::boundingRect() const
{
    return m_geometry.bounds.adjusted(-3, -3, 3, 3);
}

void CardItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *widget)
{
    // The view's palette: light or dark as the window is (no widget when painted to an image).
    const CanvasColors colors
        = CanvasColors::forPalette(widget ? widget->palette() : QGuiApplication::palette());
    painter->setRenderHint(QPainter::Antialiasing);
    QPen border(m_cardSelected ? kSelection : colors.cardBorder, m_cardSelected ? 2.5 : 1);
    if (m_cardInvalid)
        border.setColor(kInvalid);
    painter->setPen(border);
    painter->setBrush(colors.card);
    painter->drawRoundedRect(m_geometry.bounds, 8, 8);
    paintTitle(painter, colors);
    for (const BlockBox &box : m_geometry.blocks)
        paintBlock(painter, box);
    painter->setPen(colors.cardText);
    QFont italic = painter->font();
    italic.setItalic(true);
    painter->setFont(italic);
    for (const BodyCaption &caption : m_geometry.captions)
        painter->drawText(caption.rect, Qt::AlignLeft | Qt::AlignVCenter, caption.text);
}

void CardItem::paintTitle(QPainter *painter, const CanvasColors &colors) const
{
    const QRectF title = m_geometry.title;
    // Rounded at the top only: a rounded bar with its lower half squared off.
    const QColor fill = m_entry ? QColor(0x00, 0x72, 0xB2) : QColor(0x4A, 0x4A, 0x55);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(title, 8, 8);
    painter->drawRect(title.adjusted(0, title.height() / 2, 0, 0));
    QFont bold = painter->font();
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(Qt::white);
    const QString name = QStringLiteral("async def %1").arg(m_geometry.coroutine);
    painter->drawText(title.adjusted(10, 0, -10, 0), Qt::AlignLeft | Qt::AlignVCenter, name);
    if (m_entry)
        painter->drawText(title.adjusted(10, 0, -10, 0), Qt::AlignRight | Qt::AlignVCenter,
                          QStringLiteral("\u25B6 entry"));
    bold.setBold(false);
    painter->setFont(bold);
    if (!m_params.isEmpty()) {
        painter->setPen(colors.cardText);
        painter->drawText(m_geometry.params, Qt::AlignLeft | Qt::AlignVCenter, m_params);
    }
}

void CardItem::paintBlock(QPainter *painter, const BlockBox &box) const
{
    const BlockLook look = m_looks.value(box.stepId);
    const QColor fill = blockColor(look.kind);
    const bool container = box.rect.height() > box.header.height();
    painter->setBrush(container ? fill.lighter(150) : fill);
    QPen pen(fill.darker(150), 1);
    const bool invalid = m_invalidSteps.contains(box.stepId);
    if (box.stepId == m_selectedStep) // selected: solid, still red when invalid
        pen = QPen(invalid ? kInvalid : kSelection, 3);
    else if (invalid)
        pen = QPen(kInvalid, 2.5, Qt::DashLine);
    painter->setPen(pen);
    painter->drawRoundedRect(box.rect, 4, 4);
    if (container) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(box.header, 4, 4);
    }
    painter->setPen(fill.lightness() > 140 ? Qt::black : Qt::white);
    const QRectF text = box.header.adjusted(8, 0, -6, 0);
    painter->drawText(
        text, Qt::AlignLeft | Qt::AlignVCenter,
        painter->fontMetrics().elidedText(look.text, Qt::ElideRight, int(text.width())));
    if (!look.label.isEmpty()
        && painter->fontMetrics().horizontalAdvance(look.text) < text.width() / 2) {
        painter->setPen(QColor(0x30, 0x30, 0x30));
        painter->drawText(
            text, Qt::AlignRight | Qt::AlignVCenter,
            painter->fontMetrics().elidedText(look.label, Qt::ElideRight, int(text.width() / 2)));
    }
}

} // namespace loopscope
