// The timeline view driven by real mouse and wheel events: zoom around the cursor, drag-pan,
// range selection, hover tool tips, clicks on spans, the lane tree and following the present.
#include "runtime/runner.h"
#include "sample_trace.h"
#include "scenario/scenario_json.h"
#include "timeline/timeline_layout.h"
#include "timeline/timeline_view.h"

#include <QApplication>
#include <QNativeGestureEvent>
#include <QPointingDevice>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>

using namespace loopscope;

class TestTimelineView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup() { delete m_view; }
    void ctrlWheelZoomsAroundTheCursor();
    void pinchZoomsAroundTheFingers();
    void plainWheelScrollsLanesNotTime();
    void dragPans();
    void shiftDragSelectsARangeAndZoomsToIt();
    void hoverShowsTheSpan();
    void hoverOverReadySpanNamesWhoHoldsTheLoop();
    void hoverOverADeadlockedTaskSaysWhatItIsStuckOn();
    void clickEmitsSpanClicked();
    void clickOnTriangleCollapsesTheSubtree();
    void followsThePresentUntilTheUserScrolls();
    void updateTraceKeepsTheView();
    void anEmptyTimelineShowsTenSecondsAtAnyWidth();
    void screenshot();

private:
    QWidget *viewport() const { return m_view->viewport(); }
    void wheel(QPoint pos, int delta, Qt::KeyboardModifiers modifiers);
    TimelineView *m_view = nullptr;
};

// 580 px wide, no frame: the name column is 180 px, so time runs over x 180..579 (400 px) and
// [0, 4] s fits at exactly 10 ms per pixel.
void TestTimelineView::init()
{
    // Every warning fails, except the offscreen platform's note that tool tips cannot raise().
    QTest::failOnWarning(
        QRegularExpression(QStringLiteral("^(?!This plugin does not support raise\\(\\)$)")));
    m_view = new TimelineView;
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->resize(580, 320);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_view->setTrace(testing::sampleTrace());
    QCOMPARE(viewport()->width(), 580);
    m_view->setVisibleRange({0.0, 4.0});
    QCOMPARE(m_view->coordinates().secondsPerPixel, 0.01);
}

void TestTimelineView::wheel(QPoint pos, int delta, Qt::KeyboardModifiers modifiers)
{
    QWheelEvent event(pos, viewport()->mapToGlobal(pos), QPoint(), QPoint(0, delta), Qt::NoButton,
                      modifiers, Qt::NoScrollPhase, false);
    QApplication::sendEvent(viewport(), &event);
}

void TestTimelineView::ctrlWheelZoomsAroundTheCursor()
{
    QSignalSpy ranges(m_view, &TimelineView::visibleRangeChanged);
    // The cursor at t = 1 (x = 280); two notches double the magnification.
    wheel(QPoint(280, 60), 240, Qt::ControlModifier);
    QCOMPARE(m_view->visibleRange(), (TimeRange{0.5, 2.5}));
    QCOMPARE(ranges.count(), 1);
    wheel(QPoint(280, 60), -240, Qt::ControlModifier);
    QCOMPARE(m_view->visibleRange(), (TimeRange{0.0, 4.0}));
    wheel(QPoint(480, 60), 480, Qt::ControlModifier); // 4x at t = 3
    QCOMPARE(m_view->visibleRange(), (TimeRange{2.25, 3.25}));
}

void TestTimelineView::pinchZoomsAroundTheFingers()
{
    // A trackpad pinch (macOS, libinput): value is the relative change, +1 doubles.
    const QPointF pos(280, 60);
    QNativeGestureEvent pinch(Qt::ZoomNativeGesture, QPointingDevice::primaryPointingDevice(), 2,
                              pos, pos, viewport()->mapToGlobal(pos), 1.0, QPointF());
    QApplication::sendEvent(viewport(), &pinch);
    QCOMPARE(m_view->visibleRange(), (TimeRange{0.5, 2.5}));
}

void TestTimelineView::plainWheelScrollsLanesNotTime()
{
    m_view->resize(580, 120); // too short for five lanes: a vertical scroll bar appears
    QTest::qWait(0);
    m_view->setFrameShape(QFrame::NoFrame);
    const TimeRange before = m_view->visibleRange();
    QVERIFY(m_view->verticalScrollBar()->maximum() > 0);
    wheel(QPoint(300, 50), -120, Qt::NoModifier);
    QCOMPARE(m_view->visibleRange().start, before.start);
    QCOMPARE(m_view->coordinates().scrollY(), m_view->verticalScrollBar()->value());
    QVERIFY(m_view->verticalScrollBar()->value() != 0);
}

