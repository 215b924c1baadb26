// The timeline on screen: lanes of a trace over time, zoomed with Ctrl+wheel or a pinch around
// the cursor, panned by dragging or with the scroll bars, a range picked with Shift+drag, spans
// explained on hover and selected by a click. While a live run grows it can follow the present.
#pragma once

#include "timeline/fold_timeline.h"
#include "timeline/lane_rows.h"
#include "timeline/span_tooltip.h"
#include "timeline/timeline_coordinates.h"
#include "timeline/timeline_layout.h"
#include "timeline/timeline_theme.h"
#include "trace/trace.h"

#include <QAbstractScrollArea>

#include <optional>

namespace loopscope {

class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setTrace(Trace trace);    // replaces the trace and fits it
    void updateTrace(Trace trace); // the same run, grown: keeps zoom, scroll, collapsed lanes
    const Trace &trace() const { return m_trace; }

    TimeRange visibleRange() const;
    void setVisibleRange(TimeRange range);
    std::optional<TimeRange> selection() const { return m_selection; }
    void setSelection(std::optional<TimeRange> selection);
    bool wakeArrowsVisible() const { return m_wakeArrows; }
    const QString &highlightedResource() const { return m_highlight; }
    bool followsPresent() const { return m_follow; }
    TimelineThemeKind theme() const { return m_themeKind; }
    void setTheme(TimelineThemeKind kind);
    const LaneRows &rows() const { return m_rows; }
    void setLaneFilter(const LaneFilter &filter);
    void setLaneCollapsed(int lane, bool collapsed);
    // Folds (one row of counts) or opens a group of lanes (rows().groups()).
    void setFoldState(int group, FoldState state);
    // How many rows a screenful is, past which a new trace's biggest groups fold.
    int screenfulRows() const;
    static constexpr int kMinScreenfulRows = 40;
    // Non-empty: the trace is of a scenario since edited; the lanes are greyed under this note.
    void setStaleNote(const QString &note);
    // Shown in the middle of the lanes while the trace has none (nothing has run yet).
    void setEmptyHint(const QString &hint);
    const QString &emptyHint() const { return m_emptyHint; }
    // The steps as the user wrote them, for the tool tips (the trace knows their ids only).
    void setStepTexts(StepTexts texts) { m_stepTexts = std::move(texts); }
    const StepTexts &stepTexts() const { return m_stepTexts; }
    const QString &staleNote() const { return m_staleNote; }
    std::optional<double> markedTime() const { return m_marker; }

    // Geometry, for the input handlers and for tests: viewport coordinates.
    const TimelineCoordinates &coordinates() const { return m_coords; }
    TimelineLayout frameLayout() const;
    QPoint pointAt(double t, int lane) const; // the middle of `lane`'s row at instant t
    struct SpanHit
    {
        int lane = -1;
        int span = -1;
        double t = 0.0;
    };
    std::optional<SpanHit> spanAt(QPoint pos) const;
    QString toolTipAt(QPoint pos) const;

public Q_SLOTS:
    void fitAll();
    void zoomIn();
    void zoomOut();
    void zoomToSelection();
    void clearSelection() { setSelection(std::nullopt); }
    void clearCursor() // the marker goes; the view stays where it is
    {
        m_marker.reset();
        viewport()->update();
    }
    void panLeft();
    void panRight();
    void setWakeArrowsVisible(bool visible);
    // Underline the holders of a resource and outline its waiters ("" for none).
    void setHighlightedResource(const QString &resource);
    void setFollowPresent(bool follow);
    void expandAll();
    void collapseAll();
    void foldAll();   // every group of two lanes or more
    void unfoldAll(); // every folded group opens under its row
    // Centres instant t (keeping the zoom), brings `lane` into view and marks the instant.
    void revealTime(double t, int lane = -1);
    // The loop cursor: marks instant t, scrolling only when it is out of view.
    void setCursorTime(double t);

Q_SIGNALS:
    void spanClicked(int lane, int spanIndex, const QString &stepId);
    void visibleRangeChanged(loopscope::TimeRange range);
    void selectionChanged();
    void followPresentChanged(bool follow);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool viewportEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void zoomAt(double x, double factor);
    void panBy(double dx, int dy);
    void stopFollowingOnUserScroll();
    void followPresentNow();
    void syncScrollBars();
    void coordinatesChanged();
    double horizontalUnit() const; // seconds per horizontal scroll bar step
    double contentEnd() const;
    bool handleGesture(QEvent *event);
    bool toggleTreeAt(QPoint pos);
    void rebuildRows(bool autoFold); // timeline_view_folds.cpp
    QString foldToolTipAt(QPoint pos) const;

    Trace m_trace;
    LaneRows m_rows;
    mutable FoldTimelines m_foldTimelines; // a cache, built as folds are first painted, per trace
    TimelineCoordinates m_coords;
    TimelineThemeKind m_themeKind = TimelineThemeKind::Light;
    TimelineTheme m_theme = TimelineTheme::light();
    std::optional<TimeRange> m_selection;
    std::optional<double> m_marker;
    bool m_wakeArrows = true;
    QString m_highlight;
    QString m_staleNote;
    QString m_emptyHint;
    StepTexts m_stepTexts;
    bool m_follow = false;
    bool m_syncingScrollBars = false;
    int m_hoveredRow = -1;

    enum class Drag { None, Pending, Pan, Select };
    Drag m_drag = Drag::None;
    QPoint m_pressPos;
    TimelineCoordinates m_pressCoords;
};

} // namespace loopscope
