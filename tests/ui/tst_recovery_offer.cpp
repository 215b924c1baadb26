// The start-up offer of an autosaved copy that does not load, through the real window: a copy
// that only fails validation is offered with its problem and restored with the problem listed
// in the editor; one the reader cannot read says why, has no Restore, and stays on disk until
// the user saves it elsewhere or discards it.
#include "app/main_window.h"
#include "canvas/card_item.h"
#include "canvas/scenario_canvas.h"
#include "canvas/scenario_editor.h"
#include "document/recovery_files.h"
#include "document/scenario_document.h"
#include "document/scenario_edits.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <deque>
#include <functional>

using namespace loopscope;

class TestRecoveryOffer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void aCopyThatDoesNotValidateIsRestoredWithItsProblemListed();
    void anUnreadableCopyStaysOnDiskWithTheReadersReason();
    void saveTheCopyAsWritesItsBytesThenDiscardsIt();
    void aCancelledSaveAsAsksAgainAndKeepsTheCopy();
    void discardIsTheUsersChoice();

private:
    struct Box
    {
        QString text;
        QString details;
        QStringList buttons;
    };
    // Answers the next modal boxes and dialogs in turn, recording each box.
    void answer(std::function<void(QWidget *)> next);
    void clickBox(const QString &buttonText);
    void chooseFile(const QString &path); // empty: cancel the dialog
    QString exampleCopy() const;
    // The autosave of a document whose `main` calls a coroutine that no longer exists.
    RecoveryFile writeDanglingCopy(Scenario *autosaved) const;
    RecoveryFile writeUnreadableCopy(QByteArray *bytes) const;
    QString offerStart(const RecoveryFile &recovery, const QString &name) const;

    std::unique_ptr<QTemporaryDir> m_recovery;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::deque<std::function<void(QWidget *)>> m_answers;
    QTimer *m_poll = nullptr;
    QWidget *m_lastAnswered = nullptr;
    QList<Box> m_boxes;
};

void TestRecoveryOffer::init()
{
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
    m_recovery = std::make_unique<QTemporaryDir>();
    m_dir = std::make_unique<QTemporaryDir>();
    qputenv("LOOPSCOPE_RECOVERY_DIR", m_recovery->path().toUtf8());
    m_answers.clear();
    m_boxes.clear();
    m_lastAnswered = nullptr;
    m_poll = new QTimer(this);
    connect(m_poll, &QTimer::timeout, this, [this] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || !modal->isVisible() || m_answers.empty())
            return;
        auto next = std::move(m_answers.front());
        m_answers.pop_front();
        next(modal);
    });
    m_poll->start(10);
}

void TestRecoveryOffer::cleanup()
{
    delete m_poll;
    m_poll = nullptr;
    QCOMPARE(m_answers.size(), std::size_t(0)); // every expected question was asked
}

void TestRecoveryOffer::answer(std::function<void(QWidget *)> next)
{
    m_answers.push_back(std::move(next));
}

void TestRecoveryOffer::clickBox(const QString &buttonText)
{
    answer([this, buttonText](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY2(box, qPrintable(modal->metaObject()->className()));
        Box seen{box->text(), box->detailedText(), {}};
        QAbstractButton *chosen = nullptr;
        for (QAbstractButton *button : box->buttons()) {
            seen.buttons << button->text();
            if (button->text() == buttonText)
                chosen = button;
        }
        m_boxes << seen;
        QVERIFY2(chosen, qPrintable(buttonText));
        chosen->click();
    });
}

void TestRecoveryOffer::chooseFile(const QString &path)
{
    answer([path](QWidget *modal) {
        auto *dialog = qobject_cast<QFileDialog *>(modal);
        QVERIFY2(dialog, qPrintable(modal->metaObject()->className()));
        if (path.isEmpty())
            return dialog->reject();
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept, as OK does
    });
}

