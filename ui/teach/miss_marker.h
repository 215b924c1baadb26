// Where a prediction went wrong, drawn over the timeline: a red line at the instant across the
// lanes, a ring on the lane's row at that instant, and a short label. A transparent child of the
// timeline's viewport that follows its zoom, scroll and size; the timeline knows nothing of it.
#pragma once

#include "quiz/grading.h"

#include <QColor>
#include <QWidget>

#include <optional>

namespace loopscope {

class TimelineView;

class MissMarker : public QWidget
{
    Q_OBJECT
public:
    explicit MissMarker(TimelineView *timeline);

    static QColor color() { return {214, 40, 40}; }
    void setMiss(std::optional<Miss> miss);
    const std::optional<Miss> &miss() const { return m_miss; }
    // The ring's centre in the viewport's coordinates; nothing when no miss is shown or its
    // lane has no row on screen (then only the line is drawn).
    std::optional<QPoint> ringCentre() const;
    // The line's x in the viewport's coordinates.
    std::optional<int> lineX() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    TimelineView *m_timeline;
    std::optional<Miss> m_miss;
};

} // namespace loopscope
