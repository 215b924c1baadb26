// File ▸ Export, driven with real keys and clicks: the suffix follows the format and a typed
// suffix picks it, the size label and the PNG agree to the pixel, the preview and the file share
// the theme, the chosen range reaches the picture, text formats preview their first lines, a
// file that cannot be written leaves the dialog open saying why, and the choices are remembered.
#include "app/examples_gallery.h"
#include "app/export_dialog.h"
#include "app/export_preview.h"
#include "app/main_window.h"
#include "export/mermaid.h"
#include "sample_trace.h"
#include "timeline/image_export.h"
#include "timeline/timeline_theme.h"
#include "timeline/timeline_view.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace loopscope;

class TestExportDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void suffixFollowsTheFormat_data();
    void suffixFollowsTheFormat();
    void typedSuffixPicksTheFormat();
    void optionsFollowTheFormat_data();
    void optionsFollowTheFormat();
    void widthAndScaleGiveThePngSize();
    void darkThemeInPreviewAndFile();
    void selectionRangeReachesThePicture();
    void visibleRangeIsCutToTheRun();
    void mermaidPreviewShowsItsText();
    void unwritablePathKeepsTheDialogOpen();
    void remembersTheLastChoices();
    void mainWindowOpensItWithTheViewsState();

private:
    ExportDefaults defaults() const;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

namespace {

Scenario sampleScenario()
{
    Scenario scenario;
    scenario.title = QStringLiteral("Semaphore sample");
    scenario.notes = QStringLiteral("Two workers share one permit.");
    return scenario;
}

template<typename W>
W *child(const QDialog &dialog, const char *name)
{
    W *widget = dialog.findChild<W *>(QLatin1String(name));
    if (!widget)
        qFatal("no widget named %s", name);
    return widget;
}

void show(ExportDialog &dialog)
{
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
}

// Home, then Down `index` times: the keys a user presses to pick an entry.
void chooseFormat(ExportDialog &dialog, ExportFormat format)
{
    auto *box = child<QComboBox>(dialog, "format");
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Home);
    for (int i = 0; i < box->findData(int(format)); ++i)
        QTest::keyClick(box, Qt::Key_Down);
}

void typeInto(QWidget *field, const QString &text)
{
    QTest::mouseClick(field, Qt::LeftButton);
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text);
}

// On the button's label, where a user clicks: a radio button in a column is as wide as the
// column, and a click right of its text does nothing.
void click(const ExportDialog &dialog, const char *name)
{
    auto *button = child<QAbstractButton>(dialog, name);
    const QPoint label(std::min(button->width(), button->sizeHint().width()) / 2,
                       button->height() / 2);
    QTest::mouseClick(button, Qt::LeftButton, {}, label);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

ExportDefaults TestExportDialog::defaults() const
{
    ExportDefaults d;
    d.image.title = sampleScenario().title;
    d.image.notes = sampleScenario().notes;
    d.scenarioPath = path(QStringLiteral("lesson.loop.json"));
    return d;
}

void TestExportDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    QVERIFY(m_dir.isValid());
}

void TestExportDialog::init()
{
    QSettings().clear();
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
}

void TestExportDialog::suffixFollowsTheFormat_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::addColumn<QString>("file");
    QTest::newRow("svg") << ExportFormat::Svg << "lesson.svg";
    QTest::newRow("pdf") << ExportFormat::Pdf << "lesson.pdf";
    QTest::newRow("mermaid") << ExportFormat::Mermaid << "lesson.mmd";
    QTest::newRow("perfetto") << ExportFormat::Perfetto << "lesson.perfetto.json";
    QTest::newRow("python") << ExportFormat::Python << "lesson.py";
    QTest::newRow("trace_json") << ExportFormat::TraceJson << "lesson.json";
}