void TestTimelineView::dragPans()
{
    QTest::mousePress(viewport(), Qt::LeftButton, {}, QPoint(380, 60));
    QTest::mouseMove(viewport(), QPoint(330, 60));
    QTest::mouseMove(viewport(), QPoint(280, 60));
    QTest::mouseRelease(viewport(), Qt::LeftButton, {}, QPoint(280, 60));
    QCOMPARE(m_view->visibleRange(), (TimeRange{1.0, 5.0}));
    QCOMPARE(m_view->horizontalScrollBar()->value(), 100); // 1 s at 10 ms per step
}

void TestTimelineView::shiftDragSelectsARangeAndZoomsToIt()
{
    QSignalSpy clicks(m_view, &TimelineView::spanClicked);
    QTest::mousePress(viewport(), Qt::LeftButton, Qt::ShiftModifier, QPoint(280, 60));
    QTest::mouseMove(viewport(), QPoint(330, 60));
    QTest::mouseMove(viewport(), QPoint(430, 60));
    QTest::mouseRelease(viewport(), Qt::LeftButton, Qt::ShiftModifier, QPoint(430, 60));
    QVERIFY(m_view->selection().has_value());
    QCOMPARE(*m_view->selection(), (TimeRange{1.0, 2.5}));
    QCOMPARE(clicks.count(), 0);
    m_view->zoomToSelection();
    QCOMPARE(m_view->visibleRange(), (TimeRange{1.0, 2.5}));
}

void TestTimelineView::hoverShowsTheSpan()
{
    // worker-2 is blocked on `sem` over [1, 3) while worker-1 holds it.
    const QPoint pos = m_view->pointAt(2.0, 2);
    QCOMPARE(pos, QPoint(380, 26 + 2 * 22 + 11));
    m_view->setStepTexts({{QStringLiteral("s5"), QStringLiteral("with sem")}});
    QTest::mouseMove(viewport(), pos);
    const QString expected = QStringLiteral("worker-2 \u00b7 blocked on sem\n"
                                            "1 s \u2013 3 s (2 s)\n"
                                            "with sem\n"
                                            "held by worker-1\n"
                                            "woken by worker-1 via sem");
    QTRY_COMPARE_WITH_TIMEOUT(QToolTip::text(), expected, 3000);
    QVERIFY(QToolTip::isVisible());
}

void TestTimelineView::hoverOverReadySpanNamesWhoHoldsTheLoop()
{
    // worker-2 is ready over [.5, 1) while worker-1 runs on the loop.
    QCOMPARE(m_view->toolTipAt(m_view->pointAt(0.75, 2)),
             QStringLiteral("worker-2 \u00b7 ready\n500 ms \u2013 1 s (500 ms)\nheld by worker-1"));
    QCOMPARE(m_view->toolTipAt(m_view->pointAt(4.5, 2)), QString()); // after its end
    QCOMPARE(m_view->toolTipAt(QPoint(20, 40)), QString());          // the name column
}

