// An append-only stream of packed, variable-length records, written by one thread and readable
// by any thread while it grows: what the recorder and the loop log keep a run in.
//
// Records live in fixed-size chunks that are never moved or freed during the run. The writer
// packs a record into its chunk's free bytes, then publishes it with a release store of the
// bytes used; a reader loads that with acquire and decodes that many bytes, so it never sees a
// torn record. A record never straddles two chunks, and each chunk decodes on its own (the
// writer's delta coding starts again at a fresh chunk: fresh()), which is what lets a reader
// start anywhere a chunk starts. A hundred million state changes packed this way take 4-6
// bytes each, where the fixed 24-byte records they replace needed 2.4 GB.
#pragma once

#include "trace/varint.h"

#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>

namespace loopscope::rt {

class ByteLog
{
public:
    static constexpr std::size_t kMaxRecord = 64; // no record packs into more

    ByteLog();
    ~ByteLog();
    ByteLog(const ByteLog &) = delete;
    ByteLog &operator=(const ByteLog &) = delete;

    // Room for one record of up to kMaxRecord bytes, at the end of the last chunk.
    std::uint8_t *reserve()
    {
        if (kChunkBytes - m_used < kMaxRecord) [[unlikely]]
            grow();
        return m_tail->bytes + m_used;
    }
    // True when the room reserve() gave starts a chunk: the record must not refer to others.
    bool fresh() const { return m_used == 0; }
    // Publishes the record written at reserve() as `n` bytes.
    void commit(std::size_t n)
    {
        m_used += std::uint32_t(n);
        m_tail->used.store(m_used, std::memory_order_release);
        m_records.store(++m_written, std::memory_order_release);
    }

    // Any thread: records committed so far (what a later forEachChunk sees at least).
    std::size_t records() const { return m_records.load(std::memory_order_acquire); }
    // Any thread: the bytes the log holds, whole chunks.
    std::size_t bytes() const { return m_chunks.load(std::memory_order_relaxed) * kChunkSize; }

    // f(begin, end) for each chunk's published bytes, oldest first. Any thread.
    template<typename F>
    void forEachChunk(F &&f) const
    {
        for (const Chunk *c = m_head; c; c = c->next.load(std::memory_order_acquire))
            f(c->bytes, c->bytes + c->used.load(std::memory_order_acquire));
    }
    // The same, each chunk given back as soon as it has been read, and the log left empty:
    // the last reader of a finished run, so that its records and what is built from them are
    // never both in memory whole. The writer must be done.
    template<typename F>
    void drain(F &&f)
    {
        for (Chunk *c = m_head; c;) {
            f(static_cast<const std::uint8_t *>(c->bytes), c->bytes + c->used.load());
            Chunk *next = c->next.load();
            if (c != m_head)
                giveBack(c);
            c = next;
        }
        m_head->used.store(0);
        m_head->next.store(nullptr);
        m_tail = m_head;
        m_used = 0;
        m_chunks.store(1);
    }

private:
    struct Chunk;
    static constexpr std::size_t kChunkSize = std::size_t(64) << 10; // 32 to a 2 MiB slab
    static constexpr std::size_t kChunkBytes = kChunkSize - 2 * sizeof(void *);
    struct Chunk
    {
        std::uint8_t bytes[kChunkBytes];
        std::atomic<std::uint32_t> used{0};
        bool fromSlab = true; // else allocated on its own (byte_log.cpp)
        std::atomic<Chunk *> next{nullptr};
    };
    static_assert(sizeof(Chunk) <= kChunkSize);
    class ChunkPool;
    void grow();
    static void giveBack(Chunk *c);

    Chunk *m_head;
    Chunk *m_tail;
    std::uint32_t m_used = 0;  // writer: bytes used in m_tail
    std::size_t m_written = 0; // writer: records committed
    std::atomic<std::size_t> m_records{0};
    std::atomic<std::size_t> m_chunks{1};
};

// A time as the difference of its bit pattern from the last one: exact for any double, and a
// few bytes for times close together (times of one thread mostly only grow).
inline std::uint8_t *putTime(std::uint8_t *p, double t, std::uint64_t &last)
{
    const auto bits = std::bit_cast<std::uint64_t>(t);
    p = putVarint(p, zigzag(std::int64_t(bits - last)));
    last = bits;
    return p;
}

inline double getTime(const std::uint8_t *&p, std::uint64_t &last)
{
    last += std::uint64_t(unzigzag(getVarint(p)));
    return std::bit_cast<double>(last);
}

} // namespace loopscope::rt
