#include "app/export_dialog.h"

#include "app/export_files.h"
#include "app/export_preview.h"
#include "timeline/time_ruler.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace loopscope {

namespace {

constexpr int kPreviewDelayMs = 60; // typing a width re-draws once, not once per digit

QString rangeText(const QString &what, std::optional<TimeRange> range)
{
    if (!range)
        return QCoreApplication::translate("ExportDialog", "%1 (none)").arg(what);
    return QStringLiteral("%1 (%2 \u2013 %3)")
        .arg(what, formatSeconds(range->start), formatSeconds(range->end));
}

// The view's range, cut to the run: beyond it there is nothing to draw.
std::optional<TimeRange> withinRun(std::optional<TimeRange> range, double duration)
{
    if (!range || duration <= 0.0)
        return range;
    const TimeRange cut{std::max(0.0, range->start), std::min(duration, range->end)};
    return cut.end > cut.start ? std::optional<TimeRange>(cut) : std::nullopt;
}

} // namespace

ExportDialog::ExportDialog(Scenario scenario, Trace trace, ExportDefaults defaults, QWidget *parent)
    : QDialog(parent)
    , m_scenario(std::move(scenario))
    , m_trace(std::move(trace))
    , m_defaults(std::move(defaults))
    , m_preview(new ExportPreview(this))
    , m_error(new QLabel(this))
{
    m_defaults.visible = withinRun(m_defaults.visible, m_trace.duration);
    setWindowTitle(tr("Export"));
    setupLayout();
    restoreSettings();
    m_folder = defaultFolder();
    m_path->setText(QDir(m_folder).filePath(
        exportBaseName(m_defaults.scenarioPath, m_scenario.title) + exportSuffix(format())));
    connectOptions(); // after the remembered choices are in: they are no changes
    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(kPreviewDelayMs);
    connect(&m_previewTimer, &QTimer::timeout, this, &ExportDialog::updatePreview);
    optionsChanged();
    updatePreview(); // shown at once, not after the delay
}

// The options in a column on the left, the preview on the right, the error and the buttons
// under both.
void ExportDialog::setupLayout()
{
    auto *options = new QVBoxLayout;
    options->setContentsMargins(0, 0, 0, 0);
    setupFileBox(options);
    setupRangeBox(options);
    setupPictureBox(options);
    options->addStretch(1);
    auto *optionsColumn = new QWidget(this);
    optionsColumn->setLayout(options);
    optionsColumn->setMaximumWidth(460);
    auto *previewBox = new QGroupBox(tr("Preview"), this);
    m_preview->setObjectName(QStringLiteral("preview"));
    (new QVBoxLayout(previewBox))->addWidget(m_preview);
    auto *columns = new QHBoxLayout;
    columns->addWidget(optionsColumn, 0);
    columns->addWidget(previewBox, 1);

    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #d32f2f; font-weight: 600"));
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *exportButton = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    exportButton->setObjectName(QStringLiteral("export"));
    exportButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::exportNow);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumSize(880, 540);
    // Timeline pictures are wide: the larger the preview, the more of it can be read.
    const QSize room = screen()->availableGeometry().size() * 0.9;
    resize(QSize(1280, 760).boundedTo(room).expandedTo(minimumSize()));
}

QButtonGroup *ExportDialog::addChoices(QLayout *into, std::initializer_list<QString> texts,
                                       std::initializer_list<const char *> names)
{
    auto *group = new QButtonGroup(this);
    const char *const *name = names.begin();
    int id = 0;
    for (const QString &text : texts) {
        auto *button = new QRadioButton(text, this);
        button->setObjectName(QLatin1String(*name++));
        group->addButton(button, id++);
        into->addWidget(button);
    }
    group->button(0)->setChecked(true);
    return group;
}

