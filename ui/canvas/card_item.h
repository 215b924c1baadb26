// One coroutine on the canvas. The item holds the card's geometry and the few texts it paints;
// the canvas rebuilds cards from the model after every change.
#pragma once

#include "canvas/canvas_colors.h"
#include "canvas/card_layout.h"

#include <QGraphicsItem>
#include <QHash>
#include <QSet>

namespace loopscope {

class CardItem : public QGraphicsItem
{
public:
    CardItem(const Coroutine &coroutine, const Scenario &scenario);

    const CardGeometry &geometry() const { return m_geometry; }
    QString coroutine() const { return m_geometry.coroutine; }
    void setSelectedStep(const QString &stepId);
    void setCardSelected(bool selected);
    void setInvalid(const QSet<QString> &steps, bool cardInvalid);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override;

private:
    struct BlockLook
    {
        StepKind kind;
        QString text;
        QString label;
    };
    void paintTitle(QPainter *painter, const CanvasColors &colors) const;
    void paintBlock(QPainter *painter, const BlockBox &box) const;

    CardGeometry m_geometry;
    QHash<QString, BlockLook> m_looks;
    QString m_params;
    bool m_entry = false;
    QString m_selectedStep;
    bool m_cardSelected = false;
    QSet<QString> m_invalidSteps;
    bool m_cardInvalid = false;
};

} // namespace loopscope
