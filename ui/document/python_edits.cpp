#include "document/python_edits.h"

#include "document/scenario_document.h"
#include "document/scenario_edits.h"
#include "record/python_import_job.h"
#include "scenario/scenario_walk.h"

#include <QFileInfo>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <map>
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

// The coroutine a step path is in: "coroutines[2].steps[0]…" → 2.
int coroutineIndex(const QString &path)
{
    const qsizetype open = path.indexOf(QLatin1Char('['));
    const qsizetype close = path.indexOf(QLatin1Char(']'));
    return open < 0 || close < open ? -1 : path.mid(open + 1, close - open - 1).toInt();
}

// Pairs of (new, old) positions in two step lists with the same ops, as many as possible and in
// order (a longest common subsequence of the ops).
std::vector<std::pair<std::size_t, std::size_t>> sameOps(const std::vector<Step *> &now,
                                                         const std::vector<const Step *> &before)
{
    const std::size_t n = now.size();
    const std::size_t m = before.size();
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[i][j] = now[i]->kind == before[j]->kind ? lcs[i + 1][j + 1] + 1
                                                        : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t i = 0, j = 0; i < n && j < m;) {
        if (now[i]->kind == before[j]->kind)
            pairs.emplace_back(i++, j++);
        else if (lcs[i + 1][j] >= lcs[i][j + 1])
            ++i;
        else
            ++j;
    }
    return pairs;
}

// The steps keep their ids where the text kept them (same coroutine, same op, in order), so that
// the selection, the timeline's steps and the Python's lines stay on them; new steps get ids no
// kept step has.
void keepStepIds(Scenario &imported, const Scenario &current)
{
    std::map<int, std::vector<Step *>> now;
    forEachStep(imported, [&](Step &step, const QString &path) {
        now[coroutineIndex(path)].push_back(&step);
    });
    std::map<int, std::vector<const Step *>> before;
    forEachStep(current, [&](const Step &step, const QString &path) {
        before[coroutineIndex(path)].push_back(&step);
    });
    QSet<QString> kept;
    QSet<const Step *> named;
    for (std::size_t i = 0; i < imported.coroutines.size(); ++i) {
        const auto same = std::find_if(
            current.coroutines.begin(), current.coroutines.end(),
            [&](const Coroutine &c) { return c.name == imported.coroutines[i].name; });
        if (same == current.coroutines.end())
            continue;
        const auto &mine = now[int(i)];
        const auto &old = before[int(same - current.coroutines.begin())];
        for (const auto &[n, o] : sameOps(mine, old)) {
            mine[n]->id = old[o]->id;
            kept.insert(old[o]->id);
            named.insert(mine[n]);
        }
    }
    int next = 1;
    forEachStep(imported, [&](Step &step, const QString &) {
        if (named.contains(&step))
            return;
        while (kept.contains(QStringLiteral("s%1").arg(next)))
            ++next;
        step.id = QStringLiteral("s%1").arg(next);
        kept.insert(step.id);
    });
}

// The title the importer gives a program that names none: the label without its suffix
// (Python's os.path.splitext of the base name).
QString untitledImportTitle(const QString &label)
{
    const QString name = QFileInfo(label).fileName();
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return dot > 0 && name.left(dot).count(QLatin1Char('.')) < dot ? name.left(dot) : name;
}

// The import's marks on a step whose duration the text does not say exactly.
bool isApproximated(const Step &step)
{
    return step.extra.contains(QStringLiteral("x-estimated"))
           || step.extra.contains(QStringLiteral("x-placeholder"));
}

// A carried text is checked by an import that does not measure (verify), and the edit moved its
// lines: its CPU loops and network calls get placeholders and its notes other line numbers. The
// text says no more than that, so when it has the same approximated steps as the scenario it was
// carried to, their durations and marks and the notes are that scenario's (a measurement made
// when the program was opened, or a duration the user set).
Scenario withApproximationsOf(Scenario imported, const Scenario &expected)
{
    std::vector<const Step *> known;
    forEachStep(expected, [&](const Step &step, const QString &) {
        if (isApproximated(step))
            known.push_back(&step);
    });
    std::vector<Step *> placeholders;
    forEachStep(imported, [&](Step &step, const QString &) {
        if (isApproximated(step))
            placeholders.push_back(&step);
    });
    if (known.size() != placeholders.size())
        return imported;
    for (std::size_t i = 0; i < known.size(); ++i)
        if (known[i]->kind != placeholders[i]->kind)
            return imported;
    for (std::size_t i = 0; i < known.size(); ++i) {
        placeholders[i]->seconds = known[i]->seconds;
        placeholders[i]->extra = known[i]->extra;
    }
    imported.notes = expected.notes;
    return imported;
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
    const bool same
        = programOf(withApproximationsOf(titled(imported), m_expected)) == programOf(m_expected);
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
        keepStepIds(scenario, m_document->scenario());
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

void PythonEdits::adopt(const Scenario &scenario, QString text)
{
    // The pane's text has \n line ends (QPlainTextEdit): a CRLF file would never match it.
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    remember(scenario, text);
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
