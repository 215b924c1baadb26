// Reading, writing and reading again gives the same model; what the model does not know
// (layout, unknown keys) survives; steps without an id get exactly the ids the format says.
#include "scenario/scenario_json.h"
#include "scenario/scenario_walk.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include <limits>

using namespace loopscope;

class TestScenarioRoundTrip : public QObject
{
    Q_OBJECT

private:
    static QByteArray everyOpText(const char *name = "every_op.loop.json")
    {
        QFile file(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/tests/scenario/data/") + name);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot open %s", name);
        return file.readAll();
    }
    static Scenario everyOp(const char *name = "every_op.loop.json")
    {
        ScenarioLoad load = readScenario(everyOpText(name), QString::fromLatin1(name));
        for (const ScenarioProblem &problem : load.problems)
            qWarning("%s", qPrintable(problem.toString()));
        if (!load.ok())
            qFatal("%s is refused", name);
        return *load.scenario;
    }
    // run_forever, stop and close: a program that runs the loop itself has no run step.
    static constexpr const char *kOwnLoop = "own_loop_ops.loop.json";

private Q_SLOTS:
    void usesEveryOpAndResourceKind();
    void readWriteReadIsEqual();
    void writingIsStable();
    void keepsLayoutAndUnknownKeys();
    void readsTheFields();
    void assignsIdsInDocumentOrder();
    void idsSkipTheOnesTaken();
    void appliesDefaults();
    void keepsExceptOrderAsWritten();
    void writesKeysInTheFormatOrder();
    void callAwaitRoundTrips_data();
    void callAwaitRoundTrips();
    void waitForNoneRoundTrips();
};

void TestScenarioRoundTrip::usesEveryOpAndResourceKind()
{
    const Scenario scenario = everyOp();
    QSet<int> ops;
    forEachStep(scenario, [&](const Step &step, const QString &) { ops.insert(int(step.kind)); });
    forEachStep(everyOp(kOwnLoop),
                [&](const Step &step, const QString &) { ops.insert(int(step.kind)); });
    QCOMPARE(ops.size(), int(kStepKindCount));
    QSet<int> kinds;
    for (const Resource &resource : scenario.resources)
        kinds.insert(int(resource.kind));
    QCOMPARE(kinds.size(), int(kResourceKindCount));
}

void TestScenarioRoundTrip::readWriteReadIsEqual()
{
    for (const char *name : {"every_op.loop.json", kOwnLoop}) {
        const Scenario first = everyOp(name);
        const ScenarioLoad second = readScenario(writeScenario(first), QStringLiteral("written"));
        QVERIFY(second.problems.empty());
        QVERIFY(second.ok());
        QVERIFY(*second.scenario == first);
    }
}

void TestScenarioRoundTrip::writingIsStable()
{
    const QByteArray once = writeScenario(everyOp());
    const QByteArray twice = writeScenario(*readScenario(once, QStringLiteral("x")).scenario);
    QCOMPARE(twice, once);
}

void TestScenarioRoundTrip::keepsLayoutAndUnknownKeys()
{
    const Scenario written = *readScenario(writeScenario(everyOp()), QStringLiteral("x")).scenario;
    const QJsonObject layout
        = QJsonDocument::fromJson(R"({"cards": {"main": {"x": 10, "y": 20}}})").object();
    QCOMPARE(written.layout, layout);
    QCOMPARE(written.extra, QJsonDocument::fromJson(R"({"x-editor": {"zoom": 1.5}})").object());
    QCOMPARE(written.resources[6].extra,
             QJsonObject({{QStringLiteral("x-colour"), QStringLiteral("red")}}));
    QCOMPARE(written.coroutines[0].extra,
             QJsonObject({{QStringLiteral("colour"), QStringLiteral("blue")}}));
    const Step &raise = written.coroutines[4].steps[15];
    QCOMPARE(raise.extra, QJsonObject({{QStringLiteral("x-note"), QStringLiteral("kept")}}));
}

void TestScenarioRoundTrip::readsTheFields()
{
    const Scenario s = everyOp();
    QCOMPARE(s.title, QStringLiteral("Every op and every resource"));
    QCOMPARE(s.clock.mode, ClockMode::Live);
    QCOMPARE(s.clock.scale, 0.5);
    QCOMPARE(s.python.gil, false);
    QCOMPARE(s.python.switchInterval, 0.01);
    QCOMPARE(s.python.cpuCount, 8);
    QCOMPARE(s.resources[1].value, 2);
    QCOMPARE(s.resources[1].bounded, true);
    QCOMPARE(s.resources[3].maxsize, 3);
    QCOMPARE(s.resources[3].items.size(), std::size_t(3));
    QCOMPARE(s.resources[6].workers, std::optional<int>(2));
    QCOMPARE(s.resources[6].startup, 0.25);
    const Coroutine &worker = s.coroutines[0];
    QCOMPARE(worker.params, (std::vector<QString>{QStringLiteral("rid"), QStringLiteral("delay")}));
    QCOMPARE(worker.steps[0].steps[1].seconds, Quantity::ref(QStringLiteral("delay")));
    QCOMPARE(worker.steps[0].steps[1].label, QStringLiteral("fetch {rid}"));
    QCOMPARE(s.coroutines[2].steps[0].count,
             std::optional<Quantity>(Quantity::ref(QStringLiteral("n"))));
    QCOMPARE(s.coroutines[2].steps[1].count, std::optional<Quantity>());
    const Step &gather = s.coroutines[4].steps[8];
    QCOMPARE(gather.returnExceptions, true);
    QCOMPARE(gather.items[0].name, QStringLiteral("w1"));
    QCOMPARE(gather.items[1].task, QStringLiteral("c"));
    const Step &waitFor = s.coroutines[4].steps[12].steps[0];
    QCOMPARE(waitFor.timeout, Quantity::literal(0.5));
    QCOMPARE(waitFor.task, QStringLiteral("slow"));
    const Step &executor = s.coroutines[4].steps[13].steps[1];
    QCOMPARE(executor.resource, QStringLiteral("procs"));
    QCOMPARE(executor.work, WorkKind::Cpu);
    QCOMPARE(s.coroutines[4].steps[6].value, QJsonValue(42));
}

