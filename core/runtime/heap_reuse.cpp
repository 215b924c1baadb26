#include "runtime/heap_reuse.h"

#include <cstdlib> // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace loopscope::rt {

void keepFreedHeapForReuse()
{
#if defined(__GLIBC__)
    constexpr int kTrimThreshold = 256 << 20;
    mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
#endif
}

} // namespace loopscope::rt
