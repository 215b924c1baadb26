#include "byte_log.h"

#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace loopscope::rt {

// Chunks of finished runs, kept for the next run: memory touched for the first time costs a
// page fault per 4 KiB (on a virtual machine about 9 us each), and the GUI and the tests run
// scenario after scenario. New chunks are carved from 2 MiB slabs the kernel may back with one
// huge page each (one fault instead of 512); up to 64 MiB of slabs are made, and their chunks
// always come back here. Past that, chunks are plain allocations, freed when the pool is full.
// The lock is taken once per chunk of 64 KiB, never per record.
class ByteLog::ChunkPool
{
public:
    static ChunkPool &instance()
    {
        // Never destroyed: a log may die after static destructors have run.
        static auto *pool = new ChunkPool;
        return *pool;
    }
    Chunk *take()
    {
        std::lock_guard lock(m_mutex);
        if (m_chunks.empty() && m_slabs < kMaxSlabs)
            addSlab();
        if (m_chunks.empty())
            return newPlainChunk();
        Chunk *c = m_chunks.back();
        m_chunks.pop_back();
        c->used.store(0, std::memory_order_relaxed);
        c->next.store(nullptr, std::memory_order_relaxed);
        return c;
    }
    void give(Chunk *c)
    {
        {
            std::lock_guard lock(m_mutex);
            if (c->fromSlab || m_chunks.size() < kMaxPlainChunks) {
                m_chunks.push_back(c);
                return;
            }
        }
        deletePlainChunk(c);
    }

private:
    static constexpr std::size_t kSlabSize = std::size_t(2) << 20;
    static constexpr std::size_t kMaxSlabs = 32;
    static constexpr std::size_t kMaxPlainChunks = (16u << 20) / sizeof(Chunk);

    // Mapped on its own, so that giving it back gives it to the system: a long run's records,
    // once read into its trace (ByteLog::drain), must not stay resident beside it, and memory
    // freed to malloc in 64 KiB pieces does.
    static Chunk *newPlainChunk()
    {
#if defined(__linux__)
        void *at = mmap(nullptr, sizeof(Chunk), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                        -1, 0);
        if (at == MAP_FAILED)
            throw std::bad_alloc();
        auto *c = new (at) Chunk;
#else
        auto *c = new Chunk;
#endif
        c->fromSlab = false;
        return c;
    }
    static void deletePlainChunk(Chunk *c)
    {
#if defined(__linux__)
        c->~Chunk();
        munmap(c, sizeof(Chunk));
#else
        delete c;
#endif
    }

    // One slab, aligned to its size so that a huge page can back it, cut into chunks.
    void addSlab()
    {
        void *slab = std::aligned_alloc(kSlabSize, kSlabSize);
        if (!slab)
            return;
#if defined(MADV_HUGEPAGE)
        madvise(slab, kSlabSize, MADV_HUGEPAGE); // advice only: fine if refused
#endif
        ++m_slabs;
        auto *bytes = static_cast<std::byte *>(slab);
        for (std::size_t at = 0; at + sizeof(Chunk) <= kSlabSize; at += kChunkSize)
            m_chunks.push_back(new (bytes + at) Chunk);
    }

    std::mutex m_mutex;
    std::vector<Chunk *> m_chunks;
    std::size_t m_slabs = 0;
};

ByteLog::ByteLog()
    : m_head(ChunkPool::instance().take())
    , m_tail(m_head)
{}

ByteLog::~ByteLog()
{
    for (Chunk *c = m_head; c;) {
        Chunk *next = c->next.load();
        giveBack(c);
        c = next;
    }
}

void ByteLog::grow()
{
    Chunk *c = ChunkPool::instance().take();
    m_tail->next.store(c, std::memory_order_release);
    m_tail = c;
    m_used = 0;
    m_chunks.fetch_add(1, std::memory_order_relaxed);
}

void ByteLog::giveBack(Chunk *c)
{
    ChunkPool::instance().give(c);
}

} // namespace loopscope::rt
