#include "timeline/fold_timeline.h"

#include "timeline/lane_rows.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace loopscope {

namespace {

// A lane leaving state `from` for state `to` at t; -1 for none (before its first span, after
// its last). Spans of a lane mostly touch: one change, not two, halves what is sorted.
struct Change
{
    double t;
    std::int32_t from;
    std::int32_t to;
};

// Sorts the changes by time: a bucket sort, each bucket an equal slice of the times' range,
// then each bucket sorted on its own (a few changes each, mostly). It takes a fold of a
// million changes in a fraction of a comparison sort's time, and the first frame of a big
// trace waits for its folds. Slicing keeps the order: t0 <= t1 puts t0 in no later bucket.
void sortByTime(std::vector<Change> &changes)
{
    if (changes.size() < 2)
        return;
    const auto [low, high] = std::minmax_element(
        changes.begin(), changes.end(), [](const Change &a, const Change &b) { return a.t < b.t; });
    const double min = low->t;
    const std::size_t buckets = changes.size() / 2 + 1;
    const double scale = high->t > min ? double(buckets - 1) / (high->t - min) : 0.0;
    auto bucketOf = [&](const Change &change) {
        return std::min(buckets - 1, std::size_t((change.t - min) * scale));
    };
    std::vector<std::uint32_t> starts(buckets + 1, 0);
    for (const Change &change : changes)
        ++starts[bucketOf(change) + 1];
    for (std::size_t b = 0; b < buckets; ++b)
        starts[b + 1] += starts[b];
    std::vector<Change> sorted(changes.size());
    std::vector<std::uint32_t> next(starts.begin(), starts.end() - 1);
    for (const Change &change : changes)
        sorted[next[bucketOf(change)]++] = change;
    const auto earlier = [](const Change &a, const Change &b) { return a.t < b.t; };
    for (std::size_t b = 0; b < buckets; ++b)
        if (starts[b + 1] - starts[b] > 1)
            std::sort(sorted.begin() + starts[b], sorted.begin() + starts[b + 1], earlier);
    changes.swap(sorted);
}

void addChanges(const Lane &lane, std::vector<Change> &changes, std::vector<double> &instants)
{
    std::int32_t open = -1;
    double openEnd = 0.0;
    for (const Span &span : lane.spans) {
        if (!(span.end > span.start)) {
            if (span.state == LaneState::Running)
                instants.push_back(span.start);
            continue;
        }
        const auto state = std::int32_t(span.state);
        if (open >= 0 && openEnd == span.start) {
            if (open != state)
                changes.push_back({span.start, open, state});
        } else {
            if (open >= 0)
                changes.push_back({openEnd, open, -1});
            changes.push_back({span.start, -1, state});
        }
        open = state;
        openEnd = span.end;
    }
    if (open >= 0)
        changes.push_back({openEnd, open, -1});
}

std::vector<Change> changesOf(const Trace &trace, const std::vector<int> &lanes,
                              std::vector<double> &instants)
{
    std::size_t spans = 0;
    for (int lane : lanes)
        spans += trace.lanes[std::size_t(lane)].spans.size();
    std::vector<Change> changes;
    changes.reserve(spans + lanes.size());
    for (int lane : lanes)
        addChanges(trace.lanes[std::size_t(lane)], changes, instants);
    return changes;
}

} // namespace

FoldTimeline::FoldTimeline(const Trace &trace, const std::vector<int> &lanes)
{
    std::vector<Change> changes = changesOf(trace, lanes, m_instants);
    std::sort(m_instants.begin(), m_instants.end());
    sortByTime(changes);
    m_times.reserve(changes.size());
    m_counts.reserve(changes.size());
    StateCounts counts{};
    for (std::size_t i = 0; i < changes.size();) {
        const double t = changes[i].t;
        for (; i < changes.size() && changes[i].t == t; ++i) {
            if (changes[i].from >= 0)
                --counts[std::size_t(changes[i].from)];
            if (changes[i].to >= 0)
                ++counts[std::size_t(changes[i].to)];
        }
        // A lane leaving one state for another at t is one change, not two.
        if (!m_counts.empty() && m_counts.back() == counts)
            continue;
        m_times.push_back(t);
        m_counts.push_back(counts);
        int active = 0;
        for (std::int32_t c : counts)
            active += c;
        m_maxActive = std::max(m_maxActive, active);
    }
    if (m_times.size() < m_times.capacity() / 2) { // changes at one instant on a virtual clock
        m_times.shrink_to_fit();
        m_counts.shrink_to_fit();
    }
    Area area{};
    for (std::size_t k = 0; k < m_times.size(); ++k) {
        if (k % kBlock == 0) {
            m_blockArea.push_back(area);
            m_blockTimes.push_back(m_times[k]);
        }
        if (k + 1 < m_times.size())
            addArea(area, int(k), m_times[k], m_times[k + 1]);
    }
}

