// What the export dialog does when its options change, when it opens (the remembered choices,
// the default file) and when Export is pressed.
#include "app/export_dialog.h"

#include "app/examples_gallery.h"
#include "app/export_files.h"
#include "app/export_preview.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>

namespace loopscope {

namespace {

// Larger pictures (a long run is thousands of lanes tall) are previewed from a smaller drawing.
constexpr double kPreviewArea = 6e6;

const QString kGroup = QStringLiteral("export");

QString sizeText(QSize size)
{
    return QStringLiteral("%1 \u00d7 %2 px").arg(size.width()).arg(size.height());
}

bool isWritableFolder(const QString &folder)
{
    const QFileInfo info(folder);
    return !folder.isEmpty() && info.isDir() && info.isWritable();
}

// What a binary export is for, shown where a text export shows its first lines.
QString binaryDescription(ExportFormat format)
{
    if (format == ExportFormat::PerfettoProto)
        return QCoreApplication::translate(
            "ExportDialog", "Perfetto's own protobuf trace: one track per lane, a slice per span, "
                            "instants for events and flow arrows for wakes.\n\nOpen it in "
                            "ui.perfetto.dev (Open trace file). It loads runs of millions of spans "
                            "that the JSON export is too big for.");
    return QCoreApplication::translate(
        "ExportDialog", "Loopscope's compact binary trace: the same timeline as the JSON trace, "
                        "about a tenth of its size.\n\nOpen it with File \u25B8 Open or "
                        "`loopscope FILE.lstrace`.");
}

} // namespace

void ExportDialog::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(kGroup);
    const std::optional<ExportFormat> format
        = exportFormatOf(QStringLiteral("remembered") + settings.value("format").toString());
    m_format->setCurrentIndex(
        std::max(0, m_format->findData(int(format.value_or(ExportFormat::Png)))));
    m_width->setValue(settings.value("width", m_defaults.image.width).toInt());
    const int scale = settings.value("scale", int(m_defaults.image.scale)).toInt();
    if (QAbstractButton *button = m_scale->button(scale - 1))
        button->setChecked(true);
    else
        m_scale->button(1)->setChecked(true);
    // The view's theme until the user has exported with one.
    const QString theme = settings.value("theme").toString();
    const bool dark = theme.isEmpty() ? m_defaults.image.theme == TimelineThemeKind::Dark
                                      : theme == QLatin1String("dark");
    m_theme->button(dark ? 1 : 0)->setChecked(true);
}

void ExportDialog::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(kGroup);
    settings.setValue("format", exportSuffix(format()));
    settings.setValue("width", m_width->value());
    settings.setValue("scale", m_scale->checkedId() + 1);
    settings.setValue("theme",
                      m_theme->checkedId() == 1 ? QStringLiteral("dark") : QStringLiteral("light"));
    settings.setValue("folder", QFileInfo(m_written).absolutePath());
}

// Beside the scenario when it has a folder we may write to (a bundled lesson's is not one);
// else where the last export went; else the documents folder.
QString ExportDialog::defaultFolder() const
{
    QString folder = QFileInfo(m_defaults.scenarioPath).absolutePath();
    if (m_defaults.scenarioPath.isEmpty() || isBundledLesson(m_defaults.scenarioPath)
        || !isWritableFolder(folder))
        folder = QSettings().value(kGroup + QStringLiteral("/folder")).toString();
    if (!isWritableFolder(folder))
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!isWritableFolder(folder))
        folder = QDir::homePath();
    return folder;
}

void ExportDialog::formatChosen()
{
    if (!m_path->text().trimmed().isEmpty())
        m_path->setText(withExportSuffix(m_path->text().trimmed(), format()));
    optionsChanged();
}

void ExportDialog::pathEdited(const QString &path)
{
    const std::optional<ExportFormat> typed = exportFormatOf(path.trimmed());
    if (typed && *typed != format()) {
        const QSignalBlocker keepThePath(m_format);
        m_format->setCurrentIndex(m_format->findData(int(*typed)));
    }
    optionsChanged();
}

