// The importer run without waiting for it: the Python pane re-imports what the user types while
// the window stays responsive. One job imports one text; a newer text cancels the older job.
#pragma once

#include "record/python_import.h"

#include <QObject>
#include <QProcess>

class QTimer;

namespace loopscope {

class PythonImportJob : public QObject
{
    Q_OBJECT
public:
    explicit PythonImportJob(QObject *parent = nullptr);
    ~PythonImportJob() override;

    // Starts importing `source` (named `label` in problems); a job under way is dropped first,
    // and only the last text's result is ever reported.
    void start(const QByteArray &source, const QString &label,
               const PythonImportOptions &options = {});
    // The same for a program file (named by its path in problems, as importPythonFile does).
    void startFile(const QString &path, const PythonImportOptions &options = {});
    void cancel();
    bool isRunning() const { return m_process != nullptr; }

Q_SIGNALS:
    // The scenario, or every problem (as importPythonSource says them).
    void finished(const loopscope::ScenarioLoad &load);

private:
    void launch(const QStringList &input, const QByteArray &source, const QString &label,
                const PythonImportOptions &options);
    void processFinished();
    void report(const ScenarioLoad &load);

    QProcess *m_process = nullptr;
    QString m_label;
    QTimer *m_timeout = nullptr;
};

// Shared with the blocking import (python_import.cpp): `process` set up to run the importer on
// `input` (a path, or "-" and --name), writing the scenario to stdout; an error when the
// importer is not installed. And what a finished importer process gave.
QString prepareImporter(QProcess &process, const QStringList &input,
                        const PythonImportOptions &options);
ScenarioLoad importerResult(QProcess &process, const QString &label);

} // namespace loopscope