int FoldTimeline::stepAt(double t) const
{
    return int(std::upper_bound(m_times.begin(), m_times.end(), t) - m_times.begin()) - 1;
}

void FoldTimeline::addArea(Area &area, int step, double from, double to) const
{
    const StateCounts &counts = m_counts[std::size_t(step)];
    for (std::size_t s = 0; s < area.size(); ++s)
        area[s] += counts[s] * (to - from);
}

int FoldTimeline::stepFrom(int step, double t) const
{
    // Gallop forward over the blocks' first instants, then search one block: the columns of a
    // frame move forward a few blocks each, and the block index (1/16 of the instants) stays in
    // the cache where the instants would not.
    const int blocks = int(m_blockTimes.size());
    int low = step < 0 ? -1 : step / kBlock; // m_blockTimes[low] <= t, or low == -1
    int stride = 1;
    int high = low + 1;
    while (high < blocks && m_blockTimes[std::size_t(high)] <= t) {
        low = high;
        stride *= 2;
        high = low + stride;
    }
    high = std::min(high, blocks);
    const int block
        = int(std::upper_bound(m_blockTimes.begin() + (low + 1), m_blockTimes.begin() + high, t)
              - m_blockTimes.begin())
          - 1;
    if (block < 0)
        return -1;
    const auto first = m_times.begin() + std::ptrdiff_t(block) * kBlock;
    const auto last
        = m_times.begin()
          + std::min<std::ptrdiff_t>(std::ssize(m_times), (std::ptrdiff_t(block) + 1) * kBlock);
    return int(std::upper_bound(first, last, t) - m_times.begin()) - 1;
}

FoldTimeline::Area FoldTimeline::areaUntil(int step, double t) const
{
    if (step < 0)
        return {};
    const int block = step / kBlock;
    Area area = m_blockArea[std::size_t(block)];
    for (int k = block * kBlock; k < step; ++k)
        addArea(area, k, m_times[std::size_t(k)], m_times[std::size_t(k) + 1]);
    addArea(area, step, m_times[std::size_t(step)], t);
    return area;
}

StateCounts FoldTimeline::countsAt(double t) const
{
    const int step = stepAt(t);
    return step < 0 ? StateCounts{} : m_counts[std::size_t(step)];
}

StateShares FoldTimeline::meanOver(double t0, double t1) const
{
    StateShares mean{};
    const int first = stepAt(t0);
    const int last = t1 > t0 ? stepAt(t1) : first;
    if (first == last) { // inside one change interval: exact counts, no rounding
        const StateCounts counts = countsAt(t0);
        std::copy(counts.begin(), counts.end(), mean.begin());
        return mean;
    }
    Area area{};
    if (last - first <= kBlock) { // few changes: add them up here, exactly
        if (first >= 0)
            addArea(area, first, t0, m_times[std::size_t(first) + 1]);
        for (int k = first + 1; k < last; ++k)
            addArea(area, k, m_times[std::size_t(k)], m_times[std::size_t(k) + 1]);
        addArea(area, last, m_times[std::size_t(last)], t1);
    } else {
        const Area from = areaUntil(t0);
        area = areaUntil(t1);
        for (std::size_t s = 0; s < area.size(); ++s)
            area[s] -= from[s];
    }
    for (std::size_t s = 0; s < mean.size(); ++s)
        mean[s] = area[s] / (t1 - t0);
    return mean;
}