void ExportDialog::setupFileBox(QLayout *into)
{
    auto *box = new QGroupBox(tr("File"), this);
    auto *form = new QFormLayout(box);
    m_format = new QComboBox(box);
    m_format->setObjectName(QStringLiteral("format"));
    for (const ExportFormat format : exportFormats())
        m_format->addItem(
            QStringLiteral("%1 (%2)").arg(exportFormatName(format), exportSuffix(format)),
            int(format));
    form->addRow(tr("&Format:"), m_format);
    m_path = new QLineEdit(box);
    m_path->setObjectName(QStringLiteral("path"));
    m_path->setMinimumWidth(260);
    auto *browse = new QPushButton(tr("&Browse\u2026"), box);
    browse->setObjectName(QStringLiteral("browse"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto *pathLabel = new QLabel(tr("&Save to:"), box);
    pathLabel->setBuddy(m_path); // a row holding a layout gets no buddy from the form
    form->addRow(pathLabel, pathRow);
    m_pathNote = new QLabel(box);
    m_pathNote->setObjectName(QStringLiteral("pathNote"));
    m_pathNote->setForegroundRole(QPalette::PlaceholderText);
    m_pathNote->setWordWrap(true);
    m_pathNote->hide(); // shown when it has something to say
    form->addRow(QString(), m_pathNote);
    into->addWidget(box);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
}

void ExportDialog::setupRangeBox(QLayout *into)
{
    m_rangeBox = new QGroupBox(tr("Range"), this);
    auto *column = new QVBoxLayout(m_rangeBox);
    const double end = m_trace.duration > 0.0 ? m_trace.duration : 1.0;
    m_range = addChoices(column,
                         {rangeText(tr("Whole run"), TimeRange{0.0, end}),
                          rangeText(tr("Selection"), m_defaults.selection),
                          rangeText(tr("Visible in the view"), m_defaults.visible)},
                         {"rangeWhole", "rangeSelection", "rangeVisible"});
    m_range->button(int(Range::Selection))->setEnabled(m_defaults.selection.has_value());
    m_range->button(int(Range::Visible))->setEnabled(m_defaults.visible.has_value());
    // Exporting with a selection has always meant "the selection": keep that the default.
    if (m_defaults.selection)
        m_range->button(int(Range::Selection))->setChecked(true);
    into->addWidget(m_rangeBox);
}

void ExportDialog::setupPictureBox(QLayout *into)
{
    m_pictureBox = new QGroupBox(tr("Picture"), this);
    auto *form = new QFormLayout(m_pictureBox);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_width = new QSpinBox(m_pictureBox);
    m_width->setObjectName(QStringLiteral("width"));
    m_width->setRange(400, 8000); // timelineImageSize() draws nothing narrower than 400
    m_width->setSingleStep(100);
    m_width->setSuffix(tr(" px"));
    m_width->setToolTip(tr("The picture's width in logical pixels; PNG multiplies it by the "
                           "scale."));
    form->addRow(tr("&Width:"), m_width);
    auto *scaleRow = new QHBoxLayout;
    m_scale = addChoices(scaleRow, {tr("1\u00d7"), tr("2\u00d7"), tr("3\u00d7")},
                         {"scale1", "scale2", "scale3"});
    scaleRow->addStretch(1);
    form->addRow(tr("PNG scale:"), scaleRow);
    m_pixelSize = new QLabel(m_pictureBox);
    m_pixelSize->setObjectName(QStringLiteral("pixelSize"));
    form->addRow(tr("Size:"), m_pixelSize);
    auto *themeRow = new QHBoxLayout;
    m_theme = addChoices(themeRow, {tr("Light"), tr("Dark")}, {"themeLight", "themeDark"});
    themeRow->addStretch(1);
    form->addRow(tr("Theme:"), themeRow);
    m_wakeArrows = new QCheckBox(tr("Wake &arrows"), m_pictureBox);
    m_wakeArrows->setObjectName(QStringLiteral("wakeArrows"));
    m_wakeArrows->setChecked(m_defaults.image.wakeArrows);
    form->addRow(QString(), m_wakeArrows);
    const bool haveNotes = !m_defaults.image.notes.isEmpty();
    m_notes = new QCheckBox(haveNotes ? tr("Include the scenario's &notes")
                                      : tr("Include the scenario's &notes (it has none)"),
                            m_pictureBox);
    m_notes->setObjectName(QStringLiteral("includeNotes"));
    m_notes->setChecked(haveNotes);
    m_notes->setEnabled(haveNotes);
    form->addRow(QString(), m_notes);
    into->addWidget(m_pictureBox);
}

void ExportDialog::connectOptions()
{
    for (QButtonGroup *group : {m_range, m_scale, m_theme}) {
        connect(group, &QButtonGroup::idToggled, this, [this](int, bool on) {
            if (on)
                optionsChanged();
        });
    }
    connect(m_width, &QSpinBox::valueChanged, this, &ExportDialog::optionsChanged);
    connect(m_wakeArrows, &QCheckBox::toggled, this, &ExportDialog::optionsChanged);
    connect(m_notes, &QCheckBox::toggled, this, &ExportDialog::optionsChanged);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChosen);
    connect(m_path, &QLineEdit::textEdited, this, &ExportDialog::pathEdited);
}

ExportFormat ExportDialog::format() const
{
    return ExportFormat(m_format->currentData().toInt());
}

QString ExportDialog::targetPath() const
{
    QString path = m_path->text().trimmed();
    if (path.isEmpty())
        return path;
    if (QFileInfo(path).isRelative()) // a bare name goes where the default file would
        path = QDir(m_folder).filePath(path);
    return exportFormatOf(path) == format() ? path : withExportSuffix(path, format());
}

std::optional<TimeRange> ExportDialog::chosenRange() const
{
    switch (Range(m_range->checkedId())) {
    case Range::Selection:
        return m_defaults.selection;
    case Range::Visible:
        return m_defaults.visible;
    case Range::WholeRun:
        break;
    }
    return std::nullopt;
}

ImageExportOptions ExportDialog::imageOptions() const
{
    ImageExportOptions options = m_defaults.image;
    options.range = chosenRange();
    options.width = m_width->value();
    options.scale = m_scale->checkedId() + 1;
    options.theme = m_theme->checkedId() == 1 ? TimelineThemeKind::Dark : TimelineThemeKind::Light;
    options.wakeArrows = m_wakeArrows->isChecked();
    options.notes = m_notes->isChecked() ? m_defaults.image.notes : QString();
    return options;
}

} // namespace loopscope
