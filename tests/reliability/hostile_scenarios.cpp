#include "hostile_scenarios.h"

#include <QtGlobal>

namespace loopscope::test {

QByteArray scenarioText(const QByteArray &coroutines, const QByteArray &resources)
{
    return R"({"format": "loopscope-scenario", "version": 1, "title": "hostile", "resources": [)"
           + resources + R"(], "coroutines": [)" + coroutines + "]}";
}

QByteArray mainText(const QByteArray &steps, const QByteArray &resources)
{
    return scenarioText(R"({"name": "main", "steps": [)" + steps + "]}", resources);
}

QByteArray nestedWithText(int levels)
{
    QByteArray steps = R"({"op": "sleep", "seconds": 1})";
    QByteArray locks;
    for (int i = levels - 1; i >= 0; --i) {
        const QByteArray id = "l" + QByteArray::number(i);
        steps = R"({"op": "with", "resource": ")" + id + R"(", "steps": [)" + steps + "]}";
        if (!locks.isEmpty())
            locks += ", ";
        locks += R"({"id": ")" + id + R"(", "kind": "lock"})";
    }
    return mainText(steps, locks);
}

QByteArray callChainText(int depth)
{
    QByteArray coroutines = R"({"name": "main", "steps": [{"op": "call", "coro": "c0"}]})";
    for (int i = 0; i < depth - 1; ++i)
        coroutines += R"(, {"name": "c)" + QByteArray::number(i)
                      + R"(", "steps": [{"op": "call", "coro": "c)" + QByteArray::number(i + 1)
                      + R"("}]})";
    coroutines += R"(, {"name": "c)" + QByteArray::number(depth - 1)
                  + R"(", "steps": [{"op": "sleep", "seconds": 1}]})";
    return scenarioText(coroutines);
}

Scenario loadOrFail(const QByteArray &json)
{
    const ScenarioLoad load = readScenario(json, QStringLiteral("hostile.loop.json"));
    if (!load.ok())
        qFatal("hostile scenario refused: %s", qPrintable(load.problems.front().toString()));
    return *load.scenario;
}

} // namespace loopscope::test