void FoldTimeline::columns(double start, double width, int count, std::vector<Column> &out) const
{
    out.assign(std::size_t(std::max(0, count)), {});
    if (isEmpty() || count <= 0)
        return;
    double t0 = start;
    int step = stepAt(t0);
    Area area = areaUntil(step, t0);
    auto instant = std::lower_bound(m_instants.begin(), m_instants.end(), t0);
    for (int i = 0; i < count; ++i) {
        Column &column = out[std::size_t(i)];
        const double t1 = start + (i + 1) * width;
        const int next = stepFrom(step, t1);
        if (next - step > kBlock) // columns of many changes each: their reads miss the cache
            prefetchBlockOf(next + 2 * (next - step));
        Area piece{};
        if (next == step) { // inside one change interval: exact counts
            if (step >= 0) {
                const StateCounts &counts = m_counts[std::size_t(step)];
                std::copy(counts.begin(), counts.end(), column.mean.begin());
                addArea(area, step, t0, t1);
            }
        } else if (next - step <= kBlock) { // few changes: add them up here
            if (step >= 0)
                addArea(piece, step, t0, m_times[std::size_t(step) + 1]);
            for (int k = step + 1; k < next; ++k)
                addArea(piece, k, m_times[std::size_t(k)], m_times[std::size_t(k) + 1]);
            addArea(piece, next, m_times[std::size_t(next)], t1);
            for (std::size_t s = 0; s < piece.size(); ++s) {
                column.mean[s] = piece[s] / (t1 - t0);
                area[s] += piece[s];
            }
        } else {
            const Area until = areaUntil(next, t1);
            for (std::size_t s = 0; s < until.size(); ++s)
                column.mean[s] = (until[s] - area[s]) / (t1 - t0);
            area = until;
        }
        const auto end = std::lower_bound(instant, m_instants.end(), t1);
        column.instants = int(end - instant);
        instant = end;
        t0 = t1;
        step = next;
    }
}

// The changes a column two columns on likely ends in (as many changes a column as this one):
// asks for them now, so that the misses of the columns overlap instead of adding up.
void FoldTimeline::prefetchBlockOf(int step) const
{
    if (step < 0 || std::size_t(step) >= m_times.size())
        return;
    const std::size_t first = std::size_t(step) / kBlock * kBlock;
    const std::size_t last = std::min(m_times.size(), first + kBlock) - 1;
    __builtin_prefetch(&m_blockTimes[first / kBlock]);
    __builtin_prefetch(&m_blockArea[first / kBlock]);
    for (std::size_t k = first; k <= last; k += 64 / sizeof(double))
        __builtin_prefetch(&m_times[k]);
    __builtin_prefetch(&m_times[last]);
    for (std::size_t k = first; k <= last; k += 64 / sizeof(StateCounts))
        __builtin_prefetch(&m_counts[k]);
    __builtin_prefetch(&m_counts[last]);
}

int FoldTimeline::runningInstantsIn(double t0, double t1) const
{
    const auto from = std::lower_bound(m_instants.begin(), m_instants.end(), t0);
    return int(std::lower_bound(from, m_instants.end(), t1) - from);
}

std::size_t FoldTimeline::bytes() const
{
    return m_times.capacity() * sizeof(double) + m_counts.capacity() * sizeof(StateCounts)
           + m_blockArea.capacity() * sizeof(Area)
           + (m_blockTimes.capacity() + m_instants.capacity()) * sizeof(double);
}

} // namespace loopscope

namespace loopscope {

const FoldTimeline &FoldTimelines::of(const Trace &trace, const QString &groupKey,
                                      const std::vector<int> &lanes)
{
    auto it = m_byKey.find(groupKey);
    if (it == m_byKey.end())
        it = m_byKey.insert(groupKey, FoldTimeline(trace, lanes));
    return *it;
}

void FoldTimelines::prepare(const Trace &trace, const std::vector<const LaneGroup *> &groups,
                            unsigned cores)
{
    std::vector<const LaneGroup *> missing;
    std::size_t spans = 0;
    for (const LaneGroup *group : groups) {
        if (m_byKey.contains(group->key))
            continue;
        missing.push_back(group);
        for (int lane : group->lanes)
            spans += trace.lanes[std::size_t(lane)].spans.size();
    }
    const std::size_t threads = std::min<std::size_t>(missing.size(), std::max(1U, cores));
    if (threads < 2 || spans < kSpansWorthThreads)
        return;
    std::vector<FoldTimeline> built(missing.size());
    std::atomic<std::size_t> next{0};
    auto build = [&] {
        for (std::size_t i = next++; i < missing.size(); i = next++)
            built[i] = FoldTimeline(trace, missing[i]->lanes);
    };
    std::vector<std::jthread> helpers;
    for (std::size_t t = 1; t < threads; ++t)
        helpers.emplace_back(build);
    build();
    helpers.clear(); // joins
    for (std::size_t i = 0; i < missing.size(); ++i)
        m_byKey.emplace(missing[i]->key, std::move(built[i]));
}

} // namespace loopscope
