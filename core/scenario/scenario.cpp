#include "scenario/scenario.h"

namespace loopscope {

const Coroutine *Scenario::coroutine(const QString &name) const
{
    for (const auto &c : coroutines)
        if (c.name == name)
            return &c;
    return nullptr;
}

const Coroutine *Scenario::function(const QString &name) const
{
    for (const auto &f : functions)
        if (f.name == name)
            return &f;
    return nullptr;
}

const Resource *Scenario::resource(const QString &id) const
{
    for (const auto &r : resources)
        if (r.id == id)
            return &r;
    return nullptr;
}

} // namespace loopscope
