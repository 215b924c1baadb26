// A FIFO queue in one growing ring of slots. The loop pushes and pops a callback per await;
// std::deque allocates and frees a block every few entries doing that, a ring never does once
// it has grown to the largest queue of the run.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace loopscope::rt {

template<typename T>
class RingQueue
{
public:
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }

    void push_back(T value) { back_slot() = std::move(value); }
    // A new last entry, as T{} (pop_front leaves slots so), for the caller to fill in field by
    // field: filling a slot in place spares the hottest push a copy of an entry built just before.
    T &back_slot()
    {
        if (m_size == m_slots.size())
            grow();
        return m_slots[(m_head + m_size++) & (m_slots.size() - 1)];
    }
    // Moves the first entry out; the queue must not be empty.
    T pop_front()
    {
        T value = std::move(m_slots[m_head]);
        m_slots[m_head] = T{};
        m_head = (m_head + 1) & (m_slots.size() - 1);
        --m_size;
        return value;
    }
    const T &front() const { return m_slots[m_head]; }
    const T &operator[](std::size_t i) const
    {
        return m_slots[(m_head + i) & (m_slots.size() - 1)];
    }

private:
    void grow()
    {
        std::vector<T> slots(m_slots.empty() ? 64 : m_slots.size() * 2);
        for (std::size_t i = 0; i < m_size; ++i)
            slots[i] = std::move(m_slots[(m_head + i) & (m_slots.size() - 1)]);
        m_slots = std::move(slots);
        m_head = 0;
    }

    std::vector<T> m_slots; // a power of two in size
    std::size_t m_head = 0;
    std::size_t m_size = 0;
};

} // namespace loopscope::rt
