// The callbacks the event loop ran (trace.loop.ran), packed. A run of a hundred million
// sleep(0) switches runs fifty million callbacks: as 24-byte structs they took 1.2 GB beside
// the rest of the trace, where packed they take about 3 bytes each (issue 18: <= 16 bytes a
// state change for the whole traced run).
//
// A record is a header byte (which fields follow), then as varints only what differs from the
// callback before: the lane (as the difference), the step (when not 0), `what`, `events` (as
// the difference) and `queued` (unless one less than before, as when an iteration runs what it
// found ready, or the same, as when each callback schedules one more). A task's step after the
// task before it packs into 3 bytes. Every kGroup
// records start afresh, so that callback i is decoded from the start of its group: reading in
// order (begin(), end()) is what the writers do; reading at random costs up to kGroup records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

namespace loopscope {

using StringId = std::uint32_t; // trace.h

struct LoopCallback
{
    int lane = -1;            // the task it is for (a task's step or wake-up), -1 when none
    StringId step = 0;        // the scenario step that task resumes at
    StringId what = 0;        // "step", "wakeup", "set_result", "timeout", "call_soon greet", ...
    std::uint32_t queued = 0; // callbacks in the ready queue just before this one was taken
    bool cancelled = false;   // a cancelled handle, skipped when its turn came
    std::uint32_t events = 0; // how many of trace.events were recorded before it ran
    friend bool operator==(const LoopCallback &, const LoopCallback &) = default;
};

class LoopCallbackList
{
public:
    class const_iterator;

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    LoopCallback operator[](std::size_t i) const;
    LoopCallback back() const { return (*this)[m_size - 1]; }
    const_iterator begin() const;
    const_iterator end() const;
    const_iterator at(std::size_t i) const; // an iterator to callback i (end() past the last)
    // `from` if it points to callback i (as when reading on in order), else at(i).
    const_iterator at(std::size_t i, const const_iterator &from) const;

    void push_back(const LoopCallback &cb);
    void truncate(std::size_t n); // keeps the first n
    void clear() { *this = LoopCallbackList(); }
    std::size_t bytes() const; // the memory it holds

private:
    static constexpr std::size_t kGroup = 64;
    static constexpr std::size_t kPageBytes = std::size_t(64) << 10;
    static constexpr std::size_t kMaxRecord = 32; // a header byte and five varints
    struct Place
    {
        std::uint32_t page;
        std::uint32_t offset;
    };
    static std::uint8_t *encode(std::uint8_t *p, const LoopCallback &cb, const LoopCallback &last);
    static LoopCallback decode(const std::uint8_t *&p, const LoopCallback &last);
    const std::uint8_t *groupStart(std::size_t group) const;
    void startGroup();

    std::vector<std::vector<std::uint8_t>> m_pages; // each at most kPageBytes, never regrown
    std::vector<Place> m_groups;                    // where each group of kGroup records starts
    std::size_t m_size = 0;
    LoopCallback m_last; // the record before the next one pushed (writer)
};

// Reads the records in order, each decoded once.
class LoopCallbackList::const_iterator
{
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = LoopCallback;
    using difference_type = std::ptrdiff_t;
    using pointer = const LoopCallback *;
    using reference = const LoopCallback &;

    const_iterator() = default;
    std::size_t index() const { return m_index; } // of the callback it points to
    reference operator*() const { return m_cb; }
    pointer operator->() const { return &m_cb; }
    const_iterator &operator++();
    const_iterator operator++(int)
    {
        const_iterator before = *this;
        ++*this;
        return before;
    }
    friend bool operator==(const const_iterator &a, const const_iterator &b)
    {
        return a.m_index == b.m_index;
    }

private:
    friend class LoopCallbackList;
    const_iterator(const LoopCallbackList *list, std::size_t index);
    void load(); // decodes record m_index at m_at

    const LoopCallbackList *m_list = nullptr;
    std::size_t m_index = 0;
    const std::uint8_t *m_at = nullptr;
    LoopCallback m_cb;
};

} // namespace loopscope
