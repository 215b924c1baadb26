// How many lanes of a fold (the tasks of one coroutine, the threads of one pool) are in each
// state over time: a count timeline built once per trace from the lanes' spans, so that a fold
// paints in O(pixel columns x log changes) whatever its lane and span counts. Counts over
// [times[k], times[k+1]) are stored per change instant; area checkpoints every kBlock changes
// turn a pixel column's mean count into a short walk.
#pragma once

#include "trace/trace.h"

#include <QHash>
#include <QString>

#include <array>
#include <cstdint>
#include <thread>
#include <vector>

namespace loopscope {

constexpr int kStateCount = 5; // LaneState's values, in their order
using StateCounts = std::array<std::int32_t, kStateCount>;
using StateShares = std::array<double, kStateCount>; // mean counts over an interval

class FoldTimeline
{
public:
    FoldTimeline() = default;
    FoldTimeline(const Trace &trace, const std::vector<int> &lanes);

    // The lanes in each state at instant t (spans are half-open: a span ending at t is over).
    StateCounts countsAt(double t) const;
    // The mean count in each state over [t0, t1); countsAt(t0) when the interval is empty.
    StateShares meanOver(double t0, double t1) const;
    // What a run of pixel columns shows: for column i, the mean counts over [start + i * width,
    // start + (i + 1) * width) and the instants in it. The same values as meanOver and
    // runningInstantsIn, at the cost of walking forward from one column to the next.
    struct Column
    {
        StateShares mean{};
        int instants = 0;
    };
    void columns(double start, double width, int count, std::vector<Column> &out) const;
    // Zero-length running spans (a task's instant between two awaits) in [t0, t1).
    int runningInstantsIn(double t0, double t1) const;
    // The most lanes alive (in any state) at one instant: what a full band stands for.
    int maxActive() const { return m_maxActive; }
    std::size_t changeCount() const { return m_times.size(); }
    bool isEmpty() const { return m_times.empty() && m_instants.empty(); }
    std::size_t bytes() const;

private:
    using Area = StateShares; // lane-seconds per state
    static constexpr int kBlock = 16;
    int stepAt(double t) const;             // the last change at or before t, -1 before the first
    int stepFrom(int step, double t) const; // stepAt(t), searching on from stepAt(t' <= t)
    Area areaUntil(double t) const { return areaUntil(stepAt(t), t); }
    Area areaUntil(int step, double t) const;
    void addArea(Area &area, int step, double from, double to) const;
    void prefetchBlockOf(int step) const;

    std::vector<double> m_times;       // change instants, ascending, distinct
    std::vector<StateCounts> m_counts; // over [m_times[k], m_times[k + 1])
    std::vector<Area> m_blockArea;     // area from m_times[0] to m_times[b * kBlock]
    std::vector<double> m_blockTimes;  // m_times[b * kBlock]: a search index that stays cached
    std::vector<double> m_instants;    // of zero-length running spans, ascending
    int m_maxActive = 0;
};

} // namespace loopscope

namespace loopscope {

struct LaneGroup;

// The count timelines of one trace's groups, each built the first time it is painted and kept
// until the trace changes (clear()).
class FoldTimelines
{
public:
    void clear() { m_byKey.clear(); }
    bool has(const QString &groupKey) const { return m_byKey.contains(groupKey); }
    const FoldTimeline &of(const Trace &trace, const QString &groupKey,
                           const std::vector<int> &lanes);
    // Builds the timelines of `groups` not built yet side by side, on as many threads as
    // `cores` (a frame about to paint them all waits for the last one): a big trace's
    // first frame. Few spans in all: nothing here, of() builds them as they are painted.
    void prepare(const Trace &trace, const std::vector<const LaneGroup *> &groups,
                 unsigned cores = std::thread::hardware_concurrency());
    static constexpr std::size_t kSpansWorthThreads = 200000;

private:
    QHash<QString, FoldTimeline> m_byKey;
};

} // namespace loopscope
