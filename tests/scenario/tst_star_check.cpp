// `check` of the `*expr` items of gather, wait and as_completed (issue 16): the expression must
// give an iterable of tasks or coroutine objects. Its names are checked as every expression's,
// and a value its text alone shows to be something else is refused with the file, the line
// and column, the JSON path, what was expected and what it is. Before, a star item was not
// checked at all: a typo or `*range(3)` only failed when the run reached it.
#include "scenario/scenario_json.h"

#include <QTest>

using namespace loopscope;

namespace {

QStringList problems(const QByteArray &json)
{
    QStringList out;
    for (const ScenarioProblem &p : readScenario(json, QStringLiteral("star.loop.json")).problems)
        out << p.toString();
    return out;
}

QByteArray gatherOf(const char *star)
{
    return QByteArray(R"({"format": "loopscope-scenario", "version": 1, "coroutines": [
 {"name": "f", "params": ["i"], "steps": [{"op": "sleep", "seconds": 1}]},
 {"name": "main", "steps": [{"op": "create_task", "coro": "f", "args": {"i": 1}, "as": "t"},
  {"op": "gather", "items": [{"star": )")
           + star + "}]}]}]}";
}

const QString kExpected = QStringLiteral(
    "expected an iterable of tasks or coroutine objects (*tasks, *(f(i) for i in range(3))), "
    "got ");

} // namespace

class TestStarCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refused_data();
    void refused();
    void accepted_data();
    void accepted();
    void waitAndAsCompletedToo();
};

void TestStarCheck::refused_data()
{
    QTest::addColumn<QByteArray>("star");
    QTest::addColumn<QString>("problem");
    const QString at
        = QStringLiteral("star.loop.json:4:39: coroutines[1].steps[1].items[0].star: ");
    QTest::newRow("number") << QByteArray("\"5\"") << at + kExpected + QStringLiteral("an int");
    QTest::newRow("string") << QByteArray("\"'abc'\"") << at + kExpected + QStringLiteral("a str");
    QTest::newRow("dict") << QByteArray("\"{'a': t}\"")
                          << at + kExpected + QStringLiteral("a dict");
    QTest::newRow("range") << QByteArray("\"range(3)\"")
                           << at + kExpected + QStringLiteral("a range, whose items are ints");
    QTest::newRow("list with a str")
        << QByteArray("\"[t, 'x']\"")
        << at + kExpected + QStringLiteral("a list whose item 1 is a str");
    QTest::newRow("generator of ints")
        << QByteArray("\"(i for i in range(3))\"")
        << at + kExpected + QStringLiteral("a generator whose items are each an int");
    QTest::newRow("comprehension of numbers")
        << QByteArray("\"[2.5 for i in t]\"")
        << at + kExpected + QStringLiteral("a list comprehension whose items are each a float");
    QTest::newRow("unknown name") << QByteArray("\"tsks\"")
                                  << at + QStringLiteral("column 1: name 'tsks' is not defined");
}

void TestStarCheck::refused()
{
    QFETCH(QByteArray, star);
    QFETCH(QString, problem);
    QCOMPARE(problems(gatherOf(star.constData())), QStringList({problem}));
}

void TestStarCheck::accepted_data()
{
    QTest::addColumn<QByteArray>("star");
    QTest::newRow("a list of tasks") << QByteArray("\"[t, t]\"");
    QTest::newRow("coroutine objects") << QByteArray("\"(f(i) for i in range(3))\"");
    QTest::newRow("lists added") << QByteArray("\"[t] + [t]\"");
    QTest::newRow("starred inside") << QByteArray("\"[f(1), *[t]]\"");
    QTest::newRow("a variable") << QByteArray("\"t\""); // the run tells whether it iterates
}

void TestStarCheck::accepted()
{
    QFETCH(QByteArray, star);
    QCOMPARE(problems(gatherOf(star.constData())), QStringList());
}

void TestStarCheck::waitAndAsCompletedToo()
{
    const QByteArray json = R"({"format": "loopscope-scenario", "version": 1, "coroutines": [
 {"name": "main", "steps": [
  {"op": "wait", "items": [{"star": "7"}], "as": "done, pending"},
  {"op": "as_completed", "items": [{"star": "[None]"}], "steps": []}]}]})";
    QCOMPARE(
        problems(json),
        QStringList({QStringLiteral("star.loop.json:3:37: coroutines[0].steps[0].items[0].star: ")
                         + kExpected + QStringLiteral("an int"),
                     QStringLiteral("star.loop.json:4:45: coroutines[0].steps[1].items[0].star: ")
                         + kExpected + QStringLiteral("a list whose item 0 is None")}));
}

QTEST_MAIN(TestStarCheck)
#include "tst_star_check.moc"
