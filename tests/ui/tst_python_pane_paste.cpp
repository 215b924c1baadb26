// Ctrl+V in the Python pane with real key events: with nothing copied (an empty clipboard, as
// the X clipboard is when no client owns it) the pane keeps its text and reports no edit, where
// Qt 6.4.2's own paste read the first of no formats and the app died with SIGSEGV; text on the
// clipboard is pasted at the cursor and reported once, as typing is.
#include "canvas/python_pane.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace loopscope;

class TestPythonPanePaste : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void ctrlVWithNothingCopiedPastesNothing();
    void ctrlVWithAClearedClipboardPastesNothing();
    void ctrlVPastesTheCopiedTextAtTheCursor();

private:
    void pressCtrlV();

    PythonPane *m_pane = nullptr;
};

void TestPythonPanePaste::init()
{
    m_pane = new PythonPane;
    m_pane->showUserText(QStringLiteral("import asyncio\n"));
    m_pane->resize(400, 300);
    m_pane->show();
    m_pane->activateWindow();
    m_pane->setFocus();
    QVERIFY(QTest::qWaitForWindowActive(m_pane));
    m_pane->moveCursor(QTextCursor::End);
}

void TestPythonPanePaste::cleanup()
{
    delete m_pane;
    m_pane = nullptr;
    QGuiApplication::clipboard()->clear();
}

void TestPythonPanePaste::pressCtrlV()
{
    QTest::keyClick(m_pane, Qt::Key_V, Qt::ControlModifier);
}

void TestPythonPanePaste::ctrlVWithNothingCopiedPastesNothing()
{
    QGuiApplication::clipboard()->setMimeData(new QMimeData);
    QVERIFY(QGuiApplication::clipboard()->mimeData());
    QCOMPARE(QGuiApplication::clipboard()->mimeData()->formats(), QStringList());
    QSignalSpy edited(m_pane, &PythonPane::edited);
    pressCtrlV();
    QCOMPARE(m_pane->toPlainText(), QStringLiteral("import asyncio\n"));
    QCOMPARE(edited.count(), 0);
    QVERIFY(m_pane->showsUserText());
}

void TestPythonPanePaste::ctrlVWithAClearedClipboardPastesNothing()
{
    QGuiApplication::clipboard()->clear();
    QSignalSpy edited(m_pane, &PythonPane::edited);
    pressCtrlV();
    QCOMPARE(m_pane->toPlainText(), QStringLiteral("import asyncio\n"));
    QCOMPARE(edited.count(), 0);
}

void TestPythonPanePaste::ctrlVPastesTheCopiedTextAtTheCursor()
{
    QGuiApplication::clipboard()->setText(QStringLiteral("SCALE = 1.0\n"));
    QSignalSpy edited(m_pane, &PythonPane::edited);
    pressCtrlV();
    const QString expected = QStringLiteral("import asyncio\nSCALE = 1.0\n");
    QCOMPARE(m_pane->toPlainText(), expected);
    QCOMPARE(edited.count(), 1);
    QCOMPARE(edited.at(0).at(0).toString(), expected);
}

QTEST_MAIN(TestPythonPanePaste)
#include "tst_python_pane_paste.moc"
