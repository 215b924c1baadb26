#include "app/import_progress.h"

#include "record/python_import_job.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QProgressDialog>
#include <QTimer>

#include <functional>

namespace loopscope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ImportProgress", text);
}

// Runs `start` on a job and waits in a local event loop until the job reports or the user
// presses Cancel (the job is then killed and nothing is reported). For the first moment user
// input waits (delivered later, never lost); then the application-modal box takes it, so nothing
// else in the window can start while the importer runs.
std::optional<ScenarioLoad> waitForImport(QWidget *parent, const QString &name,
                                          const std::function<void(PythonImportJob &)> &start)
{
    PythonImportJob job;
    QProgressDialog progress(
        tr("Importing %1\u2026\nTiming its CPU loops can take a few seconds.").arg(name),
        tr("Cancel"), 0, 0, parent);
    progress.setWindowTitle(tr("Import Python Program"));
    progress.setWindowModality(Qt::ApplicationModal);
    progress.setAutoReset(false);
    progress.setAutoClose(false);

    std::optional<ScenarioLoad> result;
    QEventLoop loop;
    QObject::connect(&job, &PythonImportJob::finished, &loop, [&](const ScenarioLoad &load) {
        result = load;
        loop.quit();
    });
    QObject::connect(&progress, &QProgressDialog::canceled, &loop, [&] {
        job.cancel();
        loop.quit();
    });
    QTimer reveal;
    reveal.setSingleShot(true);
    QObject::connect(&reveal, &QTimer::timeout, &loop, &QEventLoop::quit);
    start(job); // may report at once (no importer installed, no such file)
    if (!result && job.isRunning()) {
        reveal.start(400);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    if (!result && job.isRunning()) {
        progress.show();
        loop.exec();
    }
    progress.reset();
    return result;
}

} // namespace

std::optional<ScenarioLoad> importProgramWithProgress(QWidget *parent, const QString &path)
{
    return waitForImport(parent, QFileInfo(path).fileName(),
                         [&](PythonImportJob &job) { job.startFile(path); });
}

std::optional<ScenarioLoad> importSourceWithProgress(QWidget *parent, const QByteArray &source,
                                                     const QString &label)
{
    return waitForImport(parent, label, [&](PythonImportJob &job) { job.start(source, label); });
}

} // namespace loopscope
