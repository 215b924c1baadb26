#include "frame.h"

#include "scenario/scenario.h"

#include <algorithm>

namespace loopscope::rt {

PyError unboundLocal(const QString &name)
{
    return PyError{QStringLiteral("UnboundLocalError"),
                   QStringLiteral("cannot access local variable '%1' where it is not associated "
                                  "with a value")
                       .arg(name),
                   {}};
}

const Value *Frame::find(const QString &name) const
{
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : &it->second;
}

bool Frame::isGlobal(const QString &name) const
{
    if (!coroutine)
        return true;
    return std::find(coroutine->globals.begin(), coroutine->globals.end(), name)
           != coroutine->globals.end();
}

} // namespace loopscope::rt
