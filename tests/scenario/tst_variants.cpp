// Variants: read, applied exactly, refused with their JSON path, written back.
#include "scenario/scenario_json.h"
#include "scenario/variants.h"

#include <QTest>

using namespace loopscope;

namespace {

// A base program and its variants (the `variants` array text, spliced in).
QByteArray file(const QByteArray &variants)
{
    QByteArray text = R"({"format": "loopscope-scenario", "version": 1, "title": "T",
  "resources": [{"id": "pool", "kind": "thread_pool", "workers": 3},
                {"id": "sem", "kind": "semaphore", "value": 2}],
  "coroutines": [
    {"name": "work", "params": ["n"], "steps": [{"op": "sleep", "id": "w1", "seconds": "$n"}]},
    {"name": "main", "steps": [{"op": "call", "id": "m1", "coro": "work", "args": {"n": 1}}]}
  ])";
    if (!variants.isEmpty())
        text += ", \"variants\": " + variants;
    return text + "}";
}

Scenario read(const QByteArray &json)
{
    const ScenarioLoad load = readScenario(json, QStringLiteral("t.loop.json"));
    for (const ScenarioProblem &p : load.problems)
        qWarning("%s", qPrintable(p.toString()));
    return load.scenario.value_or(Scenario{});
}

Step sleepStep(const QString &id, double seconds)
{
    Step s;
    s.kind = StepKind::Sleep;
    s.id = id;
    s.seconds = Quantity::literal(seconds);
    return s;
}

} // namespace

