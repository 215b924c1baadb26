// The Python tests' common set-up: the importer found in the source tree, settings and
// recovery copies of their own, a program written to a temporary folder, and typing in the
// Python pane as a hand does (key by key, Return between lines; the pane does not indent).
#pragma once

#include "canvas/python_pane.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace loopscope::test {

// One coroutine: a print, then one second of sleep.
inline const char kHelloProgram[] = "import asyncio\n"
                                    "\n"
                                    "async def main():\n"
                                    "    print(\"hello\")\n"
                                    "    await asyncio.sleep(1)\n"
                                    "\n"
                                    "asyncio.run(main())\n";

class PythonProgramFixture
{
protected:
    void setUpPython()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTest"));
        QSettings().clear();
        if (qEnvironmentVariableIsEmpty("LOOPSCOPE_PYTHON_DIR")) // run by hand, not by ctest
            qputenv("LOOPSCOPE_PYTHON_DIR", LOOPSCOPE_SOURCE_DIR "/python");
        m_dir = std::make_unique<QTemporaryDir>();
        m_recovery = std::make_unique<QTemporaryDir>();
        qputenv("LOOPSCOPE_RECOVERY_DIR", m_recovery->path().toUtf8());
    }

    QString writeProgram(const QString &name, const QByteArray &text) const
    {
        const QString path = m_dir->filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(text);
        return path;
    }

    // Replaces the pane's text by `text`, typed line by line.
    static void typeProgram(PythonPane *pane, const QString &text)
    {
        pane->setFocus(Qt::OtherFocusReason);
        QTest::keyClick(pane, Qt::Key_A, Qt::ControlModifier);
        typeAtCursor(pane, text);
    }

    static void typeAtCursor(PythonPane *pane, const QString &text)
    {
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            if (i > 0)
                QTest::keyClick(pane, Qt::Key_Return);
            QTest::keyClicks(pane, lines[i]);
        }
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QTemporaryDir> m_recovery;
};

} // namespace loopscope::test
