#include "document/scenario_document.h"

#include "document/scenario_edits.h"
#include "record/python_import.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTimer>
#include <QUndoCommand>
#include <QUndoStack>
#include <QUuid>

namespace loopscope {

// An edit as the model before and after: undo is exact by construction (operator== holds).
class ScenarioEditCommand : public QUndoCommand
{
public:
    ScenarioEditCommand(ScenarioDocument *document, Scenario before, Scenario after,
                        const QString &text, QString mergeKey)
        : QUndoCommand(text)
        , m_document(document)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_mergeKey(std::move(mergeKey))
    {}

    void redo() override { m_document->setScenario(m_after); }
    void undo() override { m_document->setScenario(m_before); }
    int id() const override { return m_mergeKey.isEmpty() ? -1 : 1; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = static_cast<const ScenarioEditCommand *>(other);
        if (next->m_mergeKey != m_mergeKey)
            return false;
        m_after = next->m_after;
        return true;
    }

private:
    ScenarioDocument *m_document;
    Scenario m_before;
    Scenario m_after;
    QString m_mergeKey;
};

QString readProgramText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

Scenario emptyScenario()
{
    Scenario scenario;
    scenario.title = QStringLiteral("Untitled");
    Coroutine main;
    main.name = QStringLiteral("main");
    scenario.coroutines.push_back(main);
    setCardPosition(scenario, main.name, {40, 40});
    return scenario;
}

ScenarioDocument::ScenarioDocument(QObject *parent)
    : QObject(parent)
    , m_scenario(emptyScenario())
    , m_undo(new QUndoStack(this))
    , m_autosave(new QTimer(this))
    , m_recovery(RecoveryFile::forKey(QStringLiteral("autosave-")
                                      + QUuid::createUuid().toString(QUuid::WithoutBraces)))
{
    m_autosave->setSingleShot(true);
    m_autosave->setInterval(3000);
    connect(m_autosave, &QTimer::timeout, this, &ScenarioDocument::autosave);
    connect(m_undo, &QUndoStack::cleanChanged, this, [this] { noteModified(); });
}

ScenarioDocument::~ScenarioDocument()
{
    discardRecoveryFile();
}

QString ScenarioDocument::displayName() const
{
    if (m_path.isEmpty() && !m_importedFrom.isEmpty())
        return tr("%1 (imported)").arg(QFileInfo(m_importedFrom).fileName());
    return m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).fileName();
}

bool ScenarioDocument::isModified() const
{
    return m_forcedModified || !m_undo->isClean();
}

void ScenarioDocument::edit(const Scenario &after, const QString &text, const QString &mergeKey)
{
    if (after == m_scenario)
        return;
    m_editing = true;
    m_undo->push(new ScenarioEditCommand(this, m_scenario, after, text, mergeKey));
    m_editing = false;
}

void ScenarioDocument::setScenario(const Scenario &scenario)
{
    m_scenario = scenario;
    Q_EMIT changed();
    m_autosave->start();
}

void ScenarioDocument::reset(Scenario scenario, const QString &path, bool modified,
                             const QString &importedFrom, const QString &pythonSource)
{
    m_autosave->stop();
    m_importedFrom = importedFrom;
    m_pythonSource = pythonSource;
    discardRecoveryFile();
    m_scenario = std::move(scenario);
    m_forcedModified = modified;
    m_undo->clear();
    m_undo->setClean();
    const bool pathChanges = path != m_path;
    m_path = path;
    if (pathChanges)
        Q_EMIT pathChanged(m_path);
    Q_EMIT changed();
    Q_EMIT replaced();
    noteModified();
    if (modified) // an imported program or a restored copy: unsaved from the start
        m_autosave->start();
}

void ScenarioDocument::newDocument()
{
    reset(emptyScenario(), {}, false);
}

ScenarioLoad ScenarioDocument::open(const QString &path)
{
    if (isPythonProgramPath(path)) {
        ScenarioLoad load = importPythonFile(path);
        if (load.ok()) // unsaved: nothing is written until Save asks where
            reset(*load.scenario, {}, true, QFileInfo(path).absoluteFilePath(),
                  readProgramText(path));
        return load;
    }
    ScenarioLoad load = readScenarioFile(path);
    if (load.ok())
        reset(*load.scenario, QFileInfo(path).absoluteFilePath(), false);
    return load;
}

void ScenarioDocument::takeImported(Scenario scenario, const QString &from, const QString &source)
{
    reset(std::move(scenario), {}, true, from, source);
}

bool ScenarioDocument::save(QString *error)
{
    return saveAs(m_path, error);
}

bool ScenarioDocument::saveAs(const QString &path, QString *error)
{
    if (path.isEmpty()) {
        if (error)
            *error = tr("The document has no file name yet: use Save As.");
        return false;
    }
    if (!saveScenarioFile(m_scenario, path, error))
        return false;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (absolute != m_path) {
        m_path = absolute;
        Q_EMIT pathChanged(m_path);
    }
    m_forcedModified = false;
    m_importedFrom.clear();
    m_undo->setClean();
    m_autosave->stop();
    discardRecoveryFile();
    noteModified();
    return true;
}

bool ScenarioDocument::restore(const RecoveryFile &recovery, QString *error,
                               std::vector<ScenarioProblem> *problems)
{
    ScenarioDraft draft = readRecovery(recovery);
    if (!draft.scenario) {
        if (error && !draft.problems.empty())
            *error = draft.problems.front().toString();
        return false;
    }
    if (problems)
        *problems = draft.problems;
    reset(std::move(*draft.scenario), recovery.originalPath, true, recovery.importedFrom,
          recovery.pythonText);
    // The copy stays until the restored document is saved or closed cleanly.
    m_recovery = recovery;
    return true;
}

void ScenarioDocument::setAutosaveDelay(int milliseconds)
{
    m_autosave->setInterval(milliseconds);
}

void ScenarioDocument::setShownPython(std::function<QString()> shownPython)
{
    m_shownPython = std::move(shownPython);
}

void ScenarioDocument::notePythonChanged()
{
    if (isModified())
        m_autosave->start();
}

void ScenarioDocument::discardRecoveryFile()
{
    discardRecovery(m_recovery);
}

void ScenarioDocument::noteModified()
{
    const bool modified = isModified();
    if (!modified) {
        m_autosave->stop();
        discardRecoveryFile();
    }
    if (modified != m_lastModified) {
        m_lastModified = modified;
        Q_EMIT modifiedChanged(modified);
    }
}

void ScenarioDocument::autosave()
{
    if (!isModified())
        return;
    m_recovery.originalPath = m_path;
    m_recovery.importedFrom = m_importedFrom;
    m_recovery.pythonText = m_shownPython ? m_shownPython() : QString();
    m_recovery.savedAt = QDateTime::currentDateTimeUtc();
    QString error;
    if (writeRecovery(m_recovery, m_scenario, &error))
        Q_EMIT autosaved(m_recovery.scenarioFile);
    else
        Q_EMIT autosaveFailed(error);
}

} // namespace loopscope
