// Bundled lessons are templates: Ctrl+S on a lesson asks where to keep a copy, starting in the
// user's documents folder, and the lesson's file keeps its bytes; Save As refuses the lessons'
// folder; the unsaved-changes question offers Save As for a lesson and defaults to Cancel, so
// that Enter loses nothing and writes nothing. The lessons here are copies in a folder named by
// LOOPSCOPE_EXAMPLES_DIR, so that a failure cannot touch the source tree's.
#include "app/examples_gallery.h"
#include "app/main_window.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <functional>

using namespace loopscope;

class TestLessonTemplates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void ctrlSOnALessonSavesACopyInTheDocumentsFolder();
    void saveAsRefusesTheLessonsFolder();
    void theUnsavedChangesQuestionDefaultsToCancel();

private:
    // Runs `answer` on the next modal dialog, once it shows.
    void onNextModal(std::function<void(QWidget *)> answer);
    void openLesson(MainWindow &window);
    QByteArray lessonBytes() const;
    // The key on the window, made active again first (a dialog that closed had the focus).
    static void press(MainWindow &window, Qt::Key key, Qt::KeyboardModifiers modifiers);
    // Goes to the file's folder and types its name, then Enter: as a hand does.
    static void typeFileName(QWidget *modal, const QString &path);

    QString m_lesson;
    QByteArray m_original;
    std::unique_ptr<QTemporaryDir> m_examples;
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<QTemporaryDir> m_recovery;
    bool m_answered = false;
};

void TestLessonTemplates::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    QSettings().clear();
}

void TestLessonTemplates::init()
{
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
    m_examples = std::make_unique<QTemporaryDir>();
    m_home = std::make_unique<QTemporaryDir>(); // the documents folder is $HOME/Documents
    m_recovery = std::make_unique<QTemporaryDir>();
    qputenv("LOOPSCOPE_EXAMPLES_DIR", m_examples->path().toUtf8());
    qputenv("HOME", m_home->path().toUtf8());
    qputenv("LOOPSCOPE_RECOVERY_DIR", m_recovery->path().toUtf8());
    m_lesson = m_examples->filePath(QStringLiteral("14-semaphore.loop.json"));
    QVERIFY(QFile::copy(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json"),
                        m_lesson));
    QCOMPARE(examplesDirectory(), QDir::cleanPath(m_examples->path()));
    QVERIFY(isBundledLesson(m_lesson));
    m_original = lessonBytes();
    m_answered = false;
}

void TestLessonTemplates::cleanup()
{
    qDeleteAll(findChildren<QTimer *>()); // a poll for a dialog that did not come
    // Whatever happened, the lesson has its bytes.
    QCOMPARE(lessonBytes(), m_original);
}

QByteArray TestLessonTemplates::lessonBytes() const
{
    QFile file(m_lesson);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestLessonTemplates::onNextModal(std::function<void(QWidget *)> answer)
{
    auto *poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [this, poll, answer] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || !modal->isVisible())
            return;
        poll->stop();
        poll->deleteLater();
        m_answered = true;
        answer(modal);
    });
    poll->start(10);
}

void TestLessonTemplates::press(MainWindow &window, Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, key, modifiers);
}

void TestLessonTemplates::typeFileName(QWidget *modal, const QString &path)
{
    auto *dialog = qobject_cast<QFileDialog *>(modal);
    QVERIFY2(dialog, modal->metaObject()->className());
    dialog->setDirectory(QFileInfo(path).absolutePath());
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
    QVERIFY(name);
    name->selectAll();
    QTest::keyClicks(name, QFileInfo(path).fileName());
    QTest::keyClick(name, Qt::Key_Return);
}

void TestLessonTemplates::openLesson(MainWindow &window)
{
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openScenario(m_lesson));
    QCOMPARE(window.document()->isModified(), false);
}

