#include "trace/loop_callbacks.h"

#include "trace/varint.h"

namespace loopscope {

namespace {

enum : std::uint8_t {
    kCancelled = 1,
    kLane = 2,
    kStep = 4,
    kWhat = 8,
    kEvents = 16,
    kQueued = 32,
    kQueuedSame = 64,
};

} // namespace

std::uint8_t *LoopCallbackList::encode(std::uint8_t *p, const LoopCallback &cb,
                                       const LoopCallback &last)
{
    std::uint8_t *const head = p++;
    *head = cb.cancelled ? kCancelled : 0;
    if (cb.lane != last.lane) {
        *head |= kLane;
        p = putVarint(p, zigzag(std::int64_t(cb.lane) - last.lane));
    }
    if (cb.step != 0) {
        *head |= kStep;
        p = putVarint(p, cb.step);
    }
    if (cb.what != last.what) {
        *head |= kWhat;
        p = putVarint(p, cb.what);
    }
    if (cb.events != last.events) {
        *head |= kEvents;
        p = putVarint(p, zigzag(std::int64_t(cb.events) - last.events));
    }
    if (cb.queued == last.queued) { // each task stepped schedules itself again (sleep(0))
        *head |= kQueuedSame;
    } else if (cb.queued != last.queued - 1) {
        *head |= kQueued;
        p = putVarint(p, cb.queued);
    }
    return p;
}

LoopCallback LoopCallbackList::decode(const std::uint8_t *&p, const LoopCallback &last)
{
    const std::uint8_t head = *p++;
    LoopCallback cb;
    cb.cancelled = (head & kCancelled) != 0;
    cb.lane = head & kLane ? int(last.lane + unzigzag(getVarint(p))) : last.lane;
    cb.step = head & kStep ? StringId(getVarint(p)) : 0;
    cb.what = head & kWhat ? StringId(getVarint(p)) : last.what;
    cb.events = head & kEvents ? std::uint32_t(last.events + unzigzag(getVarint(p))) : last.events;
    cb.queued = head & kQueued       ? std::uint32_t(getVarint(p))
                : head & kQueuedSame ? last.queued
                                     : last.queued - 1;
    return cb;
}

const std::uint8_t *LoopCallbackList::groupStart(std::size_t group) const
{
    const Place at = m_groups[group];
    return m_pages[at.page].data() + at.offset;
}

// A group never spans two pages: it starts on a new page when the rest of this one might not
// hold it whole.
void LoopCallbackList::startGroup()
{
    if (m_pages.empty() || kPageBytes - m_pages.back().size() < kGroup * kMaxRecord) {
        m_pages.emplace_back();
        m_pages.back().reserve(kPageBytes);
    }
    m_groups.push_back(
        Place{std::uint32_t(m_pages.size() - 1), std::uint32_t(m_pages.back().size())});
    m_last = LoopCallback{};
}

void LoopCallbackList::push_back(const LoopCallback &cb)
{
    if (m_size % kGroup == 0)
        startGroup();
    std::uint8_t record[kMaxRecord];
    const std::uint8_t *const end = encode(record, cb, m_last);
    std::vector<std::uint8_t> &page = m_pages.back();
    page.insert(page.end(), static_cast<const std::uint8_t *>(record), end);
    m_last = cb;
    ++m_size;
}

void LoopCallbackList::truncate(std::size_t n)
{
    if (n >= m_size)
        return;
    const std::size_t group = n / kGroup;
    const Place start = m_groups[group];
    const_iterator kept = n % kGroup ? at(n - 1) : const_iterator();
    const std::size_t cut = n % kGroup ? std::size_t(kept.m_at - m_pages[start.page].data())
                                       : std::size_t(start.offset);
    m_groups.resize(n % kGroup ? group + 1 : group);
    m_pages.resize(start.page + 1);
    m_pages.back().resize(cut);
    m_last = kept.m_cb;
    m_size = n;
}

std::size_t LoopCallbackList::bytes() const
{
    std::size_t n = m_groups.capacity() * sizeof(Place)
                    + m_pages.capacity() * sizeof(std::vector<std::uint8_t>);
    for (const std::vector<std::uint8_t> &page : m_pages)
        n += page.capacity();
    return n;
}

LoopCallback LoopCallbackList::operator[](std::size_t i) const
{
    return *at(i);
}

LoopCallbackList::const_iterator LoopCallbackList::begin() const
{
    return const_iterator(this, 0);
}

LoopCallbackList::const_iterator LoopCallbackList::end() const
{
    return const_iterator(this, m_size);
}

LoopCallbackList::const_iterator LoopCallbackList::at(std::size_t i) const
{
    return const_iterator(this, i);
}

LoopCallbackList::const_iterator LoopCallbackList::at(std::size_t i,
                                                      const const_iterator &from) const
{
    return from.m_list == this && from.m_index == i ? from : at(i);
}

LoopCallbackList::const_iterator::const_iterator(const LoopCallbackList *list, std::size_t index)
    : m_list(list)
    , m_index(index)
{
    if (index >= list->m_size)
        return;
    m_at = list->groupStart(index / kGroup);
    for (std::size_t k = 0; k <= index % kGroup; ++k)
        m_cb = decode(m_at, m_cb);
}

LoopCallbackList::const_iterator &LoopCallbackList::const_iterator::operator++()
{
    if (++m_index >= m_list->m_size)
        return *this;
    if (m_index % kGroup == 0) {
        m_at = m_list->groupStart(m_index / kGroup);
        m_cb = LoopCallback{};
    }
    m_cb = decode(m_at, m_cb);
    return *this;
}

} // namespace loopscope
