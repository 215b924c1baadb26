// Grading answers against a hand-built trace: right and wrong for every kind of question, and
// the exact instant, lane and words of where a wrong prediction parted from the run.
#include "quiz/grading.h"
#include "quiz/run_facts.h"

#include <QTest>

#include <cmath>

using namespace loopscope;

namespace {

Span span(LaneState state, double start, double end)
{
    Span s;
    s.state = state;
    s.start = start;
    s.end = end;
    return s;
}

Lane task(const QString &name, LaneResult result, std::vector<Span> spans)
{
    Lane l;
    l.id = QStringLiteral("task-") + name;
    l.name = name;
    l.result = result;
    l.spans = std::move(spans);
    return l;
}

TraceEvent event(double t, int lane, EventKind kind, const QString &text = {},
                 const QString &resource = {})
{
    return TraceEvent{t, lane, kind, text, resource, -1, {}};
}

// main  waiting [0, 4)                              done at 4, prints "m" at 4
// alpha running [0, 2): holds lock [0, 1)           done at 2, prints "a1" at 0, "a2" at 1.5
// beta  blocked [0, 1), waiting [1, 3): lock [1, 2.5) done at 3, prints "b1" at 1
// gamma waiting [0, 4)                              pending (never finished)
// delta waiting [0, 2)                              done at 2 (ties with alpha)
Trace sample()
{
    using S = LaneState;
    Trace t;
    t.duration = 4.0;
    t.lanes = {task("main", LaneResult::Done, {span(S::Waiting, 0, 4)}),
               task("alpha", LaneResult::Done, {span(S::Running, 0, 2)}),
               task("beta", LaneResult::Done, {span(S::Blocked, 0, 1), span(S::Waiting, 1, 3)}),
               task("gamma", LaneResult::Pending, {span(S::Blocked, 0, 4)}),
               task("delta", LaneResult::Done, {span(S::Waiting, 0, 2)})};
    const QString lock = QStringLiteral("lock");
    t.events
        = {event(0, 1, EventKind::Acquire, {}, lock),   event(0, 1, EventKind::Print, "a1"),
           event(1, 1, EventKind::Release, {}, lock),   event(1, 2, EventKind::Acquire, {}, lock),
           event(1, 2, EventKind::Print, "b1"),         event(1.5, 1, EventKind::Print, "a2"),
           event(2.5, 2, EventKind::Release, {}, lock), event(4, 0, EventKind::Print, "m")};
    return t;
}

Question orderQuestion()
{
    Question q;
    q.kind = QuestionKind::PrintOrder;
    q.prints = {"m", "b1", "a1"};
    return q;
}

Answer order(std::vector<QString> lines)
{
    Answer a;
    a.order = std::move(lines);
    return a;
}

Answer number(double n)
{
    Answer a;
    a.number = n;
    return a;
}

Answer lane(const QString &name)
{
    Answer a;
    a.lane = name;
    return a;
}

Answer yes(bool y)
{
    Answer a;
    a.yes = y;
    return a;
}

Question lockQuestion(double at)
{
    Question q;
    q.kind = QuestionKind::LockHolder;
    q.resource = QStringLiteral("lock");
    q.at = at;
    q.choices = {"alpha", "beta", kNobody};
    return q;
}

Question durationQuestion(const QString &task, double tolerance = 0.0)
{
    Question q;
    q.kind = QuestionKind::Duration;
    q.task = task;
    q.tolerance = tolerance;
    return q;
}

} // namespace

class TestGrading : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void printOrderRight();
    void printOrderWrongFirstLine();
    void printOrderWrongLaterLine();
    void durationOfTheRun();
    void durationOfATask();
    void durationOfATaskThatNeverFinished();
    void durationToleratesRounding();
    void lockHolder_data();
    void lockHolder();
    void lockHolderWrongPointsAtTheHolder();
    void lockHolderNobody();
    void firstToFinish();
    void firstToFinishTies();
    void deadlockNo();
    void deadlockYes();
    void runAnswerIsGradedRight();
};