QString TestRecoveryOffer::exampleCopy() const
{
    const QString copy = m_dir->filePath(QStringLiteral("14-semaphore.loop.json"));
    QFile::copy(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/14-semaphore.loop.json"), copy);
    QFile(copy).setFileTime(QDateTime::currentDateTime().addSecs(-60),
                            QFileDevice::FileModificationTime);
    return copy;
}

RecoveryFile TestRecoveryOffer::writeDanglingCopy(Scenario *autosaved) const
{
    const QString original = exampleCopy();
    ScenarioDocument document;
    [&] { QVERIFY(document.open(original).ok()); }();
    *autosaved = document.scenario();
    // Mid-rename: the card is renamed, its callers not yet.
    autosaved->coroutines[0].name = QStringLiteral("use_slot");
    RecoveryFile recovery = RecoveryFile::forKey(QStringLiteral("autosave-dangling"));
    recovery.originalPath = QFileInfo(original).absoluteFilePath();
    recovery.savedAt = QDateTime::currentDateTimeUtc();
    [&] { QVERIFY(writeRecovery(recovery, *autosaved)); }();
    return recovery;
}

RecoveryFile TestRecoveryOffer::writeUnreadableCopy(QByteArray *bytes) const
{
    RecoveryFile recovery = RecoveryFile::forKey(QStringLiteral("autosave-unreadable"));
    recovery.savedAt = QDateTime::currentDateTimeUtc();
    [&] { QVERIFY(writeRecovery(recovery, emptyScenario())); }();
    *bytes = R"({"format": "loopscope-scenario", "version": 1, "coroutines": [)"
             "\n"
             R"(  {"name": "main", "steps": [{"op": "sleep", "seconds": true}]}]})"
             "\n";
    QFile file(recovery.scenarioFile);
    [&] {
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(*bytes), bytes->size());
    }();
    return recovery;
}

QString TestRecoveryOffer::offerStart(const RecoveryFile &recovery, const QString &name) const
{
    return QStringLiteral("%1 has changes autosaved at %2 that were never saved.")
        .arg(name, recovery.savedAt.toLocalTime().toString());
}

void TestRecoveryOffer::aCopyThatDoesNotValidateIsRestoredWithItsProblemListed()
{
    Scenario autosaved;
    const RecoveryFile recovery = writeDanglingCopy(&autosaved);
    const QString problem
        = QStringLiteral("%1:33:22: coroutines[1].steps[0].items[0].coro: expected the name of a "
                         "coroutine (use_slot, main), got \"access_resource\"")
              .arg(recovery.scenarioFile);
    clickBox(QStringLiteral("Restore"));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(m_boxes.size(), 1);
    QCOMPARE(m_boxes[0].text,
             offerStart(recovery, QStringLiteral("14-semaphore.loop.json"))
                 + QStringLiteral("\n\nThe copy does not validate: 5 problem(s), the first:\n")
                 + problem
                 + QStringLiteral("\n\nRestore it anyway to fix it in the editor, which lists its "
                                  "problems, or save the copy elsewhere."));
    QCOMPARE(m_boxes[0].details.split(u'\n').size(), 5);
    QCOMPARE(m_boxes[0].details.split(u'\n').first(), problem);
    QVERIFY(m_boxes[0].buttons.contains(QStringLiteral("Save the Copy As\u2026")));
    QTRY_VERIFY(window.document()->scenario() == autosaved);
    QCOMPARE(window.document()->isModified(), true);
    QCOMPARE(window.document()->path(), recovery.originalPath);
    QCOMPARE(window.editor()->problems().size(), std::size_t(5));
    QCOMPARE(window.editor()->runAction()->isEnabled(), false);
    QCOMPARE(window.editor()->problemBanner()->isVisible(), true);
    // The renamed card has no place in `layout`: it goes beside `main`, not over it.
    const ScenarioCanvas *canvas = window.editor()->canvas();
    QCOMPARE(canvas->card(QStringLiteral("main"))->pos(), QPointF(40, 40));
    QCOMPARE(canvas->card(QStringLiteral("use_slot"))
                 ->sceneBoundingRect()
                 .intersects(canvas->card(QStringLiteral("main"))->sceneBoundingRect()),
             false);
    QCOMPARE(window.statusBar()->currentMessage(),
             QStringLiteral("Restored with 5 problem(s) to fix: ") + problem);
    // The document owns the copy now: on disk until the work is saved.
    QCOMPARE(QFileInfo::exists(recovery.scenarioFile), true);
    QString error;
    QVERIFY2(window.document()->save(&error), qPrintable(error));
    QCOMPARE(QFileInfo::exists(recovery.scenarioFile), false);
}

