#include "app/recording_controller.h"

#include "trace/trace_json.h"

#include <QFile>
#include <QFileInfo>

namespace loopscope {

namespace {

constexpr int kPollMs = 200;       // the recorder's snapshot period (stream.py)
constexpr int kKillAfterMs = 1500; // SIGTERM not heeded (a C call that never returns): SIGKILL
constexpr qsizetype kOutputKept = 4000;

} // namespace

RecordingController::RecordingController(QObject *parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &RecordingController::poll);
    connect(&m_process, &QProcess::readyRead, this, [this] {
        m_output += m_process.readAll();
        if (m_output.size() > kOutputKept)
            m_output = m_output.right(kOutputKept);
    });
    connect(&m_process, &QProcess::finished, this, &RecordingController::processEnded);
}

RecordingController::~RecordingController()
{
    if (isRecording()) {
        m_process.disconnect(this); // no signal about a recording to a window going away
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

bool RecordingController::start(RecorderOptions options, QString *error)
{
    if (isRecording()) {
        *error = tr("a recording is already under way");
        return false;
    }
    const QString dir = recorderDirectory();
    if (dir.isEmpty()) {
        *error = tr("the recorder (loopscope_record) is not next to the executable nor under "
                    "share/loopscope/python; set LOOPSCOPE_PYTHON_DIR");
        return false;
    }
    if (options.out.isEmpty()) // binary: a snapshot every 0.2 s is a tenth of the JSON's bytes
        options.out = workFile(QStringLiteral("recording.lstrace"));
    QFile::remove(options.out); // a trace left from before must not pass for this one
    options.stream = true;
    m_out = options.out;
    m_lastRead = {};
    m_lastSize = -1;
    m_output.clear();
    prepareRecorder(m_process, options, dir);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        *error = tr("cannot start %1: %2").arg(recorderPython(options), m_process.errorString());
        return false;
    }
    m_poll.start();
    return true;
}

QString RecordingController::workFile(const QString &name)
{
    if (!m_dir)
        m_dir = std::make_unique<QTemporaryDir>();
    return m_dir->filePath(name);
}

void RecordingController::stop()
{
    if (!isRecording())
        return;
    m_process.terminate();
    const qint64 pid = m_process.processId();
    QTimer::singleShot(kKillAfterMs, this, [this, pid] {
        if (isRecording() && m_process.processId() == pid) // not a recording started since
            m_process.kill(); // the last snapshot stands, its outcome already `stopped`
    });
}

// A snapshot newer than the last one read: the trace so far.
void RecordingController::poll()
{
    const QFileInfo info(m_out);
    if (!info.exists() || (info.lastModified() == m_lastRead && info.size() == m_lastSize))
        return;
    const std::optional<Trace> trace = readTraceFile(m_out);
    if (!trace)
        return; // renamed into place whole, so only a foreign file reads wrong: try again
    m_lastRead = info.lastModified();
    m_lastSize = info.size();
    Q_EMIT traceUpdated(*trace);
}

void RecordingController::processEnded()
{
    m_poll.stop();
    m_output += m_process.readAll();
    QString error;
    const std::optional<Trace> trace
        = QFileInfo::exists(m_out) ? readTraceFile(m_out, &error) : std::nullopt;
    if (!trace && error.isEmpty())
        error = tr("the recorder wrote no trace");
    if (trace)
        return Q_EMIT finished(*trace);
    const QString said = QString::fromLocal8Bit(m_output).trimmed();
    Q_EMIT failed(said.isEmpty() ? error : tr("%1\n%2").arg(error, said));
}

} // namespace loopscope
