// Scenario JSON written by a test, and the text at a reported line and column, so that a refusal's
// position is checked against what is really there (a wrong position cannot pass by accident).
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace loopscope::test {

// `main` is coroutines[0] with its steps on line 3; resources are on line 2; further coroutines
// start on line 4.
inline QByteArray scenarioDoc(const char *mainSteps, const char *resources = "",
                              const char *others = "")
{
    QByteArray json = "{\"format\": \"loopscope-scenario\", \"version\": 1,\n\"resources\": [";
    json += resources;
    json += "],\n\"coroutines\": [{\"name\": \"main\", \"steps\": [";
    json += mainSteps;
    json += "]}";
    if (*others)
        json += QByteArray(",\n") + others;
    return json + "]}\n";
}

// The text from a 1-based line and column (in characters) to the end of that line.
inline QString textAt(const QByteArray &json, int line, int column)
{
    const QStringList lines = QString::fromUtf8(json).split(QLatin1Char('\n'));
    return line >= 1 && line <= lines.size() ? lines[line - 1].mid(column - 1) : QString();
}

} // namespace loopscope::test
