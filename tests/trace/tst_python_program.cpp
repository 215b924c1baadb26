// The Python program of a scenario: exact text for a small scenario, the expected statements
// for every op, and each program really run by python3 (SCALE rewritten to 0.05), checking
// its exit status and the order of its prints.
#include "export/python_program.h"
#include "scenario/scenario_json.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace loopscope;

namespace {

using K = StepKind;

Quantity secs(double v)
{
    return Quantity::literal(v);
}

Step sleep(double s)
{
    return Step{.kind = K::Sleep, .seconds = secs(s)};
}

Step say(const QString &text)
{
    return Step{.kind = K::Print, .text = text};
}

Step raise(const QString &error, const QString &message)
{
    return Step{.kind = K::Raise, .error = error, .message = message};
}

Step createTask(const QString &coro, const QJsonObject &args, const QString &as,
                const QString &name = {})
{
    return Step{.kind = K::CreateTask, .coro = coro, .args = args, .name = name, .as = as};
}

Step onResource(K kind, const QString &resource, Steps body = {})
{
    return Step{.kind = kind, .resource = resource, .steps = std::move(body)};
}

Step tryStep(Steps body, std::vector<ExceptClause> excepts, std::optional<Steps> finally = {})
{
    return Step{.kind = K::Try,
                .steps = std::move(body),
                .excepts = std::move(excepts),
                .finallySteps = std::move(finally)};
}

Resource resource(const QString &id, ResourceKind kind)
{
    return Resource{.id = id, .kind = kind};
}

// scenario-format.md's own example.
Scenario semaphoreScenario()
{
    Scenario s;
    s.title = QStringLiteral("Semaphore: two at a time");
    s.resources = {Resource{.id = "sem", .kind = ResourceKind::Semaphore, .value = 2}};
    s.coroutines = {
        {"access_resource",
         {"rid"},
         {onResource(K::With, "sem",
                     {say("Accessing resource {rid}"), sleep(1), say("Releasing resource {rid}")})},
         {}},
        {"main",
         {},
         {Step{.kind = K::Gather,
               .items = {{"access_resource", {{"rid", 0}}, {}, {}},
                         {"access_resource", {{"rid", 1}}, {}, {}},
                         {"access_resource", {{"rid", 2}}, {}, {}}}}},
         {}}};
    return s;
}

// wait_for with a coroutine, try/finally, except TimeoutError (lesson 18).
Scenario timeoutScenario()
{
    Scenario s;
    s.coroutines
        = {{"slow_operation",
            {},
            {say("Operation started"), tryStep({sleep(2), say("Operation finished")}, {},
                                               Steps{say("Operation cleaned up")})},
            {}},
           {"main",
            {},
            {tryStep({Step{.kind = K::WaitFor, .timeout = secs(1), .coro = "slow_operation"}},
                     {{"TimeoutError", {say("Timed out after 1 s")}}})},
            {}}};
    return s;
}

// wait_for with a timeout of 0: wait_for itself, not asyncio.timeout (found by differential.py).
Scenario zeroTimeoutScenario()
{
    Scenario s = timeoutScenario();
    s.coroutines[1].steps[0].steps[0].timeout = secs(0);
    return s;
}

// wait_for with the timeout a parameter: known only when the program runs, so both forms.
Scenario paramTimeoutScenario()
{
    Scenario s = timeoutScenario();
    s.coroutines[1].name = "guarded";
    s.coroutines[1].params = {"limit"};
    s.coroutines[1].steps[0].steps[0].timeout = Quantity::ref("limit");
    s.coroutines.push_back(
        {"main",
         {},
         {Step{.kind = K::Call, .coro = "guarded", .args = QJsonObject{{"limit", 0}}}},
         {}});
    return s;
}

// A TaskGroup whose failing task cancels its sibling; the group's error is caught.
Scenario taskGroupScenario()
{
    Scenario s;
    s.coroutines
        = {{"worker",
            {"n", "delay"},
            {tryStep({say("start {n}"), Step{.kind = K::Sleep, .seconds = Quantity::ref("delay")},
                      say("end {n}")},
                     {{"CancelledError",
                       {say("cancelled {n}"), raise("CancelledError", "stopped {n}")}}})},
            {}},
           {"failing", {}, {sleep(0.5), raise("ValueError", "boom")}, {}},
           {"main",
            {},
            {tryStep({Step{.kind = K::TaskGroup,
                           .steps = {createTask("worker", {{"n", 1}, {"delay", 2}}, "w"),
                                     createTask("failing", {}, {})}}},
                     {{"ExceptionGroup", {say("group failed")}}}),
             say("after")},
            {}}};
    return s;
}

// Producer and consumer on a pre-filled queue, join, cancel, repeat (counted and forever),
// and a drain.
Scenario queueScenario()
{
    Scenario s;
    s.resources = {Resource{.id = "jobs", .kind = ResourceKind::Queue, .items = {1, 2}},
                   Resource{.id = "files", .kind = ResourceKind::Queue, .items = {"a", "b"}}};
    s.coroutines
        = {{"producer",
            {},
            {Step{.kind = K::Repeat,
                  .count = secs(2),
                  .resource = {},
                  .var = "i",
                  .steps = {Step{.kind = K::Put, .resource = "jobs", .item = "extra {i}"}}}},
            {}},
           {"consumer",
            {},
            {Step{.kind = K::Repeat,
                  .steps = {Step{.kind = K::Get, .as = "job", .resource = "jobs"}, say("got {job}"),
                            onResource(K::TaskDone, "jobs")}}},
            {}},
           {"main",
            {},
            {createTask("consumer", {}, "c"), Step{.kind = K::Call, .coro = "producer"},
             onResource(K::Join, "jobs"), Step{.kind = K::Cancel, .task = "c"}, say("all done"),
             Step{.kind = K::Drain, .as = "f", .resource = "files", .steps = {say("drained {f}")}}},
            {}}};
    return s;
}

// Threads (default and named pool), a process pool with a start-up, blocking and CPU work on
// the loop, a future and an event set by another task.
Scenario offloadScenario()
{
    Scenario s;
    s.python.gil = false;
    s.python.cpuCount = 2;
    s.python.switchInterval = 0.01;
    s.resources
        = {Resource{.id = "pool", .kind = ResourceKind::ThreadPool, .workers = 2},
           Resource{.id = "pp", .kind = ResourceKind::ProcessPool, .workers = 1, .startup = 0.5},
           resource("answer", ResourceKind::Future), resource("ready", ResourceKind::Event)};
    auto offload = [](K kind, WorkKind work, double s, const QString &pool = {}) {
        return Step{.kind = kind, .seconds = secs(s), .resource = pool, .work = work};
    };
    s.coroutines = {
        {"setter",
         {},
         {sleep(0.1), Step{.kind = K::FutureSet, .resource = "answer", .value = 42},
          onResource(K::EventSet, "ready")},
         {}},
        {"main",
         {},
         {say("start"), offload(K::ToThread, WorkKind::Io, 1), say("io thread done"),
          offload(K::ToThread, WorkKind::Cpu, 0.5), say("cpu thread done"),
          offload(K::RunInExecutor, WorkKind::Io, 0.5, "pool"),
          offload(K::RunInExecutor, WorkKind::Cpu, 0.2, "pp"), say("process done"),
          Step{.kind = K::Block, .seconds = secs(0.2)}, Step{.kind = K::Cpu, .seconds = secs(0.1)},
          createTask("setter", {}, "s"), onResource(K::FutureAwait, "answer"), say("future done"),
          onResource(K::EventWait, "ready"), say("event seen"), Step{.kind = K::Await, .task = "s"},
          say("end")},
         {}}};
    return s;
}

// Everything else: lock ops, event_clear, gather of a named coroutine, a task and a failure
// with return_exceptions, wait_for on a task, except *, an unknown placeholder, and an
// uncaught error at the end.
Scenario assortedScenario()
{
    Scenario s;
    s.resources = {resource("lk", ResourceKind::Lock), resource("ev", ResourceKind::Event)};
    s.coroutines = {
        {"child",
         {"n"},
         {say("child {n} {unknown}"), Step{.kind = K::Sleep, .seconds = Quantity::ref("n")}},
         {}},
        {"fails", {}, {raise("KeyError", "k")}, {}},
        {"main",
         {},
         {onResource(K::Acquire, "lk"), say("locked"), onResource(K::Release, "lk"),
          onResource(K::EventClear, "ev"), createTask("child", {{"n", 1}}, "t1", "kid-{x}"),
          Step{.kind = K::Gather,
               .items
               = {{"child", {{"n", 0.5}}, "named", {}}, {{}, {}, {}, "t1"}, {"fails", {}, {}, {}}},
               .returnExceptions = true},
          say("gathered"), createTask("child", {{"n", 5}}, "slow"),
          tryStep({Step{.kind = K::WaitFor, .timeout = secs(0.3), .task = "slow"}},
                  {{"TimeoutError", {say("slow timed out")}}}),
          tryStep({raise("ValueError", "v")}, {{"*", {say("caught any")}}}),
          Step{.kind = K::Call, .coro = "child", .args = {{"n", 0}}}, say("before failure"),
          raise("RuntimeError", "broken")},
         {}}};
    return s;
}

// fetch(url="/a") without await, then await fetch(url="/b") (lesson 23).
Scenario forgottenAwaitScenario()
{
    Scenario s;
    s.title = QStringLiteral("A forgotten await");
    s.coroutines
        = {{"fetch", {"url"}, {say("fetching {url}"), sleep(0.1)}, {}},
           {"main",
            {},
            {say("before"),
             Step{.kind = K::Call, .coro = "fetch", .args = {{"url", "/a"}}, .awaited = false},
             say("after"), Step{.kind = K::Call, .coro = "fetch", .args = {{"url", "/b"}}}},
            {}}};
    return s;
}

struct PythonRun
{
    int exitCode = -1;
    QStringList lines;
    QString errors;
};

PythonRun runPython(const QString &program)
{
    PythonRun run;
    QTemporaryDir dir;
    QString scaled = program;
    if (scaled.count(QStringLiteral("\nSCALE = 1.0\n")) != 1)
        return run;
    scaled.replace(QStringLiteral("\nSCALE = 1.0\n"), QStringLiteral("\nSCALE = 0.05\n"));
    QFile file(dir.filePath(QStringLiteral("program.py")));
    if (!file.open(QIODevice::WriteOnly) || file.write(scaled.toUtf8()) < 0)
        return run;
    file.close();
    QProcess python;
    python.start(QStringLiteral("python3"), {file.fileName()});
    if (!python.waitForFinished(60000)) {
        python.kill();
        python.waitForFinished();
        run.errors = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = python.exitStatus() == QProcess::NormalExit ? python.exitCode() : -2;
    run.lines = QString::fromUtf8(python.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
    run.errors = QString::fromUtf8(python.readAllStandardError());
    return run;
}

} // namespace

class TestPythonProgram : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void writesTheSemaphoreProgram();
    void writesEveryOp_data();
    void writesEveryOp();
    void runsUnderCPython_data();
    void runsUnderCPython();
    void compilesEveryExample();
    void neverAwaitedCallWarnsUnderCPython();
};

void TestPythonProgram::initTestCase()
{
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("--version")});
    QVERIFY2(python.waitForFinished(10000) && python.exitCode() == 0, "python3 is needed");
}

