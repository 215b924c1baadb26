#include "teach/miss_marker.h"

#include "timeline/timeline_view.h"

#include <QEvent>
#include <QPainter>
#include <QScrollBar>

namespace loopscope {

namespace {

constexpr int kRingRadius = 8;

} // namespace

MissMarker::MissMarker(TimelineView *timeline)
    : QWidget(timeline->viewport())
    , m_timeline(timeline)
{
    setObjectName(QStringLiteral("missMarker"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setGeometry(timeline->viewport()->rect());
    timeline->viewport()->installEventFilter(this);
    connect(timeline, &TimelineView::visibleRangeChanged, this, qOverload<>(&QWidget::update));
    connect(timeline->verticalScrollBar(), &QScrollBar::valueChanged, this,
            qOverload<>(&QWidget::update));
    hide();
}

void MissMarker::setMiss(std::optional<Miss> miss)
{
    m_miss = std::move(miss);
    setVisible(m_miss.has_value());
    raise();
    update();
}

std::optional<int> MissMarker::lineX() const
{
    if (!m_miss)
        return std::nullopt;
    return int(std::lround(m_timeline->coordinates().mapTimeToX(m_miss->t)));
}

std::optional<QPoint> MissMarker::ringCentre() const
{
    if (!m_miss || m_miss->lane < 0 || m_timeline->rows().rowOfLane(m_miss->lane) < 0)
        return std::nullopt;
    return m_timeline->pointAt(m_miss->t, m_miss->lane);
}

bool MissMarker::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parent() && event->type() == QEvent::Resize)
        setGeometry(parentWidget()->rect());
    return QWidget::eventFilter(watched, event);
}

void MissMarker::paintEvent(QPaintEvent *)
{
    const auto x = lineX();
    if (!x)
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRect lanes = m_timeline->frameLayout().laneArea();
    painter.setPen(QPen(color(), 2, Qt::DashLine));
    painter.drawLine(*x, lanes.top(), *x, lanes.bottom());
    const auto centre = ringCentre();
    const QPoint labelAt = centre ? *centre + QPoint(kRingRadius + 6, -kRingRadius - 4)
                                  : QPoint(*x + 6, lanes.top() + 14);
    if (centre) {
        painter.setPen(QPen(color(), 3));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(*centre, kRingRadius, kRingRadius);
    }
    const QString text = tr("your prediction went wrong here");
    QRect box = painter.fontMetrics().boundingRect(text).adjusted(-4, -2, 4, 2);
    box.moveBottomLeft(labelAt);
    if (box.right() > width()) // keep the label on screen, left of the line
        box.moveRight(*x - 6);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color());
    painter.drawRoundedRect(box, 3, 3);
    painter.setPen(Qt::white);
    painter.drawText(box, Qt::AlignCenter, text);
}

} // namespace loopscope