void TestExportDialog::suffixFollowsTheFormat()
{
    QFETCH(ExportFormat, format);
    QFETCH(QString, file);
    ExportDialog dialog(sampleScenario(), testing::sampleTrace(), defaults());
    show(dialog);
    // Nothing remembered: PNG, beside the scenario, named after its file.
    QCOMPARE(dialog.format(), ExportFormat::Png);
    QCOMPARE(child<QLineEdit>(dialog, "path")->text(), path(QStringLiteral("lesson.png")));
    chooseFormat(dialog, ExportFormat::Perfetto); // a two-part suffix is replaced whole
    chooseFormat(dialog, format);
    QCOMPARE(dialog.format(), format);
    QCOMPARE(child<QLineEdit>(dialog, "path")->text(), path(file));
    QCOMPARE(dialog.targetPath(), path(file));
}

void TestExportDialog::typedSuffixPicksTheFormat()
{
    ExportDialog dialog(sampleScenario(), testing::sampleTrace(), defaults());
    show(dialog);
    auto *field = child<QLineEdit>(dialog, "path");
    typeInto(field, QStringLiteral("run.perfetto.json"));
    QCOMPARE(dialog.format(), ExportFormat::Perfetto);
    QCOMPARE(field->text(), QStringLiteral("run.perfetto.json")); // what was typed stays
    QCOMPARE(dialog.targetPath(), path(QStringLiteral("run.perfetto.json")));
    typeInto(field, path(QStringLiteral("diagram.svg")));
    QCOMPARE(dialog.format(), ExportFormat::Svg);
    typeInto(field, path(QStringLiteral("notes"))); // no suffix: the format's is added
    QCOMPARE(dialog.format(), ExportFormat::Svg);
    QCOMPARE(dialog.targetPath(), path(QStringLiteral("notes.svg")));
    QCOMPARE(child<QLabel>(dialog, "pathNote")->text(), QStringLiteral("Exports to notes.svg."));
}

void TestExportDialog::optionsFollowTheFormat_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::addColumn<bool>("width");
    QTest::addColumn<bool>("scale");
    QTest::addColumn<bool>("theme");
    QTest::addColumn<QString>("size");
    const int height = timelineImageSize(testing::sampleTrace(), defaults().image).height();
    QTest::newRow("png") << ExportFormat::Png << true << true << true
                         << QStringLiteral("2400 \u00d7 %1 px").arg(2 * height);
    QTest::newRow("svg") << ExportFormat::Svg << true << false << true
                         << QStringLiteral("1200 \u00d7 %1 px, vector").arg(height);
    QTest::newRow("pdf") << ExportFormat::Pdf << false << false << true
                         << QStringLiteral("A4 landscape pages");
    QTest::newRow("python") << ExportFormat::Python << false << false << false
                            << QStringLiteral("Not a picture");
}

void TestExportDialog::optionsFollowTheFormat()
{
    QFETCH(ExportFormat, format);
    QFETCH(bool, width);
    QFETCH(bool, scale);
    QFETCH(bool, theme);
    QFETCH(QString, size);
    ExportDialog dialog(sampleScenario(), testing::sampleTrace(), defaults());
    show(dialog);
    chooseFormat(dialog, format);
    QCOMPARE(child<QSpinBox>(dialog, "width")->isEnabled(), width);
    QCOMPARE(child<QRadioButton>(dialog, "scale3")->isEnabled(), scale);
    QCOMPARE(child<QRadioButton>(dialog, "themeDark")->isEnabled(), theme);
    QCOMPARE(child<QRadioButton>(dialog, "rangeWhole")->isEnabled(), theme); // pictures only
    QCOMPARE(child<QLabel>(dialog, "pixelSize")->text(), size);
    QTRY_COMPARE(dialog.preview()->showsImage(), isImageFormat(format));
}

void TestExportDialog::widthAndScaleGiveThePngSize()
{
    ExportDialog dialog(sampleScenario(), testing::sampleTrace(), defaults());
    show(dialog);
    typeInto(child<QSpinBox>(dialog, "width"), QStringLiteral("1000"));
    click(dialog, "scale3");
    ImageExportOptions expected;
    expected.width = 1000;
    expected.notes = sampleScenario().notes;
    const QSize logical = timelineImageSize(testing::sampleTrace(), expected);
    QCOMPARE(logical.width(), 1000);
    const QSize pixels = logical * 3;
    QCOMPARE(child<QLabel>(dialog, "pixelSize")->text(),
             QStringLiteral("3000 \u00d7 %1 px").arg(pixels.height()));
    click(dialog, "export");
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.writtenPath(), path(QStringLiteral("lesson.png")));
    QCOMPARE(QImage(dialog.writtenPath()).size(), pixels);
}

