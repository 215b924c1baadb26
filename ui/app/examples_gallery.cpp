// The gallery reads and runs every lesson once when it opens: on the virtual clock a lesson takes
// milliseconds, so the pictures are real runs, never stored screenshots that could go stale.
#include "app/examples_gallery.h"

#include "app/data_folders.h"

#include "runtime/runner.h"
#include "scenario/scenario_json.h"
#include "timeline/image_export.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace loopscope {

namespace {

const auto kExampleGlob = QStringLiteral("*.loop.json");
constexpr QSize kThumbnailSize(320, 160);
constexpr int kThumbnailPaintWidth = 760; // wide enough for the whole legend, then shrunk

// The whole timeline, shrunk to fit kThumbnailSize and centred on the picture's background.
QImage timelineThumbnail(const Trace &trace, qreal devicePixelRatio)
{
    ImageExportOptions options;
    options.width = kThumbnailPaintWidth;
    const QSize full = timelineImageSize(trace, options);
    QImage picture(full, QImage::Format_ARGB32_Premultiplied);
    picture.fill(Qt::white);
    {
        QPainter painter(&picture);
        paintTimelineImage(painter, trace, options, full, false);
    }
    const QSize device = kThumbnailSize * devicePixelRatio;
    const QImage small = picture.scaled(device, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QImage thumbnail(device, QImage::Format_ARGB32_Premultiplied);
    thumbnail.fill(Qt::white);
    QPainter painter(&thumbnail);
    painter.drawImage((device.width() - small.width()) / 2, (device.height() - small.height()) / 2,
                      small);
    painter.end();
    thumbnail.setDevicePixelRatio(devicePixelRatio);
    return thumbnail;
}

} // namespace

QString examplesDirectory()
{
    return dataFolder(QStringLiteral("examples"), kExampleGlob);
}

bool isBundledLesson(const QString &path)
{
    const QString dir = examplesDirectory();
    if (path.isEmpty() || dir.isEmpty())
        return false;
    auto resolved = [](const QString &p) {
        const QFileInfo info(p);
        const QString canonical = info.canonicalFilePath();
        return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
    };
    // A file not yet written resolves through its folder.
    const QFileInfo file(path);
    const QString folder = resolved(file.absolutePath());
    const QString root = resolved(dir);
    return folder == root || folder.startsWith(root + QLatin1Char('/'));
}

QString exampleSummary(const QString &notes)
{
    QString text = notes.section(QStringLiteral("\n\n"), 0, 0).simplified();
    // A sentence ends at ". " (or the paragraph's end); "e.g." and "0.5 s" do not end one.
    static const QRegularExpression sentenceEnd(QStringLiteral("(?<![a-z]\\.[a-z])\\.(\\s|$)"));
    const QRegularExpressionMatch end = sentenceEnd.match(text);
    if (end.hasMatch())
        text.truncate(end.capturedStart() + 1);
    static const QRegularExpression marks(QStringLiteral("[*`]"));
    // _word_ is emphasis, to_thread is a name.
    static const QRegularExpression underscored(QStringLiteral("(?<!\\w)_([^_]+)_(?!\\w)"));
    return text.remove(marks).replace(underscored, QStringLiteral("\\1"));
}

ExamplesGallery::ExamplesGallery(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Examples"));
    m_list = new QListWidget(this);
    m_list->setViewMode(QListView::ListMode);
    m_list->setIconSize(kThumbnailSize);
    m_list->setSpacing(4);
    m_list->setWordWrap(true);
    m_list->setUniformItemSizes(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Click a lesson to open it."), this));
    layout->addWidget(m_list);
    layout->addWidget(buttons);

    const QString dir = examplesDirectory();
    const QStringList files = QDir(dir).entryList({kExampleGlob}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        addExample(QDir(dir).absoluteFilePath(file));
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    // One click opens, as in a gallery; Enter opens the current entry.
    connect(m_list, &QListWidget::itemClicked, this, &ExamplesGallery::choose);
    connect(m_list, &QListWidget::itemActivated, this, &ExamplesGallery::choose);
    resize(760, 620);
}

void ExamplesGallery::addExample(const QString &path)
{
    const ScenarioLoad load = readScenarioFile(path);
    auto *item = new QListWidgetItem(m_list);
    item->setData(Qt::UserRole, path);
    item->setToolTip(path);
    if (!load.ok()) {
        item->setText(tr("%1\nCannot be read.").arg(QFileInfo(path).fileName()));
        return;
    }
    const Scenario &scenario = *load.scenario;
    item->setText(scenario.title + QLatin1Char('\n') + exampleSummary(scenario.notes));
    RunOptions options;
    options.clock = ClockMode::Virtual;
    options.workerProgram = QCoreApplication::applicationFilePath();
    const Trace trace = runScenario(scenario, options);
    // The same picture when selected: a tinted timeline would misstate the state colours.
    const QPixmap thumbnail = QPixmap::fromImage(timelineThumbnail(trace, devicePixelRatioF()));
    QIcon icon(thumbnail);
    icon.addPixmap(thumbnail, QIcon::Selected);
    item->setIcon(icon);
}

void ExamplesGallery::choose(QListWidgetItem *item)
{
    // A click may also activate the item (a style hint): the lesson opens once.
    if (item == nullptr || m_chosen)
        return;
    m_chosen = true;
    Q_EMIT exampleChosen(item->data(Qt::UserRole).toString());
    accept();
}

} // namespace loopscope
