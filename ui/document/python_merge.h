// Carrying the user's Python over a canvas edit: the edit is the change from the program
// generated before it to the one generated after it, applied to the user's text where the user
// did not change the same lines (a three-way merge of lines). What comes out is only a
// candidate: the editor keeps it only if it imports to the edited scenario (PythonEdits::verify).
#pragma once

#include <QString>

#include <optional>

namespace loopscope {

// `ours` with the changes from `base` to `theirs`, or nothing when a change of theirs overlaps
// one of ours (or the texts are too long to compare, over 3000 lines).
std::optional<QString> mergeLines(const QString &base, const QString &ours, const QString &theirs);

// The user's text with the canvas edit that turned `generatedBefore` into `generatedAfter`
// (pythonProgram of the scenario before and after). A user who does not scale durations gets
// none: the generated " * SCALE" factors are left out of both sides first.
std::optional<QString> carryUserText(QString generatedBefore, const QString &userText,
                                     QString generatedAfter);

} // namespace loopscope
