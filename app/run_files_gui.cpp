// loopscope-gui's runApplication and writeRunFile (commands.h): pictures included.
#include "app/export_files.h"
#include "commands.h"

#include "export/export_formats.h"

#include <QGuiApplication>

#include <algorithm>

namespace loopscope::app {

std::unique_ptr<QCoreApplication> runApplication(int &argc, char **argv, const QStringList &written)
{
    // A picture needs fonts: a QGuiApplication (offscreen when there is no display).
    const bool images = std::any_of(written.begin(), written.end(), [](const QString &path) {
        const std::optional<ExportFormat> format = exportFormatOf(path);
        return format && isImageFormat(*format);
    });
    if (images && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (images)
        quietRuntimeDir(); // on a display too (Xvfb, ssh -X): Qt warns the same there
    return std::unique_ptr<QCoreApplication>(images ? new QGuiApplication(argc, argv)
                                                    : new QCoreApplication(argc, argv));
}

bool writeRunFile(const QString &path, const Scenario &scenario, const Trace &trace, QString *error)
{
    ImageExportOptions image;
    image.notes = scenario.notes;
    return writeExport(path, scenario, trace, image, error);
}

} // namespace loopscope::app
