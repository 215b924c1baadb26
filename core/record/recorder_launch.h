// Finding and starting the Python recorder that ships with Loopscope (python/loopscope_record,
// docs/recording.md). `loopscope record` and File > Record Python Program... both start it
// from here, so that both find the same recorder and pass it the same options.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace loopscope {

struct RecorderOptions
{
    QString python; // empty: LOOPSCOPE_PYTHON, else python3
    bool virtualClock = false;
    bool stream = false; // rewrite the trace every 0.2 s while the program runs
    QString out;         // the trace file
    QStringList program; // PROGRAM.py and its arguments
};

// The folder that holds loopscope_record: LOOPSCOPE_PYTHON_DIR, next to the executable (the
// build tree: CMake copies it there), or under the install prefix; empty when none holds it.
// Needs a QCoreApplication (for the executable's folder).
QString recorderDirectory();

// The interpreter the recorder runs under: the chosen one, else LOOPSCOPE_PYTHON, else python3.
QString recorderPython(const RecorderOptions &options);

// Sets `process` up to run `PY -m loopscope_record [--virtual] [--stream] --out OUT -- PROGRAM`
// with `dir` on PYTHONPATH; the caller picks the channels and starts it.
void prepareRecorder(QProcess &process, const RecorderOptions &options, const QString &dir);

} // namespace loopscope
