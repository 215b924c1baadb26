// The local variables of one running coroutine: parameters, loop variables, tasks, items.
#pragma once

#include "future.h"
#include "py_error.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <map>

namespace loopscope {
struct Quantity;
}

namespace loopscope::rt {

class Task;
class TaskGroupScope;

struct Value
{
    QJsonValue json;
    Ref<Future> task; // set when the variable holds a task
};

struct Frame
{
    std::map<QString, Value> vars;
    TaskGroupScope *group = nullptr; // the `async with TaskGroup() as tg` whose body this is

    const Value *find(const QString &name) const;
    // "$name" resolves to the variable; numbers and plain strings are literal.
    double number(const Quantity &q) const;
    Task *task(const QString &name) const; // RuntimeError-like PyError when it is not a task
    // {name} replaced by the value of a variable; unknown names stay as written.
    QString substitute(const QString &text) const;
    // The arguments of a call as the callee's frame sees them.
    Frame bind(const QJsonObject &args) const;
    QJsonValue resolve(const QJsonValue &v) const;
};

QString pythonStr(const QJsonValue &v);

} // namespace loopscope::rt