void TestPythonProgram::writesTheSemaphoreProgram()
{
    const QString expected = QStringLiteral(R"(# Semaphore: two at a time
# The asyncio program of a Loopscope scenario (CPython 3.11+).
import asyncio

# Every duration is multiplied by SCALE: 0.1 plays the program ten times faster.
SCALE = 1.0


sem = asyncio.Semaphore(2)


async def access_resource(rid):
    async with sem:
        print(f"Accessing resource {rid}")
        await asyncio.sleep(1 * SCALE)
        print(f"Releasing resource {rid}")


async def main():
    await asyncio.gather(
        access_resource(rid=0),
        access_resource(rid=1),
        access_resource(rid=2),
    )


if __name__ == "__main__":
    asyncio.run(main())
)");
    QCOMPARE(pythonProgram(semaphoreScenario()), expected);
}

void TestPythonProgram::writesEveryOp_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<QStringList>("lines");
    QTest::newRow("wait_for_coroutine_try_finally")
        << timeoutScenario()
        << QStringList{
               "        async with asyncio.timeout(1 * SCALE):  # wait_for(slow_operation(), "
               "...) as in 3.12",
               "            await slow_operation()", "    except TimeoutError:", "    finally:",
               "        print(\"Operation cleaned up\")"};
    QTest::newRow("wait_for_zero_timeout")
        << zeroTimeoutScenario()
        << QStringList{"        await asyncio.wait_for(slow_operation(), 0 * SCALE)"};
    QTest::newRow("wait_for_parameter_timeout")
        << paramTimeoutScenario()
        << QStringList{"        if limit * SCALE > 0:",
                       "            async with asyncio.timeout(limit * SCALE):  # "
                       "wait_for(slow_operation(), ...) as in 3.12",
                       "                await slow_operation()",
                       "        else:  # a timeout <= 0 cancels the coroutine before it starts",
                       "            await asyncio.wait_for(slow_operation(), limit * SCALE)",
                       "    except TimeoutError:",
                       "    await guarded(limit=0)"};
    QTest::newRow("task_group_and_cancelled_error")
        << taskGroupScenario()
        << QStringList{"async def worker(n, delay):",
                       "        await asyncio.sleep(delay * SCALE)",
                       "    except asyncio.CancelledError:",
                       "        raise asyncio.CancelledError(f\"stopped {n}\")",
                       "        async with asyncio.TaskGroup() as tg:",
                       "            w = tg.create_task(worker(n=1, delay=2))",
                       "            tg.create_task(failing())",
                       "    except ExceptionGroup:",
                       "    raise ValueError(\"boom\")"};
    QTest::newRow("queues_repeat_drain")
        << queueScenario()
        << QStringList{"jobs = asyncio.Queue()",
                       "for item in [1, 2]:",
                       "    jobs.put_nowait(item)  # initial items count as unfinished work",
                       "    for i in range(2):",
                       "        await jobs.put(f\"extra {i}\")",
                       "    while True:",
                       "        job = await jobs.get()",
                       "        jobs.task_done()",
                       "    c = asyncio.create_task(consumer())",
                       "    await producer()",
                       "    await jobs.join()",
                       "    c.cancel()",
                       "    while not files.empty():",
                       "        f = await files.get()",
                       "        print(f\"drained {f}\")"};
    QTest::newRow("offloading_future_event")
        << offloadScenario()
        << QStringList{"# The scenario models free-threaded Python (python.gil = false); this "
                       "CPython has a",
                       "# os.cpu_count() cannot be set: the scenario's python.cpu_count (2) sizes "
                       "the pools.",
                       "import sys",
                       "from concurrent.futures import ProcessPoolExecutor, "
                       "ThreadPoolExecutor",
                       "def burn(seconds):",
                       "answer = None  # made in main(), inside the running loop",
                       "ready = asyncio.Event()",
                       "    global pool, pp, answer",
                       "    pool = ThreadPoolExecutor(2)",
                       "    pp = ProcessPoolExecutor(1, initializer=time.sleep, initargs=(0.5 * "
                       "SCALE,))",
                       "    loop = asyncio.get_running_loop()",
                       "    answer = loop.create_future()",
                       "    loop.set_default_executor(ThreadPoolExecutor(6, "
                       "thread_name_prefix=\"asyncio\"))",
                       "    sys.setswitchinterval(0.01)  # how long a thread keeps the GIL while "
                       "another waits (not scaled)",
                       "    await asyncio.to_thread(time.sleep, 1 * SCALE)",
                       "    await asyncio.to_thread(burn, 0.5 * SCALE)",
                       "    await loop.run_in_executor(pool, time.sleep, 0.5 * SCALE)",
                       "    await loop.run_in_executor(pp, burn, 0.2 * SCALE)",
                       "    time.sleep(0.2 * SCALE)",
                       "    burn(0.1 * SCALE)",
                       "    answer.set_result(42)",
                       "    await answer",
                       "    ready.set()",
                       "    await ready.wait()",
                       "    await s"};
    QTest::newRow("assorted") << assortedScenario()
                              << QStringList{
                                     "lk = asyncio.Lock()",
                                     "    await lk.acquire()",
                                     "    lk.release()",
                                     "    ev.clear()",
                                     "    print(f\"child {n} {{unknown}}\")",
                                     "    t1 = asyncio.create_task(child(n=1), name=\"kid-{x}\")",
                                     "        asyncio.create_task(child(n=0.5), name=\"named\"),",
                                     "        t1,",
                                     "        fails(),",
                                     "        return_exceptions=True,",
                                     "        await asyncio.wait_for(slow, 0.3 * SCALE)",
                                     "    except Exception:",
                                     "    await child(n=0)",
                                     "    raise RuntimeError(\"broken\")",
                                     "    raise KeyError(\"k\")"};
    QTest::newRow("call_never_awaited")
        << forgottenAwaitScenario()
        << QStringList{"    fetch(url=\"/a\")", "    await fetch(url=\"/b\")"};
}

