#include "document/python_edits.h"

#include "document/scenario_document.h"
#include "document/scenario_edits.h"
#include "record/python_import_job.h"
#include "scenario/scenario_walk.h"

#include <QFileInfo>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace loopscope {

namespace {

constexpr std::size_t kTextsKept = 100; // enough for any undo a user walks back through

// The cards keep their places: a coroutine the text still has stays where it was dragged.
void keepCardPositions(Scenario &imported, const Scenario &current)
{
    for (const Coroutine &coroutine : imported.coroutines)
        if (const auto at = cardPosition(current, coroutine.name))
            setCardPosition(imported, coroutine.name, *at);
}

// The title the importer gives a program that names none: the label without its suffix
// (Python's os.path.splitext of the base name).
QString untitledImportTitle(const QString &label)
{
    const QString name = QFileInfo(label).fileName();
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return dot > 0 && name.left(dot).count(QLatin1Char('.')) < dot ? name.left(dot) : name;
}

} // namespace

Scenario programOf(Scenario scenario)
{
    scenario.layout = {};
    forEachStep(scenario, [](Step &step, const QString &) { step.id.clear(); });
    return scenario;
}

PythonEdits::PythonEdits(ScenarioDocument *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_pause(new QTimer(this))
    , m_job(new PythonImportJob(this))
{
    m_pause->setSingleShot(true);
    m_pause->setInterval(600);
    connect(m_pause, &QTimer::timeout, this, &PythonEdits::importNow);
    connect(m_job, &PythonImportJob::finished, this, &PythonEdits::imported);
}

PythonEdits::~PythonEdits() = default;

void PythonEdits::setDelay(int milliseconds)
{
    m_pause->setInterval(milliseconds);
}

int PythonEdits::delay() const
{
    return m_pause->interval();
}

void PythonEdits::typed(const QString &text)
{
    if (m_running == Job::Verify) // the user's new text is what counts now
        m_job->cancel();
    m_text = text;
    m_pause->start();
}

bool PythonEdits::isPending() const
{
    return m_pause->isActive() || m_job->isRunning();
}

void PythonEdits::cancel()
{
    m_pause->stop();
    m_job->cancel();
    m_running = Job::None;
    m_problems.clear(); // they were about the text dropped
}

void PythonEdits::importNow()
{
    m_importing = m_text;
    PythonImportOptions options;
    options.measure = false; // typing must stay fast: CPU loops get the placeholder
    options.timeoutMs = 20000;
    m_label = m_document->displayName();
    m_running = Job::Typed;
    m_job->start(m_importing.toUtf8(), m_label, options);
    Q_EMIT importStarted();
}

void PythonEdits::verify(const QString &text, const Scenario &expected)
{
    cancel();
    m_importing = text;
    m_expected = expected;
    m_label = m_document->displayName();
    m_running = Job::Verify;
    PythonImportOptions options;
    options.measure = false;
    options.timeoutMs = 20000;
    m_job->start(text.toUtf8(), m_label, options);
}

void PythonEdits::verified(const Scenario &imported)
{
    const bool same = programOf(titled(imported)) == programOf(m_expected);
    if (same)
        remember(m_expected, m_importing);
    Q_EMIT carriedOver(same);
}

// A text that names no title (no docstring, no leading comment) keeps the document's.
Scenario PythonEdits::titled(Scenario imported) const
{
    if (imported.title == untitledImportTitle(m_label))
        imported.title = m_document->scenario().title;
    return imported;
}

void PythonEdits::imported(const ScenarioLoad &load)
{
    if (std::exchange(m_running, Job::None) == Job::Verify)
        return load.ok() ? verified(*load.scenario) : Q_EMIT carriedOver(false);
    if (!load.ok()) {
        m_problems = load.problems;
        return Q_EMIT importFinished(false);
    }
    m_problems.clear();
    Scenario scenario = titled(*load.scenario);
    remember(scenario, m_importing);
    // The same program (a comment typed, a blank line): the document does not change.
    if (programOf(scenario) != programOf(m_document->scenario())) {
        keepCardPositions(scenario, m_document->scenario());
        m_applying = true;
        m_document->edit(scenario, tr("Edit Python"),
                         QStringLiteral("python-pane-%1").arg(m_session));
        m_applying = false;
    }
    Q_EMIT importFinished(true);
}

void PythonEdits::remember(const Scenario &scenario, const QString &text)
{
    const Scenario program = programOf(scenario);
    std::erase_if(m_typed, [&](const auto &entry) { return entry.first == program; });
    m_typed.emplace_back(program, text);
    if (m_typed.size() > kTextsKept)
        m_typed.erase(m_typed.begin());
}

std::optional<Scenario> PythonEdits::scenarioOf(const QString &text) const
{
    const auto it = std::find_if(m_typed.rbegin(), m_typed.rend(),
                                 [&](const auto &entry) { return entry.second == text; });
    if (it == m_typed.rend())
        return std::nullopt;
    return it->first;
}

std::optional<QString> PythonEdits::textFor(const Scenario &scenario) const
{
    const Scenario program = programOf(scenario);
    const auto it = std::find_if(m_typed.rbegin(), m_typed.rend(),
                                 [&](const auto &entry) { return entry.first == program; });
    if (it == m_typed.rend())
        return std::nullopt;
    return it->second;
}

} // namespace loopscope
