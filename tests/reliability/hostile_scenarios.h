// Scenario texts for the reliability tests: hostile but valid programs, written out as JSON so
// that they go through readScenario like a file would.
#pragma once

#include "scenario/scenario_json.h"

#include <QByteArray>
#include <QString>

namespace loopscope::test {

// A scenario file with these coroutines (a JSON array's inside) and resources.
QByteArray scenarioText(const QByteArray &coroutines, const QByteArray &resources = {});

// main's steps only.
QByteArray mainText(const QByteArray &steps, const QByteArray &resources = {});

// `levels` nested `with` steps on locks l0..l<levels-1> around one sleep of 1 s.
QByteArray nestedWithText(int levels);

// main calls c0, c0 calls c1, ..., c<depth-1> sleeps 1 s.
QByteArray callChainText(int depth);

// Reads the text; a test failure names the first problem.
Scenario loadOrFail(const QByteArray &json);

} // namespace loopscope::test