void TestExportDialog::darkThemeInPreviewAndFile()
{
    ExportDialog dialog(sampleScenario(), testing::sampleTrace(), defaults());
    show(dialog);
    const QColor light = TimelineTheme::light().background;
    const QColor dark = TimelineTheme::dark().background;
    ExportPreview *preview = dialog.preview();
    QCOMPARE(preview->image().pixelColor(2, 2), light); // the view's theme until one is picked
    click(dialog, "themeDark");
    QTRY_COMPARE(preview->image().pixelColor(2, 2), dark);
    // On screen too: just inside the picture's top-left corner.
    const QPoint corner = preview->imageRect().topLeft() + QPoint(3, 3);
    QCOMPARE(preview->grab().toImage().pixelColor(corner), dark);
    click(dialog, "export");
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(QImage(dialog.writtenPath()).pixelColor(0, 0), dark);
}

void TestExportDialog::selectionRangeReachesThePicture()
{
    ExportDefaults d = defaults();
    d.selection = TimeRange{1.0, 2.5};
    ExportDialog dialog(sampleScenario(), testing::sampleTrace(), d);
    show(dialog);
    QVERIFY(
        child<QRadioButton>(dialog, "rangeSelection")->isChecked()); // a selection is the default
    QCOMPARE(child<QRadioButton>(dialog, "rangeSelection")->text(),
             QStringLiteral("Selection (1 s \u2013 2.5 s)"));
    chooseFormat(dialog, ExportFormat::Svg);
    click(dialog, "export");
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    ImageExportOptions same = defaults().image;
    same.range = TimeRange{1.0, 2.5};
    QString error;
    QVERIFY2(exportTimelineImage(testing::sampleTrace(), same, path("same.svg"), &error),
             qPrintable(error));
    same.range.reset();
    QVERIFY2(exportTimelineImage(testing::sampleTrace(), same, path("whole.svg"), &error),
             qPrintable(error));
    const QByteArray written = readAll(path("lesson.svg"));
    QCOMPARE(written, readAll(path("same.svg")));
    QVERIFY(written != readAll(path("whole.svg")));
}

void TestExportDialog::visibleRangeIsCutToTheRun()
{
    ExportDefaults d = defaults();
    d.visible = TimeRange{-0.5, 3.0}; // the view scrolled a little before the start
    ExportDialog dialog(sampleScenario(), testing::sampleTrace(), d);
    show(dialog);
    QVERIFY(!child<QRadioButton>(dialog, "rangeSelection")->isEnabled()); // no selection
    QVERIFY(child<QRadioButton>(dialog, "rangeWhole")->isChecked());
    QCOMPARE(dialog.imageOptions().range, std::nullopt);
    click(dialog, "rangeVisible");
    QCOMPARE(dialog.imageOptions().range, std::optional<TimeRange>(TimeRange{0.0, 3.0}));
}

void TestExportDialog::mermaidPreviewShowsItsText()
{
    ExportDialog dialog(sampleScenario(), testing::sampleTrace(), defaults());
    show(dialog);
    QVERIFY(dialog.preview()->showsImage());
    chooseFormat(dialog, ExportFormat::Mermaid);
    QTRY_VERIFY(!dialog.preview()->showsImage());
    const QString mermaid = mermaidGantt(testing::sampleTrace(), sampleScenario().title);
    QCOMPARE(dialog.preview()->text(), mermaid);
    QVERIFY(dialog.preview()->text().split(QLatin1Char('\n')).contains(QStringLiteral("gantt")));
    QCOMPARE(dialog.preview()->caption(), QStringLiteral("All %1 lines \u00b7 %2 bytes")
                                              .arg(mermaid.count(QLatin1Char('\n')))
                                              .arg(mermaid.toUtf8().size()));
    // The picture's options are greyed, not hidden.
    QVERIFY(child<QSpinBox>(dialog, "width")->isVisible());
    QVERIFY(!child<QSpinBox>(dialog, "width")->isEnabled());
    QVERIFY(!child<QRadioButton>(dialog, "themeDark")->isEnabled());
    QVERIFY(!child<QRadioButton>(dialog, "rangeWhole")->isEnabled());
}

