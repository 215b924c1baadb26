// Predict, then run, in the window with real mouse and key events: opening a lesson with
// questions hides the timeline and the log and asks; answers are typed, clicked and dragged;
// Run and Grade runs the lesson, grades every answer against that run, brings the timeline back
// and marks (in the marker's model and in its pixels) where the first wrong prediction parted
// from the run; answers and score are kept per lesson in a temporary file.
#include "app/main_window.h"
#include "app/trace_list_dock.h"
#include "teach/lesson_quiz.h"
#include "teach/miss_marker.h"
#include "teach/predict_panel.h"
#include "teach/print_order_list.h"
#include "teach/question_card.h"
#include "timeline/timeline_view.h"

#include "menu_clicks.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace loopscope;

namespace {

const QString kLesson = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/13-lock-counter.loop.json");

QuestionCard *card(MainWindow &window, int i)
{
    return window.quiz()->panel()->cards().at(std::size_t(i));
}

void clickChoice(QuestionCard *card, const QString &text)
{
    for (QAbstractButton *button : card->choiceGroup()->buttons())
        if (button->text() == text)
            return QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(6, button->height() / 2));
    QFAIL(qPrintable(QStringLiteral("no choice ") + text));
}

void typeSeconds(QuestionCard *card, const QString &text)
{
    QLineEdit *edit = card->numberEdit();
    QTest::mouseClick(edit, Qt::LeftButton);
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

// Presses on line `from` and releases over line `to`, as a drag.
void dragLine(PrintOrderList *list, int from, int to)
{
    const QPoint start = list->visualItemRect(list->item(from)).center();
    const QPoint end = list->visualItemRect(list->item(to)).center();
    QTest::mousePress(list->viewport(), Qt::LeftButton, {}, start);
    QTest::mouseMove(list->viewport(), (start + end) / 2);
    QTest::mouseMove(list->viewport(), end);
    QTest::mouseRelease(list->viewport(), Qt::LeftButton, {}, end);
}

void runAndGrade(MainWindow &window)
{
    QPushButton *button = window.quiz()->panel()->gradeButton();
    QVERIFY(button->isEnabled());
    QSignalSpy graded(window.quiz(), &LessonQuiz::graded);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(graded.wait(20000));
}

QColor pixel(TimelineView *timeline, QPoint at)
{
    return timeline->viewport()->grab().toImage().pixelColor(at);
}

} // namespace

class TestPredict : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void openingALessonHidesTheTimelineAndAsks();
    void askingHidesTheEventLoopView();
    void dragAndKeysOrderThePrints();
    void wrongAnswersArePointedAtOnTheTimeline();
    void rightAnswersLeaveNoMarker();
    void answersAndScoreAreKept();
    void predictFromTheMenuAsksAgain();
    void deadlockYesOrNo();

private:
    std::unique_ptr<MainWindow> openLesson(const QString &path = kLesson);
    QTemporaryDir m_dir;
};

void TestPredict::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTestPredict"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

void TestPredict::init()
{
    // Every warning fails, except the offscreen platform's notes on what it cannot do.
    QTest::failOnWarning(QRegularExpression(QStringLiteral(
        "^(?!This plugin does not support ((raise|propagateSizeHints)\\(\\)|grabbing the "
        "keyboard)$)")));
}

std::unique_ptr<MainWindow> TestPredict::openLesson(const QString &path)
{
    auto window = std::make_unique<MainWindow>();
    window->quiz()->store() = PredictionStore(m_dir.filePath(QStringLiteral("predictions.ini")));
    window->resize(1400, 900);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()) || !window->openScenario(path))
        return nullptr;
    return window;
}

// The loop view's headline ("t = 5.000 s") would tell the duration: asking hides it too.
void TestPredict::askingHidesTheEventLoopView()
{
    auto window = std::make_unique<MainWindow>();
    window->quiz()->store() = PredictionStore(m_dir.filePath(QStringLiteral("predictions.ini")));
    window->resize(1400, 900);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    auto *loop = window->findChild<QDockWidget *>(QStringLiteral("loopDock"));
    QVERIFY(loop);
    if (!loop->isVisible())
        QTest::keyClick(window.get(), Qt::Key_3, Qt::ControlModifier); // Window ▸ Event Loop
    QVERIFY(loop->isVisible());
    QVERIFY(window->openScenario(kLesson));
    QVERIFY(window->quiz()->isAsking());
    QVERIFY(!loop->isVisible());
    QTest::keyClick(window.get(), Qt::Key_F8); // Run ▸ Step Iteration: not while asking
    QVERIFY(!loop->isVisible());
    // Window ▸ Event Loop (Ctrl+3) neither: its headline would tell the run's duration.
    QTest::keyClick(window.get(), Qt::Key_3, Qt::ControlModifier);
    QVERIFY(!loop->isVisible());
    QVERIFY(!window->timeline()->isVisible());
}

