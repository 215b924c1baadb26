// What `check` catches before anything runs, beyond the refusals of tst_scenario_refusals:
// unknown keys in steps and resources (with the key a typo most likely meant), and arguments
// of the wrong type for how the callee uses them (a string for `seconds`, a plain string where a
// task is awaited). Each row gives the exact path, message, line and column, and the text there.
#include "scenario/scenario_json.h"

#include <QTest>

#include "support/scenario_text.h"

using namespace loopscope;

namespace {

using loopscope::test::textAt;

QByteArray doc(const char *mainSteps, const char *resources = "", const char *others = "")
{
    return loopscope::test::scenarioDoc(mainSteps, resources, others);
}

QString problemsText(const std::vector<ScenarioProblem> &problems)
{
    QStringList all;
    for (const ScenarioProblem &p : problems)
        all << p.toString();
    return all.join(QLatin1Char('\n'));
}

// w(d, t) sleeps for d and awaits t; relay(e, u) passes them on to w.
const char *kWorker
    = R"({"name": "w", "params": ["d", "t"], "steps": [{"op": "sleep", "seconds": "$d"}, {"op": "await", "task": "t"}]},
{"name": "relay", "params": ["e", "u"], "steps": [{"op": "call", "coro": "w", "args": {"d": "$e", "t": "$u"}}]},
{"name": "h", "steps": []})";

} // namespace

class TestScenarioChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refused_data();
    void refused();
    void accepted_data();
    void accepted();
    void extensionKeysAreKeptAndWritten();
};

void TestScenarioChecks::refused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("at");
    const auto row = [](const char *name, const QByteArray &json, const char *path,
                        const char *message, int line, int column, const char *at) {
        QTest::newRow(name) << json << QString::fromUtf8(path) << QString::fromUtf8(message) << line
                            << column << QString::fromUtf8(at);
    };
    // -- unknown keys ----------------------------------------------------------------------
    row("gather_return_exception",
        doc(R"({"op": "gather", "items": [{"coro": "h"}], "return_exception": true})", "",
            R"({"name": "h", "steps": []})"),
        "coroutines[0].steps[0].return_exception",
        "unknown key; did you mean \"return_exceptions\"?", 3, 106, "true}");
    row("to_thread_has_no_body",
        doc(R"({"op": "to_thread", "work": "io", "seconds": 1, "steps": []})"),
        "coroutines[0].steps[0].steps",
        "expected one of op, id, label, work, seconds, function, args, as or an extension key "
        "\"x-...\", got "
        "\"steps\"",
        3, 100, "[]}");
    row("key_of_another_op", doc(R"({"op": "print", "text": "hi", "seconds": 1})"),
        "coroutines[0].steps[0].seconds",
        "expected one of op, id, label, text, end or an extension key \"x-...\", got \"seconds\"",
        3, 84, "1}");
    row("case_typo", doc(R"({"op": "print", "text": "hi", "Label": "x"})"),
        "coroutines[0].steps[0].Label", "unknown key; did you mean \"label\"?", 3, 82, "\"x\"}");
    row("swapped_letters", doc(R"({"op": "gather", "items": [], "retrun_exceptions": true})"),
        "coroutines[0].steps[0].retrun_exceptions",
        "unknown key; did you mean \"return_exceptions\"?", 3, 94, "true}");
    row("nested_step",
        doc(R"({"op": "repeat", "count": 2, "steps": [{"op": "sleep", "seconds": 1, "lable": "x"}]})"),
        "coroutines[0].steps[0].steps[0].lable", "unknown key; did you mean \"label\"?", 3, 121,
        "\"x\"}");
    row("resource_typo", doc("", R"({"id": "q", "kind": "queue", "maxsise": 2})"),
        "resources[0].maxsise", "unknown key; did you mean \"maxsize\"?", 2, 55, "2}");
    row("resource_field_of_another_kind", doc("", R"({"id": "l", "kind": "lock", "value": 2})"),
        "resources[0].value",
        "expected one of id, kind or an extension key \"x-...\", got \"value\"", 2, 52, "2}");
    // -- argument types --------------------------------------------------------------------
    row("string_for_seconds",
        doc(R"({"op": "create_task", "coro": "h", "as": "k"}, {"op": "call", "coro": "w", "args": {"d": "fast", "t": "$k"}})",
            "", kWorker),
        "coroutines[0].steps[1].args.d",
        "expected a number (\"d\" of \"w\" is used as seconds), got \"fast\"", 3, 132, "\"fast\"");
    row("plain_string_for_a_task",
        doc(R"({"op": "create_task", "coro": "h", "as": "k"}, {"op": "create_task", "coro": "w", "args": {"d": 1, "t": "k"}})",
            "", kWorker),
        "coroutines[0].steps[1].args.t",
        "expected a task: \"$\" and a task variable (\"t\" of \"w\" is awaited), got \"k\"", 3, 147,
        "\"k\"");
    row("number_for_a_task_through_a_relay",
        doc(R"({"op": "call", "coro": "relay", "args": {"e": 0.5, "u": 1.0}})", "", kWorker),
        "coroutines[0].steps[0].args.u",
        "expected a task: \"$\" and a task variable (\"u\" of \"relay\" is awaited), got 1.0", 3,
        99, "1.0}");
    row("task_for_seconds_through_a_relay",
        doc(R"({"op": "create_task", "coro": "h", "as": "k"}, {"op": "call", "coro": "relay", "args": {"e": "$k", "u": "$k"}})",
            "", kWorker),
        "coroutines[0].steps[1].args.e",
        "expected a number (\"e\" of \"relay\" is used as seconds), got \"$k\"", 3, 136, "\"$k\"");
    row("none_for_seconds_in_a_gather",
        doc(R"({"op": "create_task", "coro": "h", "as": "k"}, {"op": "gather", "items": [{"task": "k"}, {"coro": "w", "args": {"d": null, "t": "$k"}}]})",
            "", kWorker),
        "coroutines[0].steps[1].items[1].args.d",
        "expected a number (\"d\" of \"w\" is used as seconds), got null", 3, 160, "null");
    // Found by differential.py on lesson mutants: only a parameter's first use was checked.
    row("number_for_a_parameter_used_as_seconds_and_awaited",
        doc(R"({"op": "call", "coro": "both", "args": {"d": 1}})", "",
            R"({"name": "both", "params": ["d"], "steps": [{"op": "sleep", "seconds": "$d"}, {"op": "await", "task": "d"}]})"),
        "coroutines[0].steps[0].args.d",
        "expected a task: \"$\" and a task variable (\"d\" of \"both\" is awaited), got 1", 3, 88,
        "1}");
    row("string_for_a_timeout",
        doc(R"({"op": "call", "coro": "limited", "args": {"s": "1"}})", "",
            R"({"name": "limited", "params": ["s"], "steps": [{"op": "wait_for", "coro": "limited2", "timeout": "$s"}]},
{"name": "limited2", "steps": []})"),
        "coroutines[0].steps[0].args.s",
        "expected a number (\"s\" of \"limited\" is used as timeout), got \"1\"", 3, 91, "\"1\"");
}

