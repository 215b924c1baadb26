#include "app/export_files.h"

#include "export/export_formats.h"

#include <QSaveFile>

namespace loopscope {

namespace {
bool writeBytes(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
} // namespace

bool writeExport(const QString &path, const Scenario &scenario, const Trace &trace,
                 const ImageExportOptions &image, QString *error)
{
    const std::optional<ExportFormat> format = exportFormatOf(path, ExportUse::Run);
    if (!format) {
        *error = QStringLiteral("%1: unknown export format (expected %2)")
                     .arg(path, exportSuffixList(ExportUse::Run));
        return false;
    }
    const ExportFormatInfo &info = exportFormatInfo(*format);
    if (info.image)
        return exportTimelineImage(trace, image, path, error);
    if (info.runWrite) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !info.runWrite(trace, file) || !file.commit()) {
            *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
            return false;
        }
        return true;
    }
    return writeBytes(path, info.runText(scenario, trace), error);
}

} // namespace loopscope
