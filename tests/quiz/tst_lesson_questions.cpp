// Every lesson's questions against the lesson's real run on the virtual clock: the author's
// answer is graded right, a wrong answer wrong with a place on the timeline inside the run.
// At least 22 lessons carry at least two questions (issue 20).
#include "quiz/grading.h"
#include "runtime/runner.h"
#include "scenario/scenario_json.h"

#include <QDir>
#include <QTest>

#include <algorithm>

using namespace loopscope;

namespace {

const QString kLessons = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples");

QStringList lessonFiles()
{
    return QDir(kLessons).entryList({QStringLiteral("*.loop.json")}, QDir::Files, QDir::Name);
}

// An answer the run cannot bear out, made from the right one.
Answer wrongAnswer(const Question &q)
{
    Answer wrong = q.answer;
    switch (q.kind) {
    case QuestionKind::PrintOrder:
        std::reverse(wrong.order.begin(), wrong.order.end());
        break;
    case QuestionKind::Duration:
        wrong.number += 1.0 + q.tolerance;
        break;
    case QuestionKind::LockHolder:
    case QuestionKind::FirstToFinish:
        wrong.lane = *std::find_if(q.choices.begin(), q.choices.end(),
                                   [&](const QString &c) { return c != q.answer.lane; });
        break;
    case QuestionKind::Deadlock:
        wrong.yes = !wrong.yes;
        break;
    }
    return wrong;
}

} // namespace

class TestLessonQuestions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void enoughLessonsAsk();
    void answersAreTrueToTheRun_data();
    void answersAreTrueToTheRun();
};

void TestLessonQuestions::enoughLessonsAsk()
{
    int asking = 0;
    for (const QString &file : lessonFiles()) {
        const ScenarioLoad load = readScenarioFile(QDir(kLessons).filePath(file));
        QVERIFY2(load.ok(), qPrintable(file));
        if (load.scenario->questions.size() >= 2)
            ++asking;
    }
    QVERIFY2(asking >= 22, qPrintable(QString::number(asking)));
}

void TestLessonQuestions::answersAreTrueToTheRun_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : lessonFiles())
        QTest::newRow(qPrintable(file)) << file;
}

void TestLessonQuestions::answersAreTrueToTheRun()
{
    QFETCH(QString, file);
    const ScenarioLoad load = readScenarioFile(QDir(kLessons).filePath(file));
    QVERIFY(load.ok());
    QVERIFY2(!load.scenario->questions.empty(), "every lesson asks its questions");
    RunOptions options;
    options.clock = ClockMode::Virtual;
    const Trace trace = runScenario(*load.scenario, options);
    for (std::size_t i = 0; i < load.scenario->questions.size(); ++i) {
        const Question &q = load.scenario->questions[i];
        const QString where = QStringLiteral("%1 questions[%2]").arg(file).arg(i);
        const Grade right = gradeAnswer(q, q.answer, trace);
        QVERIFY2(right.right, qPrintable(where + QStringLiteral(": ") + right.explanation));
        QVERIFY(!right.miss);
        const Answer wrong = wrongAnswer(q);
        QVERIFY2(!(wrong == q.answer), qPrintable(where + QStringLiteral(": no wrong answer")));
        const Grade graded = gradeAnswer(q, wrong, trace);
        QVERIFY2(!graded.right,
                 qPrintable(where + QStringLiteral(": a wrong answer graded right")));
        QVERIFY(graded.miss);
        QVERIFY2(graded.miss->t >= 0 && graded.miss->t <= trace.duration, qPrintable(where));
        QVERIFY2(graded.miss->lane >= 0 && graded.miss->lane < int(trace.lanes.size()),
                 qPrintable(where + QStringLiteral(": no lane to point at")));
    }
}

QTEST_GUILESS_MAIN(TestLessonQuestions)
#include "tst_lesson_questions.moc"
