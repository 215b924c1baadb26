#include "record/python_import_job.h"

#include <QFileInfo>
#include <QTimer>

#include <utility>

namespace loopscope {

namespace {

ScenarioLoad problemOnly(const QString &label, const QString &message)
{
    ScenarioLoad load;
    load.problems.push_back(ScenarioProblem{label, 0, 0, {}, message});
    return load;
}

} // namespace

PythonImportJob::PythonImportJob(QObject *parent)
    : QObject(parent)
    , m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        cancel();
        report(problemOnly(m_label, QStringLiteral("cannot import Python: the importer took "
                                                   "too long")));
    });
}

PythonImportJob::~PythonImportJob()
{
    cancel();
}

void PythonImportJob::cancel()
{
    m_timeout->stop();
    if (!m_process)
        return;
    QProcess *process = std::exchange(m_process, nullptr);
    process->disconnect(this);
    process->kill();
    process->waitForFinished(1000); // a killed importer ends at once; no zombie stays
    process->deleteLater();
}

void PythonImportJob::start(const QByteArray &source, const QString &label,
                            const PythonImportOptions &options)
{
    launch({QStringLiteral("-"), QStringLiteral("--name"), label}, source, label, options);
}

void PythonImportJob::startFile(const QString &path, const PythonImportOptions &options)
{
    if (!QFileInfo(path).isFile())
        return report(problemOnly(path, QStringLiteral("no such file")));
    launch({path}, {}, path, options);
}

void PythonImportJob::launch(const QStringList &input, const QByteArray &source,
                             const QString &label, const PythonImportOptions &options)
{
    cancel();
    m_label = label;
    auto *process = new QProcess(this);
    const QString error = prepareImporter(*process, input, options);
    if (!error.isEmpty()) {
        process->deleteLater();
        return report(problemOnly(label, error));
    }
    m_process = process;
    connect(process, &QProcess::finished, this, &PythonImportJob::processFinished);
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart || process != m_process)
            return;
        const QString why = QStringLiteral("cannot import Python: %1 did not start (%2)")
                                .arg(process->program(), process->errorString());
        cancel();
        report(problemOnly(m_label, why));
    });
    process->start();
    process->write(source);
    process->closeWriteChannel();
    m_timeout->start(options.timeoutMs);
}

void PythonImportJob::processFinished()
{
    m_timeout->stop();
    QProcess *process = std::exchange(m_process, nullptr);
    const ScenarioLoad load = importerResult(*process, m_label);
    process->deleteLater();
    report(load);
}

void PythonImportJob::report(const ScenarioLoad &load)
{
    Q_EMIT finished(load);
}

} // namespace loopscope