void TestRecoveryOffer::anUnreadableCopyStaysOnDiskWithTheReadersReason()
{
    QByteArray bytes;
    const RecoveryFile recovery = writeUnreadableCopy(&bytes);
    clickBox(QStringLiteral("Keep for Later"));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(m_boxes.size(), 1);
    const QString problem = QStringLiteral("%1:2:57: coroutines[0].steps[0].seconds: expected a "
                                           "number \u2265 0 or \"$param\", got true")
                                .arg(recovery.scenarioFile);
    QCOMPARE(m_boxes[0].text,
             offerStart(recovery, QStringLiteral("An unsaved scenario"))
                 + QStringLiteral("\n\nThe copy cannot be opened:\n") + problem
                 + QStringLiteral("\n\nIt stays in %1 until you save it elsewhere or discard it.")
                       .arg(QDir::toNativeSeparators(recovery.scenarioFile)));
    QCOMPARE(m_boxes[0].details, problem);
    QCOMPARE(m_boxes[0].buttons.contains(QStringLiteral("Restore")), false);
    QVERIFY(window.document()->scenario() == emptyScenario());
    QCOMPARE(window.document()->isModified(), false);
    QFile kept(recovery.scenarioFile);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), bytes);
    QCOMPARE(pendingRecoveries().size(), std::size_t(1));
}

void TestRecoveryOffer::saveTheCopyAsWritesItsBytesThenDiscardsIt()
{
    QByteArray bytes;
    const RecoveryFile recovery = writeUnreadableCopy(&bytes);
    const QString elsewhere = m_dir->filePath(QStringLiteral("rescued.loop.json"));
    clickBox(QStringLiteral("Save the Copy As\u2026"));
    chooseFile(elsewhere);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(QFileInfo::exists(elsewhere));
    QFile saved(elsewhere);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), bytes);
    QTRY_COMPARE(QFileInfo::exists(recovery.scenarioFile), false);
    QCOMPARE(QFileInfo::exists(recovery.sidecarFile), false);
    QCOMPARE(m_boxes.size(), 1);
}

void TestRecoveryOffer::aCancelledSaveAsAsksAgainAndKeepsTheCopy()
{
    QByteArray bytes;
    const RecoveryFile recovery = writeUnreadableCopy(&bytes);
    clickBox(QStringLiteral("Save the Copy As\u2026"));
    chooseFile({});
    clickBox(QStringLiteral("Keep for Later"));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(m_boxes.size(), 2);
    QCOMPARE(m_boxes[1].text, m_boxes[0].text);
    QCOMPARE(QFileInfo::exists(recovery.scenarioFile), true);
    QCOMPARE(pendingRecoveries().size(), std::size_t(1));
}

void TestRecoveryOffer::discardIsTheUsersChoice()
{
    QByteArray bytes;
    const RecoveryFile recovery = writeUnreadableCopy(&bytes);
    clickBox(QStringLiteral("Discard"));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(m_boxes.size(), 1);
    QTRY_COMPARE(QFileInfo::exists(recovery.scenarioFile), false);
    QCOMPARE(pendingRecoveries().size(), std::size_t(0));
}

QTEST_MAIN(TestRecoveryOffer)
#include "tst_recovery_offer.moc"