void TestScenarioChecks::refused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, at);
    const ScenarioLoad load = readScenario(json, QStringLiteral("t.loop.json"));
    QVERIFY(!load.ok());
    QVERIFY2(load.problems.size() == 1, qPrintable(problemsText(load.problems)));
    const ScenarioProblem &problem = load.problems.front();
    QCOMPARE(problem.path, path);
    QCOMPARE(problem.message, message);
    QCOMPARE(problem.line, line);
    QCOMPARE(problem.column, column);
    QVERIFY2(textAt(json, line, column).startsWith(at), qPrintable(textAt(json, line, column)));
}

// What the checks above must let through.
void TestScenarioChecks::accepted_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("numbers_and_task_references") << doc(
        R"({"op": "create_task", "coro": "h", "as": "k"}, {"op": "call", "coro": "w", "args": {"d": 1, "t": "$k"}}, {"op": "call", "coro": "relay", "args": {"e": 0.25, "u": "$k"}})",
        "", kWorker);
    // A queue item may be a task ("item": "$t"): awaiting what `get` gave is the run's to judge.
    QTest::newRow("await_a_queue_item") << doc(
        R"({"op": "create_task", "coro": "h", "as": "k"}, {"op": "put", "queue": "q", "item": "$k"}, {"op": "get", "queue": "q", "as": "x"}, {"op": "await", "task": "x"}, {"op": "drain", "queue": "q", "as": "y", "steps": [{"op": "cancel", "task": "y"}]}, {"op": "call", "coro": "w", "args": {"d": "$x", "t": "$x"}})",
        R"({"id": "q", "kind": "queue"})", kWorker);
    // A loop variable of the same name rebinds the parameter: the argument's type is free.
    QTest::newRow("rebound_parameter") << doc(
        R"({"op": "call", "coro": "loops", "args": {"i": "anything"}})", "",
        R"({"name": "loops", "params": ["i"], "steps": [{"op": "repeat", "count": 2, "var": "i", "steps": [{"op": "sleep", "seconds": "$i"}]}]})");
    QTest::newRow("extension_keys") << doc(R"({"op": "print", "text": "hi", "x-note": "kept"})",
                                           R"({"id": "l", "kind": "lock", "x-colour": "red"})");
}

void TestScenarioChecks::accepted()
{
    QFETCH(QByteArray, json);
    const ScenarioLoad load = readScenario(json, QStringLiteral("t.loop.json"));
    QVERIFY2(load.ok(), qPrintable(problemsText(load.problems)));
}

void TestScenarioChecks::extensionKeysAreKeptAndWritten()
{
    const ScenarioLoad load = readScenario(doc(R"({"op": "print", "text": "hi", "x-note": "kept"})",
                                               R"({"id": "l", "kind": "lock", "x-colour": "red"})"),
                                           QStringLiteral("t.loop.json"));
    QVERIFY2(load.ok(), qPrintable(problemsText(load.problems)));
    const QByteArray written = writeScenario(*load.scenario);
    QVERIFY2(written.contains(R"({"id": "l", "kind": "lock", "x-colour": "red"})"),
             written.constData());
    QVERIFY2(written.contains(R"({"op": "print", "id": "s1", "text": "hi", "x-note": "kept"})"),
             written.constData());
}

QTEST_GUILESS_MAIN(TestScenarioChecks)
#include "tst_scenario_checks.moc"