void TestLessonTemplates::ctrlSOnALessonSavesACopyInTheDocumentsFolder()
{
    MainWindow window;
    openLesson(window);
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QCOMPARE(documents, m_home->filePath(QStringLiteral("Documents")));

    // Ctrl+S on the unmodified lesson: a Save As dialog in the documents folder; cancel it.
    QStringList offered;
    onNextModal([&](QWidget *modal) {
        auto *dialog = qobject_cast<QFileDialog *>(modal);
        QVERIFY2(dialog, modal->metaObject()->className());
        offered = dialog->selectedFiles();
        dialog->reject();
    });
    press(window, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(m_answered);
    QCOMPARE(offered,
             QStringList{QDir(documents).filePath(QStringLiteral("14-semaphore.loop.json"))});
    QCOMPARE(window.document()->path(), QFileInfo(m_lesson).absoluteFilePath());

    // Ctrl+S again, and accept: the copy is written there and becomes the document.
    const QString copy = QDir(documents).filePath(QStringLiteral("my-semaphore.loop.json"));
    m_answered = false;
    onNextModal([&](QWidget *modal) { typeFileName(modal, copy); });
    press(window, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(m_answered);
    QCOMPARE(window.document()->path(), copy);
    QVERIFY(QFileInfo::exists(copy));
    QCOMPARE(window.windowTitle(), QStringLiteral("my-semaphore.loop.json \u2014 Loopscope"));
    // The copy is the user's: Ctrl+S now saves in place, with no dialog.
    m_answered = false;
    onNextModal([](QWidget *modal) { modal->close(); });
    press(window, Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(m_answered, false);
}

void TestLessonTemplates::saveAsRefusesTheLessonsFolder()
{
    MainWindow window;
    openLesson(window);
    const QString beside = m_examples->filePath(QStringLiteral("mine.loop.json"));
    QString refusal;
    onNextModal([&](QWidget *modal) {
        onNextModal([&](QWidget *box) {
            auto *message = qobject_cast<QMessageBox *>(box);
            QVERIFY2(message, box->metaObject()->className());
            refusal = message->text();
            message->button(QMessageBox::Ok)->click();
        });
        typeFileName(modal, beside);
    });
    press(window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(refusal.contains(QStringLiteral("bundled lessons")));
    QCOMPARE(QFileInfo::exists(beside), false);
    QCOMPARE(window.document()->path(), QFileInfo(m_lesson).absoluteFilePath());
}

void TestLessonTemplates::theUnsavedChangesQuestionDefaultsToCancel()
{
    MainWindow window;
    openLesson(window);
    // A real edit: the sleep block selected with the mouse and deleted with the key.
    ScenarioCanvas *canvas = window.editor()->canvas();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {},
                      canvas->blockPoint(QStringLiteral("s3")));
    QTest::keyClick(canvas, Qt::Key_Delete);
    QCOMPARE(window.document()->isModified(), true);
    const Scenario edited = window.document()->scenario();

    // File ▸ New asks; Enter, pressed out of habit, takes the default.
    QString text;
    QString saveText;
    bool cancelIsTheDefault = false;
    onNextModal([&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        text = box->text();
        saveText = box->button(QMessageBox::Save)->text();
        cancelIsTheDefault = box->defaultButton() == box->button(QMessageBox::Cancel);
        QTest::keyClick(box, Qt::Key_Return);
    });
    press(window, Qt::Key_N, Qt::ControlModifier);
    QVERIFY(m_answered);
    QCOMPARE(text, QStringLiteral("14-semaphore.loop.json is a bundled lesson, and it has unsaved "
                                  "changes. Save them as your own copy?"));
    QCOMPARE(saveText, QStringLiteral("Save As\u2026"));
    QCOMPARE(cancelIsTheDefault, true);
    // Nothing happened: the edit is still there, nothing was written.
    QVERIFY(window.document()->scenario() == edited);
    QCOMPARE(window.document()->isModified(), true);
    QCOMPARE(lessonBytes(), m_original);
    window.document()->undoStack()->undo(); // clean again: closing does not ask
}

QTEST_MAIN(TestLessonTemplates)
#include "tst_lesson_templates.moc"
