// Folded lane groups in the view, with real clicks: a new trace of 200 tasks of one coroutine
// folds them, a click on the fold's name opens it into its lanes and another folds it again;
// the tool tip gives the counts at the instant under the pointer; exports fold as the screen.
#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "timeline/image_export.h"
#include "timeline/timeline_marks.h"
#include "timeline/timeline_view.h"

#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QTest>

using namespace loopscope;

class TestTimelineFolds : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void aNewTraceOfManyTasksFoldsAndClicksUnfoldAndFold();
    void aFewLanesStayLanes();
    void theToolTipGivesTheCountsAtThatInstant();
    void foldAllAndUnfoldAll();
    void exportsFoldAsTheScreen();

private:
    QWidget *viewport() const { return m_view->viewport(); }
    QPoint nameOfRow(int row) const
    {
        return {40, m_view->coordinates().rowTop(row) + m_view->coordinates().laneHeight / 2};
    }
    TimelineView *m_view = nullptr;
    Trace m_semaphore; // examples/14: five access_resource tasks through a semaphore of 2
    Trace m_fetches;   // tests/ui/data/many-fetches: 200 fetch tasks through 20 connections
};

static Trace run(const QString &path)
{
    const ScenarioLoad load = readScenarioFile(path);
    if (!load.ok())
        qFatal("%s does not load", qPrintable(path));
    return runScenario(*load.scenario, RunOptions{});
}

void TestTimelineFolds::initTestCase()
{
    m_semaphore = run(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json"));
    m_fetches = run(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/ui/data/many-fetches.loop.json"));
}

// 580 x 600, no frame: the name column is 180 px, time runs over x 180..579.
void TestTimelineFolds::init()
{
    QTest::failOnWarning(
        QRegularExpression(QStringLiteral("^(?!This plugin does not support raise\\(\\)$)")));
    m_view = new TimelineView;
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->resize(580, 600);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void TestTimelineFolds::cleanup()
{
    delete m_view;
    m_view = nullptr;
}

void TestTimelineFolds::aNewTraceOfManyTasksFoldsAndClicksUnfoldAndFold()
{
    m_view->setTrace(m_fetches);
    const LaneRows &rows = m_view->rows();
    QCOMPARE(m_view->screenfulRows(), TimelineView::kMinScreenfulRows); // 24 rows are visible
    QCOMPARE(rows.rowCount(), 3); // main, fetch ×200, the loop
    QCOMPARE(rows.foldAt(1), 0);
    QCOMPARE(rows.foldState(0), FoldState::Folded);
    QTest::mouseClick(viewport(), Qt::LeftButton, {}, nameOfRow(1));
    QCOMPARE(rows.foldState(0), FoldState::Open);
    QCOMPARE(rows.rowCount(), 203); // the header stays, its 200 lanes under it
    QCOMPARE(rows.foldAt(1), 0);
    QCOMPARE(rows.laneAt(2), 1); // fetch-1
    QCOMPARE(rows.depth(1), 2);
    QCOMPARE(rows.laneAt(201), 200); // fetch-200
    QTest::mouseClick(viewport(), Qt::LeftButton, {}, nameOfRow(1));
    QCOMPARE(rows.foldState(0), FoldState::Folded);
    QCOMPARE(rows.rowCount(), 3);
    // Another run of the same program folds afresh.
    QTest::mouseClick(viewport(), Qt::LeftButton, {}, nameOfRow(1));
    m_view->setTrace(m_fetches);
    QCOMPARE(rows.rowCount(), 3);
}

void TestTimelineFolds::aFewLanesStayLanes()
{
    m_view->setTrace(m_semaphore);
    QCOMPARE(m_view->rows().rowCount(), 7);
    for (int row = 0; row < 7; ++row)
        QCOMPARE(m_view->rows().foldAt(row), -1);
}

void TestTimelineFolds::theToolTipGivesTheCountsAtThatInstant()
{
    m_view->setTrace(m_semaphore);
    m_view->setFoldState(0, FoldState::Folded);
    m_view->setVisibleRange({0.0, 4.0});                            // 10 ms a pixel
    const QString tip = m_view->toolTipAt(m_view->pointAt(0.5, 3)); // lane 3 is in the fold
    QVERIFY2(tip.contains(QStringLiteral(
                 "0 running \u00b7 0 ready \u00b7 0 blocking \u00b7 2 waiting \u00b7 3 blocked")),
             qPrintable(tip));
    QVERIFY2(tip.startsWith(QStringLiteral("<b>access_resource \u00d75</b> at ")), qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("At most 5 at once.")));
    const QString later = m_view->toolTipAt(m_view->pointAt(1.5, 3));
    QVERIFY2(later.contains(QStringLiteral("2 waiting \u00b7 1 blocked")), qPrintable(later));
    // Where five tasks ran in an instant (0 s, in the pixel at x = 180).
    const QString start = m_view->toolTipAt(QPoint(180, m_view->pointAt(0.5, 3).y()));
    QVERIFY2(start.contains(QStringLiteral("5 ran for an instant in this pixel")),
             qPrintable(start));
}

void TestTimelineFolds::foldAllAndUnfoldAll()
{
    m_view->setTrace(m_semaphore);
    m_view->foldAll();
    QCOMPARE(m_view->rows().rowCount(), 3);
    m_view->unfoldAll();
    QCOMPARE(m_view->rows().rowCount(), 8); // the header stays, to fold them again
    QCOMPARE(m_view->rows().foldState(0), FoldState::Open);
}

void TestTimelineFolds::exportsFoldAsTheScreen()
{
    m_view->setTrace(m_fetches);
    ImageExportOptions options;
    options.folds = m_view->rows().foldChoices();
    const int frame = TimelineLayout::kTitleHeight + 26 + 30; // title, ruler, legend
    QCOMPARE(timelineImageSize(m_fetches, options).height(), frame + 3 * 22);
    QTest::mouseClick(viewport(), Qt::LeftButton, {}, nameOfRow(1)); // open: 203 rows
    options.folds = m_view->rows().foldChoices();
    QCOMPARE(timelineImageSize(m_fetches, options).height(), frame + 203 * 22);
    options.folds.reset(); // the command line: folds past a screenful, as a new view
    const QSize size = timelineImageSize(m_fetches, options);
    QCOMPARE(size.height(), frame + 3 * 22);
    // The picture shows the band: at 0.1 s, 20 waiting on their request, 180 blocked.
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    paintTimelineImage(painter, m_fetches, options, size, false);
    painter.end();
    const int x
        = 180 + int(0.1 / m_fetches.duration * (size.width() - 180 - TimelineLayout::kEndMarkRoom));
    const int bandBottom = TimelineLayout::kTitleHeight + 26 + 2 * 22 - 3 - 1;
    QCOMPARE(image.pixel(x, bandBottom), stateColor(LaneState::Waiting).rgb());
    QCOMPARE(image.pixel(x, bandBottom - 15), stateColor(LaneState::Blocked).rgb());
}

QTEST_MAIN(TestTimelineFolds)
#include "tst_timeline_folds.moc"
