// View ▸ Theme: the desktop's wish read from its hints, and the whole window (canvas, Python
// pane, docks, timeline) switched with the real key and real menu clicks, and remembered.
#include "menu_clicks.h"

#include "app/app_theme.h"
#include "app/main_window.h"
#include "canvas/canvas_colors.h"
#include "canvas/python_pane.h"
#include "canvas/scenario_canvas.h"
#include "timeline/timeline_view.h"

#include <QApplication>
#include <QDockWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QTest>
#include <QToolBar>

using namespace loopscope;
using loopscope::testing::chooseFromMenu;

Q_DECLARE_METATYPE(loopscope::DesktopHints)

class TestAppTheme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void desktopHints_data();
    void desktopHints();
    void keyAndMenuSwitchTheWholeWindow();
    void choiceIsRemembered();

private:
    static QString example()
    {
        return QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json");
    }
    // Asserts every part of `window` is `dark` (or light).
    static void verifyLook(MainWindow &window, bool dark);
    QString m_platformStyle;
    QColor m_platformWindow;
};

void TestAppTheme::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("lesson/askOnOpen"), false); // tst_predict asks
    m_platformStyle = QApplication::style()->name();
    m_platformWindow = QGuiApplication::palette().color(QPalette::Window);
    // The offscreen platform's palette is light: System means light here.
    QVERIFY(m_platformWindow.lightness() >= 128);
}

void TestAppTheme::desktopHints_data()
{
    QTest::addColumn<DesktopHints>("hints");
    QTest::addColumn<bool>("dark");
    const QColor light(0xEF, 0xEF, 0xEF), darkGrey(0x31, 0x36, 0x3B);
    QTest::newRow("no hints") << DesktopHints{} << false;
    QTest::newRow("light platform palette") << DesktopHints{{}, light, {}, {}, {}} << false;
    QTest::newRow("dark platform palette") << DesktopHints{{}, darkGrey, {}, {}, {}} << true;
    QTest::newRow("GTK_THEME=Adwaita:dark")
        << DesktopHints{{}, light, QStringLiteral("Adwaita:dark"), {}, {}} << true;
    QTest::newRow("GTK_THEME=Adwaita")
        << DesktopHints{{}, light, QStringLiteral("Adwaita"), {}, {}} << false;
    QTest::newRow("GNOME prefer-dark")
        << DesktopHints{{}, light, {}, QStringLiteral("prefer-dark"), {}} << true;
    QTest::newRow("GNOME default")
        << DesktopHints{{}, light, {}, QStringLiteral("default"), {}} << false;
    QTest::newRow("KDE Breeze Dark window") << DesktopHints{{}, light, {}, {}, darkGrey} << true;
    QTest::newRow("Qt says light over a dark palette")
        << DesktopHints{false, darkGrey, {}, QStringLiteral("prefer-dark"), {}} << false;
    QTest::newRow("Qt says dark") << DesktopHints{true, light, {}, {}, {}} << true;
}

void TestAppTheme::desktopHints()
{
    QFETCH(DesktopHints, hints);
    QFETCH(bool, dark);
    QCOMPARE(desktopPrefersDark(hints), dark);
}

