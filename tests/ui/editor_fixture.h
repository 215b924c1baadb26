// The canvas tests' common set-up: a lesson opened in a ScenarioEditor shown offscreen, with a
// recovery folder of its own so that autosaves never reach the user's.
#pragma once

#include "canvas/scenario_editor.h"
#include "document/scenario_document.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace loopscope::test {

class EditorFixture
{
protected:
    // Opens `lesson` (a path under examples/) in a new 1600×900 editor; false if that failed.
    bool openLesson(const char *lesson)
    {
        return openFile(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/examples/") + lesson);
    }
    // The same for any scenario file.
    bool openFile(const QString &path)
    {
        m_recovery = std::make_unique<QTemporaryDir>();
        qputenv("LOOPSCOPE_RECOVERY_DIR", m_recovery->path().toUtf8());
        m_document = std::make_unique<ScenarioDocument>();
        if (!m_document->open(path).ok())
            return false;
        m_original = m_document->scenario();
        m_editor = std::make_unique<ScenarioEditor>(m_document.get());
        m_editor->resize(1600, 900);
        m_editor->show();
        return QTest::qWaitForWindowExposed(m_editor.get());
    }
    void closeLesson()
    {
        m_editor.reset();
        m_document.reset();
    }

    std::unique_ptr<QTemporaryDir> m_recovery;
    std::unique_ptr<ScenarioDocument> m_document;
    std::unique_ptr<ScenarioEditor> m_editor;
    Scenario m_original; // the scenario as opened
};

} // namespace loopscope::test
