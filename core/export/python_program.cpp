// The module around the statements: header, imports, helpers, resources, definitions.
#include "export/python_program.h"

#include "export/python_text.h"
#include "export/python_writer.h"
#include "scenario/scenario_walk.h"

#include <algorithm>
#include <functional>

namespace loopscope {

namespace python {

namespace {

// Calls f on every step of the scenario, bodies included.
bool madeInMain(ResourceKind kind)
{
    return kind == ResourceKind::Future || kind == ResourceKind::ThreadPool
           || kind == ResourceKind::ProcessPool;
}

} // namespace

ProgramWriter::ProgramWriter(const Scenario &scenario)
    : m_scenario(scenario)
{
    for (const Coroutine &coroutine : scenario.coroutines)
        forEachStep(coroutine.steps, [this](const Step &step) { noteNeeds(step); });
    for (const Coroutine &function : scenario.functions)
        forEachStep(function.steps, [this](const Step &step) { noteNeeds(step); });
    if (scenario.program)
        forEachStep(*scenario.program, [this](const Step &step) {
            noteNeeds(step);
            m_ownLoop = m_ownLoop || step.kind == StepKind::RunForever
                        || step.kind == StepKind::RunUntilComplete;
        });
    for (const Resource &r : scenario.resources) {
        if (r.kind == ResourceKind::ProcessPool)
            m_usesTime = m_usesTime || r.startup > 0; // the start-up is a time.sleep
        if ((r.kind == ResourceKind::ThreadPool || r.kind == ResourceKind::ProcessPool)
            && !r.workers)
            m_cpuCountMatters = true;
    }
    m_cpuCountMatters = m_cpuCountMatters || m_usesToThread;
    nameGlobals();
    noteModuleVariables();
}

// The module's variables: a coroutine reads one under the name the program binds it to
// (SCALE_ for a scenario's SCALE, which the export's own SCALE would otherwise answer).
void ProgramWriter::noteModuleVariables()
{
    auto note = [this](const QString &targets) {
        for (QString name : targets.split(u',')) {
            name = name.trimmed().remove(u'(').remove(u')');
            if (!name.isEmpty())
                m_moduleVariables.insert(name);
        }
    };
    if (m_scenario.program)
        forEachStep(*m_scenario.program, [&](const Step &step) {
            note(step.as);
            note(step.var);
            if (step.kind == StepKind::Set)
                note(step.name);
        });
    for (const Coroutine &coroutine : m_scenario.coroutines)
        for (const QString &name : coroutine.globals)
            note(name);
}

// What the module must import and define for this step.
void ProgramWriter::noteNeeds(const Step &step)
{
    const bool offloaded = step.kind == StepKind::ToThread || step.kind == StepKind::RunInExecutor;
    if (step.kind == StepKind::Cpu || (offloaded && step.work == WorkKind::Cpu))
        m_usesBurn = true;
    if (step.kind == StepKind::Block || (offloaded && step.function.isEmpty()))
        m_usesTime = true;
    if (step.kind == StepKind::ToThread)
        m_usesToThread = true;
    // The modules expressions use: a crude look at the text is enough to import them.
    QStringList texts{step.cond,
                      step.iterable,
                      step.text,
                      step.task,
                      step.seconds.param,
                      step.timeout.param,
                      step.value.toString(),
                      step.item.toString()};
    for (const ElifClause &clause : step.elifs)
        texts << clause.cond;
    for (auto it = step.args.begin(); it != step.args.end(); ++it)
        texts << it.value().toString();
    for (const QString &module : {QStringLiteral("random"), QStringLiteral("time"),
                                  QStringLiteral("loop"), QStringLiteral("datetime")})
        for (const QString &t : std::as_const(texts))
            if (t.contains(module + QLatin1Char('.')))
                m_mentions.insert(module);
}

// Coroutines first (their names read best untouched), then resources; a clash gets a '_'.
void ProgramWriter::nameGlobals()
{
    auto add = [this](const QString &name) {
        QString py = identifier(name);
        while (m_globalNames.contains(py))
            py += QLatin1Char('_');
        m_globals.insert(name, py);
        m_globalNames.insert(py);
    };
    for (const Coroutine &coroutine : m_scenario.coroutines)
        add(coroutine.name);
    for (const Resource &resource : m_scenario.resources)
        if (!m_globals.contains(resource.id))
            add(resource.id);
}

QString ProgramWriter::program()
{
    writeHeader();
    writeImports();
    blank();
    line(QStringLiteral("# Every duration is multiplied by SCALE: 0.1 plays the program ten times "
                        "faster."));
    line(QStringLiteral("SCALE = 1.0"));
    writeBurn();
    writeResources();
    for (const Coroutine &function : m_scenario.functions)
        writeFunction(function);
    auto isMain = [](const Coroutine &c) { return c.name == QLatin1String("main"); };
    for (const Coroutine &coroutine : m_scenario.coroutines)
        if (!isMain(coroutine))
            writeCoroutine(coroutine);
    for (const Coroutine &coroutine : m_scenario.coroutines)
        if (isMain(coroutine))
            writeCoroutine(coroutine);
    blank();
    blank();
    writeProgram();
    return m_lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void ProgramWriter::writeHeader()
{
    if (!m_scenario.title.isEmpty())
        line(QStringLiteral("# ") + commentText(m_scenario.title));
    line(QStringLiteral("# The asyncio program of a Loopscope scenario (CPython 3.11+)."));
    if (!m_scenario.python.gil) {
        line(QStringLiteral("# The scenario models free-threaded Python (python.gil = false); "
                            "this CPython has a"));
        line(QStringLiteral("# GIL, so CPU work in threads runs one thread at a time here."));
    }
    if (m_cpuCountMatters)
        line(QStringLiteral("# os.cpu_count() cannot be set: the scenario's python.cpu_count (%1) "
                            "sizes the pools.")
                 .arg(m_scenario.python.cpuCount));
}

void ProgramWriter::writeImports()
{
    bool threadPool = m_usesToThread;
    bool processPool = false;
    for (const Resource &r : m_scenario.resources) {
        threadPool = threadPool || r.kind == ResourceKind::ThreadPool;
        processPool = processPool || r.kind == ResourceKind::ProcessPool;
    }
    line(QStringLiteral("import asyncio"));
    if (m_scenario.python.switchInterval != 0.005)
        line(QStringLiteral("import sys"));
    if (m_scenario.seed || m_mentions.contains(QStringLiteral("random")))
        line(QStringLiteral("import random"));
    if (m_usesTime || m_usesBurn || m_mentions.contains(QStringLiteral("time")))
        line(QStringLiteral("import time"));
    if (m_mentions.contains(QStringLiteral("datetime")))
        line(QStringLiteral("import datetime"));
    QStringList executors;
    if (processPool)
        executors << QStringLiteral("ProcessPoolExecutor");
    if (threadPool)
        executors << QStringLiteral("ThreadPoolExecutor");
    if (!executors.isEmpty())
        line(QStringLiteral("from concurrent.futures import ")
             + executors.join(QStringLiteral(", ")));
}

// burn() as the fidelity programs do CPU work: wall time rather than this thread's CPU time,
// so that a busy machine does not stretch the work, but only time while holding the GIL.
const char *const kBurn = R"(

_gil_noted = 0.0


def burn(seconds):
    """Pure-Python CPU work: spin, holding the GIL, until this thread has held it `seconds`.

    Every spin credits itself the time since the last note, whoever made it, and notes the
    instant: a thread that lost the GIL finds a newer note when it gets the GIL back, so
    another thread's turn is not counted twice and two threads computing at once take twice
    as long, as under CPython's GIL. Wall time rather than time.thread_time(), so that a
    busy machine does not stretch the work.
    """
    global _gil_noted
    held = 0.0
    _gil_noted = time.perf_counter()
    while held < seconds:
        now = time.perf_counter()
        noted = _gil_noted
        if now > noted:  # no call between reading and writing the note: no GIL switch
            held += now - noted
            _gil_noted = now)";

void ProgramWriter::writeBurn()
{
    if (m_usesBurn)
        m_lines << QString::fromUtf8(kBurn).split(QLatin1Char('\n')).mid(1);
}

void ProgramWriter::writeResources()
{
    if (m_scenario.resources.empty())
        return;
    blank();
    blank();
    for (const Resource &r : m_scenario.resources) {
        const QString name = resourceName(r.id);
        if (madeInMain(r.kind)) {
            line(name + QStringLiteral(" = None  # made in main(), inside the running loop"));
            continue;
        }
        line(name + QStringLiteral(" = ") + resourceConstructor(r));
        if (r.kind == ResourceKind::Queue && !r.items.empty()) {
            QStringList items;
            for (const PyValue &item : r.items)
                items << literal(item, [](const QString &) { return QString(); });
            line(QStringLiteral("for item in [%1]:").arg(items.join(QStringLiteral(", "))));
            line(QStringLiteral("    %1.put_nowait(item)  # initial items count as unfinished work")
                     .arg(name));
        }
    }
}

int ProgramWriter::defaultPoolWorkers() const
{
    return std::min(32, m_scenario.python.cpuCount + 4);
}

QString ProgramWriter::resourceConstructor(const Resource &r) const
{
    switch (r.kind) {
    case ResourceKind::Lock:
        return QStringLiteral("asyncio.Lock()");
    case ResourceKind::Semaphore:
        return (r.bounded ? QStringLiteral("asyncio.BoundedSemaphore(%1)")
                          : QStringLiteral("asyncio.Semaphore(%1)"))
            .arg(r.value);
    case ResourceKind::Event:
        return QStringLiteral("asyncio.Event()");
    case ResourceKind::Queue:
        return r.maxsize > 0 ? QStringLiteral("asyncio.Queue(maxsize=%1)").arg(r.maxsize)
                             : QStringLiteral("asyncio.Queue()");
    case ResourceKind::Future:
        return QStringLiteral("loop.create_future()");
    case ResourceKind::ThreadPool:
        // The scenario's own default pool: its threads are asyncio_0, asyncio_1, ... as
        // asyncio names the default executor's (and as Loopscope names them), not
        // ThreadPoolExecutor-N_k, which would also shift the N of every other pool.
        if (r.id == QLatin1String("default"))
            return QStringLiteral("ThreadPoolExecutor(%1, thread_name_prefix=\"asyncio\")")
                .arg(r.workers.value_or(defaultPoolWorkers()));
        return QStringLiteral("ThreadPoolExecutor(%1)")
            .arg(r.workers.value_or(defaultPoolWorkers()));
    case ResourceKind::Condition:
        return r.lock.isEmpty() ? QStringLiteral("asyncio.Condition()")
                                : QStringLiteral("asyncio.Condition(%1)").arg(resourceName(r.lock));
    case ResourceKind::Barrier:
        return QStringLiteral("asyncio.Barrier(%1)").arg(r.parties);
    case ResourceKind::ProcessPool: {
        const int workers = r.workers.value_or(m_scenario.python.cpuCount);
        if (r.startup <= 0)
            return QStringLiteral("ProcessPoolExecutor(%1)").arg(workers);
        // A worker sleeps through its start-up before it takes its first job.
        return QStringLiteral("ProcessPoolExecutor(%1, initializer=time.sleep, initargs=(%2,))")
            .arg(workers)
            .arg(seconds(Quantity::literal(r.startup)));
    }
    }
    return {};
}

void ProgramWriter::writeCoroutine(const Coroutine &coroutine)
{
    m_locals.clear();
    const QString params = parameters(coroutine);
    blank();
    blank();
    line(QStringLiteral("async def %1(%2):").arg(m_globals.value(coroutine.name), params));
    ++m_indent;
    if (!coroutine.globals.empty()) {
        QStringList names;
        for (const QString &name : coroutine.globals)
            names << localName(name); // as the program binds it
        line(QStringLiteral("global ") + names.join(QStringLiteral(", ")));
    }
    const bool isMain = coroutine.name == QLatin1String("main");
    if (needsLoop(coroutine, isMain))
        line(QStringLiteral("loop = asyncio.get_running_loop()"));
    if (isMain)
        writeMainSetup();
    writeSteps(coroutine.steps);
    --m_indent;
}

// `x, delay=1`: a parameter without a default after one with a default is keyword-only
// (`*, b`), as Python needs it; calls pass every argument by name anyway.
QString ProgramWriter::parameters(const Coroutine &callee)
{
    QStringList params;
    bool defaulted = false;
    for (const QString &param : callee.params) {
        const QString name = bind(param);
        if (callee.defaults.contains(param)) {
            defaulted = true;
            params << name + QLatin1Char('=') + value(callee.defaults.value(param));
            continue;
        }
        if (defaulted && !params.contains(QStringLiteral("*")))
            params << QStringLiteral("*");
        params << name;
    }
    return params.join(QStringLiteral(", "));
}

bool ProgramWriter::needsLoop(const Coroutine &coroutine, bool isMain) const
{
    bool needed = false;
    forEachStep(coroutine.steps, [&](const Step &step) {
        needed = needed || step.kind == StepKind::RunInExecutor
                 || QStringList{step.cond, step.iterable, step.text, step.seconds.param,
                                step.value.toString()}
                        .join(QLatin1Char(' '))
                        .contains(QLatin1String("loop."));
    });
    for (const Coroutine &c : m_scenario.coroutines) // an item's run_in_executor
        for (const Step &step : c.steps)
            for (const GatherItem &item : step.items)
                for (const Step &inner : item.awaitable)
                    needed = needed || (&c == &coroutine && inner.kind == StepKind::RunInExecutor);
    if (!isMain)
        return needed;
    for (const Resource &r : m_scenario.resources)
        needed = needed || r.kind == ResourceKind::Future
                 || (r.kind == ResourceKind::ThreadPool && r.id == QLatin1String("default"));
    return needed || m_usesToThread;
}

// What must exist inside the running loop before any step runs.
void ProgramWriter::writeMainSetup()
{
    QStringList globals;
    for (const Resource &r : m_scenario.resources)
        if (madeInMain(r.kind))
            globals << resourceName(r.id);
    if (!globals.isEmpty())
        line(QStringLiteral("global ") + globals.join(QStringLiteral(", ")));
    for (const Resource &r : m_scenario.resources)
        if (madeInMain(r.kind))
            line(resourceName(r.id) + QStringLiteral(" = ") + resourceConstructor(r));
    const Resource *ownDefault = m_scenario.resource(QStringLiteral("default"));
    if (ownDefault && ownDefault->kind == ResourceKind::ThreadPool) {
        line(QStringLiteral("loop.set_default_executor(%1)").arg(resourceName(ownDefault->id)));
    } else if (m_usesToThread) {
        line(QStringLiteral("# asyncio's default pool: min(32, cpu_count + 4) threads"));
        line(QStringLiteral("loop.set_default_executor(ThreadPoolExecutor(%1, "
                            "thread_name_prefix=\"asyncio\"))")
                 .arg(defaultPoolWorkers()));
    }
    // Not scaled, as in the fidelity programs: a fraction of a millisecond would make the
    // hand-off itself cost more than the turns it separates.
    if (m_scenario.python.switchInterval != 0.005)
        line(QStringLiteral("sys.setswitchinterval(%1)  # how long a thread keeps the GIL "
                            "while another waits (not scaled)")
                 .arg(number(m_scenario.python.switchInterval)));
}

void ProgramWriter::line(const QString &code, const QString &label)
{
    QString text = QString(qsizetype(4) * m_indent, QLatin1Char(' ')) + code;
    const QString comment = commentText(label);
    if (!comment.isEmpty())
        text += QStringLiteral("  # ") + comment;
    m_lines << text;
}

} // namespace python

QString pythonProgram(const Scenario &scenario)
{
    return python::ProgramWriter(scenario).program();
}

} // namespace loopscope
