// A crash while the Python pane shows the user's own program (opened, pasted or typed, comments
// included) leaves a recoverable copy of exactly that text, and restoring it at the next start
// gives back the same Python pane and the same canvas.
#include "app/main_window.h"
#include "canvas/python_pane.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/python_edits.h"
#include "document/recovery_files.h"
#include "document/scenario_document.h"
#include "python_program_fixture.h"
#include "timeline/timeline_view.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QRegularExpression>
#include <QTimer>

#include <map>

using namespace loopscope;

namespace {

// The "python" of the one autosave's sidecar (recovery_files.h).
QString autosavedPython()
{
    const std::vector<RecoveryFile> pending = pendingRecoveries();
    if (pending.empty())
        return QStringLiteral("(no autosave)");
    QFile sidecar(pending.front().sidecarFile);
    if (!sidecar.open(QIODevice::ReadOnly))
        return QStringLiteral("(no autosave)");
    return QJsonDocument::fromJson(sidecar.readAll())
        .object()
        .value(QLatin1String("python"))
        .toString();
}

// hello.py with comments the scenario cannot hold.
const char kCommentedProgram[] = "# Greets, then waits.\n"
                                 "import asyncio\n"
                                 "\n"
                                 "async def main():\n"
                                 "    print(\"hello\")  # first\n"
                                 "    await asyncio.sleep(1)\n"
                                 "\n"
                                 "asyncio.run(main())\n";

// The same, typed over in the pane: a longer sleep and one more comment.
const char kTypedProgram[] = "# Greets, then waits longer.\n"
                             "import asyncio\n"
                             "\n"
                             "async def main():\n"
                             "    print(\"hello\")  # first\n"
                             "    await asyncio.sleep(2)  # was 1\n"
                             "\n"
                             "asyncio.run(main())\n";

} // namespace

class TestPythonRecovery : public QObject, private test::PythonProgramFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void anOpenedProgramEditedInThePaneIsRestoredAsTyped();
    void aPastedProgramIsRestoredAsPastedWithoutAnyEdit();

private:
    // The recovery copies on disk, byte for byte, once the autosave has written `python`.
    void crashCopy(const ScenarioDocument &document, const QString &python,
                   std::map<QString, QByteArray> *files);
    // A new window at the next start, the copy put back as a crash leaves it, Restore pressed.
    // The copy put back as a crash leaves it (a clean close removes it).
    static void putBack(const std::map<QString, QByteArray> &files);
    // The next start: the window shows, Restore is pressed, the document is `name`.
    void restoreAtNextStart(MainWindow &window, const QString &name);
};

void TestPythonRecovery::init()
{
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
    setUpPython();
}

void TestPythonRecovery::crashCopy(const ScenarioDocument &document, const QString &python,
                                   std::map<QString, QByteArray> *files)
{
    QTRY_COMPARE_WITH_TIMEOUT(autosavedPython(), python, 5000);
    QTRY_VERIFY(readRecovery(pendingRecoveries().front()).scenario == document.scenario());
    const QDir dir(m_recovery->path());
    for (const QString &name : dir.entryList(QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            (*files)[file.fileName()] = file.readAll();
    }
}

void TestPythonRecovery::putBack(const std::map<QString, QByteArray> &files)
{
    for (const auto &[path, bytes] : files) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }
}

void TestPythonRecovery::restoreAtNextStart(MainWindow &window, const QString &name)
{
    QTimer answer;
    connect(&answer, &QTimer::timeout, this, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            if (QAbstractButton *restore = box->button(QMessageBox::Yes))
                restore->click();
    });
    answer.start(20);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.document()->displayName(), name);
}

void TestPythonRecovery::anOpenedProgramEditedInThePaneIsRestoredAsTyped()
{
    const QString program = writeProgram(QStringLiteral("hello.py"), kCommentedProgram);
    std::map<QString, QByteArray> files;
    {
        MainWindow window;
        window.document()->setAutosaveDelay(50);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openFile(program));
        PythonPane *pane = window.editor()->python();
        QCOMPARE(pane->toPlainText(), QString::fromUtf8(kCommentedProgram));
        window.editor()->pythonEdits()->setDelay(50);
        typeProgram(pane, QString::fromUtf8(kTypedProgram).chopped(1));
        QTest::keyClick(pane, Qt::Key_Return);
        QCOMPARE(pane->toPlainText(), QString::fromUtf8(kTypedProgram));
        QTRY_COMPARE_WITH_TIMEOUT(window.document()->scenario().coroutines.at(0).steps.size(),
                                  std::size_t(2), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(window.timeline()->trace().duration, 2.0, 5000);
        QCOMPARE(pane->toPlainText(), QString::fromUtf8(kTypedProgram));
        crashCopy(*window.document(), QString::fromUtf8(kTypedProgram), &files);
        if (QTest::currentTestFailed())
            return;
        window.document()->setAutosaveDelay(60000); // nothing more is written before the "crash"
    }
    putBack(files);
    MainWindow window;
    restoreAtNextStart(window, QStringLiteral("hello.py (imported)"));
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(window.editor()->python()->toPlainText(), QString::fromUtf8(kTypedProgram));
    QVERIFY(window.editor()->python()->showsUserText());
    QVERIFY(window.editor()->canvas()->card(QStringLiteral("main")));
    const Coroutine &main = window.document()->scenario().coroutines.at(0);
    QCOMPARE(main.name, QStringLiteral("main"));
    QCOMPARE(main.steps.size(), std::size_t(2));
    QCOMPARE(main.steps[0].kind, StepKind::Print);
    QCOMPARE(main.steps[1].kind, StepKind::Sleep);
    QCOMPARE(main.steps[1].seconds.value, 2.0);
    QVERIFY(window.document()->isModified());
}

void TestPythonRecovery::aPastedProgramIsRestoredAsPastedWithoutAnyEdit()
{
    std::map<QString, QByteArray> files;
    {
        MainWindow window;
        window.document()->setAutosaveDelay(50);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QGuiApplication::clipboard()->setText(QString::fromUtf8(kCommentedProgram));
        ScenarioCanvas *canvas = window.editor()->canvas();
        QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {},
                          canvas->titlePoint(QStringLiteral("main")));
        QTest::keyClick(canvas, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(window.document()->displayName(), QStringLiteral("pasted program (imported)"));
        QCOMPARE(window.editor()->python()->toPlainText(), QString::fromUtf8(kCommentedProgram));
        crashCopy(*window.document(), QString::fromUtf8(kCommentedProgram), &files);
        if (QTest::currentTestFailed())
            return;
        window.document()->setAutosaveDelay(60000);
    }
    putBack(files);
    MainWindow window;
    restoreAtNextStart(window, QStringLiteral("pasted program (imported)"));
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(window.editor()->python()->toPlainText(), QString::fromUtf8(kCommentedProgram));
    QVERIFY(window.editor()->canvas()->card(QStringLiteral("main")));
    const Coroutine &main = window.document()->scenario().coroutines.at(0);
    QCOMPARE(main.steps.size(), std::size_t(2));
    QCOMPARE(main.steps[1].seconds.value, 1.0);
}

QTEST_MAIN(TestPythonRecovery)
#include "tst_python_recovery.moc"