void ExportDialog::browse()
{
    QFileDialog dialog(this, tr("Export To"));
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    const QStringList filters = exportFileFilters(ExportUse::Run);
    dialog.setNameFilters(filters);
    dialog.selectNameFilter(filters.at(m_format->currentIndex()));
    dialog.setDefaultSuffix(exportSuffix(format()).mid(1));
    connect(&dialog, &QFileDialog::filterSelected, &dialog, [&](const QString &filter) {
        const qsizetype chosen = filters.indexOf(filter);
        if (chosen >= 0)
            dialog.setDefaultSuffix(exportSuffix(exportFormats()[std::size_t(chosen)]).mid(1));
    });
    dialog.selectFile(targetPath());
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    const QString chosen = dialog.selectedFiles().constFirst();
    m_path->setText(chosen);
    pathEdited(chosen);
}

void ExportDialog::optionsChanged()
{
    const ExportFormat chosen = format();
    m_error->hide();
    m_rangeBox->setEnabled(isImageFormat(chosen));
    m_pictureBox->setEnabled(isImageFormat(chosen));
    m_width->setEnabled(chosen != ExportFormat::Pdf); // the PDF is an A4 page wide
    for (QAbstractButton *button : m_scale->buttons())
        button->setEnabled(chosen == ExportFormat::Png);
    updatePixelSize();
    updatePathNote();
    m_previewTimer.start();
}

void ExportDialog::updatePathNote()
{
    const QString path = targetPath();
    const QFileInfo file(path);
    if (path.isEmpty())
        m_pathNote->setText(tr("Choose a file to export to."));
    else if (!file.absoluteDir().exists())
        m_pathNote->setText(
            tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(file.absolutePath())));
    else if (file.exists())
        m_pathNote->setText(tr("%1 exists; Export replaces it.").arg(file.fileName()));
    else if (file.fileName() != QFileInfo(m_path->text().trimmed()).fileName())
        m_pathNote->setText(tr("Exports to %1.").arg(file.fileName()));
    else
        m_pathNote->clear();
    m_pathNote->setVisible(!m_pathNote->text().isEmpty());
}

void ExportDialog::updatePixelSize()
{
    const ImageExportOptions options = imageOptions();
    const QSize size = timelineImageSize(m_trace, options);
    switch (format()) {
    case ExportFormat::Png:
        m_pixelSize->setText(sizeText(size * options.scale));
        break;
    case ExportFormat::Svg:
        m_pixelSize->setText(tr("%1, vector").arg(sizeText(size)));
        break;
    case ExportFormat::Pdf:
        m_pixelSize->setText(tr("A4 landscape pages"));
        break;
    default:
        m_pixelSize->setText(tr("Not a picture"));
        break;
    }
}

void ExportDialog::updatePreview()
{
    m_previewTimer.stop(); // called directly too: no second drawing of the same picture
    const ExportFormat chosen = format();
    if (!isImageFormat(chosen)) {
        auto text = m_texts.find(chosen);
        if (text == m_texts.end())
            text = m_texts.emplace(chosen, exportFormatInfo(chosen).runText(m_scenario, m_trace))
                       .first;
        if (exportFormatInfo(chosen).binary)
            m_preview->showBinary(text->second, binaryDescription(chosen));
        else
            m_preview->showText(text->second);
        return;
    }
    ImageExportOptions options = imageOptions();
    if (chosen == ExportFormat::Pdf)
        options.width = timelinePdfPageSize().width();
    const QSize size = timelineImageSize(m_trace, options);
    const double area = double(size.width()) * size.height();
    const double ratio = std::min(devicePixelRatioF(), std::sqrt(kPreviewArea / area));
    QImage image((QSizeF(size) * ratio).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    {
        QPainter painter(&image);
        paintTimelineImage(painter, m_trace, options, size, chosen == ExportFormat::Svg);
    }
    m_preview->showImage(image, chosen == ExportFormat::Pdf
                                    ? tr("As drawn on an A4 page; long runs continue on more "
                                         "pages")
                                    : tr("As written, scaled to fit"));
}

void ExportDialog::exportNow()
{
    const QString path = targetPath();
    QString error;
    if (path.isEmpty())
        error = tr("Choose a file to export to.");
    else if (writeExport(path, m_scenario, m_trace, imageOptions(), &error))
        error.clear();
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    m_written = path;
    saveSettings();
    accept();
}

} // namespace loopscope