class TestVariants : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fileWithoutVariantsReadsAsBefore()
    {
        const Scenario s = read(file({}));
        QVERIFY(s.variants.empty());
        QVERIFY(!writeScenario(s).contains("variants"));
    }

    void appliesExactly_data()
    {
        QTest::addColumn<QByteArray>("variant");
        QTest::addColumn<int>("edit"); // which hand edit of the base gives the expected scenario
        QTest::newRow("python gil")
            << QByteArray(R"({"name": "v", "python": {"gil": false}})") << 0;
        QTest::newRow("python all three") << QByteArray(
            R"({"name": "v", "python": {"gil": false, "switch_interval": 0.01, "cpu_count": 8}})")
                                          << 1;
        QTest::newRow("resource fields") << QByteArray(
            R"({"name": "v", "resources": [{"id": "pool", "workers": 1}, {"id": "sem", "value": 5, "bounded": true}]})")
                                         << 2;
        QTest::newRow("coroutine steps replaced") << QByteArray(
            R"({"name": "v", "coroutines": [{"name": "work", "steps": [{"op": "sleep", "id": "x1", "seconds": 3}]}]})")
                                                  << 3;
        QTest::newRow("coroutine added") << QByteArray(
            R"({"name": "v", "coroutines": [{"name": "extra", "steps": [{"op": "sleep", "id": "x1", "seconds": 3}]}]})")
                                         << 4;
        QTest::newRow("notes replace the base notes")
            << QByteArray(R"({"name": "v", "notes": "Other notes."})") << 5;
    }
    void appliesExactly()
    {
        QFETCH(QByteArray, variant);
        QFETCH(int, edit);
        const Scenario withVariants = read(file('[' + variant + ']'));
        QCOMPARE(withVariants.variants.size(), std::size_t(1));
        Scenario expected = read(file({}));
        expected.title = QString::fromUtf8("T — v");
        switch (edit) {
        case 0:
            expected.python.gil = false;
            break;
        case 1:
            expected.python = {false, 0.01, 8};
            break;
        case 2:
            expected.resources[0].workers = 1;
            expected.resources[1].value = 5;
            expected.resources[1].bounded = true;
            break;
        case 3:
            expected.coroutines[0].steps = {sleepStep(QStringLiteral("x1"), 3)};
            break;
        case 4:
            expected.coroutines.push_back(
                {QStringLiteral("extra"), {}, {sleepStep(QStringLiteral("x1"), 3)}, {}});
            break;
        case 5:
            expected.notes = QStringLiteral("Other notes.");
            break;
        }
        const Scenario applied = applyVariant(withVariants, withVariants.variants[0]);
        QCOMPARE(applied == expected, true);
        QVERIFY(applied.variants.empty());
    }

    void variantStepsGetUnusedIds()
    {
        const Scenario s = read(file(
            R"([{"name": "v", "coroutines": [{"name": "main", "steps": [{"op": "print", "text": "a"}, {"op": "print", "text": "b"}]}]}])"));
        QCOMPARE(s.variants[0].coroutines[0].steps[0].id, QStringLiteral("s1"));
        QCOMPARE(s.variants[0].coroutines[0].steps[1].id, QStringLiteral("s2"));
    }

    void roundTrips()
    {
        const Scenario s = read(file(
            R"([{"name": "one", "notes": "n", "python": {"gil": false}, "resources": [{"id": "pool", "workers": 1}], "coroutines": [{"name": "main", "steps": [{"op": "print", "id": "p", "text": "x"}]}]}, {"name": "two"}])"));
        QCOMPARE(s.variants.size(), std::size_t(2));
        const QByteArray written = writeScenario(s);
        const Scenario again = read(written);
        QCOMPARE(again == s, true);
        QVERIFY(written.contains(R"({"name": "two"})"));
    }

    void scenariosToCompare()
    {
        const Scenario s
            = read(file(R"([{"name": "A"}, {"name": "B", "python": {"gil": false}}])"));
        const auto all = loopscope::scenariosToCompare(s, {});
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(all[1].name, QStringLiteral("B"));
        QCOMPARE(all[1].scenario.python.gil, false);
        QStringList unknown;
        const auto picked = loopscope::scenariosToCompare(
            s, {QStringLiteral("base"), QStringLiteral("B"), QStringLiteral("C")}, &unknown);
        QCOMPARE(picked.size(), std::size_t(2));
        QCOMPARE(picked[0].name, QStringLiteral("base"));
        QCOMPARE(picked[0].scenario == s, true);
        QCOMPARE(unknown, QStringList{QStringLiteral("C")});
        const auto alone = loopscope::scenariosToCompare(read(file({})), {});
        QCOMPARE(alone.size(), std::size_t(1));
        QCOMPARE(alone[0].name, QStringLiteral("T"));
    }

    void refusesWithPath_data()
    {
        QTest::addColumn<QByteArray>("variants");
        QTest::addColumn<QString>("problem");
        QTest::newRow("not an array")
            << QByteArray(R"({"name": "v"})")
            << QStringLiteral(
                   "t.loop.json:7:18: variants: expected an array of variants, got an object");
        QTest::newRow("name missing")
            << QByteArray(R"([{"python": {"gil": false}}])")
            << QStringLiteral("t.loop.json:7:19: variants[0].name: required field missing "
                              "(expected a variant name)");
        QTest::newRow("duplicate name")
            << QByteArray(R"([{"name": "v"}, {"name": "v"}])")
            << QStringLiteral("t.loop.json:7:43: variants[1].name: expected a name no other "
                              "variant has, got \"v\" (also variants[0])");
        QTest::newRow("python unknown key")
            << QByteArray(R"([{"name": "v", "python": {"jit": true}}])")
            << QStringLiteral("t.loop.json:7:51: variants[0].python.jit: expected one of gil, "
                              "switch_interval, cpu_count, got \"jit\"");
        QTest::newRow("python bad value")
            << QByteArray(R"([{"name": "v", "python": {"cpu_count": 0}}])")
            << QString::fromUtf8("t.loop.json:7:57: variants[0].python.cpu_count: expected a whole "
                                 "number ≥ 1, got 0");
        QTest::newRow("unknown resource")
            << QByteArray(R"([{"name": "v", "resources": [{"id": "lock"}]}])")
            << QStringLiteral("t.loop.json:7:54: variants[0].resources[0].id: expected the id of a "
                              "resource (pool, sem), got \"lock\"");
        QTest::newRow("field of another kind")
            << QByteArray(R"([{"name": "v", "resources": [{"id": "pool", "value": 2}]}])")
            << QStringLiteral("t.loop.json:7:71: variants[0].resources[0].value: expected a field "
                              "of a thread_pool (workers), got \"value\"");
        QTest::newRow("workers below one")
            << QByteArray(R"([{"name": "v", "resources": [{"id": "pool", "workers": 0}]}])")
            << QString::fromUtf8("t.loop.json:7:73: variants[0].resources[0].workers: expected a "
                                 "whole number ≥ 1, got 0");
        QTest::newRow("step refers to nothing") << QByteArray(
            R"([{"name": "v", "coroutines": [{"name": "main", "steps": [{"op": "call", "coro": "nope"}]}]}])")
                                                << QStringLiteral(
                                                       "t.loop.json:7:98: "
                                                       "variants[0].coroutines[0].steps[0].coro: "
                                                       "expected the name of a coroutine (work, "
                                                       "main), got \"nope\"");
        QTest::newRow("step id used by the base") << QByteArray(
            R"([{"name": "v", "coroutines": [{"name": "main", "steps": [{"op": "print", "id": "w1", "text": "x"}]}]}])")
                                                  << QStringLiteral(
                                                         "t.loop.json:7:97: "
                                                         "variants[0].coroutines[0].steps[0].id: "
                                                         "expected an id no other step has, got "
                                                         "\"w1\" (also coroutines[0].steps[0])");
        QTest::newRow("unknown key")
            << QByteArray(R"([{"name": "v", "gil": false}])")
            << QStringLiteral("t.loop.json:7:40: variants[0].gil: expected one of name, notes, "
                              "python, resources, coroutines, got \"gil\"");
    }
    // A variant that breaks a part of the base it does not write: said at the variant, with
    // the place in the base.
    void refusesWhatTheVariantBreaksElsewhere()
    {
        const ScenarioLoad load = readScenario(
            file(
                R"([{"name": "v", "coroutines": [{"name": "work", "params": ["m"], "steps": [{"op": "sleep", "seconds": "$m"}]}]}])"),
            QStringLiteral("t.loop.json"));
        QStringList got;
        for (const ScenarioProblem &p : load.problems)
            got << p.path + QStringLiteral(": ") + p.message;
        QCOMPARE(
            got,
            (QStringList{
                QStringLiteral("variants[0]: with this variant, coroutines[1].steps[0].args.n: "
                               "expected a parameter of \"work\" (m), got \"n\""),
                QStringLiteral(
                    "variants[0]: with this variant, coroutines[1].steps[0].args: expected a value "
                    "for every parameter of \"work\" (m), got none for \"m\"")}));
    }

    void refusesWithPath()
    {
        QFETCH(QByteArray, variants);
        QFETCH(QString, problem);
        const ScenarioLoad load = readScenario(file(variants), QStringLiteral("t.loop.json"));
        QVERIFY(!load.ok());
        QStringList got;
        for (const ScenarioProblem &p : load.problems)
            got << p.toString();
        QCOMPARE(got, QStringList{problem});
    }
};

QTEST_GUILESS_MAIN(TestVariants)
#include "tst_variants.moc"