void TestScenarioRoundTrip::assignsIdsInDocumentOrder()
{
    // The file names "s2" and "blocking"; everything else is numbered from s1 in the order
    // written, and the try's `finally` is written before its `steps`.
    QStringList ids;
    forEachStep(everyOp(), [&](const Step &step, const QString &) { ids << step.id; });
    // The plain function's steps come first, named in the file.
    QStringList expected{QStringLiteral("f1"), QStringLiteral("f2"), QStringLiteral("f3")};
    expected << QStringLiteral("s2") << QStringLiteral("s1") << QStringLiteral("s3");
    expected << QStringLiteral("s4") << QStringLiteral("s5") << QStringLiteral("s6")
             << QStringLiteral("blocking");
    for (int n = 7; n <= 34; ++n)
        expected << QStringLiteral("s%1").arg(n);
    // try (s34): body s36, handlers s37 s38 s39, finally s35
    expected << QStringLiteral("s36") << QStringLiteral("s37") << QStringLiteral("s38")
             << QStringLiteral("s39") << QStringLiteral("s35");
    // Then coroutine "flow" (an if's body, elif and else in that order),
    for (int n = 40; n <= 55; ++n)
        expected << QStringLiteral("s%1").arg(n);
    // coroutine "prims", named in the file (the wait's sleep item is a step too),
    expected << QStringLiteral("p1") << QStringLiteral("p2") << QStringLiteral("p2i");
    for (int n = 3; n <= 17; ++n)
        expected << QStringLiteral("p%1").arg(n);
    // and the program.
    for (int n = 56; n <= 58; ++n)
        expected << QStringLiteral("s%1").arg(n);
    QCOMPARE(ids, expected);
}

void TestScenarioRoundTrip::idsSkipTheOnesTaken()
{
    const QByteArray json = R"({"format": "loopscope-scenario", "version": 1, "coroutines": [
        {"name": "main", "steps": [
            {"op": "print", "text": "a"},
            {"op": "print", "text": "b", "id": "s1"},
            {"op": "print", "text": "c"},
            {"op": "print", "text": "d", "id": "s3"},
            {"op": "print", "text": "e"}]}]})";
    const ScenarioLoad load = readScenario(json, QStringLiteral("ids"));
    QVERIFY(load.ok());
    QStringList ids;
    for (const Step &step : load.scenario->coroutines[0].steps)
        ids << step.id;
    QCOMPARE(ids, QStringList({"s2", "s1", "s4", "s3", "s5"}));
}

void TestScenarioRoundTrip::appliesDefaults()
{
    const QByteArray json = R"({"format": "loopscope-scenario", "version": 1,
        "resources": [{"id": "sem", "kind": "semaphore"}, {"id": "q", "kind": "queue"},
                      {"id": "pool", "kind": "process_pool"}],
        "coroutines": [{"name": "main", "steps": []}]})";
    const ScenarioLoad load = readScenario(json, QStringLiteral("defaults"));
    QVERIFY(load.ok());
    const Scenario &s = *load.scenario;
    QCOMPARE(s.clock.mode, ClockMode::Virtual);
    QCOMPARE(s.clock.scale, 0.1);
    QCOMPARE(s.python.gil, true);
    QCOMPARE(s.python.switchInterval, 0.005);
    QCOMPARE(s.python.cpuCount, 4);
    QCOMPARE(s.resources[0].value, 1);
    QCOMPARE(s.resources[0].bounded, false);
    QCOMPARE(s.resources[1].maxsize, 0);
    QCOMPARE(s.resources[2].workers, std::optional<int>());
    QCOMPARE(s.resources[2].startup, 0.0);
    QVERIFY(s.layout.isEmpty());
}

void TestScenarioRoundTrip::keepsExceptOrderAsWritten()
{
    const Scenario scenario = everyOp();
    const Step &tryStep = scenario.coroutines[4].steps[12];
    QStringList errors;
    for (const ExceptClause &clause : tryStep.excepts)
        errors << clause.error;
    QCOMPARE(errors, QStringList({"TimeoutError", "CancelledError", "*"}));
    QVERIFY(tryStep.finallySteps.has_value());
    QCOMPARE(tryStep.finallySteps->at(0).text, QStringLiteral("finally"));
}

