// File > Record Python Program...: which program, under which interpreter, on which clock;
// the last recording's choice to start with.
#pragma once

#include "record/recorder_launch.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QPushButton;

namespace loopscope {

class RecordDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RecordDialog(QWidget *parent = nullptr);
    RecorderOptions options() const; // the program and its interpreter and clock

private:
    void chooseProgram();
    void updateOk();
    void restoreLastChoice(); // QSettings "record/…"
    void saveChoice() const;

    QLineEdit *m_program = nullptr;
    QLineEdit *m_python = nullptr;
    QCheckBox *m_virtual = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace loopscope
