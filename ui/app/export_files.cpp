#include "app/export_files.h"

#include "export/mermaid.h"
#include "export/perfetto.h"
#include "trace/trace_json.h"

#include "export/python_program.h"

#include <QFileInfo>
#include <QObject>
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

bool isImageExport(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("svg") || suffix == QLatin1String("png")
           || suffix == QLatin1String("pdf");
}

bool isKnownExport(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return isImageExport(path) || suffix == QLatin1String("mmd") || suffix == QLatin1String("json")
           || suffix == QLatin1String("py");
}

QString exportFileFilters()
{
    return QObject::tr("SVG image (*.svg);;PNG image (*.png);;PDF document (*.pdf);;"
                       "Mermaid gantt (*.mmd);;Perfetto / Chrome trace (*.perfetto.json);;"
                       "Python program (*.py);;Loopscope trace (*.json)");
}

std::optional<QByteArray> textExport(const QString &path, const Scenario &scenario,
                                     const Trace &trace)
{
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".mmd")))
        return mermaidGantt(trace, scenario.title).toUtf8();
    if (lower.endsWith(QLatin1String(".perfetto.json")))
        return perfettoJson(trace);
    if (lower.endsWith(QLatin1String(".json")))
        return writeTraceJson(trace);
    if (lower.endsWith(QLatin1String(".py")))
        return pythonProgram(scenario).toUtf8();
    return std::nullopt;
}

bool writeExport(const QString &path, const Scenario &scenario, const Trace &trace,
                 const ImageExportOptions &image, QString *error)
{
    if (isImageExport(path))
        return exportTimelineImage(trace, image, path, error);
    if (const std::optional<QByteArray> text = textExport(path, scenario, trace))
        return writeBytes(path, *text, error);
    *error = QStringLiteral("%1: unknown export format (expected .svg, .png, .pdf, .mmd, "
                            ".perfetto.json, .py or .json)")
                 .arg(path);
    return false;
}

} // namespace loopscope