void TestAppTheme::verifyLook(MainWindow &window, bool dark)
{
    const QPalette expected = dark ? darkPalette() : QPalette();
    auto isDark = [](const QColor &color) { return color.lightness() < 128; };
    QTRY_COMPARE(isDark(window.palette().color(QPalette::Window)), dark);
    if (dark) {
        QCOMPARE(QApplication::palette().color(QPalette::Window), expected.color(QPalette::Window));
        QCOMPARE(QApplication::style()->name(), QStringLiteral("fusion"));
    }
    auto *canvas = window.findChild<ScenarioCanvas *>(QStringLiteral("scenarioCanvas"));
    QVERIFY(canvas);
    QCOMPARE(isDark(canvas->palette().color(QPalette::Window)), dark);
    QCOMPARE(canvas->backgroundBrush().color(),
             dark ? QColor(0x23, 0x25, 0x2B) : QColor(0xEE, 0xEF, 0xF2));
    auto *python = window.findChild<PythonPane *>(QStringLiteral("pythonPane"));
    QVERIFY(python);
    QCOMPARE(isDark(python->palette().color(QPalette::Base)), dark);
    const QList<QDockWidget *> docks = window.findChildren<QDockWidget *>();
    QCOMPARE(docks.size(), 4); // the log, the diagnostics, Predict, Then Run and the event loop
    for (QDockWidget *dock : docks) {
        QCOMPARE(isDark(dock->palette().color(QPalette::Window)), dark);
        QCOMPARE(isDark(dock->widget()->palette().color(QPalette::Base)), dark);
    }
    QCOMPARE(window.timeline()->theme(), dark ? TimelineThemeKind::Dark : TimelineThemeKind::Light);
    // The Run glyph in the tool bar stands out from the tool bar: light on dark, dark on light.
    auto *bar = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QVERIFY(bar);
    QAction *run = loopscope::testing::findEntry(bar->actions(), QStringLiteral("Run"));
    QVERIFY(run);
    const QImage glyph = run->icon().pixmap(16, 16).toImage();
    int opaque = 0, light = 0;
    for (int y = 0; y < glyph.height(); ++y)
        for (int x = 0; x < glyph.width(); ++x)
            if (glyph.pixelColor(x, y).alpha() > 200) {
                ++opaque;
                light += glyph.pixelColor(x, y).lightness() >= 128 ? 1 : 0;
            }
    QVERIFY(opaque > 20);
    QCOMPARE(light > opaque / 2, dark);
    // The timeline's pixels: the legend's strip at the bottom has the name column's colour.
    const QImage image = window.timeline()->viewport()->grab().toImage();
    const QColor corner = image.pixelColor(image.width() - 3, image.height() - 3);
    QCOMPARE(corner, (dark ? TimelineTheme::dark() : TimelineTheme::light()).nameColumn);
}

void TestAppTheme::keyAndMenuSwitchTheWholeWindow()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openScenario(example()));
    QCOMPARE(window.themeChoice(), ThemeChoice::System);
    verifyLook(window, false);
    if (QTest::currentTestFailed())
        return;

    QTest::keyClick(&window, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(window.themeChoice(), ThemeChoice::Dark);
    verifyLook(window, true);
    if (QTest::currentTestFailed())
        return;

    QVERIFY(chooseFromMenu(
        window, {QStringLiteral("View"), QStringLiteral("Theme"), QStringLiteral("Light")}));
    QTRY_COMPARE(window.themeChoice(), ThemeChoice::Light);
    verifyLook(window, false);
    if (QTest::currentTestFailed())
        return;

    QVERIFY(chooseFromMenu(
        window, {QStringLiteral("View"), QStringLiteral("Theme"), QStringLiteral("Dark")}));
    QTRY_COMPARE(window.themeChoice(), ThemeChoice::Dark);
    verifyLook(window, true);
    if (QTest::currentTestFailed())
        return;

    // System: the platform's own style and palette come back.
    QVERIFY(chooseFromMenu(
        window, {QStringLiteral("View"), QStringLiteral("Theme"), QStringLiteral("System")}));
    QTRY_COMPARE(window.themeChoice(), ThemeChoice::System);
    verifyLook(window, false);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(QApplication::style()->name(), m_platformStyle);
    QCOMPARE(QGuiApplication::palette().color(QPalette::Window), m_platformWindow);
    window.close();
}

void TestAppTheme::choiceIsRemembered()
{
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::keyClick(&window, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(window.close());
    }
    QCOMPARE(QSettings().value(QStringLiteral("appearance/theme")).toString(),
             QStringLiteral("dark"));
    MainWindow again;
    QCOMPARE(again.themeChoice(), ThemeChoice::Dark);
    QCOMPARE(again.timeline()->theme(), TimelineThemeKind::Dark);
    QCOMPARE(QApplication::palette().color(QPalette::Window),
             darkPalette().color(QPalette::Window));
    again.setThemeChoice(ThemeChoice::System);
    QVERIFY(again.close());
}

QTEST_MAIN(TestAppTheme)
#include "tst_app_theme.moc"
