// File ▸ Record Python Program…: Alt+P goes to the program (its label shows no "&"), and the
// next recording starts from the last one's program, interpreter and clock.
#include "app/record_dialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace loopscope;

class TestRecordDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void altPGoesToTheProgram();
    void theNextRecordingStartsFromTheLastChoice();
    void tabGoesDownTheFormInOrder();
};

void TestRecordDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
    qunsetenv("LOOPSCOPE_PYTHON");
}

void TestRecordDialog::init()
{
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support (raise|propagateSizeHints)\\(\\)$)")));
    QSettings().clear();
}

void TestRecordDialog::altPGoesToTheProgram()
{
    RecordDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *program = dialog.findChild<QLineEdit *>(QStringLiteral("recordProgram"));
    auto *python = dialog.findChild<QLineEdit *>(QStringLiteral("recordPython"));
    auto *form = qobject_cast<QFormLayout *>(dialog.layout());
    QVERIFY(form);
    auto *label = qobject_cast<QLabel *>(form->itemAt(0, QFormLayout::LabelRole)->widget());
    QVERIFY(label);
    QCOMPARE(label->buddy(), program); // the "&" is a mnemonic, not shown
    python->setFocus();
    QTRY_VERIFY(python->hasFocus());
    QTest::keyClick(&dialog, Qt::Key_P, Qt::AltModifier);
    QTRY_VERIFY(program->hasFocus());
}

void TestRecordDialog::theNextRecordingStartsFromTheLastChoice()
{
    QTemporaryDir dir;
    const QString server = dir.filePath(QStringLiteral("server.py"));
    QFile file(server);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    {
        RecordDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *program = dialog.findChild<QLineEdit *>(QStringLiteral("recordProgram"));
        auto *python = dialog.findChild<QLineEdit *>(QStringLiteral("recordPython"));
        auto *clock = dialog.findChild<QCheckBox *>(QStringLiteral("recordVirtual"));
        QCOMPARE(program->text(), QString());
        QCOMPARE(python->text(), QStringLiteral("python3"));
        QCOMPARE(clock->isChecked(), false);
        QTest::keyClicks(program, server);
        QTest::keyClick(python, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(python, QStringLiteral("python3.12"));
        QTest::mouseClick(clock, Qt::LeftButton, {}, QPoint(5, clock->height() / 2));
        QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    RecordDialog again;
    const RecorderOptions options = again.options();
    QCOMPARE(options.program, QStringList{server});
    QCOMPARE(options.python, QStringLiteral("python3.12"));
    QCOMPARE(options.virtualClock, true);
    QVERIFY(again.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
}

// Program, its Browse button, Python, the clock, Record, Cancel: as the form reads.
void TestRecordDialog::tabGoesDownTheFormInOrder()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("p.py")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    RecordDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *program = dialog.findChild<QLineEdit *>(QStringLiteral("recordProgram"));
    QTest::keyClicks(program, file.fileName()); // Record is enabled, and so in the chain
    program->setFocus();
    QTRY_VERIFY(program->hasFocus());
    QStringList order;
    for (int i = 0; i < 6; ++i) {
        QWidget *focus = QApplication::focusWidget();
        auto *button = qobject_cast<QAbstractButton *>(focus);
        order << (button ? button->text() : focus->objectName());
        QTest::keyClick(focus, Qt::Key_Tab);
    }
    QCOMPARE(order,
             (QStringList{QStringLiteral("recordProgram"), QStringLiteral("&Browse\u2026"),
                          QStringLiteral("recordPython"), dialog.findChild<QCheckBox *>()->text(),
                          QStringLiteral("&Record"), QStringLiteral("Cancel")}));
}

QTEST_MAIN(TestRecordDialog)
#include "tst_record_dialog.moc"
