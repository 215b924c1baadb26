// File ▸ Export: one dialog for every export of a run. The format and the file on the left with
// the picture's range, size, theme and options; on the right a live preview of what will be
// written (the picture drawn by the timeline painter, or the first lines of a text export).
// It takes copies of the scenario and the trace, so it can be shown and tested on its own.
#pragma once

#include "app/export_format.h"
#include "scenario/scenario.h"
#include "timeline/image_export.h"
#include "trace/trace.h"

#include <QDialog>
#include <QTimer>

#include <map>
#include <optional>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace loopscope {

class ExportPreview;

// What the main window knows when the dialog opens.
struct ExportDefaults
{
    ImageExportOptions image; // the view's theme and wake arrows, the scenario's title and notes
    std::optional<TimeRange> selection; // the view's selection, if any
    std::optional<TimeRange> visible;   // the range the view shows
    QString scenarioPath;               // empty: never saved
};

class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Range { WholeRun, Selection, Visible };

    ExportDialog(Scenario scenario, Trace trace, ExportDefaults defaults,
                 QWidget *parent = nullptr);

    ExportFormat format() const;
    // The file Export writes: the path field, its suffix made to match the format.
    QString targetPath() const;
    // The picture's options as chosen (range, width, scale, theme, notes, wake arrows).
    ImageExportOptions imageOptions() const;
    ExportPreview *preview() const { return m_preview; }
    // After a successful export: the file written.
    const QString &writtenPath() const { return m_written; }

private:
    void setupLayout();
    void setupFileBox(QLayout *into);
    void setupRangeBox(QLayout *into);
    void setupPictureBox(QLayout *into);
    QButtonGroup *addChoices(QLayout *into, std::initializer_list<QString> texts,
                             std::initializer_list<const char *> names);
    void connectOptions();
    void restoreSettings();
    void saveSettings() const;
    QString defaultFolder() const;

    void formatChosen();
    void pathEdited(const QString &path);
    void browse();
    void optionsChanged();
    void updatePathNote();
    void updatePixelSize();
    void updatePreview();
    void exportNow();
    std::optional<TimeRange> chosenRange() const;

    Scenario m_scenario;
    Trace m_trace;
    ExportDefaults m_defaults;
    std::map<ExportFormat, QByteArray> m_texts; // text exports depend on no option: made once
    QString m_written;
    QString m_folder; // where the default file goes, and bare names typed
    QTimer m_previewTimer;

    QComboBox *m_format = nullptr;
    QLineEdit *m_path = nullptr;
    QLabel *m_pathNote = nullptr;
    QGroupBox *m_rangeBox = nullptr;
    QButtonGroup *m_range = nullptr;
    QGroupBox *m_pictureBox = nullptr;
    QSpinBox *m_width = nullptr;
    QButtonGroup *m_scale = nullptr;
    QLabel *m_pixelSize = nullptr;
    QButtonGroup *m_theme = nullptr;
    QCheckBox *m_wakeArrows = nullptr;
    QCheckBox *m_notes = nullptr;
    ExportPreview *m_preview = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace loopscope
