#include "app/record_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

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
    m_python->setText(qEnvironmentVariableIsEmpty("LOOPSCOPE_PYTHON")
                          ? QStringLiteral("python3")
                          : qEnvironmentVariable("LOOPSCOPE_PYTHON"));
    m_virtual->setObjectName(QStringLiteral("recordVirtual"));
    auto *browse = new QPushButton(tr("&Browse\u2026"), this);
    auto *programRow = new QHBoxLayout;
    programRow->addWidget(m_program);
    programRow->addWidget(browse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Record"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Program:"), programRow);
    form->addRow(tr("P&ython:"), m_python);
    form->addRow(QString(), m_virtual);
    form->addRow(buttons);
    connect(browse, &QPushButton::clicked, this, &RecordDialog::chooseProgram);
    connect(m_program, &QLineEdit::textChanged, this, &RecordDialog::updateOk);
    connect(m_python, &QLineEdit::textChanged, this, &RecordDialog::updateOk);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOk();
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