// Lesson 21: at 1 s, the end of the run, each transfer asks for the lock the other holds. That
// state is drawn right of the lane's end; hovering it says what the task is stuck on and who
// holds it.
void TestTimelineView::hoverOverADeadlockedTaskSaysWhatItIsStuckOn()
{
    const ScenarioLoad load
        = readScenarioFile(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/21-deadlock.loop.json"));
    QVERIFY(load.ok());
    m_view->setTrace(runScenario(*load.scenario, RunOptions{}));
    m_view->setStepTexts({{QStringLiteral("s5"), QStringLiteral("with b")},
                          {QStringLiteral("s11"), QStringLiteral("with a")}});
    m_view->setVisibleRange({0.0, 1.1}); // room right of the end at 1 s
    const QPoint stub = m_view->pointAt(1.0, 1) + QPoint(3 + 8, 0);
    QTest::mouseMove(viewport(), stub);
    const QString expected = QStringLiteral("transfer_ab-1 \u00b7 blocked on b\n"
                                            "from 1 s on: the run ended in a deadlock\n"
                                            "with b\n"
                                            "held by transfer_ba-1");
    QTRY_COMPARE_WITH_TIMEOUT(QToolTip::text(), expected, 3000);
    QCOMPARE(m_view->toolTipAt(m_view->pointAt(1.0, 2) + QPoint(11, 0)),
             QStringLiteral("transfer_ba-1 \u00b7 blocked on a\n"
                            "from 1 s on: the run ended in a deadlock\n"
                            "with a\n"
                            "held by transfer_ab-1"));
    QCOMPARE(m_view->toolTipAt(m_view->pointAt(1.0, 1) + QPoint(46, 0)), QString()); // the mark
}

void TestTimelineView::clickEmitsSpanClicked()
{
    QSignalSpy clicks(m_view, &TimelineView::spanClicked);
    QTest::mouseClick(viewport(), Qt::LeftButton, {}, m_view->pointAt(1.5, 1));
    QCOMPARE(clicks.count(), 1);
    QCOMPARE(clicks.at(0), (QVariantList{1, 1, QStringLiteral("s3")}));
    QTest::mouseClick(viewport(), Qt::LeftButton, {}, m_view->pointAt(0.2, 3)); // no span
    QCOMPARE(clicks.count(), 1);
}

void TestTimelineView::clickOnTriangleCollapsesTheSubtree()
{
    QCOMPARE(m_view->rows().rowCount(), 5);
    QTest::mouseClick(viewport(), Qt::LeftButton, {}, QPoint(10, 26 + 11));
    QCOMPARE(m_view->rows().rowCount(), 2);
    QCOMPARE(m_view->rows().laneAt(1), 4);
    QTest::mouseClick(viewport(), Qt::LeftButton, {}, QPoint(10, 26 + 11));
    QCOMPARE(m_view->rows().rowCount(), 5);
}

void TestTimelineView::followsThePresentUntilTheUserScrolls()
{
    QSignalSpy following(m_view, &TimelineView::followPresentChanged);
    m_view->setFollowPresent(true);
    Trace grown = testing::sampleTrace();
    grown.duration = 8.0;
    m_view->updateTrace(grown);
    // The present (8 s) sits at 90% of the 4 s wide view.
    QCOMPARE(m_view->visibleRange(), (TimeRange{4.4, 8.4}));
    wheel(QPoint(300, 60), 120, Qt::ShiftModifier); // the user pans back in time
    QVERIFY(!m_view->followsPresent());
    QCOMPARE(following.count(), 2);
    QCOMPARE(following.at(1).at(0).toBool(), false);
    QCOMPARE(m_view->visibleRange(), (TimeRange{4.0, 8.0}));
    grown.duration = 9.0;
    m_view->updateTrace(grown);
    QCOMPARE(m_view->visibleRange(), (TimeRange{4.0, 8.0}));
}

void TestTimelineView::updateTraceKeepsTheView()
{
    m_view->setLaneCollapsed(0, true);
    m_view->setVisibleRange({1.0, 2.0});
    Trace grown = testing::sampleTrace();
    grown.duration = 5.0;
    m_view->updateTrace(grown);
    QCOMPARE(m_view->visibleRange(), (TimeRange{1.0, 2.0}));
    QCOMPARE(m_view->rows().rowCount(), 2);
}

// Not an assertion: saves what the view looks like for people to look at (tooling.md).
// Before any run the ruler shows 0 to 10 s however wide the window opens, not the 10 s of the
// view's first (unlaid-out) width stretched: the first window showed "0 s … 12000 s".
void TestTimelineView::anEmptyTimelineShowsTenSecondsAtAnyWidth()
{
    TimelineView empty;
    empty.setFrameShape(QFrame::NoFrame);
    empty.resize(400, 200);
    empty.show();
    QVERIFY(QTest::qWaitForWindowExposed(&empty));
    empty.resize(1380, 200);
    QTRY_COMPARE(empty.viewport()->width(), 1380);
    const TimelineCoordinates &c = empty.coordinates();
    QCOMPARE(c.visibleStart, 0.0);
    // 10 s end where the lanes end, the end-mark room (TimelineLayout) after them.
    QCOMPARE(c.mapTimeToX(10.0), double(1380 - TimelineLayout::kEndMarkRoom));
}

void TestTimelineView::screenshot()
{
    m_view->resize(900, 260);
    m_view->setSelection(TimeRange{1.0, 2.5});
    m_view->fitAll();
    const QString path = QDir::temp().filePath(QStringLiteral("loopscope-timeline-view.png"));
    QVERIFY(m_view->grab().save(path));
    qInfo("view screenshot: %s", qPrintable(path));
}

QTEST_MAIN(TestTimelineView)
#include "tst_timeline_view.moc"