void TestScenarioRoundTrip::writesKeysInTheFormatOrder()
{
    const QString text = QString::fromUtf8(writeScenario(everyOp()));
    QStringList order;
    for (const char *key : {"format", "version", "title", "notes", "clock", "python", "resources",
                            "coroutines", "layout", "x-editor"})
        order << QStringLiteral("\n  \"%1\":").arg(QLatin1String(key));
    qsizetype last = -1;
    for (const QString &key : order) {
        const qsizetype at = text.indexOf(key);
        QVERIFY2(at > last, qPrintable(key));
        last = at;
    }
    QVERIFY(text.contains(QStringLiteral(
        R"({"op": "sleep", "id": "s3", "label": "fetch {rid}", "seconds": "$delay"})")));
}

void TestScenarioRoundTrip::callAwaitRoundTrips_data()
{
    QTest::addColumn<QString>("call");    // the call step as written in the file
    QTest::addColumn<bool>("awaited");    // what the model reads
    QTest::addColumn<QString>("written"); // the step as writeScenario writes it
    const QString plain = QStringLiteral(R"({"op": "call", "id": "c", "coro": "fetch"})");
    const QString dropped
        = QStringLiteral(R"({"op": "call", "id": "c", "coro": "fetch", "await": false})");
    QTest::newRow("without_the_key_is_awaited") << plain << true << plain;
    QTest::newRow("await_false") << dropped << false << dropped;
    // true is the default, and only false is written.
    QTest::newRow("await_true_is_not_written")
        << QStringLiteral(R"({"op": "call", "id": "c", "coro": "fetch", "await": true})") << true
        << plain;
    QTest::newRow("await_false_with_args")
        << QStringLiteral(
               R"({"op": "call", "id": "c", "coro": "fetch", "args": {"url": "/a"}, "await": false})")
        << false
        << QStringLiteral(
               R"({"op": "call", "id": "c", "coro": "fetch", "args": {"url": "/a"}, "await": false})");
}

// `await` is an extension of version 1: files without it read and write back as before.
void TestScenarioRoundTrip::callAwaitRoundTrips()
{
    QFETCH(QString, call);
    QFETCH(bool, awaited);
    QFETCH(QString, written);
    const QByteArray json
        = QStringLiteral(R"({"format": "loopscope-scenario", "version": 1,
        "coroutines": [{"name": "fetch", "params": %1, "steps": []},
                       {"name": "main", "steps": [%2]}]})")
              .arg(call.contains(QLatin1String("args")) ? QStringLiteral(R"(["url"])")
                                                        : QStringLiteral("[]"),
                   call)
              .toUtf8();
    const ScenarioLoad load = readScenario(json, QStringLiteral("await"));
    QVERIFY2(load.ok(), load.problems.empty() ? "" : qPrintable(load.problems[0].toString()));
    const Step &step = load.scenario->coroutines[1].steps[0];
    QCOMPARE(step.awaited, awaited);
    QVERIFY(step.extra.isEmpty());
    const QByteArray text = writeScenario(*load.scenario);
    QVERIFY2(QString::fromUtf8(text).contains(QStringLiteral("\"steps\": [") + written + u']'),
             text.constData());
    const ScenarioLoad again = readScenario(text, QStringLiteral("written"));
    QVERIFY(again.ok());
    QVERIFY(*again.scenario == *load.scenario);
    QCOMPARE(writeScenario(*again.scenario), text);
}

// wait_for's `"timeout": null` (timeout=None, an extension of version 1) was refused by check; it
// is read as no deadline and written back as null.
void TestScenarioRoundTrip::waitForNoneRoundTrips()
{
    const QString waitFor = QStringLiteral(
        R"({"op": "wait_for", "id": "w", "timeout": null, "coro": "fetch", "as": "x"})");
    const QByteArray json = QStringLiteral(R"({"format": "loopscope-scenario", "version": 1,
        "coroutines": [{"name": "fetch", "steps": []}, {"name": "main", "steps": [%1]}]})")
                                .arg(waitFor)
                                .toUtf8();
    const ScenarioLoad load = readScenario(json, QStringLiteral("wait_for"));
    QVERIFY2(load.ok(), load.problems.empty() ? "" : qPrintable(load.problems[0].toString()));
    const Step &step = load.scenario->coroutines[1].steps[0];
    QVERIFY(!step.timeout.isParam());
    QCOMPARE(step.timeout.value, std::numeric_limits<double>::infinity());
    const QByteArray text = writeScenario(*load.scenario);
    QVERIFY2(QString::fromUtf8(text).contains(QStringLiteral("\"steps\": [") + waitFor + u']'),
             text.constData());
    const ScenarioLoad again = readScenario(text, QStringLiteral("written"));
    QVERIFY(again.ok());
    QVERIFY(*again.scenario == *load.scenario);
}

QTEST_GUILESS_MAIN(TestScenarioRoundTrip)
#include "tst_scenario_roundtrip.moc"
