// A per-thread free list for small blocks: coroutine frames and futures. A run makes and
// drops several of each per await; recycling them instead of calling malloc is what lets the
// loop switch tasks tens of times faster than CPython. Blocks freed on another thread (a
// run destroyed by the GUI thread) just join that thread's lists.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>

namespace loopscope::rt {

class FramePool
{
public:
    static void *allocate(std::size_t size)
    {
        const std::size_t cls = sizeClass(size);
        if (cls < kClasses) {
            Lists &lists = local();
            if (Block *b = lists.heads[cls]) {
                lists.heads[cls] = b->next;
                --lists.counts[cls];
                return b;
            }
            size = (cls + 1) * kGranule;
        }
        if (void *p = std::malloc(size))
            return p;
        throw std::bad_alloc();
    }
    static void deallocate(void *p, std::size_t size) noexcept
    {
        const std::size_t cls = sizeClass(size);
        if (cls < kClasses) {
            Lists &lists = local();
            if (lists.counts[cls] < kMaxPerClass) {
                auto *b = static_cast<Block *>(p);
                b->next = lists.heads[cls];
                lists.heads[cls] = b;
                ++lists.counts[cls];
                return;
            }
        }
        std::free(p);
    }

private:
    static constexpr std::size_t kGranule = 64;
    static constexpr std::size_t kClasses = 32; // blocks up to 2 KiB
    static constexpr std::size_t kMaxPerClass = 1 << 16;
    struct Block
    {
        Block *next;
    };
    struct Lists
    {
        Block *heads[kClasses] = {};
        std::size_t counts[kClasses] = {};
        ~Lists()
        {
            for (Block *head : heads)
                while (head) {
                    Block *next = head->next;
                    std::free(head);
                    head = next;
                }
        }
    };
    static std::size_t sizeClass(std::size_t size) { return (size - 1) / kGranule; }
    static Lists &local()
    {
        thread_local Lists lists;
        return lists;
    }
};

} // namespace loopscope::rt