void TestGrading::printOrderRight()
{
    const Grade g = gradeAnswer(orderQuestion(), order({"a1", "b1", "m"}), sample());
    QVERIFY(g.right);
    QCOMPARE(g.truth.order, (std::vector<QString>{"a1", "b1", "m"}));
    QVERIFY(!g.miss);
    QCOMPARE(g.explanation, QStringLiteral("Right: \"a1\", \"b1\", \"m\"."));
}

void TestGrading::printOrderWrongFirstLine()
{
    const Grade g = gradeAnswer(orderQuestion(), order({"b1", "a1", "m"}), sample());
    QVERIFY(!g.right);
    QVERIFY(g.miss);
    QCOMPARE(*g.miss, (Miss{0.0, 1, "Line 1: at 0 s alpha printed \"a1\"; you put \"b1\" there."}));
    QCOMPARE(g.explanation,
             QStringLiteral("Wrong: the run says \"a1\", \"b1\", \"m\". Line 1: at 0 s alpha "
                            "printed \"a1\"; you put \"b1\" there."));
}

void TestGrading::printOrderWrongLaterLine()
{
    const Grade g = gradeAnswer(orderQuestion(), order({"a1", "m", "b1"}), sample());
    QVERIFY(!g.right);
    QCOMPARE(*g.miss, (Miss{1.0, 2, "Line 2: at 1 s beta printed \"b1\"; you put \"m\" there."}));
}

void TestGrading::durationOfTheRun()
{
    const Question q = durationQuestion({});
    QVERIFY(gradeAnswer(q, number(4), sample()).right);
    const Grade early = gradeAnswer(q, number(3), sample());
    QVERIFY(!early.right);
    QCOMPARE(early.truth.number, 4.0);
    QCOMPARE(*early.miss, (Miss{3.0, 0, "At 3 s the run had not finished: it finished at 4 s."}));
    const Grade late = gradeAnswer(q, number(6), sample());
    QCOMPARE(*late.miss, (Miss{4.0, 0, "The run finished at 4 s, not 6 s."}));
}

void TestGrading::durationOfATask()
{
    QVERIFY(gradeAnswer(durationQuestion("beta"), number(3), sample()).right);
    QVERIFY(gradeAnswer(durationQuestion("beta", 0.1), number(2.95), sample()).right);
    QVERIFY(!gradeAnswer(durationQuestion("beta", 0.1), number(2.85), sample()).right);
    const Grade g = gradeAnswer(durationQuestion("beta"), number(2.5), sample());
    QCOMPARE(*g.miss, (Miss{2.5, 2, "At 2.5 s beta had not finished: it finished at 3 s."}));
}

void TestGrading::durationOfATaskThatNeverFinished()
{
    const Grade g = gradeAnswer(durationQuestion("gamma"), number(4), sample());
    QVERIFY(!g.right);
    QVERIFY(std::isinf(g.truth.number));
    QCOMPARE(*g.miss, (Miss{4.0, 3, "At 4 s gamma had not finished: it never did."}));
    QCOMPARE(g.explanation, QStringLiteral("Wrong: gamma never finished. At 4 s gamma had not "
                                           "finished: it never did."));
}

void TestGrading::durationToleratesRounding()
{
    Trace t = sample();
    t.duration = 0.1 + 0.2; // 0.30000000000000004
    QVERIFY(gradeAnswer(durationQuestion({}), number(0.3), t).right);
    QVERIFY(!gradeAnswer(durationQuestion({}), number(0.31), t).right);
}

void TestGrading::lockHolder_data()
{
    QTest::addColumn<double>("at");
    QTest::addColumn<QString>("holder");
    QTest::newRow("first_holder") << 0.5 << "alpha";
    QTest::newRow("handed_over_at_that_instant") << 1.0 << "beta";
    QTest::newRow("second_holder") << 2.0 << "beta";
    QTest::newRow("released") << 2.5 << "nobody";
    QTest::newRow("after_the_run") << 9.0 << "nobody";
}

