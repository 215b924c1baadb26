#include "pools.h"

#include <algorithm>

namespace loopscope::rt {

QString defaultThreadName(int k)
{
    return QStringLiteral("asyncio_%1").arg(k);
}
QString poolThreadName(int pool, int k)
{
    return QStringLiteral("ThreadPoolExecutor-%1_%2").arg(pool).arg(k);
}
QString processName(int k)
{
    return QStringLiteral("Process-%1").arg(k);
}

std::vector<PoolSpec> poolSpecs(const Scenario &scenario)
{
    std::vector<PoolSpec> specs;
    PoolSpec def;
    def.workers = std::min(32, scenario.python.cpuCount + 4);
    specs.push_back(def);
    int named = 0;
    for (const Resource &r : scenario.resources) {
        if (r.kind != ResourceKind::ThreadPool && r.kind != ResourceKind::ProcessPool)
            continue;
        if (r.kind == ResourceKind::ThreadPool && r.id == QLatin1String("default")) {
            specs.front().workers = r.workers.value_or(specs.front().workers);
            continue;
        }
        PoolSpec spec;
        spec.id = r.id;
        spec.process = r.kind == ResourceKind::ProcessPool;
        spec.workers = r.workers.value_or(
            spec.process ? scenario.python.cpuCount : std::min(32, scenario.python.cpuCount + 4));
        spec.workers = std::max(1, spec.workers);
        spec.startup = r.startup;
        spec.nameIndex = spec.process ? 0 : named++;
        specs.push_back(spec);
    }
    return specs;
}

} // namespace loopscope::rt