void TestExportDialog::unwritablePathKeepsTheDialogOpen()
{
    ExportDialog dialog(sampleScenario(), testing::sampleTrace(), defaults());
    show(dialog);
    const QString missing = path(QStringLiteral("no-such-folder/lesson.png"));
    typeInto(child<QLineEdit>(dialog, "path"), missing);
    click(dialog, "export");
    auto *error = child<QLabel>(dialog, "error");
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("%1: could not be written (check the folder exists "
                                           "and is writable)")
                                .arg(missing));
    QCOMPARE(dialog.writtenPath(), QString());
}

void TestExportDialog::remembersTheLastChoices()
{
    ExportDefaults d = defaults();
    d.image.theme = TimelineThemeKind::Dark; // the view is dark
    {
        ExportDialog dialog(sampleScenario(), testing::sampleTrace(), d);
        show(dialog);
        QCOMPARE(dialog.imageOptions().theme, TimelineThemeKind::Dark); // nothing remembered yet
        click(dialog, "scale1"); // PNG's option: before leaving PNG
        chooseFormat(dialog, ExportFormat::Svg);
        typeInto(child<QSpinBox>(dialog, "width"), QStringLiteral("900"));
        click(dialog, "themeLight");
        click(dialog, "export");
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    ExportDialog again(sampleScenario(), testing::sampleTrace(), d);
    QCOMPARE(again.format(), ExportFormat::Svg);
    QCOMPARE(again.targetPath(), path(QStringLiteral("lesson.svg")));
    const ImageExportOptions options = again.imageOptions();
    QCOMPARE(options.width, 900);
    QCOMPARE(options.scale, 1.0);
    QCOMPARE(options.theme, TimelineThemeKind::Light); // the last export's, not the view's
}

void TestExportDialog::mainWindowOpensItWithTheViewsState()
{
    const QString lesson = QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json");
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openScenario(lesson));
    QTRY_COMPARE(window.timeline()->trace().lanes.size(), std::size_t(7));
    window.timeline()->setSelection(TimeRange{0.5, 2.0});
    window.timeline()->setTheme(TimelineThemeKind::Dark);
    std::optional<ImageExportOptions> seen;
    QString seenPath;
    // The dialog runs its own event loop: look at it from inside, then cancel (nothing written
    // into the source tree).
    QTimer::singleShot(0, &window, [&] {
        if (auto *dialog = qobject_cast<ExportDialog *>(QApplication::activeModalWidget())) {
            seen = dialog->imageOptions();
            seenPath = dialog->targetPath();
            dialog->reject();
        }
    });
    QAction *exportAction = nullptr;
    for (QAction *action : window.findChildren<QAction *>())
        if (action->text() == QStringLiteral("&Export\u2026"))
            exportAction = action;
    QVERIFY(exportAction);
    exportAction->trigger();
    QVERIFY(seen);
    QCOMPARE(seen->range, std::optional<TimeRange>(TimeRange{0.5, 2.0}));
    QCOMPARE(seen->theme, TimelineThemeKind::Dark);
    QCOMPARE(seen->title, QStringLiteral("Semaphore: two at a time"));
    QCOMPARE(QFileInfo(seenPath).fileName(), QStringLiteral("14-semaphore.png"));
    // A bundled lesson's folder is never written: the export starts elsewhere.
    QVERIFY2(!isBundledLesson(seenPath), qPrintable(seenPath));
}

QTEST_MAIN(TestExportDialog)
#include "tst_export_dialog.moc"