void TestGrading::lockHolder()
{
    QFETCH(double, at);
    QFETCH(QString, holder);
    const Grade g = gradeAnswer(lockQuestion(at), lane(holder), sample());
    QVERIFY(g.right);
    QCOMPARE(g.truth.lane, holder);
    QCOMPARE(lockHolderAt(sample(), QStringLiteral("lock"), at),
             holder == kNobody ? -1 : taskLaneNamed(sample(), holder));
}

void TestGrading::lockHolderWrongPointsAtTheHolder()
{
    const Grade g = gradeAnswer(lockQuestion(1.5), lane("alpha"), sample());
    QVERIFY(!g.right);
    QCOMPARE(*g.miss, (Miss{1.5, 2, "At 1.5 s beta held lock, not alpha."}));
}

void TestGrading::lockHolderNobody()
{
    const Grade g = gradeAnswer(lockQuestion(3), lane("beta"), sample());
    QVERIFY(!g.right);
    QCOMPARE(g.truth.lane, kNobody);
    QCOMPARE(*g.miss, (Miss{3.0, 2, "At 3 s nobody held lock: beta did not."}));
}

void TestGrading::firstToFinish()
{
    Question q;
    q.kind = QuestionKind::FirstToFinish;
    q.choices = {"beta", "alpha", "gamma"};
    const Grade right = gradeAnswer(q, lane("alpha"), sample());
    QVERIFY(right.right);
    QCOMPARE(right.truth.lane, QStringLiteral("alpha"));
    const Grade beta = gradeAnswer(q, lane("beta"), sample());
    QVERIFY(!beta.right);
    QCOMPARE(*beta.miss, (Miss{2.0, 1, "alpha finished first, at 2 s; beta finished: 3 s."}));
    const Grade gamma = gradeAnswer(q, lane("gamma"), sample());
    QCOMPARE(gamma.miss->what,
             QStringLiteral("alpha finished first, at 2 s; gamma finished: never."));
}

void TestGrading::firstToFinishTies()
{
    Question q;
    q.kind = QuestionKind::FirstToFinish;
    q.choices = {"delta", "alpha", "beta"};
    QVERIFY(gradeAnswer(q, lane("alpha"), sample()).right);
    QVERIFY(gradeAnswer(q, lane("delta"), sample()).right);
    QCOMPARE(runAnswer(q, sample()).lane, QStringLiteral("delta"));
    QVERIFY(!gradeAnswer(q, lane("beta"), sample()).right);
}

void TestGrading::deadlockNo()
{
    Question q;
    q.kind = QuestionKind::Deadlock;
    QVERIFY(gradeAnswer(q, yes(false), sample()).right);
    const Grade g = gradeAnswer(q, yes(true), sample());
    QVERIFY(!g.right);
    QCOMPARE(*g.miss, (Miss{4.0, 0, "The run ended at 4 s (completed): nothing deadlocked."}));
    QCOMPARE(g.explanation, QStringLiteral("Wrong: the run says no. The run ended at 4 s "
                                           "(completed): nothing deadlocked."));
}

void TestGrading::deadlockYes()
{
    Trace t = sample();
    t.outcome = {OutcomeStatus::Deadlock, QStringLiteral("gamma waits for lock")};
    Question q;
    q.kind = QuestionKind::Deadlock;
    QVERIFY(gradeAnswer(q, yes(true), t).right);
    const Grade g = gradeAnswer(q, yes(false), t);
    QVERIFY(!g.right);
    QCOMPARE(*g.miss, (Miss{4.0, 3, "At 4 s the run deadlocked: gamma waits for lock"}));
}

void TestGrading::runAnswerIsGradedRight()
{
    const Trace t = sample();
    for (const Question &q : {orderQuestion(), durationQuestion("beta"), lockQuestion(1.5)})
        QVERIFY(gradeAnswer(q, runAnswer(q, t), t).right);
    QCOMPARE(runAnswer(durationQuestion("beta"), t).number, 3.0);
    QCOMPARE(runAnswer(lockQuestion(1.5), t).lane, QStringLiteral("beta"));
}

QTEST_GUILESS_MAIN(TestGrading)
#include "tst_grading.moc"
