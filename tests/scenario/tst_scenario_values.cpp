// Values keep their Python kind from the file to the save and the export: QJsonDocument reads
// `1.0` as the integer 1, so the reader takes a float from the text itself; writing puts `1.0`
// back, and the Python export writes `y=1.0`, so that CPython prints what the file says.
#include "export/python_program.h"
#include "scenario/scenario_json.h"

#include <QTest>

using namespace loopscope;

namespace {

// main calls show(x, y) with `args`, has a queue with `items` and puts `item`.
QByteArray doc(const char *args, const char *items, const char *item)
{
    return QByteArray(R"({"format": "loopscope-scenario", "version": 1,
"resources": [{"id": "q", "kind": "queue", "items": )")
           + items + R"(}],
"coroutines": [{"name": "show", "params": ["x", "y"], "steps": [{"op": "print", "text": "{x} {y}"}]},
{"name": "main", "steps": [{"op": "call", "coro": "show", "args": )"
           + args + R"(}, {"op": "put", "queue": "q", "item": )" + item + "}]}]}\n";
}

Scenario read(const QByteArray &json)
{
    ScenarioLoad load = readScenario(json, QStringLiteral("t.loop.json"));
    if (!load.ok())
        qFatal("%s", qPrintable(load.problems.front().toString()));
    return *load.scenario;
}

} // namespace

class TestScenarioValues : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numbersKeepTheirKind_data();
    void numbersKeepTheirKind();
    void containersKeepKindsAndOrder();
    void savingWritesFloatsAsFloats();
    void exportWritesFloatsAsFloats();
};

void TestScenarioValues::numbersKeepTheirKind_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<bool>("isFloat");
    QTest::addColumn<QString>("str");
    QTest::newRow("whole_float") << QByteArray("1.0") << true << "1.0";
    QTest::newRow("int") << QByteArray("1") << false << "1";
    QTest::newRow("exponent_is_float") << QByteArray("1e2") << true << "100.0";
    QTest::newRow("capital_exponent") << QByteArray("2E-5") << true << "2e-05";
    QTest::newRow("negative_zero") << QByteArray("-0.0") << true << "-0.0";
    QTest::newRow("0.27") << QByteArray("0.27") << true << "0.27";
    QTest::newRow("large") << QByteArray("1e20") << true << "1e+20";
    QTest::newRow("int_beyond_2_53")
        << QByteArray("9007199254740993") << false << "9007199254740993";
}

void TestScenarioValues::numbersKeepTheirKind()
{
    QFETCH(QByteArray, literal);
    QFETCH(bool, isFloat);
    QFETCH(QString, str);
    const QByteArray args = "{\"x\": " + literal + ", \"y\": 0}";
    const Scenario s = read(doc(args, "[" + literal + "]", literal));
    const Step &call = s.coroutines[1].steps[0];
    const Step &put = s.coroutines[1].steps[1];
    for (const PyValue &value :
         {call.args.value(QStringLiteral("x")), s.resources[0].items[0], put.item}) {
        QCOMPARE(value.isFloat(), isFloat);
        QCOMPARE(value.str(), str);
    }
}

void TestScenarioValues::containersKeepKindsAndOrder()
{
    const Scenario s
        = read(doc(R"({"x": [1.0, 2, "a'b"], "y": {"b": 0.5, "a": null}})", "[]", "true"));
    const Step &call = s.coroutines[1].steps[0];
    QCOMPARE(call.args.value(QStringLiteral("x")).str(), QStringLiteral("[1.0, 2, \"a'b\"]"));
    // A dict keeps the order written, as json.loads does (QJsonObject would sort it).
    QCOMPARE(call.args.value(QStringLiteral("y")).str(), QStringLiteral("{'b': 0.5, 'a': None}"));
    QCOMPARE(s.coroutines[1].steps[1].item.str(), QStringLiteral("True"));
}

void TestScenarioValues::savingWritesFloatsAsFloats()
{
    const Scenario first = read(
        doc(R"({"x": 1.0, "y": {"b": -0.0, "a": 1e-05}})", "[2.0, 3, 1e20, [0.5]]", "1.5e16"));
    const QByteArray written = writeScenario(first);
    QVERIFY2(written.contains(R"("args": {"x": 1.0, "y": {"b": -0.0, "a": 1e-05}})"),
             written.constData());
    QVERIFY2(written.contains(R"("items": [2.0, 3, 1e+20, [0.5]])"), written.constData());
    QVERIFY2(written.contains(R"("item": 1.5e+16)"), written.constData());
    QVERIFY(read(written) == first);
    QCOMPARE(writeScenario(read(written)), written);
}

void TestScenarioValues::exportWritesFloatsAsFloats()
{
    const QString program
        = pythonProgram(read(doc(R"({"x": 1.0, "y": 0.27})", "[1.0, 1, 1e-05]", "2.0")));
    QVERIFY2(program.contains(QStringLiteral("await show(x=1.0, y=0.27)")), qPrintable(program));
    QVERIFY2(program.contains(QStringLiteral("for item in [1.0, 1, 1e-05]:")), qPrintable(program));
    QVERIFY2(program.contains(QStringLiteral("await q.put(2.0)")), qPrintable(program));
}

QTEST_GUILESS_MAIN(TestScenarioValues)
#include "tst_scenario_values.moc"
