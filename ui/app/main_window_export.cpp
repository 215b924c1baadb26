// The run written out: Save Trace (JSON or binary), Export, Copy as Image and as Mermaid.
#include "app/main_window.h"

#include "app/examples_gallery.h"
#include "app/export_dialog.h"
#include "document/scenario_document.h"
#include "export/mermaid.h"
#include "timeline/image_export.h"
#include "timeline/timeline_view.h"
#include "trace/trace_binary.h"
#include "trace/trace_json.h"

#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QStatusBar>

namespace loopscope {

void MainWindow::saveTrace()
{
    // NAME.trace.json, the name the desktop knows a trace by (docs/trace-format.md); beside the
    // scenario unless it is a bundled lesson, whose folder may not be writable.
    QString proposed;
    if (!m_scenarioPath.isEmpty()) {
        const QFileInfo scenario(m_scenarioPath);
        proposed = scenario.fileName().section(QStringLiteral(".loop.json"), 0, 0)
                   + QStringLiteral(".trace.json");
        if (!isBundledLesson(m_scenarioPath))
            proposed = scenario.dir().filePath(proposed);
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Trace"), proposed,
        tr("Loopscope traces (*.trace.json);;Loopscope binary traces, for big runs (*.lstrace);;"
           "JSON files (*.json)"));
    if (path.isEmpty())
        return;
    const bool binary = path.endsWith(QLatin1String(".lstrace"), Qt::CaseInsensitive);
    const Trace &trace = m_timeline->trace();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(binary ? writeTraceBinary(trace) : writeTraceJson(trace)) < 0
        || !file.commit())
        QMessageBox::warning(this, tr("Cannot save"), tr("%1: %2").arg(path, file.errorString()));
}

// The picture as the screen shows it: theme, wake arrows, the selected range or the whole run.
ImageExportOptions MainWindow::imageOptions() const
{
    ImageExportOptions options;
    options.theme = m_timeline->theme();
    options.wakeArrows = m_timeline->wakeArrowsVisible();
    options.range = m_timeline->selection();
    options.folds = m_timeline->rows().foldChoices();
    if (m_openTrace) {
        options.title = m_timeline->trace().scenario;
    } else if (m_scenario) {
        options.title = m_scenario->title;
        options.notes = m_scenario->notes;
    }
    return options;
}

void MainWindow::exportImage()
{
    ExportDefaults defaults;
    defaults.image = imageOptions();
    defaults.selection = m_timeline->selection();
    defaults.visible = m_timeline->visibleRange();
    defaults.scenarioPath = m_openTrace ? m_openTrace->path : m_scenarioPath;
    Scenario scenario = m_scenario.value_or(m_document->scenario());
    if (m_openTrace) { // no scenario: the trace's title names the exports
        scenario = Scenario();
        scenario.title = m_timeline->trace().scenario;
    }
    ExportDialog dialog(scenario, m_timeline->trace(), defaults, this);
    if (dialog.exec() == QDialog::Accepted)
        statusBar()->showMessage(tr("Exported %1").arg(dialog.writtenPath()), 5000);
}

void MainWindow::copyImage()
{
    const ImageExportOptions options = imageOptions();
    const QSize size = timelineImageSize(m_timeline->trace(), options);
    QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    image.fill(Qt::white);
    QPainter painter(&image);
    paintTimelineImage(painter, m_timeline->trace(), options, size, false);
    painter.end();
    QGuiApplication::clipboard()->setImage(image);
    statusBar()->showMessage(tr("Copied the timeline as an image"), 5000);
}

void MainWindow::copyMermaid()
{
    const QString title
        = m_scenario && !m_openTrace ? m_scenario->title : m_timeline->trace().scenario;
    QGuiApplication::clipboard()->setText(mermaidGantt(m_timeline->trace(), title));
    statusBar()->showMessage(tr("Copied the timeline as Mermaid"), 5000);
}

} // namespace loopscope
