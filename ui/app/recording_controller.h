// A real Python program recorded live (File > Record Python Program...): the recorder runs with
// --stream, rewriting its trace file every 0.2 s; this polls the file at the same pace and hands
// each new trace on, so lanes grow while the program runs. Stop terminates the recorder, which
// ends the recording with outcome `stopped` (docs/recording.md).
#pragma once

#include "record/recorder_launch.h"
#include "trace/trace.h"

#include <QDateTime>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

namespace loopscope {

class RecordingController : public QObject
{
    Q_OBJECT
public:
    explicit RecordingController(QObject *parent = nullptr);
    ~RecordingController() override;

    // Starts PROGRAM under the recorder (options.out empty: a file of its own, removed later).
    // false with *error when the recorder or the interpreter cannot be found or started.
    bool start(RecorderOptions options, QString *error);
    bool isRecording() const { return m_process.state() != QProcess::NotRunning; }
    // A file of this controller's own folder (removed with it), for a program to record.
    QString workFile(const QString &name);
    // Ends the program: SIGTERM, and SIGKILL if it has not ended 1.5 s later.
    void stop();

Q_SIGNALS:
    void traceUpdated(const loopscope::Trace &trace); // the recording so far
    void finished(const loopscope::Trace &trace);
    void failed(const QString &message); // no trace: what the recorder said

private:
    void poll();
    void processEnded();

    QProcess m_process;
    QTimer m_poll;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_out;
    QDateTime m_lastRead;
    qint64 m_lastSize = -1;
    QByteArray m_output; // the program's and the recorder's output, for a failure message
};

} // namespace loopscope
