// The `questions` of a scenario file: every kind read field by field, written back the same,
// and every refusal naming the file, the JSON path and what was expected.
#include "scenario/scenario_json.h"

#include <QTest>

using namespace loopscope;

namespace {

QByteArray withQuestions(const QByteArray &questions)
{
    return R"({"format": "loopscope-scenario", "version": 1,
"resources": [{"id": "lock", "kind": "lock"}, {"id": "sem", "kind": "semaphore", "value": 2}],
"coroutines": [{"name": "main", "steps": [{"op": "print", "text": "hi"}]}],
"questions": )"
           + questions + "}";
}

const QByteArray kEveryKind = R"([
  {"kind": "print_order", "prompt": "Which first?", "prints": ["b", "a", "b"], "answer": ["a", "b", "b"]},
  {"kind": "duration", "answer": 5},
  {"kind": "duration", "task": "worker-1", "tolerance": 0.25, "answer": 1.5, "x-hint": "think"},
  {"kind": "lock_holder", "resource": "lock", "at": 2.5, "choices": ["w-1", "w-2", "nobody"], "answer": "nobody"},
  {"kind": "first_to_finish", "choices": ["fast", "slow"], "answer": "slow"},
  {"kind": "deadlock", "answer": true}
])";

} // namespace

class TestQuestionFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsEveryKind();
    void roundTrips();
    void noQuestionsWritesNone();
    void refusal_data();
    void refusal();
};

void TestQuestionFormat::readsEveryKind()
{
    const ScenarioLoad load
        = readScenario(withQuestions(kEveryKind), QStringLiteral("q.loop.json"));
    QVERIFY2(load.ok(), load.problems.empty() ? "" : qPrintable(load.problems[0].toString()));
    const std::vector<Question> &q = load.scenario->questions;
    QCOMPARE(q.size(), std::size_t(6));
    QCOMPARE(q[0].kind, QuestionKind::PrintOrder);
    QCOMPARE(q[0].prompt, QStringLiteral("Which first?"));
    QCOMPARE(q[0].prints, (std::vector<QString>{"b", "a", "b"}));
    QCOMPARE(q[0].answer.order, (std::vector<QString>{"a", "b", "b"}));
    QCOMPARE(q[1].kind, QuestionKind::Duration);
    QCOMPARE(q[1].task, QString());
    QCOMPARE(q[1].answer.number, 5.0);
    QCOMPARE(defaultPrompt(q[1]), QStringLiteral("How many seconds does the whole run take?"));
    QCOMPARE(q[2].task, QStringLiteral("worker-1"));
    QCOMPARE(q[2].tolerance, 0.25);
    QCOMPARE(q[2].answer.number, 1.5);
    QCOMPARE(q[2].extra.value(QStringLiteral("x-hint")).toString(), QStringLiteral("think"));
    QCOMPARE(q[3].kind, QuestionKind::LockHolder);
    QCOMPARE(q[3].resource, QStringLiteral("lock"));
    QCOMPARE(q[3].at, 2.5);
    QCOMPARE(q[3].choices, (std::vector<QString>{"w-1", "w-2", "nobody"}));
    QCOMPARE(q[3].answer.lane, kNobody);
    QCOMPARE(defaultPrompt(q[3]), QStringLiteral("Which task holds lock at 2.5 s?"));
    QCOMPARE(q[4].kind, QuestionKind::FirstToFinish);
    QCOMPARE(q[4].answer.lane, QStringLiteral("slow"));
    QCOMPARE(q[5].kind, QuestionKind::Deadlock);
    QCOMPARE(q[5].answer.yes, true);
}

void TestQuestionFormat::roundTrips()
{
    const ScenarioLoad first
        = readScenario(withQuestions(kEveryKind), QStringLiteral("q.loop.json"));
    QVERIFY(first.ok());
    const QByteArray written = writeScenario(*first.scenario);
    QVERIFY(written.indexOf("\"questions\"") < written.indexOf("\"layout\""));
    QVERIFY(written.contains(R"({"kind": "duration", "answer": 5})"));
    const ScenarioLoad second = readScenario(written, QStringLiteral("again.loop.json"));
    QVERIFY2(second.ok(), second.problems.empty() ? "" : qPrintable(second.problems[0].toString()));
    QCOMPARE(second.scenario->questions, first.scenario->questions);
    QCOMPARE(writeScenario(*second.scenario), written);
}

