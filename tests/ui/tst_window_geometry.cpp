// Where the main window opens: at the first start most of a 1600×1000 screen, centred on it and
// inside it; after that where the user left it (QSettings), moved and sized as they left it.
#include "app/main_window.h"

#include <QApplication>
#include <QFile>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace loopscope;

class TestWindowGeometry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void theFirstStartUsesMostOfTheScreenCentred();
    void theNextStartOpensWhereTheUserLeftIt();
};

void TestWindowGeometry::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("lesson/askOnOpen"), false);
    QCOMPARE(QGuiApplication::primaryScreen()->availableGeometry(), QRect(0, 0, 1600, 1000));
}

void TestWindowGeometry::init()
{
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
}

void TestWindowGeometry::theFirstStartUsesMostOfTheScreenCentred()
{
    QSettings().remove(QStringLiteral("window"));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.geometry(), QRect(80, 50, 1440, 900));
}

void TestWindowGeometry::theNextStartOpensWhereTheUserLeftIt()
{
    QSettings().remove(QStringLiteral("window"));
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setGeometry(200, 120, 1300, 820); // as the user moved and sized it
        QTRY_COMPARE(window.geometry(), QRect(200, 120, 1300, 820));
        QVERIFY(window.close());
    }
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.geometry(), QRect(200, 120, 1300, 820));
}

// One 1600×1000 screen, whatever QT_QPA_PLATFORM the run gives (offscreen: 800×600).
int main(int argc, char **argv)
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(R"({"screens": [{"name": "wide", "x": 0, "y": 0, "width": 1600,)"
                      R"( "height": 1000, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
               < 0)
        return 2;
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(config));
    QApplication app(argc, argv);
    TestWindowGeometry test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_window_geometry.moc"
