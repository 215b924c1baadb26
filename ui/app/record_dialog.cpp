#include "app/record_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>

namespace loopscope {

RecordDialog::RecordDialog(QWidget *parent)
    : QDialog(parent)
    , m_program(new QLineEdit(this))
    , m_python(new QLineEdit(this))
    , m_virtual(new QCheckBox(tr("&Virtual clock: a timer wait moves the clock, no waiting"), this))
{
    setWindowTitle(tr("Record Python Program"));
    m_program->setObjectName(QStringLiteral("recordProgram"));
    m_program->setPlaceholderText(tr("an asyncio program, e.g. server.py"));
    m_python->setObjectName(QStringLiteral("recordPython"));
    m_virtual->setObjectName(QStringLiteral("recordVirtual"));
    restoreLastChoice();
    auto *browse = new QPushButton(tr("&Browse\u2026"), this);
    auto *programRow = new QHBoxLayout;
    programRow->addWidget(m_program);
    programRow->addWidget(browse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Record"));
    auto *form = new QFormLayout(this);
    // A label beside a row of widgets has no buddy of its own: without one it shows its "&".
    auto *programLabel = new QLabel(tr("&Program:"), this);
    programLabel->setBuddy(m_program);
    form->addRow(programLabel, programRow);
    form->addRow(tr("P&ython:"), m_python);
    form->addRow(QString(), m_virtual);
    form->addRow(buttons);
    // Browse was made after the fields: put it where it reads, beside the program.
    setTabOrder(m_program, browse);
    setTabOrder(browse, m_python);
    connect(browse, &QPushButton::clicked, this, &RecordDialog::chooseProgram);
    connect(m_program, &QLineEdit::textChanged, this, &RecordDialog::updateOk);
    connect(m_python, &QLineEdit::textChanged, this, &RecordDialog::updateOk);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        saveChoice();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOk();
}

// The program, interpreter and clock of the last recording, so that recording the same program
// again (after editing it, or after a wrong interpreter) is one click; LOOPSCOPE_PYTHON, when
// set, is the interpreter of a first recording.
void RecordDialog::restoreLastChoice()
{
    const QSettings settings;
    const QString python = qEnvironmentVariableIsEmpty("LOOPSCOPE_PYTHON")
                               ? QStringLiteral("python3")
                               : qEnvironmentVariable("LOOPSCOPE_PYTHON");
    m_program->setText(settings.value(QStringLiteral("record/program")).toString());
    m_python->setText(settings.value(QStringLiteral("record/python"), python).toString());
    m_virtual->setChecked(settings.value(QStringLiteral("record/virtual"), false).toBool());
}

void RecordDialog::saveChoice() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("record/program"), m_program->text().trimmed());
    settings.setValue(QStringLiteral("record/python"), m_python->text().trimmed());
    settings.setValue(QStringLiteral("record/virtual"), m_virtual->isChecked());
}

RecorderOptions RecordDialog::options() const
{
    RecorderOptions options;
    options.python = m_python->text().trimmed();
    options.virtualClock = m_virtual->isChecked();
    options.program = {m_program->text().trimmed()};
    return options;
}

void RecordDialog::chooseProgram()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Record Python Program"), m_program->text(), tr("Python programs (*.py)"));
    if (!path.isEmpty())
        m_program->setText(path);
}

// Record only with a program that is there and an interpreter named.
void RecordDialog::updateOk()
{
    m_ok->setEnabled(QFileInfo(m_program->text().trimmed()).isFile()
                     && !m_python->text().trimmed().isEmpty());
}

} // namespace loopscope