void TestQuestionFormat::noQuestionsWritesNone()
{
    const ScenarioLoad load = readScenario(withQuestions("[]"), QStringLiteral("q.loop.json"));
    QVERIFY(load.ok());
    QVERIFY(load.scenario->questions.empty());
    QVERIFY(!writeScenario(*load.scenario).contains("questions"));
}

void TestQuestionFormat::refusal_data()
{
    QTest::addColumn<QByteArray>("questions");
    QTest::addColumn<QString>("problem");
    QTest::newRow("not_an_array") << QByteArray(R"({"kind": "deadlock"})")
                                  << "q.loop.json:4:14: questions: expected an array of questions, "
                                     "got an object";
    QTest::newRow("not_an_object")
        << QByteArray(R"([3])")
        << "q.loop.json:4:15: questions[0]: expected a question object, got 3";
    QTest::newRow("unknown_kind")
        << QByteArray(R"([{"kind": "guess", "answer": 1}])")
        << "q.loop.json:4:24: questions[0].kind: expected \"print_order\", \"duration\", "
           "\"lock_holder\", \"first_to_finish\" or \"deadlock\", got \"guess\"";
    QTest::newRow("missing_answer")
        << QByteArray(R"([{"kind": "duration"}])")
        << QString::fromUtf8("q.loop.json:4:15: questions[0].answer: required field missing "
                             "(expected a number ≥ 0 (seconds))");
    QTest::newRow("order_not_the_lines")
        << QByteArray(R"([{"kind": "print_order", "prints": ["a", "b"], "answer": ["a", "c"]}])")
        << "q.loop.json:4:71: questions[0].answer: expected the lines of \"prints\", each as often "
           "as there, in the order the run prints them";
    QTest::newRow("one_line")
        << QByteArray(R"([{"kind": "print_order", "prints": ["a"], "answer": ["a"]}])")
        << "q.loop.json:4:49: questions[0].prints: expected at least 2 lines to order, got 1";
    QTest::newRow("answer_not_a_choice")
        << QByteArray(R"([{"kind": "first_to_finish", "choices": ["a", "b"], "answer": "c"}])")
        << "q.loop.json:4:76: questions[0].answer: expected one of the choices, got \"c\"";
    QTest::newRow("choice_twice")
        << QByteArray(R"([{"kind": "first_to_finish", "choices": ["a", "a"], "answer": "a"}])")
        << "q.loop.json:4:60: questions[0].choices[1]: expected a choice no other choice is, got "
           "\"a\" again";
    QTest::newRow("not_a_lock") << QByteArray(
        R"([{"kind": "lock_holder", "resource": "sem", "at": 1, "choices": ["a", "b"], "answer": "a"}])")
                                << "q.loop.json:4:51: questions[0].resource: expected the id of a "
                                   "lock or condition of "
                                   "the scenario, got \"sem\"";
    QTest::newRow("deadlock_answer_text")
        << QByteArray(R"([{"kind": "deadlock", "answer": "yes"}])")
        << "q.loop.json:4:46: questions[0].answer: expected true or false, got \"yes\"";
    QTest::newRow("key_of_another_kind")
        << QByteArray(R"([{"kind": "deadlock", "answer": false, "choices": ["a", "b"]}])")
        << "q.loop.json:4:64: questions[0].choices: expected one of kind, prompt, answer or an "
           "extension key \"x-...\", got \"choices\"";
    QTest::newRow("typo") << QByteArray(
        R"([{"kind": "lock_holder", "resources": "lock", "resource": "lock", "at": 1, "choices": ["a", "b"], "answer": "a"}])")
                          << "q.loop.json:4:52: questions[0].resources: unknown key; did you mean "
                             "\"resource\"?";
    QTest::newRow("negative_duration")
        << QByteArray(R"([{"kind": "duration", "answer": -1}])")
        << QString::fromUtf8("q.loop.json:4:46: questions[0].answer: expected a number ≥ 0 "
                             "(seconds), got -1");
}

void TestQuestionFormat::refusal()
{
    QFETCH(QByteArray, questions);
    QFETCH(QString, problem);
    const ScenarioLoad load = readScenario(withQuestions(questions), QStringLiteral("q.loop.json"));
    QVERIFY(!load.ok());
    QStringList all;
    for (const ScenarioProblem &p : load.problems)
        all << p.toString();
    QCOMPARE(all.join(QLatin1Char('\n')), problem);
}

QTEST_GUILESS_MAIN(TestQuestionFormat)
#include "tst_question_format.moc"