void TestPredict::openingALessonHidesTheTimelineAndAsks()
{
    QFile::remove(m_dir.filePath(QStringLiteral("predictions.ini")));
    const auto window = openLesson();
    QVERIFY(window);
    LessonQuiz *quiz = window->quiz();
    QVERIFY(quiz->isAsking());
    QVERIFY(!window->timeline()->isVisible());
    QVERIFY(!window->findChild<TraceListDock *>()->isVisible());
    // The status bar would tell the run's duration and outcome.
    QVERIFY(!window->findChild<QLabel *>(QStringLiteral("runStatus"))->isVisible());
    QVERIFY(quiz->dock()->isVisible());
    QCOMPARE(quiz->panel()->cards().size(), std::size_t(3));
    QCOMPARE(card(*window, 0)->question().kind, QuestionKind::LockHolder);
    QCOMPARE(card(*window, 0)->choiceGroup()->buttons().size(), 4);
    QVERIFY(!quiz->panel()->gradeButton()->isEnabled()); // two questions still open
    QCOMPARE(quiz->panel()->gradeButton()->toolTip(),
             QStringLiteral("2 question(s) still to answer"));
}

void TestPredict::dragAndKeysOrderThePrints()
{
    const auto window = openLesson();
    QVERIFY(window);
    PrintOrderList *list = card(*window, 2)->orderList();
    QCOMPARE(list->order(),
             (std::vector<QString>{"Counter after: 1", "Counter before: 1", "Counter before: 0"}));
    dragLine(list, 2, 0);
    QCOMPARE(list->order(),
             (std::vector<QString>{"Counter before: 0", "Counter after: 1", "Counter before: 1"}));
    list->setFocus();
    QCOMPARE(list->currentRow(), 0);
    QTest::keyClick(list, Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(list->order(),
             (std::vector<QString>{"Counter after: 1", "Counter before: 0", "Counter before: 1"}));
    QTest::keyClick(list, Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(list->order(),
             (std::vector<QString>{"Counter before: 0", "Counter after: 1", "Counter before: 1"}));
}

void TestPredict::wrongAnswersArePointedAtOnTheTimeline()
{
    QFile::remove(m_dir.filePath(QStringLiteral("predictions.ini")));
    const auto window = openLesson();
    QVERIFY(window);
    clickChoice(card(*window, 0), QStringLiteral("modify-2")); // modify-3 holds it at 2.5 s
    typeSeconds(card(*window, 1), QStringLiteral("3"));        // the run takes 5 s
    dragLine(card(*window, 2)->orderList(), 2, 0);             // right
    runAndGrade(*window);

    LessonQuiz *quiz = window->quiz();
    QCOMPARE(quiz->grades().size(), std::size_t(3));
    QVERIFY(!quiz->grades()[0].right);
    QVERIFY(!quiz->grades()[1].right);
    QVERIFY(quiz->grades()[2].right);
    QCOMPARE(card(*window, 0)->verdictLabel()->text(),
             QStringLiteral("\u2718 Wrong: the run says modify-3. At 2.5 s modify-3 held lock, "
                            "not modify-2."));
    QCOMPARE(card(*window, 2)->verdictLabel()->text(),
             QStringLiteral("\u2714 Right: \"Counter before: 0\", \"Counter after: 1\", "
                            "\"Counter before: 1\"."));
    QVERIFY(card(*window, 0)->showMissButton()->isVisible());
    QVERIFY(!card(*window, 2)->showMissButton()->isVisible());
    QCOMPARE(quiz->panel()->scoreLabel()->text(), QStringLiteral("1 of 3 right"));

    // The run is on screen again, and the first wrong answer is marked on modify-3's lane.
    TimelineView *timeline = window->timeline();
    QVERIFY(timeline->isVisible());
    QVERIFY(window->findChild<TraceListDock *>()->isVisible());
    QCOMPARE(window->findChild<QLabel *>(QStringLiteral("runStatus"))->text(),
             QStringLiteral("completed \u00b7 5 s \u00b7 virtual clock"));
    QVERIFY(window->findChild<QLabel *>(QStringLiteral("runStatus"))->isVisible());
    QCOMPARE(timeline->trace().lanes.at(3).name, QStringLiteral("modify-3"));
    MissMarker *marker = quiz->marker();
    QVERIFY(marker->isVisible());
    QCOMPARE(marker->miss()->t, 2.5);
    QCOMPARE(marker->miss()->lane, 3);
    const QPoint ring = *marker->ringCentre();
    QCOMPARE(ring, timeline->pointAt(2.5, 3));
    QVERIFY(timeline->viewport()->rect().contains(ring));
    QCOMPARE(*marker->lineX(), ring.x());
    QCOMPARE(pixel(timeline, ring + QPoint(8, 0)), MissMarker::color()); // on the ring
    QCOMPARE(pixel(timeline, ring - QPoint(8, 0)), MissMarker::color());

    // The second wrong answer, when asked: main's lane at 3 s, where it was still running.
    QTest::mouseClick(card(*window, 1)->showMissButton(), Qt::LeftButton);
    QCOMPARE(*marker->miss(),
             (Miss{3.0, 0, "At 3 s the run had not finished: it finished at 5 s."}));
    const QPoint moved = *marker->ringCentre();
    QCOMPARE(moved, timeline->pointAt(3.0, 0));
    QCOMPARE(pixel(timeline, moved + QPoint(8, 0)), MissMarker::color());
}

void TestPredict::rightAnswersLeaveNoMarker()
{
    const auto window = openLesson();
    QVERIFY(window);
    clickChoice(card(*window, 0), QStringLiteral("modify-3"));
    typeSeconds(card(*window, 1), QStringLiteral("5"));
    card(*window, 2)
        ->orderList()
        ->setOrder({"Counter before: 0", "Counter after: 1", "Counter before: 1"});
    runAndGrade(*window);
    for (const Grade &grade : window->quiz()->grades())
        QVERIFY2(grade.right, qPrintable(grade.explanation));
    QVERIFY(!window->quiz()->marker()->miss());
    QVERIFY(!window->quiz()->marker()->isVisible());
    QCOMPARE(window->quiz()->panel()->scoreLabel()->text(), QStringLiteral("3 of 3 right"));
}

// Runs after rightAnswersLeaveNoMarker: its answers come back, with its score.
void TestPredict::answersAndScoreAreKept()
{
    const PredictionStore store(m_dir.filePath(QStringLiteral("predictions.ini")));
    QCOMPARE(*store.score(QStringLiteral("13-lock-counter.loop.json")),
             (PredictionStore::Score{3, 3}));
    const auto window = openLesson();
    QVERIFY(window);
    const auto saved
        = store.saved(QStringLiteral("13-lock-counter.loop.json"), 0, card(*window, 0)->question());
    QCOMPARE(saved->answer.lane, QStringLiteral("modify-3"));
    QVERIFY(saved->right);
    QCOMPARE(card(*window, 0)->choiceGroup()->checkedButton()->text(), QStringLiteral("modify-3"));
    QCOMPARE(card(*window, 1)->numberEdit()->text(), QStringLiteral("5"));
    QCOMPARE(card(*window, 2)->orderList()->order(),
             (std::vector<QString>{"Counter before: 0", "Counter after: 1", "Counter before: 1"}));
    QCOMPARE(window->quiz()->panel()->scoreLabel()->text(),
             QStringLiteral("Last time: 3 of 3 right"));
    QVERIFY(window->quiz()->panel()->gradeButton()->isEnabled());
}

void TestPredict::predictFromTheMenuAsksAgain()
{
    const auto window = openLesson();
    QVERIFY(window);
    runAndGrade(*window); // the kept answers
    QVERIFY(window->timeline()->isVisible());
    QVERIFY(testing::chooseFromMenu(*window, {"Lesson", "Predict"}));
    QTRY_VERIFY(window->quiz()->isAsking());
    QVERIFY(!window->timeline()->isVisible());
    QVERIFY(!card(*window, 0)->verdictLabel()->isVisible());
}

void TestPredict::deadlockYesOrNo()
{
    const auto window
        = openLesson(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/21-deadlock.loop.json"));
    QVERIFY(window);
    QCOMPARE(card(*window, 0)->question().kind, QuestionKind::Deadlock);
    clickChoice(card(*window, 0), QStringLiteral("No, it finishes"));
    clickChoice(card(*window, 1), QStringLiteral("transfer_ba-1"));
    runAndGrade(*window);
    const Grade &grade = window->quiz()->grades()[0];
    QVERIFY(!grade.right);
    QVERIFY(window->quiz()->grades()[1].right);
    QVERIFY(!window->quiz()->grades()[2].right); // the lines left in the order offered
    const Trace &trace = window->timeline()->trace();
    QCOMPARE(trace.lanes.at(1).name, QStringLiteral("transfer_ab-1"));
    // The deadlock's last instant, on the first task stuck on a lock.
    QCOMPARE(grade.miss->t, 1.0);
    QCOMPARE(grade.miss->lane, 1);
    QCOMPARE(*window->quiz()->marker()->miss(), *grade.miss);
    QCOMPARE(*window->quiz()->marker()->ringCentre(), window->timeline()->pointAt(1.0, 1));
}

QTEST_MAIN(TestPredict)
#include "tst_predict.moc"
