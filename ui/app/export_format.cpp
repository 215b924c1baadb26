#include "app/export_format.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <array>

namespace loopscope {

namespace {

struct FormatEntry
{
    ExportFormat format;
    const char *name;
    const char *suffix;
};

// ".perfetto.json" comes before ".json" so that exportFormatOf() finds the longer suffix first.
constexpr std::array kEntries{
    FormatEntry{ExportFormat::Svg, QT_TRANSLATE_NOOP("ExportFormat", "SVG image"), ".svg"},
    FormatEntry{ExportFormat::Png, QT_TRANSLATE_NOOP("ExportFormat", "PNG image"), ".png"},
    FormatEntry{ExportFormat::Pdf, QT_TRANSLATE_NOOP("ExportFormat", "PDF document"), ".pdf"},
    FormatEntry{ExportFormat::Mermaid, QT_TRANSLATE_NOOP("ExportFormat", "Mermaid gantt"), ".mmd"},
    FormatEntry{ExportFormat::Perfetto,
                QT_TRANSLATE_NOOP("ExportFormat", "Perfetto / Chrome trace"), ".perfetto.json"},
    FormatEntry{ExportFormat::Python, QT_TRANSLATE_NOOP("ExportFormat", "Python program"), ".py"},
    FormatEntry{ExportFormat::TraceJson, QT_TRANSLATE_NOOP("ExportFormat", "Loopscope trace"),
                ".json"},
};

constexpr std::array kFormats{ExportFormat::Svg,      ExportFormat::Png,      ExportFormat::Pdf,
                              ExportFormat::Mermaid,  ExportFormat::Perfetto, ExportFormat::Python,
                              ExportFormat::TraceJson};

const FormatEntry &entry(ExportFormat format)
{
    for (const FormatEntry &e : kEntries)
        if (e.format == format)
            return e;
    return kEntries.front(); // unreachable: every format has an entry
}

// A title as a file name: letters and digits kept, everything else one dash.
QString slug(const QString &title)
{
    QString name;
    for (const QChar c : title.toLower()) {
        if (c.isLetterOrNumber())
            name += c;
        else if (!name.isEmpty() && !name.endsWith(QLatin1Char('-')))
            name += QLatin1Char('-');
    }
    while (name.endsWith(QLatin1Char('-')))
        name.chop(1);
    return name;
}

} // namespace

std::span<const ExportFormat> exportFormats()
{
    return kFormats;
}

QString exportFormatName(ExportFormat format)
{
    return QCoreApplication::translate("ExportFormat", entry(format).name);
}

QString exportSuffix(ExportFormat format)
{
    return QString::fromLatin1(entry(format).suffix);
}

bool isImageFormat(ExportFormat format)
{
    return format == ExportFormat::Svg || format == ExportFormat::Png
           || format == ExportFormat::Pdf;
}

std::optional<ExportFormat> exportFormatOf(const QString &path)
{
    for (const FormatEntry &e : kEntries)
        if (path.endsWith(QLatin1String(e.suffix), Qt::CaseInsensitive))
            return e.format;
    return std::nullopt;
}

QString withExportSuffix(const QString &path, ExportFormat format)
{
    QString stem = path;
    if (const std::optional<ExportFormat> current = exportFormatOf(path))
        stem.chop(exportSuffix(*current).size());
    return stem + exportSuffix(format);
}

QString exportBaseName(const QString &scenarioPath, const QString &title)
{
    if (!scenarioPath.isEmpty()) {
        QString name = QFileInfo(scenarioPath).fileName();
        for (const QLatin1String suffix : {QLatin1String(".loop.json"), QLatin1String(".json")}) {
            if (name.endsWith(suffix, Qt::CaseInsensitive)) {
                name.chop(suffix.size());
                break;
            }
        }
        if (!name.isEmpty())
            return name;
    }
    const QString fromTitle = slug(title);
    return fromTitle.isEmpty() ? QStringLiteral("timeline") : fromTitle;
}

} // namespace loopscope
