// The Core-only loopscope's runApplication and writeRunFile (commands.h): text and trace files.
// A run that writes a picture never gets here: main() hands it to loopscope-gui (needsGui).
#include "commands.h"

#include "export/export_formats.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace loopscope::app {

std::unique_ptr<QCoreApplication> runApplication(int &argc, char **argv, const QStringList &)
{
    return std::make_unique<QCoreApplication>(argc, argv);
}

bool writeRunFile(const QString &path, const Scenario &scenario, const Trace &trace, QString *error)
{
    const std::optional<ExportFormat> format = exportFormatOf(path, ExportUse::Run);
    if (!format) { // the words of writeExport (ui/app/export_files.h)
        *error = QStringLiteral("%1: unknown export format (expected %2)")
                     .arg(path, exportSuffixList(ExportUse::Run));
        return false;
    }
    if (exportFormatInfo(*format).image) {
        *error = QStringLiteral("%1: pictures are drawn by loopscope-gui").arg(path);
        return false;
    }
    const ExportFormatInfo &info = exportFormatInfo(*format);
    QSaveFile file(path);
    bool written = file.open(QIODevice::WriteOnly);
    if (written && info.runWrite) { // as it is made: a big run's file is never held whole
        written = info.runWrite(trace, file);
    } else if (written) {
        const QByteArray bytes = info.runText(scenario, trace);
        written = file.write(bytes) == bytes.size();
    }
    if (!written || !file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace loopscope::app