void TestPythonProgram::writesEveryOp()
{
    QFETCH(Scenario, scenario);
    QFETCH(QStringList, lines);
    const QStringList program = pythonProgram(scenario).split('\n');
    for (const QString &line : lines)
        QVERIFY2(program.contains(line), qPrintable(QStringLiteral("missing line: ") + line
                                                    + QStringLiteral("\n\n") + program.join('\n')));
}

void TestPythonProgram::runsUnderCPython_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("output");
    QTest::newRow("semaphore_two_at_a_time")
        << semaphoreScenario() << 0
        << QStringList{"Accessing resource 0", "Accessing resource 1", "Releasing resource 0",
                       "Releasing resource 1", "Accessing resource 2", "Releasing resource 2"};
    QTest::newRow("wait_for_cancels_inline")
        << timeoutScenario() << 0
        << QStringList{"Operation started", "Operation cleaned up", "Timed out after 1 s"};
    QTest::newRow("task_group_fails_fast")
        << taskGroupScenario() << 0
        << QStringList{"start 1", "cancelled 1", "group failed", "after"};
    QTest::newRow("queue_producer_consumer")
        << queueScenario() << 0
        << QStringList{"got 1",    "got 2",     "got extra 0", "got extra 1",
                       "all done", "drained a", "drained b"};
    QTest::newRow("threads_processes_future_event")
        << offloadScenario() << 0
        << QStringList{"start",        "io thread done", "cpu thread done",
                       "process done", "future done",    "event seen",
                       "end"};
    QTest::newRow("assorted_ends_in_uncaught_error")
        << assortedScenario() << 1
        << QStringList{"locked",     "child 1 {unknown}", "child 0.5 {unknown}",
                       "gathered",   "child 5 {unknown}", "slow timed out",
                       "caught any", "child 0 {unknown}", "before failure"};
    QTest::newRow("call_never_awaited_never_runs")
        << forgottenAwaitScenario() << 0 << QStringList{"before", "after", "fetching /b"};
}

