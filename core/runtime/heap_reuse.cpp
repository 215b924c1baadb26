#include "runtime/heap_reuse.h"

#include <cstdlib> // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <cstdint>
#include <malloc.h>
#include <sys/mman.h>
#endif

namespace loopscope::rt {

namespace {

#if defined(__GLIBC__)
// The heap's first 120 MiB in transparent huge pages: a run's task frames, futures and logs
// come from there, and a cold run of 10,000 tasks touches tens of megabytes of them, a page
// fault every 4 KiB otherwise and one every 2 MiB with them (glibc does the same for the whole
// heap under GLIBC_TUNABLES=glibc.malloc.hugetlb=1, which a program cannot set for itself).
// Blocks are allocated from the heap (below the mmap threshold, one after the other), advised,
// and freed: they join the free top of the heap, which the trim threshold keeps, and the next
// allocations carve it. Only what is touched takes memory, to the next 2 MiB.
[[maybe_unused]] void adviseHugePagesForTheHeap()
{
    constexpr std::size_t kHugePage = std::size_t(2) << 20;
    constexpr std::size_t kBlock = std::size_t(30) << 20; // under glibc's largest mmap threshold
    constexpr int kBlocks = 4;
    mallopt(M_MMAP_THRESHOLD, int(kBlock + kHugePage));
    void *blocks[kBlocks] = {};
    for (void *&block : blocks) {
        block = std::malloc(kBlock);
        if (!block)
            break;
        const auto start = reinterpret_cast<std::uintptr_t>(block);
        const std::uintptr_t begin = (start + kHugePage - 1) & ~(kHugePage - 1);
        const std::uintptr_t end = (start + kBlock) & ~(kHugePage - 1);
        if (end > begin)
            madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
    }
    for (void *block : blocks)
        std::free(block);
}
#endif

} // namespace

void keepFreedHeapForReuse()
{
#if defined(__GLIBC__)
    constexpr int kTrimThreshold = 256 << 20;
    mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    adviseHugePagesForTheHeap(); // a sanitizer's allocator would only quarantine the blocks
#endif
#endif
}

} // namespace loopscope::rt
