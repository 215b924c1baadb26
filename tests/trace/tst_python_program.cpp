// The Python program of a scenario: exact text for a small scenario, the expected statements
// for every op, and each program really run by python3 (SCALE rewritten to 0.05), checking
// its exit status and the order of its prints.
#include "export/python_program.h"
#include "python_program_scenarios.h"
#include "scenario/scenario_json.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace loopscope;
using namespace loopscope::testing;

namespace {

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
