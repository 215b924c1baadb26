#include "timeline/span_summary.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace loopscope {

std::size_t firstSpanEndingAfter(const std::vector<Span> &spans, double t)
{
    const auto it = std::partition_point(spans.begin(), spans.end(),
                                         [t](const Span &s) { return s.end <= t; });
    return std::size_t(it - spans.begin());
}

int spanAt(const std::vector<Span> &spans, double t)
{
    const std::size_t i = firstSpanEndingAfter(spans, t);
    if (i < spans.size() && spans[i].start <= t)
        return int(i);
    return -1;
}

namespace {

// Collects runs, merging touching runs of one state, and the partial pixel column in progress.
class RunBuilder
{
public:
    explicit RunBuilder(std::vector<PixelRun> &out)
        : m_out(out)
    {}

    void addCoverage(int column, LaneState state, double weight)
    {
        if (column != m_column)
            flushColumn();
        m_column = column;
        m_weights[std::size_t(state)] += weight;
    }
    void addRun(int x0, int x1, LaneState state)
    {
        if (x1 <= x0)
            return;
        if (m_column >= 0 && m_column < x0)
            flushColumn();
        if (!m_out.empty() && m_out.back().x1 == x0 && m_out.back().state == state)
            m_out.back().x1 = x1;
        else
            m_out.push_back({x0, x1, state});
    }
    void flushColumn()
    {
        if (m_column < 0)
            return;
        const auto best = std::max_element(m_weights.begin(), m_weights.end());
        const int column = m_column;
        m_column = -1;
        if (*best > 0.0)
            addRun(column, column + 1, LaneState(best - m_weights.begin()));
        m_weights.fill(0.0);
    }

private:
    std::vector<PixelRun> &m_out;
    std::array<double, 5> m_weights{};
    int m_column = -1;
};

} // namespace

void summariseSpans(const std::vector<Span> &spans, const TimelineCoordinates &coords, int xMin,
                    int xMax, std::vector<PixelRun> &out)
{
    out.clear();
    if (xMax <= xMin || spans.empty())
        return;
    const double tEnd = coords.mapXToTime(xMax);
    RunBuilder runs(out);
    for (std::size_t i = firstSpanEndingAfter(spans, coords.mapXToTime(xMin));
         i < spans.size() && spans[i].start < tEnd; ++i) {
        const Span &span = spans[i];
        const double x0 = std::clamp(coords.mapTimeToX(span.start), double(xMin), double(xMax));
        const double x1 = std::clamp(coords.mapTimeToX(span.end), double(xMin), double(xMax));
        if (!(x1 > x0))
            continue;
        const int firstFull = int(std::ceil(x0));
        const int lastFull = int(std::floor(x1)); // columns [firstFull, lastFull) are covered
        if (firstFull > lastFull) {               // inside one column
            runs.addCoverage(int(std::floor(x0)), span.state, x1 - x0);
            continue;
        }
        if (firstFull > x0)
            runs.addCoverage(firstFull - 1, span.state, firstFull - x0);
        runs.addRun(firstFull, lastFull, span.state);
        if (x1 > lastFull)
            runs.addCoverage(lastFull, span.state, x1 - lastFull);
    }
    runs.flushColumn();
}

} // namespace loopscope