void TestPythonProgram::runsUnderCPython()
{
    QFETCH(Scenario, scenario);
    QFETCH(int, exitCode);
    QFETCH(QStringList, output);
    const PythonRun run = runPython(pythonProgram(scenario));
    QCOMPARE(run.lines, output);
    QVERIFY2(run.exitCode == exitCode, qPrintable(run.errors));
    if (exitCode == 1)
        QVERIFY2(run.errors.contains(QLatin1String("RuntimeError: broken")),
                 qPrintable(run.errors));
}

// Every example through the generator and CPython's compiler: syntax errors and bad indentation
// anywhere in the lessons fail here (running them is the fidelity tests' job).
void TestPythonProgram::compilesEveryExample()
{
    const QDir examples(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples"));
    const QStringList files
        = examples.entryList({QStringLiteral("*.loop.json")}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    QTemporaryDir dir;
    QStringList programs{QStringLiteral("-m"), QStringLiteral("py_compile")};
    for (const QString &name : files) {
        const ScenarioLoad load = readScenarioFile(examples.filePath(name));
        QVERIFY2(load.ok(), qPrintable(name));
        QFile file(dir.filePath(QString(name).replace(QLatin1String(".loop.json"), ".py")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(pythonProgram(*load.scenario).toUtf8());
        programs << file.fileName();
    }
    QProcess python;
    python.start(QStringLiteral("python3"), programs);
    QVERIFY(python.waitForFinished(60000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
}

// CPython itself says what the runtime's `never-awaited` diagnostic says, about the line of
// the call: "<file>:<line>: RuntimeWarning: coroutine 'fetch' was never awaited".
void TestPythonProgram::neverAwaitedCallWarnsUnderCPython()
{
    const QString program = pythonProgram(forgottenAwaitScenario());
    const qsizetype line = program.split('\n').indexOf(QStringLiteral("    fetch(url=\"/a\")")) + 1;
    QVERIFY(line > 0);
    const PythonRun run = runPython(program);
    QCOMPARE(run.exitCode, 0);
    const QString warning
        = QStringLiteral("program.py:%1: RuntimeWarning: coroutine 'fetch' was never awaited\n"
                         "  fetch(url=\"/a\")\n")
              .arg(line);
    QVERIFY2(run.errors.contains(warning), qPrintable(run.errors));
    QCOMPARE(run.errors.count(QStringLiteral("was never awaited")), 1);
}

QTEST_GUILESS_MAIN(TestPythonProgram)
#include "tst_python_program.moc"
